package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hrdd.refine.BronzeFixture.row;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Third-party grievances: one silver row per grievance, resolved facility and issue code; out-of-scope issues kept and
 * labelled; month-only dates kept with their precision; a grievance naming no facility of the master quarantined.
 */
class GrievanceRefinerTest {

    static final Taxonomies TAXONOMIES = new Taxonomies(
            Map.of(
                    "freedom_of_association",
                    new Taxonomies.Theme("freedom_of_association", "Freedom of association", "labour", false),
                    "health_safety",
                    new Taxonomies.Theme("health_safety", "Health and safety", "labour", false)),
            Map.of(
                    "tracker",
                    new Taxonomies.Crosswalk(
                            "tracker",
                            Map.of("LAB", "freedom_of_association", "OSH", "health_safety"),
                            Map.of(),
                            Map.of("DEF", "environment", "LAND", "land"))));

    static Map<String, Object> grievance(String id, String companies, String codes, String raised) {
        return row(
                "case_id",
                id,
                "received_at",
                raised,
                "raised_by",
                "NGO",
                "facility_name",
                companies,
                "country_code",
                "ID",
                "issue_codes",
                codes,
                "taxonomy",
                "tracker",
                "description",
                "Union leader Budi Santoso was dismissed after the strike; call +62 812 3456 7890.",
                "status",
                "in progress",
                "responded_at",
                null,
                "resolved_at",
                null);
    }

    static Refined refine(Dataset<Row> bronze) {
        FacilityResolver resolver = new FacilityResolver(
                List.of(
                        new FacilityResolver.MasterFacility("F1", "ID", null, List.of("PT Sawit Jaya Makmur")),
                        new FacilityResolver.MasterFacility("F2", "ID", null, List.of("PT Kebun Hijau Lestari"))),
                List.of(),
                0.92,
                0.02);
        return GrievanceRefiner.refine(
                FacilityResolution.resolvePartsWithMatches(
                                SharedSpark.session(),
                                bronze,
                                "facility_name",
                                "facility_os_id",
                                "country_code",
                                "facility_address",
                                resolver,
                                "bronze.grievance_case")
                        .rows(),
                BronzeFixture.contract("bronze.grievance_case"),
                BronzeFixture.contract("silver.grievance"),
                new CrosswalkColumns(TAXONOMIES),
                new SourceDatesUdf(
                        Map.of("test_system", List.of("yyyy-MM-dd", "yyyy-MM-00", "yyyy")), LocalDate.of(2026, 10, 20)),
                Granularity.QUARTER,
                "r");
    }

    @Test
    void oneRowPerFacilityAndCodeWithScopeLabelsAndDatePrecision() {
        Map<String, Object> closed = grievance("G3", "PT Kebun Hijau Lestari", "OSH", "2019");
        closed.put("status", "Closed");
        closed.put("responded_at", "2019-03-00");
        closed.put("resolved_at", "2020-01-15");
        Dataset<Row> bronze = BronzeFixture.of(
                "bronze.grievance_case",
                // two companies in one cell, one issue in scope and one out of scope
                grievance("G1", "PT Sawit Jaya Makmur|PT Kebun Hijau Lestari", "LAB;DEF", "2020-08-00"),
                // one company outside the master beside one inside: kept for the one that resolves
                grievance("G2", "PT Sawit Jaya Makmur|PT Tidak Dikenal", "LAND", "2021-02-10"),
                closed,
                // none resolves: quarantined, naming each reference
                grievance("G4", "PT Tidak Dikenal|CV Lain", "LAB", "2021-02-10"),
                // a code neither a theme nor out of scope
                grievance("G5", "PT Sawit Jaya Makmur", "XYZ", "2021-02-10"));
        Refined r = refine(bronze);

        assertThat(r.silver().orderBy("case_id", "facility_id", "source_code").collectAsList())
                .extracting(s -> String.join(
                        ":",
                        s.<String>getAs("case_id"),
                        s.<String>getAs("facility_id"),
                        s.<String>getAs("source_code"),
                        String.valueOf(s.<String>getAs("theme")),
                        s.<String>getAs("s2_scope"),
                        String.valueOf(s.<String>getAs("out_of_scope_area")),
                        String.valueOf((Object) s.getAs("raised_on")),
                        s.<String>getAs("raised_on_precision"),
                        String.valueOf(s.<String>getAs("period"))))
                .containsExactly(
                        "G1:F1:DEF:null:out_of_scope:environment:2020-08-01:month:2020-Q3",
                        "G1:F1:LAB:freedom_of_association:in_scope:null:2020-08-01:month:2020-Q3",
                        "G1:F2:DEF:null:out_of_scope:environment:2020-08-01:month:2020-Q3",
                        "G1:F2:LAB:freedom_of_association:in_scope:null:2020-08-01:month:2020-Q3",
                        "G2:F1:LAND:null:out_of_scope:land:2021-02-10:day:2021-Q1",
                        // a year-only date decides no quarter
                        "G3:F2:OSH:health_safety:in_scope:null:2019-01-01:year:null");
        Row g3 = r.silver().filter("case_id = 'G3'").first();
        assertThat(g3.<String>getAs("status")).isEqualTo("resolved");
        assertThat(g3.<String>getAs("responded_on_precision")).isEqualTo("month");
        assertThat(g3.<String>getAs("resolved_on_precision")).isEqualTo("day");
        assertThat(r.silver().filter("case_id = 'G1'").first().<String>getAs("description_scrubbed"))
                .as("the union leader's name and the phone number are gone")
                .isEqualTo("Union leader [NAME] was dismissed after the strike; call [PHONE].");
        assertThat(r.silver().filter("case_id = 'G2'").first().<String>getAs("facility_reference"))
                .isEqualTo("PT Sawit Jaya Makmur");

        List<Row> quarantined = r.quarantine().orderBy("reason").collectAsList();
        assertThat(quarantined)
                .extracting(q -> q.getAs("reason") + " " + q.getAs("detail"))
                .containsExactly(
                        "UNKNOWN_CODE issue code(s) XYZ not in conf/taxonomy/tracker.yaml (neither a theme nor"
                                + " out_of_scope)",
                        "UNRESOLVED_FACILITY no facility the grievance names resolves: 'PT Tidak Dikenal': best"
                                + " similarity 0.629 is below the threshold 0.920; 'CV Lain': best similarity 0.544 is"
                                + " below the threshold 0.920");
    }

