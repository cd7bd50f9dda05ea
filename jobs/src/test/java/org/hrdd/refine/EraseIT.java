package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.cli.Hrdd;
import org.hrdd.schemas.Columns.BronzeHelplineCase;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hrdd erase: afterwards neither the identifier nor its pseudonym is in any file or value of the lakehouse. */
class EraseIT {

    @TempDir
    Path tmp;

    @Test
    void anErasedWorkerIsInNoFileUnderTheLakehouse() throws IOException {
        SampleLakehouse.refined();
        SparkSession spark = SharedSpark.session();
        Path lh = tmp.resolve("lh");
        SampleLakehouse.copyTo(lh);
        Path conf = tmp.resolve("conf");
        SampleLakehouse.copyTree(SampleWorld.conf(), conf);
        Path keyFile = tmp.resolve("key");
        Files.writeString(keyFile, new String(keyBytes(), StandardCharsets.UTF_8));
        Files.writeString(
                conf.resolve("application.yaml"),
                Files.readString(conf.resolve("application.yaml"))
                        .replace("pseudonym_key_file: null", "pseudonym_key_file: \"" + keyFile + "\""));

        // A worker with several helpline cases that reached silver.
        Row worker = spark.read()
                .format("delta")
                .load(lh.resolve("bronze/helpline_case").toString())
                .filter(col(BronzeHelplineCase.CALLER_ID)
                        .isNotNull()
                        .and(col("_corrupt_record").isNull()))
                .groupBy(BronzeHelplineCase.CALLER_ID)
                .count()
                .orderBy(col("count").desc(), col(BronzeHelplineCase.CALLER_ID))
                .first();
        String identifier = worker.getString(0);
        String pseudonym = SampleLakehouse.KEY.pseudonym(identifier);
        assertThat(tableContains(spark, lh.resolve("silver/worker_signal"), pseudonym))
                .as("positive control: the worker is in silver")
                .isTrue();
        assertThat(tableContains(spark, lh.resolve("bronze/helpline_case"), identifier))
                .as("positive control: the worker is in bronze")
                .isTrue();

        // The same number written otherwise in another caller's case note, and in a run log: found and redacted too.
        String digits = identifier.replaceAll("\\D", "");
        assertThat(digits)
                .as("the sample's most frequent caller id is a phone number")
                .hasSizeGreaterThanOrEqualTo(9);
        String spaced = digits.substring(0, 2) + " " + digits.substring(2, 6) + " " + digits.substring(6, 9) + "-"
                + digits.substring(9);
        String dotted = "(" + digits.substring(0, 2) + ") " + digits.substring(2, 5) + "." + digits.substring(5);
        Path cases = lh.resolve("bronze/helpline_case");
        org.apache.spark.sql.Dataset<Row> bronze = spark.read().format("delta").load(cases.toString());
        String other = bronze.filter(col(BronzeHelplineCase.CALLER_ID)
                        .isNotNull()
                        .and(col(BronzeHelplineCase.CALLER_ID).notEqual(identifier))
                        .and(col("_corrupt_record").isNull()))
                .orderBy(BronzeHelplineCase.CASE_ID)
                .first()
                .getAs(BronzeHelplineCase.CASE_ID);
        bronze.withColumn(
                        BronzeHelplineCase.DESCRIPTION,
                        org.apache
                                .spark
                                .sql
                                .functions
                                .when(
                                        col(BronzeHelplineCase.CASE_ID).equalTo(other),
                                        org.apache.spark.sql.functions.concat(
                                                col(BronzeHelplineCase.DESCRIPTION),
                                                org.apache.spark.sql.functions.lit(
                                                        " Her cousin also called from " + spaced + ".")))
                                .otherwise(col(BronzeHelplineCase.DESCRIPTION)))
                .write()
                .format("delta")
                .mode("overwrite")
                .save(cases.toString());
        Files.createDirectories(lh.resolve("_logs"));
        Files.writeString(
                lh.resolve("_logs/planted.log"), "2026-10-15 WARN caller " + dotted + " asked to call back\n");
        assertThat(tableContains(spark, cases, spaced))
                .as("positive control: planted in another case")
                .isTrue();

        int code = Hrdd.execute(
                "erase",
                "--worker-key",
                identifier,
                "--lakehouse",
                lh.toString(),
                "--conf",
                conf.toString(),
                "--run-date",
                SampleLakehouse.RUN_DATE.toString(),
                "--spark-conf",
                "spark.sql.shuffle.partitions=2");
        assertThat(code).isZero();

        assertThat(valuesContaining(spark, lh, identifier, pseudonym))
                .as("tables with the identifier or pseudonym in a value")
                .isEmpty();
        // however it is written: a value or file holding the number's digits once spaces, dashes, dots, brackets and +
        // are taken out
        assertThat(valuesContainingDigits(spark, lh, digits))
                .as("tables with the number in a value, any formatting")
                .isEmpty();
        try (Stream<Path> files = Files.walk(lh)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes)
                        .as(f.toString())
                        .doesNotContain(latin1(identifier))
                        .doesNotContain(pseudonym);
                assertThat(bytes.replaceAll("[\\s().+\\-]", ""))
                        .as(f.toString())
                        .doesNotContain(digits);
            }
        }
        assertThat(Files.readString(lh.resolve("_logs/planted.log"))).contains("caller [erased] asked");
        assertThat(spark.read()
                        .format("delta")
                        .load(cases.toString())
                        .filter(col(BronzeHelplineCase.CASE_ID).equalTo(other))
                        .first()
                        .<String>getAs(BronzeHelplineCase.DESCRIPTION))
                .endsWith("also called from [erased].");
        // A refine now has nothing to refine (the erasure's refine recorded this bronze, configuration and run date)
        // and
        // writes neither rows nor metrics; the quality summary skips it for the erasure's refine, which did.
        java.io.StringWriter again = new java.io.StringWriter();
        picocli.CommandLine refine = Hrdd.commandLine();
        refine.setOut(new java.io.PrintWriter(again));
        assertThat(refine.execute(
                        "refine",
                        "--lakehouse",
                        lh.toString(),
                        "--conf",
                        conf.toString(),
                        "--run-date",
                        SampleLakehouse.RUN_DATE.toString(),
                        "--spark-conf",
                        "spark.sql.shuffle.partitions=2"))
                .isZero();
        assertThat(again.toString()).contains("nothing to refine");
        // The quality summary and the facility review read the same lakehouse without Spark.
        java.io.StringWriter quality = new java.io.StringWriter();
        picocli.CommandLine cli = Hrdd.commandLine();
        cli.setOut(new java.io.PrintWriter(quality));
        assertThat(cli.execute("quality", "--lakehouse", lh.toString(), "--conf", conf.toString()))
                .isZero();
        assertThat(quality.toString())
                .contains("(succeeded, run date 2026-10-15)")
                .containsPattern("Deequ rules on silver: [1-9]\\d* checked, 0 failed")
                .contains("bronze.helpline_case")
                .contains("UNKNOWN_CODE");
        java.io.StringWriter review = new java.io.StringWriter();
        picocli.CommandLine cli2 = Hrdd.commandLine();
        cli2.setOut(new java.io.PrintWriter(review));
        assertThat(cli2.execute("facilities", "review", "--lakehouse", lh.toString(), "--conf", conf.toString()))
                .isZero();
        assertThat(review.toString()).contains("references to review").containsPattern("(fuzzy_name|abbreviation)");

        Row log = spark.read()
                .format("delta")
                .load(lh.resolve("_erasure_log").toString())
                .first();
        assertThat(log.<String>getAs("pseudonym_sha256")).isEqualTo(EraseJob.pseudonymDigest(pseudonym));
        assertThat(log.<String>getAs("rows_removed")).contains("\"bronze.helpline_case\":" + worker.getLong(1));
    }

    private static byte[] keyBytes() {
        return "sample-lakehouse-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    }

    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static boolean tableContains(SparkSession spark, Path table, String text) {
        return spark.read()
                        .format("delta")
                        .load(table.toString())
                        .toJSON()
                        .filter((org.apache.spark.api.java.function.FilterFunction<String>) j -> j.contains(text))
                        .count()
                > 0;
    }

    /** Tables (current version) with a row whose JSON holds the digits once separators are taken out. */
    private static java.util.List<String> valuesContainingDigits(SparkSession spark, Path lh, String digits) {
        java.util.List<String> hits = new java.util.ArrayList<>();
        for (var c : ContractLoader.loadAll().values()) {
            Path p = lh.resolve(new org.hrdd.spark.Lakehouse(lh.toString())
                    .tablePath(c)
                    .substring(lh.toString().length() + 1));
            if (Files.isDirectory(p.resolve("_delta_log"))) {
                long n = spark.read()
                        .format("delta")
                        .load(p.toString())
                        .toJSON()
                        .filter((org.apache.spark.api.java.function.FilterFunction<String>)
                                j -> j.replaceAll("[\\s().+\\-]", "").contains(digits))
                        .count();
                if (n > 0) {
                    hits.add(c.table());
                }
            }
        }
        return hits;
    }

    /** Tables (current version) with a value containing any of the texts, in one pass per table. */
    private static java.util.List<String> valuesContaining(SparkSession spark, Path lh, String... texts) {
        java.util.List<String> hits = new java.util.ArrayList<>();
        for (var c : ContractLoader.loadAll().values()) {
            Path p = lh.resolve(new org.hrdd.spark.Lakehouse(lh.toString())
                    .tablePath(c)
                    .substring(lh.toString().length() + 1));
            if (Files.isDirectory(p.resolve("_delta_log"))) {
                long n = spark.read()
                        .format("delta")
                        .load(p.toString())
                        .toJSON()
                        .filter((org.apache.spark.api.java.function.FilterFunction<String>) j -> {
                            for (String t : texts) {
                                if (j.contains(t)) {
                                    return true;
                                }
                            }
                            return false;
                        })
                        .count();
                if (n > 0) {
                    hits.add(c.table());
                }
            }
        }
        return hits;
    }
}
