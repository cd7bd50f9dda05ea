package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hrdd.refine.BronzeFixture.row;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

class HelplineRefinerTest {

    static final Taxonomies TAXONOMIES = new Taxonomies(
            Map.of(
                    "recruitment_fees",
                    new Taxonomies.Theme("recruitment_fees", "Recruitment fees", "recruitment", false),
                    "retention_of_identity_documents",
                    new Taxonomies.Theme("retention_of_identity_documents", "Documents", "forced_labour", true)),
            Map.of(
                    "helpline_ngo_a",
                    new Taxonomies.Crosswalk(
                            "helpline_ngo_a",
                            Map.of(
                                    "RF01",
                                    "recruitment_fees",
                                    "RF02",
                                    "recruitment_fees",
                                    "ID01",
                                    "retention_of_identity_documents"),
                            Map.of())));

    static final Pseudonymiser KEY = new Pseudonymiser("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    static Map<String, Object> helplineCase(String id, String codes, String received) {
        return row(
                "case_id",
                id,
                "received_at",
                received,
                "channel",
                "LINE",
                "language",
                "my",
                "caller_id",
                "+66 81 234 5678",
                "caller_name",
                "Aung Kyaw Moe",
                "nationality",
                "mm",
                "gender",
                "m",
                "facility_name",
                "Siam Precision Electronics",
                "country_code",
                "TH",
                "recruiter_name",
                "Golden Star Agency Co., Ltd.",
                "issue_codes",
                codes,
                "taxonomy",
                "helpline_ngo_a",
                "description",
                "Aung Kyaw Moe paid 30000 THB, passport MA1234567 kept. Call 081-234-5678",
                "workers_affected",
                "4",
                "status",
                "referred",
                "consent_aggregate",
                "yes",
                "consent_case_sharing",
                "no",
                "consent_research",
                "Y");
    }

    /** Refines bronze cases against one master facility (F1, Siam Precision Electronics), run date 2026-10-20. */
    static Refined refine(Dataset<Row> bronze) {
        FacilityResolver resolver = new FacilityResolver(
                List.of(new FacilityResolver.MasterFacility(
                        "F1", "TH", null, List.of("Siam Precision Electronics Co., Ltd."))),
                List.of(),
                0.92,
                0.02);
        return HelplineRefiner.refine(
                FacilityResolution.resolve(
                        SharedSpark.session(), bronze, "facility_name", "facility_os_id", "country_code", resolver),
                BronzeFixture.contract("bronze.helpline_case"),
                BronzeFixture.contract("silver.worker_signal"),
                new CrosswalkColumns(TAXONOMIES),
                new SourceDatesUdf(Map.of("test_system", List.of("yyyy-MM-dd")), LocalDate.of(2026, 10, 20)),
                new PrivacyColumns(KEY),
                Granularity.QUARTER,
                "r");
    }

