package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One ingest of every fixture export, then assertions on what landed in bronze. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestJobTest {

    Path tmp;

    SparkSession spark;
    RunContext ctx;
    IngestResult result;

    @BeforeAll
    void ingestFixtures(@TempDir Path dir) {
        tmp = dir;
        spark = SharedSpark.session();
        Path input = IngestFixtures.exports(tmp.resolve("exports"));
        ctx = IngestFixtures.context(tmp.resolve("lakehouse"), "r-test-1");
        IngestJob.Config config = new IngestJob.Config(input, IngestFixtures.mappings(), IngestFixtures.contracts());
        result = new IngestJob(config, Progress.silent()).run(spark, ctx);
    }

    Dataset<Row> bronze(String table) {
        return spark.read().format("delta").load(ctx.lakehouse().tablePath("bronze." + table));
    }

    Map<String, Row> byKey(String table, String key) {
        return bronze(table).collectAsList().stream()
                .collect(Collectors.toMap(r -> String.valueOf((Object) r.getAs(key)), r -> r));
    }

    @Test
    void everyBronzeTableHasExactlyTheContractSchema() {
        for (String t : List.of("helpline_case", "survey_response", "cap", "audit", "facility")) {
            var expected = ContractSchemas.structType(IngestFixtures.contracts().get("bronze." + t));
            assertThat(bronze(t).schema().fieldNames()).containsExactly(expected.fieldNames());
            for (var f : expected.fields()) {
                assertThat(bronze(t).schema().apply(f.name()).dataType())
                        .as(t + "." + f.name())
                        .isEqualTo(f.dataType());
            }
        }
    }

    @Test
    void ngoALongCsvKeepsMultiLineThaiAndBurmeseTextAndRescuesUnmappedColumns() {
        Map<String, Row> cases = byKey("helpline_case", "case_id");
        Row a1 = cases.get("A-0001");
        // The CSV parser normalises CRLF inside a quoted cell to LF.
        assertThat((String) a1.getAs("description"))
                .isEqualTo(
                        "Worker says passport held by employer.\nนายจ้างยึดหนังสือเดินทาง\nHe said \"pay 20,000 baht first\".");
        assertThat((String) a1.getAs("issue_codes")).isEqualTo("A-PASSPORT;A-FEE");
        assertThat((String) a1.getAs("taxonomy")).isEqualTo("helpline_ngo_a");
        assertThat((String) a1.getAs("caller_id")).isEqualTo("+66811111111");
        assertThat((String) a1.getAs("recruiter_name")).isEqualTo("Best Jobs Agency");
        assertThat((String) a1.getAs(Lineage.RESCUED_DATA)).isEqualTo("{\"caseworker_note\":\"follow up in March\"}");
        assertThat((Long) a1.getAs(Lineage.SOURCE_ROW)).isEqualTo(1L);
        assertThat((String) a1.getAs(Lineage.SOURCE_SYSTEM)).isEqualTo("helpline_ngo_a");
        assertThat((String) a1.getAs(Lineage.SOURCE_FILE)).isEqualTo("helpline/ngo_a_cases_2026-01.csv");
        assertThat((String) a1.getAs(Lineage.RUN_ID)).isEqualTo("r-test-1");
        assertThat(a1.getAs(Lineage.INGESTED_ON).toString()).isEqualTo("2026-03-31");
        assertThat((String) a1.getAs(Lineage.FILE_SHA256))
                .hasSize(64)
                .isEqualTo(ExportFiles.sha256(tmp.resolve("exports/helpline/ngo_a_cases_2026-01.csv")));
        assertThat((String) a1.getAs(Lineage.CORRUPT_RECORD)).isNull();
        Row a2 = cases.get("A-0002");
        assertThat((String) a2.getAs("description")).isEqualTo("အလုပ်ရှင်က လစာမပေးပါ");
        assertThat((String) a2.getAs("facility_os_id")).isNull();
        assertThat((String) a2.getAs(Lineage.RESCUED_DATA)).isNull();
        assertThat((Long) a2.getAs(Lineage.SOURCE_ROW)).isEqualTo(2L);
        assertThat((Long) cases.get("A-0003").getAs(Lineage.SOURCE_ROW)).isEqualTo(3L);
    }

    @Test
    void ngoBWideCsvJoinsTruthyFlagsInMappingOrder() {
        Map<String, Row> cases = byKey("helpline_case", "case_id");
        assertThat((String) cases.get("B-101").getAs("issue_codes")).isEqualTo("B-FEE;B-DOC");
        assertThat((String) cases.get("B-102").getAs("issue_codes")).isEqualTo("B-OSH;B-RETAL");
        assertThat((String) cases.get("B-103").getAs("issue_codes")).isNull();
        assertThat((String) cases.get("B-101").getAs("received_at")).isEqualTo("07/01/2026");
        assertThat((String) cases.get("B-102").getAs("resolved_at")).isEqualTo("30/01/2026");
        assertThat((String) cases.get("B-102").getAs("taxonomy")).isEqualTo("helpline_ngo_b");
        assertThat((String) cases.get("B-101").getAs(Lineage.RESCUED_DATA)).isNull();
        assertThat(cases.get("B-102").<Long>getAs(Lineage.SOURCE_ROW)).isEqualTo(2L);
        assertThat(cases.get("B-103").<String>getAs(Lineage.SOURCE_SYSTEM)).isEqualTo("helpline_ngo_b");
    }

    @Test
    void surveyJsonLinesKeepsJsonTextRescuesUnknownKeysAndKeepsTheTruncatedLine() {
        List<Row> rows = bronze("survey_response").orderBy(Lineage.SOURCE_ROW).collectAsList();
        assertThat(rows).hasSize(4);
        Row s1 = rows.get(0);
        assertThat((String) s1.getAs("response_id")).isEqualTo("S-1");
        assertThat((String) s1.getAs("respondent_key")).isEqualTo("p-abc");
        assertThat((String) s1.getAs("consent_scopes")).isEqualTo("[\"aggregate\",\"research\"]");
        assertThat((String) s1.getAs("answers")).isEqualTo("{\"Q1\":\"yes\",\"Q2\":3}");
        assertThat((String) s1.getAs("submitted_at")).isEqualTo("2026-01-05T10:00:00+07:00");
        assertThat((String) s1.getAs(Lineage.RESCUED_DATA)).isNull();
        Row s2 = rows.get(1);
        assertThat((String) s2.getAs("facility_name")).isEqualTo("บริษัท สยาม");
        assertThat((String) s2.getAs(Lineage.RESCUED_DATA)).isEqualTo("{\"device\":\"android\"}");
        Row s3 = rows.get(2);
        assertThat((String) s3.getAs("response_id")).isEqualTo("S-3");
        assertThat((String) s3.getAs("consent_scopes")).isEqualTo("[]");
        assertThat((String) s3.getAs("licence_id")).isNull();
        assertThat((Long) s3.getAs(Lineage.SOURCE_ROW)).isEqualTo(3L);
        Row s4 = rows.get(3);
        assertThat((Long) s4.getAs(Lineage.SOURCE_ROW)).isEqualTo(4L);
        assertThat((String) s4.getAs("response_id")).isNull();
        assertThat((String) s4.getAs(Lineage.CORRUPT_RECORD))
                .isEqualTo("{\"response_id\":\"S-4\",\"survey_id\":\"SV1\",\"respon");
        assertThat((String) s4.getAs(Lineage.SOURCE_FILE)).isEqualTo("survey/responses_2026-01.jsonl");
    }

    @Test
    void xlsxCapLogGetsIsoDatesPlainNumbersAndRecordNumbers() {
        List<Row> rows = bronze("cap").orderBy(Lineage.SOURCE_ROW).collectAsList();
        assertThat(rows).hasSize(2);
        Row c1 = rows.get(0);
        assertThat((String) c1.getAs("cap_id")).isEqualTo("CAP-1");
        assertThat((String) c1.getAs("opened_at")).isEqualTo("2026-02-15");
        assertThat((String) c1.getAs("due_at")).isEqualTo("46112");
        assertThat((String) c1.getAs("closed_at")).isEqualTo("28/02/2026");
        assertThat((String) c1.getAs("verified_at")).isNull();
        assertThat((String) c1.getAs("amount")).isEqualTo("12345678901.5");
        assertThat((String) c1.getAs("workers_covered")).isEqualTo("25");
        assertThat((String) c1.getAs(Lineage.RESCUED_DATA)).isEqualTo("{\"Reviewer\":\"M. Chan\"}");
        assertThat((String) c1.getAs(Lineage.SOURCE_FILE)).isEqualTo("remediation/cap_log_2026.xlsx");
        assertThat((String) c1.getAs(Lineage.FILE_SHA256))
                .isEqualTo(ExportFiles.sha256(tmp.resolve("exports/remediation/cap_log_2026.xlsx")));
        assertThat((Long) c1.getAs(Lineage.SOURCE_ROW)).isEqualTo(1L);
        Row c2 = rows.get(1);
        assertThat((String) c2.getAs("cap_id")).isEqualTo("CAP-2");
        assertThat((String) c2.getAs("remedy_type")).isEqualTo("Passport returned,\nwith apology");
        assertThat((String) c2.getAs("amount")).isEqualTo("0.000125");
        assertThat((String) c2.getAs(Lineage.CORRUPT_RECORD)).isNull();
        assertThat((Long) c2.getAs(Lineage.SOURCE_ROW)).isEqualTo(2L);
        assertThat(tmp.resolve("lakehouse/_staging")).doesNotExist();
    }

    @Test
    void auditsFindingsSuppliersAndQuestionsLandWithConstants() {
        Map<String, Row> audits = byKey("audit", "audit_id");
        assertThat(audits).containsOnlyKeys("RBA-1", "RBA-2");
        assertThat((String) audits.get("RBA-1").getAs("scheme")).isEqualTo("rba_vap");
        assertThat((String) audits.get("RBA-1").getAs("rating")).isEqualTo("142.5");
        assertThat((String) audits.get("RBA-2").getAs("announcement")).isEqualTo("Semi-announced");
        Map<String, Row> findings = byKey("audit_finding", "finding_id");
        assertThat((String) findings.get("RBA-1-F1").getAs("description"))
                .isEqualTo("Workers paid recruitment fees, \"service charge\" of 1,200 USD");
        assertThat((String) findings.get("RBA-2-F1").getAs("severity")).isEqualTo("Minor");
        assertThat(findings.get("RBA-2-F1").<Long>getAs(Lineage.SOURCE_ROW)).isEqualTo(3L);
        Map<String, Row> facilities = byKey("facility", "facility_id");
        assertThat((String) facilities.get("F-001").getAs("address")).isEqualTo("12 Moo 3, Rd 4");
        assertThat((String) facilities.get("F-001").getAs("country_code")).isEqualTo("TH");
        List<Row> bf = bronze("brand_facility").orderBy(Lineage.SOURCE_ROW).collectAsList();
        assertThat(bf).extracting(r -> (String) r.getAs("valid_to")).containsExactly(null, "2026-06-30");
        Map<String, Row> questions = byKey("survey_question", "question_id");
        assertThat((String) questions.get("Q2").getAs("question_text")).isEqualTo("How many days off, per month?");
        assertThat((String) questions.get("Q2").getAs("topic_code")).isEqualTo("WORKING_HOURS");
    }

    @Test
    void rowsReadEqualRowsWrittenPerFile() {
        Map<String, Long> read = result.files().stream()
                .collect(Collectors.toMap(f -> f.file().relativePath(), IngestResult.FileOutcome::rows));
        assertThat(read)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "helpline/ngo_a_cases_2026-01.csv", 3L,
                        "helpline/ngo_b_export_2026-01.csv", 3L,
                        "survey/responses_2026-01.jsonl", 4L,
                        "survey/question_catalogue.csv", 2L,
                        "audits/rba_vap/audits_2026.csv", 2L,
                        "audits/rba_vap/findings_2026.csv", 3L,
                        "remediation/cap_log_2026.xlsx", 2L,
                        "suppliers/facilities.csv", 2L,
                        "suppliers/brand_facility.csv", 2L));
        Map<String, Long> written =
                bronze("helpline_case").groupBy(Lineage.SOURCE_FILE).count().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertThat(written)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("helpline/ngo_a_cases_2026-01.csv", 3L, "helpline/ngo_b_export_2026-01.csv", 3L));
        assertThat(result.tables().get("bronze.helpline_case").rows()).isEqualTo(6L);
        assertThat(result.tables().get("bronze.helpline_case").newFiles()).isEqualTo(2);
    }

    @Test
    void noCorruptRecordOutsideTheTruncatedSurveyLine() {
        long corrupt = 0;
        for (String t : List.of(
                "helpline_case", "audit", "audit_finding", "cap", "facility", "brand_facility", "survey_question")) {
            corrupt += bronze(t).filter(col(Lineage.CORRUPT_RECORD).isNotNull()).count();
        }
        assertThat(corrupt).isZero();
    }
}
