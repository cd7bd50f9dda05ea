package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Columns;
import org.hrdd.schemas.Contract;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality gate: a source above the quarantine limit stops silver from being written, and says why. Each test works
 * on its own copy of the sample lakehouse, so the runs here leave the shared one as other test classes expect it.
 */
class RefineGateIT {

    @TempDir
    Path tmp;

    /** A run context on a fresh copy of the refined sample lakehouse. */
    private RunContext onCopy(String runId) throws IOException {
        Path lh = SampleLakehouse.copyTo(tmp.resolve("lh"));
        AppConfig cfg = SampleLakehouse.config().withLakehouse(lh.toString());
        return new RunContext(runId, "refine", List.of(), SampleLakehouse.RUN_DATE, cfg, "test");
    }

    @Test
    void aSourceAboveTheLimitStopsSilverAndTheMessageNamesFileReasonAndRow() throws IOException {
        RefineResult before = SampleLakehouse.refined();
        RunContext ctx = onCopy("r-gated");
        RefineJob.Config normal = RefineJob.Config.of(ctx.config(), SampleLakehouse.KEY);
        // Helpline cases have about 1 % quarantined on the sample world, facilities none: a 0.1 % limit trips the gate.
        RefineJob.Config strict = new RefineJob.Config(
                normal.contracts(),
                normal.taxonomies(),
                normal.dateFormats(),
                normal.fx(),
                normal.overrides(),
                normal.resolution(),
                QualityGate.of(0.001),
                AppConfig.Granularity.QUARTER,
                normal.pseudonymiser(),
                normal.configHash() + "+strict");
        RefineResult gated = new RefineJob(strict, Progress.silent()).run(SharedSpark.session(), ctx);

        assertThat(gated.silverRows()).isEmpty();
        assertThat(gated.gateFailures()).anySatisfy(m -> assertThat(m)
                .startsWith("bronze.helpline_case from source helpline_ngo_")
                .contains("quarantined (quality.max_quarantine_share is 0.1 %; the share's 95 % lower bound")
                // the file carrying most of it, its share, its top reasons with counts, one example row of it
                .containsPattern("\n    most in helpline/\\S+\\.csv: \\d+ of its [\\d,]+ rows \\(\\d+\\.\\d %\\)\n")
                .containsPattern("\n    top reasons there: [A-Z_]+ \\d+")
                .containsPattern("\n    e\\.g\\. row \\d+, [A-Z_]+: .+\n    the row: \\{\"[a-z_]+\":")
                .as("restricted columns are not printed")
                .doesNotContainPattern("\"(caller_id|caller_name|description)\":\"[^(]")
                .doesNotContain("_raw_row")
                .doesNotContain("\"_source_file\""));
        assertThat(gated.gateFailures()).noneMatch(m -> m.startsWith("bronze.facility "));
        // Silver is untouched: every silver table is at the version the last good run left it.
        before.versionsWritten().forEach((table, version) -> {
            if (table.startsWith("silver.")) {
                assertThat(org.hrdd.spark.DeltaTables.version(
                                SharedSpark.session(), ctx.lakehouse().tablePath(table)))
                        .as(table)
                        .isEqualTo(version);
            }
        });
    }

    /**
     * A source's own limit, from its mapping file, gates that source alone, and {@code hrdd refine} says so on the
     * console: exit 3, the source, its mapping file, the file carrying most of it, the top reasons with counts and an
     * example row; the other helpline source under the default limit passes.
     */
    @Test
    void aMappingsOwnLimitGatesThatSourceAndTheConsoleNamesIt() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("HRDD_PSEUDONYM_KEY") == null,
                "HRDD_PSEUDONYM_KEY is set in this environment and beats the configured key file");
        Path lh = SampleLakehouse.copyTo(tmp.resolve("lh"));
        Path conf = tmp.resolve("conf");
        SampleLakehouse.copyTree(org.hrdd.testing.SampleWorld.conf(), conf);
        Path key = Files.write(tmp.resolve("key"), SampleLakehouse.KEY_BYTES);
        Path yaml = conf.resolve("application.yaml");
        Files.writeString(
                yaml,
                Files.readString(yaml).replace("pseudonym_key_file: null", "pseudonym_key_file: \"" + key + "\""));
        Path ngoB = conf.resolve("sources/helpline_ngo_b.yaml");
        Files.writeString(
                ngoB,
                Files.readString(ngoB)
                        .replace("system: helpline_ngo_b\n", "system: helpline_ngo_b\nmax_quarantine_share: 0.001\n"));

        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = org.hrdd.cli.Hrdd.commandLine();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        int code = cli.execute(
                "--conf", conf.toString(), "--lakehouse", lh.toString(), "refine", "--run-date", "2026-10-15");

        assertThat(code).as(err.toString()).isEqualTo(org.hrdd.cli.Hrdd.QUALITY_GATE);
        assertThat(err.toString())
                .contains("quality gate failed, silver not written")
                .containsPattern(
                        "bronze\\.helpline_case from source helpline_ngo_b: \\d+\\.\\d % of [\\d,]+ rows quarantined"
                                + " \\(max_quarantine_share in conf/sources/helpline_ngo_b\\.yaml is 0\\.1 %;")
                .containsPattern("most in helpline/ngo_b_\\S+\\.csv: \\d+ of its [\\d,]+ rows")
                .containsPattern("top reasons there: [A-Z_]+ \\d+")
                .containsPattern("e\\.g\\. row \\d+, [A-Z_]+: ")
                .doesNotContain("from source helpline_ngo_a");
    }

    @Test
    void aRefineThatFailsMidwayReleasesWhatItCached() throws IOException {
        RunContext ctx = onCopy("r-broken");
        SparkSession spark = SharedSpark.session();
        RefineJob.Config normal = RefineJob.Config.of(ctx.config(), SampleLakehouse.KEY);
        // without the audit findings' silver contract the run fails after facilities and audits were refined and cached
        Map<String, Contract> contracts = new LinkedHashMap<>(normal.contracts());
        contracts.remove(Columns.SilverAuditFinding.TABLE);
        RefineJob.Config broken = new RefineJob.Config(
                contracts,
                normal.taxonomies(),
                normal.dateFormats(),
                normal.fx(),
                normal.overrides(),
                normal.resolution(),
                normal.gate(),
                normal.granularity(),
                normal.pseudonymiser(),
                normal.configHash() + "+broken");
        // data sets other test classes cached and left (they are recomputed if used again): none cached from here on
        spark.catalog().clearCache();
        Set<Object> cachedBefore = persistentRdds(spark);

        assertThatThrownBy(() -> new RefineJob(broken, Progress.silent()).run(spark, ctx))
                .hasMessageContaining("no contract for " + Columns.SilverAuditFinding.TABLE);

        assertThat(persistentRdds(spark)).as("cached RDDs after the failed run").isEqualTo(cachedBefore);
        assertThat(spark.sharedState().cacheManager().isEmpty())
                .as("no cached plan is left")
                .isTrue();
    }

    /** Ids of the cached RDDs except Delta's own caches of table states (Delta keeps and releases those). */
    private static Set<Object> persistentRdds(SparkSession spark) {
        Set<Object> ids = new java.util.HashSet<>();
        scala.collection.JavaConverters.mapAsJavaMapConverter(
                        spark.sparkContext().getPersistentRDDs())
                .asJava()
                .forEach((id, rdd) -> {
                    if (rdd.name() == null || !rdd.name().startsWith("Delta Table State")) {
                        ids.add(id);
                    }
                });
        return ids;
    }
}