    @Test
    void oneSignalPerCodeWithPseudonymScrubbedTextAndReasonsForBadCases() {
        Map<String, Object> noConsent = helplineCase("C4", "RF01", "2026-04-02");
        noConsent.put("consent_aggregate", "no");
        noConsent.put("caller_id", null);
        Dataset<Row> bronze = BronzeFixture.of(
                "bronze.helpline_case",
                helplineCase("C1", "RF01; ID01 ;RF02", "2026-07-15"),
                helplineCase("C2", "RF01;XX9", "2026-07-16"),
                helplineCase("C3", "ID01", "2569-08-01"),
                noConsent,
                helplineCase("C5", "ID01", "2026-11-30"));
        Refined r = refine(bronze);

        List<Row> silver = r.silver().orderBy("source_record_id", "source_code").collectAsList();
        assertThat(silver)
                .extracting(s -> s.getAs("source_record_id") + ":" + s.getAs("source_code") + ":" + s.getAs("theme")
                        + ":" + s.getAs("period"))
                .containsExactly(
                        "C1:ID01:retention_of_identity_documents:2026-Q3",
                        "C1:RF01:recruitment_fees:2026-Q3",
                        "C1:RF02:recruitment_fees:2026-Q3",
                        "C3:ID01:retention_of_identity_documents:2026-Q3",
                        "C4:RF01:recruitment_fees:2026-Q2");
        Row c1 = silver.get(0);
        assertThat(c1.<String>getAs("worker_pseudonym")).isEqualTo(KEY.pseudonym("+66812345678"));
        assertThat(c1.<String>getAs("description_scrubbed"))
                .isEqualTo("[NAME] paid 30000 THB, passport [ID] kept. Call [PHONE]");
        assertThat(c1.<String>getAs("status")).isEqualTo("in_progress");
        assertThat(c1.<String>getAs("contact_channel")).isEqualTo("line");
        assertThat(c1.<String>getAs("recruiter_key")).isEqualTo("golden star agency");
        assertThat(c1.<String>getAs("nationality")).isEqualTo("MM");
        assertThat(c1.<Boolean>getAs("consent_case_sharing")).isFalse();
        assertThat(c1.<Boolean>getAs("consent_research")).isTrue();
        assertThat(c1.<Long>getAs("workers_affected")).isEqualTo(4L);
        assertThat(c1.<String>getAs("channel")).isEqualTo("helpline");
        Row c4 = silver.get(4);
        assertThat(c4.<Boolean>getAs("consent_aggregate")).isFalse();
        assertThat(c4.<String>getAs("gender"))
                .as("no disaggregation without consent")
                .isNull();
        assertThat(c4.<String>getAs("worker_pseudonym")).isEqualTo(KEY.pseudonym("case:test_system:C4"));
        for (Row s : silver) {
            assertThat(s.mkString("|")).doesNotContain("Aung", "5678", "MA1234567");
        }
        assertThat(r.quarantine().orderBy("source_row").collectAsList())
                .extracting(q -> q.getAs("source_row") + ":" + q.getAs("reason"))
                .containsExactly("2:UNKNOWN_CODE", "5:FUTURE_DATE");
        assertThat(r.accounting()).isEqualTo(new Refined.Accounting(5, 3, 2, 0));
        assertThat(r.tally().conversionsByFile())
                .as("C3's Buddhist-era year, counted")
                .isEqualTo(Map.of("test/file.csv", Map.of(SourceDates.BUDDHIST_ERA, 1L)));
        assertThat(r.quarantine().filter("source_row = 2").first().<String>getAs("raw_row"))
                .as("quarantine keeps the bronze row as it was")
                .contains("\"channel\":\"LINE\"", "\"status\":\"referred\"");
    }

    /**
     * A row the mapping's keep_rows filters leave out is quarantined as EXCLUDED_BY_MAPPING only (its bad date is not a
     * defect to count), accounted for, and not counted by the gate's share; a defect beside it still is.
     */
    @Test
    void rowLeftOutByTheMappingIsAccountedButNotGated() {
        Map<String, Object> kept = helplineCase("C8", "RF01", "2026-07-15");
        Map<String, Object> community = helplineCase("C9", "RF01", "2026-02-30");
        community.put("_excluded_by", "keep_rows 'Party' in [Workers]: is 'Community'");
        Map<String, Object> badDate = helplineCase("C10", "RF01", "2026-02-30");
        Dataset<Row> bronze = BronzeFixture.of("bronze.helpline_case", kept, community, badDate);
        Refined r = refine(bronze);
        assertThat(r.silver().collectAsList())
                .extracting(s -> s.<String>getAs("source_record_id"))
                .containsExactly("C8");
        assertThat(r.quarantine().orderBy("source_row").collectAsList())
                .extracting(q -> q.getAs("reason") + ": " + q.getAs("detail"))
                .hasSize(2)
                .contains("EXCLUDED_BY_MAPPING: keep_rows 'Party' in [Workers]: is 'Community'")
                .anyMatch(x -> x.startsWith("BAD_DATE"));
        Refined.Accounting a = r.accounting();
        assertThat(a).isEqualTo(new Refined.Accounting(3, 1, 2, 0, 1));
        assertThat(a.balanced()).isTrue();
        assertThat(a.quarantineShare()).as("1 defect of the 2 rows in scope").isEqualTo(0.5);
    }