    /**
     * An answer that ends before the grievance was raised is a BAD_DATE (a month-only answer in the month it was raised
     * is not); an OS ID beside several names says not whose it is and does not resolve them all to one facility.
     */
    @Test
    void anAnswerBeforeTheGrievanceIsABadDateAndAnOsIdBesideSeveralNamesIsNotUsed() {
        Map<String, Object> early = grievance("G1", "PT Sawit Jaya Makmur", "LAB", "2021-02-10");
        early.put("responded_at", "2021-01-00");
        Map<String, Object> sameMonth = grievance("G2", "PT Sawit Jaya Makmur", "LAB", "2021-02-10");
        sameMonth.put("responded_at", "2021-02-00");
        Map<String, Object> withOsId =
                grievance("G3", "PT Sawit Jaya Makmur|PT Kebun Hijau Lestari", "LAB", "2021-02-10");
        withOsId.put("facility_os_id", "ID2020130K7YPH9");
        FacilityResolver resolver = new FacilityResolver(
                List.of(
                        new FacilityResolver.MasterFacility(
                                "F1", "ID", "ID2020130K7YPH9", List.of("PT Sawit Jaya Makmur")),
                        new FacilityResolver.MasterFacility("F2", "ID", null, List.of("PT Kebun Hijau Lestari"))),
                List.of(),
                0.92,
                0.02);
        Dataset<Row> bronze = BronzeFixture.of("bronze.grievance_case", early, sameMonth, withOsId);
        Refined r = GrievanceRefiner.refine(
                FacilityResolution.resolvePartsWithMatches(
                                SharedSpark.session(),
                                bronze,
                                "facility_name",
                                "facility_os_id",
                                "country_code",
                                "facility_address",
                                resolver,
                                "bronze.grievance_case")
                        .rows(),
                BronzeFixture.contract("bronze.grievance_case"),
                BronzeFixture.contract("silver.grievance"),
                new CrosswalkColumns(TAXONOMIES),
                new SourceDatesUdf(
                        Map.of("test_system", List.of("yyyy-MM-dd", "yyyy-MM-00")), LocalDate.of(2026, 10, 20)),
                Granularity.QUARTER,
                "r");
        assertThat(r.quarantine().collectAsList())
                .extracting(q -> q.<String>getAs("reason") + " " + q.<String>getAs("detail"))
                .containsExactly("BAD_DATE responded_at '2021-01-00' is before received_at '2021-02-10'");
        assertThat(r.silver().orderBy("case_id", "facility_id").collectAsList())
                .extracting(x -> x.<String>getAs("case_id") + ":" + x.<String>getAs("facility_id") + ":"
                        + x.<String>getAs("match_method"))
                .containsExactly("G2:F1:exact_name", "G3:F1:exact_name", "G3:F2:exact_name");
    }

