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

class AuditRefinerTest {

    static final Taxonomies TAXONOMIES = new Taxonomies(
            Map.of(
                    "recruitment_fees",
                    new Taxonomies.Theme("recruitment_fees", "Recruitment fees", "recruitment", false),
                    "health_safety",
                    new Taxonomies.Theme("health_safety", "Health and safety", "health_safety", false)),
            Map.of(
                    "rba_vap",
                    new Taxonomies.Crosswalk(
                            "rba_vap",
                            Map.of("A1.4", "recruitment_fees", "B1", "health_safety"),
                            Map.of("Priority", "critical", "Major", "major", "Minor", "minor"))));

    @Test
    void auditsGetTheirFacilityPeriodAndAnnouncementAndFindingsTheirThemeAndSeverity() {
        Dataset<Row> bronzeAudits = BronzeFixture.of(
                "bronze.audit",
                row(
                        "audit_id",
                        "RBA-1",
                        "scheme",
                        "rba_vap",
                        "facility_name",
                        "Siam Precision Electronics Co Ltd",
                        "country_code",
                        "TH",
                        "audit_date",
                        "2026-05-20",
                        "announcement",
                        "Semi-announced",
                        "workers_interviewed",
                        "25",
                        "headcount",
                        "1200"),
                row(
                        "audit_id",
                        "RBA-2",
                        "scheme",
                        "rba_vap",
                        "facility_name",
                        "Nowhere Factory",
                        "country_code",
                        "TH",
                        "audit_date",
                        "2026-06-01",
                        "announcement",
                        "Unannounced"),
                row(
                        "audit_id",
                        "RBA-3",
                        "scheme",
                        "rba_vap",
                        "facility_os_id",
                        "TH2019067X1K87E",
                        "country_code",
                        "TH",
                        "audit_date",
                        "2027-01-05",
                        "announcement",
                        "Announced"));
        FacilityResolver resolver = new FacilityResolver(
                List.of(new FacilityResolver.MasterFacility(
                        "F1", "TH", "TH2019067X1K87E", List.of("Siam Precision Electronics Co., Ltd."))),
                List.of(),
                0.92,
                0.02);
        Dataset<Row> resolved = FacilityResolution.resolve(
                SharedSpark.session(), bronzeAudits, "facility_name", "facility_os_id", "country_code", resolver);
        SourceDatesUdf dates =
                new SourceDatesUdf(Map.of("test_system", List.of("yyyy-MM-dd")), LocalDate.of(2026, 10, 20));
        Refined audits = AuditRefiner.audits(
                resolved,
                BronzeFixture.contract("bronze.audit"),
                BronzeFixture.contract("silver.audit"),
                dates,
                Granularity.QUARTER,
                "r");
        List<Row> silver = audits.silver().collectAsList();
        assertThat(silver).hasSize(1);
        Row a = silver.get(0);
        assertThat(a.<String>getAs("facility_id")).isEqualTo("F1");
        assertThat(a.<String>getAs("match_method")).isEqualTo("exact_name");
        assertThat(a.<String>getAs("period")).isEqualTo("2026-Q2");
        assertThat(a.<Boolean>getAs("is_announced")).isTrue();
        assertThat(a.<Long>getAs("workers_interviewed")).isEqualTo(25L);
        assertThat(audits.quarantine().orderBy("source_row").collectAsList())
                .extracting(q -> q.getAs("source_row") + ":" + q.getAs("reason"))
                .containsExactly("2:UNRESOLVED_FACILITY", "3:FUTURE_DATE");

        Dataset<Row> bronzeFindings = BronzeFixture.of(
                "bronze.audit_finding",
                row(
                        "finding_id",
                        "1",
                        "audit_id",
                        "RBA-1",
                        "scheme",
                        "rba_vap",
                        "clause_code",
                        "a1.4",
                        "severity",
                        "Priority"),
                row(
                        "finding_id",
                        "2",
                        "audit_id",
                        "RBA-1",
                        "scheme",
                        "rba_vap",
                        "clause_code",
                        "Z9",
                        "severity",
                        "Major"),
                row(
                        "finding_id",
                        "3",
                        "audit_id",
                        "RBA-1",
                        "scheme",
                        "rba_vap",
                        "clause_code",
                        "B1",
                        "severity",
                        "Severe"),
                row(
                        "finding_id",
                        "1",
                        "audit_id",
                        "RBA-2",
                        "scheme",
                        "rba_vap",
                        "clause_code",
                        "B1",
                        "severity",
                        "Minor"));
        Refined findings = AuditRefiner.findings(
                bronzeFindings,
                BronzeFixture.contract("bronze.audit_finding"),
                BronzeFixture.contract("silver.audit_finding"),
                audits.silver(),
                new CrosswalkColumns(TAXONOMIES),
                "r");
        List<Row> f = findings.silver().collectAsList();
        assertThat(f).hasSize(1);
        assertThat(f.get(0).<String>getAs("theme")).isEqualTo("recruitment_fees");
        assertThat(f.get(0).<String>getAs("severity")).isEqualTo("critical");
        assertThat(f.get(0).<String>getAs("clause_code")).isEqualTo("A1.4");
        assertThat(f.get(0).<String>getAs("facility_id")).isEqualTo("F1");
        assertThat(f.get(0).<String>getAs("period")).isEqualTo("2026-Q2");
        assertThat(findings.quarantine().orderBy("source_row").collectAsList())
                .extracting(q -> q.getAs("source_row") + ":" + q.getAs("reason") + ":" + q.getAs("detail"))
                .containsExactly(
                        "2:UNKNOWN_CODE:clause 'Z9' is not in conf/taxonomy/rba_vap.yaml",
                        "3:UNKNOWN_CODE:severity 'Severe' is not in conf/taxonomy/rba_vap.yaml",
                        "4:ORPHAN_REFERENCE:audit 'RBA-2' is not a refined audit of this scheme");
        assertThat(findings.accounting().balanced()).isTrue();
    }
}