    @Test
    void consentWithdrawnInALaterExportRemovesTheRecord() {
        Map<String, Object> given = helplineCase("C6", "RF01", "2026-07-15");
        given.put("_source_file", "helpline/ngo_a_cases_2026Q3_01.csv");
        given.put("_ingested_on", java.sql.Date.valueOf("2026-08-01"));
        Map<String, Object> withdrawn = helplineCase("C6", "RF01", "2026-07-15");
        withdrawn.put("consent_aggregate", "no");
        withdrawn.put("_source_file", "helpline/ngo_a_cases_2026Q3_02.csv");
        Map<String, Object> neverGiven = helplineCase("C7", "RF01", "2026-07-15");
        neverGiven.put("consent_aggregate", "no");
        Dataset<Row> bronze = BronzeFixture.of("bronze.helpline_case", given, withdrawn, neverGiven);
        Refined r = refine(bronze);
        assertThat(r.silver().collectAsList())
                .extracting(s -> s.<String>getAs("source_record_id"))
                .as("consent never given stays, excluded from aggregates by its flag")
                .containsExactly("C7");
        List<Row> q = r.quarantine().collectAsList();
        assertThat(q).extracting(x -> x.<String>getAs("reason")).containsExactly(RefineSteps.CONSENT_WITHDRAWN);
        assertThat(q.get(0).<String>getAs("raw_row")).as("no copy kept").isNull();
        assertThat(r.accounting()).isEqualTo(new Refined.Accounting(3, 1, 1, 1));
    }

    /**
     * A corrected export delivered again under the same file name (new checksum, later ingest run, same run date):
     * 3 rows changed, 1 dropped, 1 unchanged, and one true duplicate inside the new delivery.
     */
    @Test
    void aCorrectedReDeliveryUnderTheSameNameSupersedesByKeyAndOnlyATrueRepeatIsADuplicate() {
        String file = "helpline/ngo_a_cases_2026Q3.csv";
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        String[] first = {"C1:RF01", "C2:RF01", "C3:RF01", "C4:RF01", "C5:RF01"};
        for (int i = 0; i < first.length; i++) {
            rows.add(delivered(first[i], file, "a".repeat(64), "r20261020-080000-0001", i + 1));
        }
        // the re-delivery: C1-C3 corrected to ID01, C4 left out, C5 unchanged, C2 repeated at the end
        String[] second = {"C1:ID01", "C2:ID01", "C3:ID01", "C5:RF01", "C2:RF02"};
        for (int i = 0; i < second.length; i++) {
            rows.add(delivered(second[i], file, "b".repeat(64), "r20261020-140000-0002", i + 1));
        }
        @SuppressWarnings("unchecked")
        Dataset<Row> bronze = BronzeFixture.of("bronze.helpline_case", rows.toArray(Map[]::new));
        Refined r = refine(bronze);

        assertThat(r.silver().orderBy("source_record_id").collectAsList())
                .extracting(s -> s.getAs("source_record_id") + ":" + s.getAs("source_code"))
                .as("the corrected versions; C4, left out of the re-delivery, keeps its last version (an export that "
                        + "omits a record does not retract it)")
                .containsExactly("C1:ID01", "C2:ID01", "C3:ID01", "C4:RF01", "C5:RF01");
        assertThat(r.quarantine().collectAsList())
                .extracting(q -> q.getAs("source_file") + "#" + q.getAs("source_row") + ":" + q.getAs("reason"))
                .as("only the repeat inside the new delivery")
                .containsExactly(file + "#5:DUPLICATE");
        // 10 bronze rows: 5 silver-bound, 1 quarantined, 4 superseded (C1, C2, C3, C5 of the first delivery)
        assertThat(r.accounting()).isEqualTo(new Refined.Accounting(10, 5, 1, 4));
    }

    private static Map<String, Object> delivered(String idAndCode, String file, String sha, String runId, int row) {
        String[] p = idAndCode.split(":");
        Map<String, Object> m = helplineCase(p[0], p[1], "2026-07-15");
        m.put("_source_file", file);
        m.put("_file_sha256", sha);
        m.put("_run_id", runId);
        m.put("_source_row", (long) row);
        return m;
    }

    /** A wide-format flag cell that was neither true nor false (ingest marks it) is NOT_ALLOWED, not "not set". */
    @Test
    void aFlagCellNeitherTrueNorFalseIsNotAllowedNamingTheCell() {
        Dataset<Row> bronze = BronzeFixture.of(
                "bronze.helpline_case",
                helplineCase("C1", "?Passport Held=maybe;RF01", "2026-07-15"),
                helplineCase("C2", "RF01", "2026-07-15"));
        Refined r = refine(bronze);
        assertThat(r.quarantine().collectAsList())
                .extracting(q -> q.<String>getAs("reason") + ":" + q.<String>getAs("detail"))
                .containsExactly("NOT_ALLOWED:flag cell(s) Passport Held=maybe neither true nor false (true_values / "
                        + "false_values of the mapping in conf/sources)");
        assertThat(r.silver().collectAsList())
                .extracting(x -> x.<String>getAs("source_record_id"))
                .containsExactly("C2");
    }
}
