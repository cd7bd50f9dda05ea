package org.hrdd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.cli.Hrdd;
import org.hrdd.run.ConfigHash;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hrdd ingest} run three times: first load, identical rerun (nothing changes), one new file. */
class IngestRerunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void rerunChangesNothingAndANewFileIsAppendedAndEveryRunIsInTheManifest() throws IOException {
        SparkSession spark = SharedSpark.session();
        Path input = tmp.resolve("in");
        Files.createDirectories(input.resolve("helpline"));
        Path fixtures = IngestFixtures.exports(tmp.resolve("all"));
        Files.copy(
                fixtures.resolve("helpline/ngo_a_cases_2026-01.csv"),
                input.resolve("helpline/ngo_a_cases_2026-01.csv"));
        Files.copy(
                fixtures.resolve("helpline/ngo_b_export_2026-01.csv"),
                input.resolve("helpline/ngo_b_export_2026-01.csv"));
        String cases = tmp.resolve("lh").resolve("bronze/helpline_case").toString();

        assertThat(ingest(input, "2026-03-01").exit).isZero();
        long v1 = DeltaTables.version(spark, cases);
        assertThat(spark.read().format("delta").load(cases).count()).isEqualTo(6);

        Result second = ingest(input, "2026-03-02");
        assertThat(second.exit).isZero();
        assertThat(DeltaTables.version(spark, cases)).isEqualTo(v1);
        assertThat(spark.read().format("delta").load(cases).count()).isEqualTo(6);

        Files.writeString(
                input.resolve("helpline/ngo_a_cases_2026-02.csv"),
                Files.readString(fixtures.resolve("helpline/ngo_a_cases_2026-01.csv"))
                        .replace("A-000", "A-100"));
        assertThat(ingest(input, "2026-03-03").exit).isZero();
        assertThat(DeltaTables.version(spark, cases)).isEqualTo(v1 + 1);
        List<Row> added = spark.read()
                .format("delta")
                .load(cases)
                .filter(org.apache
                        .spark
                        .sql
                        .functions
                        .col(Lineage.SOURCE_FILE)
                        .equalTo("helpline/ngo_a_cases_2026-02.csv"))
                .orderBy(Lineage.SOURCE_ROW)
                .collectAsList();
        assertThat(added).extracting(r -> (String) r.getAs("case_id")).containsExactly("A-1001", "A-1002", "A-1003");
        assertThat(added)
                .extracting(r -> r.getAs(Lineage.INGESTED_ON).toString())
                .containsOnly("2026-03-03");

        List<Row> runs = spark.read()
                .format("delta")
                .load(tmp.resolve("lh/_runs").toString())
                .orderBy("run_date")
                .collectAsList();
        assertThat(runs).hasSize(3);
        Row first = runs.get(0);
        assertThat((String) first.getAs("command")).isEqualTo("ingest");
        assertThat((String) first.getAs("status")).isEqualTo("succeeded");
        assertThat(first.getAs("run_date").toString()).isEqualTo("2026-03-01");
        assertThat((String) first.getAs("run_id")).startsWith("r20260301-");
        assertThat((String) first.getAs("config_hash")).isEqualTo(ConfigHash.of(IngestFixtures.confDir()));
        assertThat(JSON.readTree((String) first.getAs("args")).toString()).contains("\"--run-date\"", "\"2026-03-01\"");
        JsonNode inputs = JSON.readTree((String) first.getAs("inputs"));
        assertThat(inputs).hasSize(2);
        JsonNode ngoA = inputs.get(0).get("path").asText().contains("ngo_a") ? inputs.get(0) : inputs.get(1);
        assertThat(ngoA.get("path").asText()).isEqualTo("helpline/ngo_a_cases_2026-01.csv");
        assertThat(ngoA.get("sha256").asText())
                .isEqualTo(ExportFiles.sha256(input.resolve("helpline/ngo_a_cases_2026-01.csv")));
        assertThat(ngoA.get("bytes").asLong()).isEqualTo(Files.size(input.resolve("helpline/ngo_a_cases_2026-01.csv")));
        assertThat(ngoA.get("rows").asLong()).isEqualTo(3);
        assertThat(ngoA.get("skipped").asBoolean()).isFalse();
        assertThat(JSON.readTree((String) first.getAs("row_counts"))
                        .get("bronze.helpline_case")
                        .asLong())
                .isEqualTo(6);
        assertThat(JSON.readTree((String) first.getAs("delta_versions_written"))
                        .get("bronze.helpline_case")
                        .asLong())
                .isEqualTo(v1);
        Row rerun = runs.get(1);
        JsonNode rerunInputs = JSON.readTree((String) rerun.getAs("inputs"));
        assertThat(rerunInputs)
                .allSatisfy(i -> assertThat(i.get("skipped").asBoolean()).isTrue());
        assertThat(JSON.readTree((String) rerun.getAs("delta_versions_written")).size())
                .isZero();
        assertThat(JSON.readTree((String) rerun.getAs("delta_versions_read"))
                        .get("bronze.helpline_case")
                        .asLong())
                .isEqualTo(v1);
        assertThat(second.out).contains("ingested 0 new files (2 skipped)").contains("run " + rerun.getAs("run_id"));
    }

    @Test
    void missingRequiredColumnRefusesTheFileWithExitTwoNamingFileAndColumnAndTheRunIsRecorded() throws IOException {
        SparkSession spark = SharedSpark.session();
        Path input = tmp.resolve("in");
        Files.createDirectories(input.resolve("suppliers"));
        Files.writeString(
                input.resolve("suppliers/facilities.csv"),
                "facility_id,facility_name,country,sector,supplier_id\nF-1,One,TH,apparel,S-1\n");
        Result r = ingest(input, "2026-03-05");
        assertThat(r.exit).isEqualTo(Hrdd.USAGE);
        assertThat(r.err)
                .contains("suppliers/facilities.csv (bronze.facility): missing column 'supplier_name' required by "
                        + "conf/sources/supplier_list.yaml");
        List<Row> runs = spark.read()
                .format("delta")
                .load(tmp.resolve("lh/_runs").toString())
                .collectAsList();
        assertThat(runs).hasSize(1);
        assertThat((String) runs.get(0).getAs("status")).isEqualTo("files_refused");
        assertThat((String) runs.get(0).getAs("message")).contains("missing column 'supplier_name'");
    }

    @Test
    void missingInputFolderIsAUsageErrorNamingIt() {
        Result r = ingest(tmp.resolve("nowhere"), "2026-03-05");
        assertThat(r.exit).isEqualTo(Hrdd.USAGE);
        assertThat(r.err).contains("nowhere").contains("does not exist");
    }

    record Result(int exit, String out, String err) {}

    private Result ingest(Path input, String runDate) {
        SharedSpark.session();
        CommandLine cli = Hrdd.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(
                "--conf",
                IngestFixtures.confDir().toString(),
                "--lakehouse",
                tmp.resolve("lh").toString(),
                "--spark-conf",
                "spark.sql.shuffle.partitions=2",
                "ingest",
                "--input",
                input.toString(),
                "--run-date",
                runDate);
        return new Result(exit, out.toString(), err.toString());
    }
}