    /** A worker-voice feed whose taxonomy labels codes out of scope would quarantine them as unknown: refused. */
    @Test
    void onlyThirdPartyGrievanceFeedsMayUseOutOfScopeCodes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path yaml = java.nio.file.Files.writeString(
                dir.resolve("helpline_x.yaml"),
                "system: helpline_x\nfeeds:\n  - table: helpline_case\n    files: a.csv\n    format: csv\n"
                        + "    constants: {taxonomy: tracker}\n"
                        + "    columns: {case_id: id, received_at: d, issue_codes: c}\n");
        org.hrdd.ingest.SourceMapping helpline =
                org.hrdd.ingest.SourceMappingLoader.load(yaml, org.hrdd.schemas.ContractLoader.loadAll());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> RefineJob.Config.outOfScopeOnlyForGrievances(List.of(helpline), TAXONOMIES))
                .isInstanceOf(org.hrdd.config.ConfigException.class)
                .hasMessageContaining("feeds bronze.helpline_case with taxonomy 'tracker', whose codes [DEF, LAND] are"
                        + " out_of_scope: only third-party grievances (grievance_case) keep such codes");
    }

    /** Two facilities of one name in a country: the grievance's address says which; without one it is for review. */
    @Test
    void theReferencesAddressDecidesBetweenFacilitiesOfOneName() {
        FacilityResolver twins = new FacilityResolver(
                List.of(
                        new FacilityResolver.MasterFacility(
                                "F1",
                                "ID",
                                null,
                                List.of("PT Sawit Jaya Makmur"),
                                "Muaro Jambi",
                                "Jalan Lintas Timur KM 12, Desa Sungai Bahar, Muaro Jambi"),
                        new FacilityResolver.MasterFacility(
                                "F2",
                                "ID",
                                null,
                                List.of("PT Sawit Jaya Makmur"),
                                "Kampar",
                                "Jalan Raya Pekanbaru 45, Bangkinang, Kampar, Riau")),
                List.of(),
                0.92,
                0.02);
        Map<String, Object> atKampar = grievance("G1", "PT Sawit Jaya Makmur", "LAB", "2021-02-10");
        atKampar.put("facility_address", "Jl. Raya Pekanbaru No. 45, Bangkinang, Kampar, Riau, Indonesia");
        Dataset<Row> bronze = BronzeFixture.of(
                "bronze.grievance_case", atKampar, grievance("G2", "PT Sawit Jaya Makmur", "LAB", "2021-02-10"));
        FacilityResolution.Resolved resolved = FacilityResolution.resolvePartsWithMatches(
                SharedSpark.session(),
                bronze,
                "facility_name",
                "facility_os_id",
                "country_code",
                "facility_address",
                twins,
                "bronze.grievance_case");
        Refined r = GrievanceRefiner.refine(
                resolved.rows(),
                BronzeFixture.contract("bronze.grievance_case"),
                BronzeFixture.contract("silver.grievance"),
                new CrosswalkColumns(TAXONOMIES),
                new SourceDatesUdf(Map.of("test_system", List.of("yyyy-MM-dd")), LocalDate.of(2026, 10, 20)),
                Granularity.QUARTER,
                "r");
        assertThat(r.silver().collectAsList())
                .extracting(x -> x.<String>getAs("case_id") + ":" + x.<String>getAs("facility_id"))
                .containsExactly("G1:F2");
        assertThat(r.quarantine().collectAsList())
                .extracting(q -> q.<String>getAs("detail"))
                .containsExactly("no facility the grievance names resolves: 'PT Sawit Jaya Makmur': name matches"
                        + " several facilities: [F1, F2]");
        assertThat(resolved.matches().collectAsList())
                .extracting(m -> m.<String>getAs("facility_address") + " -> " + m.<String>getAs("facility_id"))
                .containsExactlyInAnyOrder(
                        "Jl. Raya Pekanbaru No. 45, Bangkinang, Kampar, Riau, Indonesia -> F2", "null -> null");
    }

    /** The gate's message counts a file's rows in the mapping's scope, as the share it reports does. */
    @Test
    void theGateMessageCountsTheFilesRowsInTheMappingsScope() {
        Map<String, Object> outA = grievance("G8", "PT Sawit Jaya Makmur", "LAB", "2021-02-10");
        outA.put("_excluded_by", "keep_rows 'Scope' not in [Environment]: is 'Environment'");
        Map<String, Object> outB = grievance("G9", "PT Sawit Jaya Makmur", "LAB", "2021-02-10");
        outB.put("_excluded_by", "keep_rows 'Scope' not in [Environment]: is 'Environment'");
        Dataset<Row> bronze = BronzeFixture.of(
                "bronze.grievance_case",
                grievance("G1", "PT Sawit Jaya Makmur", "LAB", "2021-02-10"),
                grievance("G4", "PT Tidak Dikenal", "LAB", "2021-02-10"),
                outA,
                outB);
        Refined r = refine(bronze);
        String message = RefineJob.gateMessage(
                "bronze.grievance_case",
                "test_system",
                1,
                2,
                0.05,
                "max_quarantine_share in conf/sources/t.yaml",
                0.1,
                r.quarantine().filter("reason != 'EXCLUDED_BY_MAPPING'"),
                bronze,
                BronzeFixture.contract("bronze.grievance_case"));
        assertThat(message)
                .contains("50.0 % of 2 rows quarantined")
                .contains("most in test/file.csv: 1 of its 2 rows in the mapping's scope (50.0 %)")
                .contains(
                        "e.g. row 2, UNRESOLVED_FACILITY: no facility the grievance names resolves: 'PT Tidak Dikenal'");
    }
}
