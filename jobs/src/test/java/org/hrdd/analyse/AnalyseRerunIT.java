package org.hrdd.analyse;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.cli.ReproduceAccess;
import org.hrdd.config.AppConfig;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.run.RunHistory;
import org.hrdd.run.StepBasis;
import org.hrdd.run.TableComparison;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full or nothing: an analysis whose inputs (silver states, request, configuration, code) are those of the last one
 * does nothing; any other computes every period, and its gold tables equal what {@code hrdd reproduce} computes from
 * the silver versions the run read, after silver changed again.
 */
class AnalyseRerunIT {

    @TempDir
    Path tmp;

    @Test
    void unchangedInputsDoNothingChangedSilverRecomputesEveryPeriod() throws IOException {
        SparkSession spark = SharedSpark.session();
        SampleLakehouse.analysed();
        Path lh = SampleLakehouse.copyTree(Path.of(SampleLakehouse.config().lakehouse()), tmp.resolve("lh"));
        AppConfig cfg = SampleLakehouse.config().withLakehouse(lh.toString());
        Lakehouse lakehouse = new Lakehouse(lh.toString());
        AnalyseJob.Config config = AnalyseJob.Config.of(cfg);
        String last = SampleLakehouse.LAST_PERIOD;
        List<String> labels = SampleLakehouse.analysed().periodsWritten();
        assertThat(labels).hasSizeGreaterThanOrEqualTo(4).endsWith(last);

        // 1. the same inputs again (the copy keeps the basis of the shared lakehouse's analysis): nothing computed,
        // nothing committed
        Map<String, String> gold0 = StepBasis.states(spark, lakehouse, AnalyseJob.OUTPUTS);
        AnalyseJob.Result same =
                new AnalyseJob(config, Progress.silent()).run(spark, context("r-same", cfg), last, true);
        if (!same.upToDate()) {
            // another test analysed the shared lakehouse with another request since: this run recorded a basis
            gold0 = StepBasis.states(spark, lakehouse, AnalyseJob.OUTPUTS);
            same = new AnalyseJob(config, Progress.silent()).run(spark, context("r-same-2", cfg), last, true);
        }
        assertThat(same.upToDate()).isTrue();
        assertThat(same.periodsWritten()).isEmpty();
        assertThat(StepBasis.states(spark, lakehouse, AnalyseJob.OUTPUTS)).isEqualTo(gold0);
        Map<String, Long> versions0 = StepBasis.versions(gold0);
        // the versions it vouches for (`hrdd reproduce` of this run compares with them)
        assertThat(new java.util.TreeMap<>(same.versionsWritten())).isEqualTo(versions0);

        // 2. a silver column the analysis does not read changed (a refine on a later run date flags more CAPs as
        // overdue): silver's version moved, so every period is computed, each gold table rewritten in one commit with
        // the same rows
        DeltaTable.forPath(spark, lakehouse.tablePath(SilverRemediation.TABLE))
                .update(
                        col(SilverRemediation.CLOSED_ON).isNull(),
                        Map.of(
                                SilverRemediation.IS_OVERDUE,
                                org.apache.spark.sql.functions.not(col(SilverRemediation.IS_OVERDUE))));
        AnalyseJob.Result recomputed =
                new AnalyseJob(config, Progress.silent()).run(spark, context("r-again", cfg), last, true);
        assertThat(recomputed.upToDate()).isFalse();
        assertThat(recomputed.reason()).isEqualTo(SilverRemediation.TABLE + " changed since the last analyse");
        assertThat(recomputed.periodsWritten()).containsExactlyElementsOf(labels);
        Map<String, Long> oneCommitEach = new java.util.TreeMap<>();
        versions0.forEach((t, v) -> oneCommitEach.put(t, v + 1));
        assertThat(new java.util.TreeMap<>(recomputed.versionsWritten())).isEqualTo(oneCommitEach);
        for (String table : AnalyseJob.OUTPUTS) {
            String path = lakehouse.tablePath(table);
            Dataset<Row> then = spark.read()
                    .format("delta")
                    .option("versionAsOf", versions0.get(table))
                    .load(path)
                    .drop(org.hrdd.schemas.Lineage.RUN_ID);
            Dataset<Row> now = spark.read().format("delta").load(path).drop(org.hrdd.schemas.Lineage.RUN_ID);
            assertThat(then.exceptAll(now).count() + now.exceptAll(then).count())
                    .as(table)
                    .isZero();
        }

        // 3. one facility's signals of a middle period removed from silver: that cell changes
        String changed = labels.get(labels.size() - 3);
        Dataset<Row> signals = spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerSignal.TABLE));
        Row busiest = signals.filter(
                        col(SilverWorkerSignal.PERIOD).equalTo(changed).and(col(SilverWorkerSignal.CONSENT_AGGREGATE)))
                .groupBy(SilverWorkerSignal.FACILITY_ID, SilverWorkerSignal.THEME)
                .count()
                .orderBy(col("count").desc(), col(SilverWorkerSignal.FACILITY_ID), col(SilverWorkerSignal.THEME))
                .first();
        String facility = busiest.getString(0);
        String theme = busiest.getString(1);
        Column theCell = col(GoldFacilityThemePeriod.FACILITY_ID)
                .equalTo(facility)
                .and(col(GoldFacilityThemePeriod.THEME).equalTo(theme))
                .and(col(GoldFacilityThemePeriod.PERIOD).equalTo(changed));
        Row before = gold(spark, lakehouse).filter(theCell).first();
        assertThat(before.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REPORTING))
                .isPositive();
        DeltaTable.forPath(spark, lakehouse.tablePath(SilverWorkerSignal.TABLE))
                .delete(col(SilverWorkerSignal.PERIOD)
                        .equalTo(changed)
                        .and(col(SilverWorkerSignal.FACILITY_ID).equalTo(facility)));

        AnalyseJob.Result inc = new AnalyseJob(config, Progress.silent()).run(spark, context("r-inc", cfg), last, true);
        assertThat(inc.upToDate()).isFalse();
        assertThat(inc.periodsWritten()).containsExactlyElementsOf(labels);
        Row after = gold(spark, lakehouse).filter(theCell).first();
        assertThat(after.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REPORTING)).isZero();

        // 4. the gold tables equal a computation of every period from the changed silver, and stay so after silver
        // changes again: `hrdd reproduce r-inc` recomputes every period from the silver versions r-inc read (the
        // facility with the most signals in the last period has none afterwards) and compares with what r-inc wrote
        String another = signals.filter(col(SilverWorkerSignal.PERIOD)
                        .equalTo(last)
                        .and(col(SilverWorkerSignal.FACILITY_ID).notEqual(facility)))
                .groupBy(SilverWorkerSignal.FACILITY_ID)
                .count()
                .orderBy(col("count").desc(), col(SilverWorkerSignal.FACILITY_ID))
                .first()
                .getString(0);
        String signalsPath = lakehouse.tablePath(SilverWorkerSignal.TABLE);
        DeltaTable.forPath(spark, signalsPath)
                .delete(col(SilverWorkerSignal.FACILITY_ID).equalTo(another));
        long read = inc.versionsRead().get(SilverWorkerSignal.TABLE);
        assertThat(DeltaTables.version(spark, signalsPath)).isGreaterThan(read);
        assertThat(spark.read()
                        .format("delta")
                        .load(signalsPath)
                        .filter(col(SilverWorkerSignal.FACILITY_ID).equalTo(another))
                        .count())
                .isZero();
        assertThat(spark.read()
                        .format("delta")
                        .option("versionAsOf", read)
                        .load(signalsPath)
                        .filter(col(SilverWorkerSignal.FACILITY_ID).equalTo(another))
                        .count())
                .isPositive();
        RunHistory.Recorded recorded = new RunHistory.Recorded(
                "r-inc",
                "analyse",
                List.of("--period", last, "--all-periods"),
                null,
                null,
                inc.versionsRead(),
                inc.versionsWritten(),
                "");
        List<TableComparison.Outcome> reproduced = ReproduceAccess.analyse(spark, lakehouse, config, recorded);
        assertThat(reproduced)
                .extracting(TableComparison.Outcome::table)
                .containsExactly(
                        GoldFacilityThemePeriod.TABLE,
                        "gold.scheme_agreement",
                        "gold.remediation_effectiveness",
                        "gold.remediation_summary");
        assertThat(reproduced).allSatisfy(o -> {
            assertThat(o.identical()).as(o.toString()).isTrue();
            assertThat(o.recordedRows()).as(o.table()).isPositive();
        });
        long facilities = spark.read()
                .format("delta")
                .load(lakehouse.tablePath("silver.facility"))
                .count();
        assertThat(reproduced.get(0).recordedRows()).isEqualTo(facilities * 21 * labels.size());
    }

    @Test
    void eachInputThatDiffersFromTheLastAnalysisIsNamed() {
        Map<String, String> silver = Map.of("silver.worker_signal", "7:abc");
        Map<String, String> gold = Map.of("gold.facility_theme_period", "3:def");
        StepBasis last = StepBasis.of("analyse", settings("2026-Q3 all periods", "h1", "c1"), silver)
                .withOutputs(gold);
        StepBasis now = StepBasis.of("analyse", settings("2026-Q3 all periods", "h1", "c1"), silver);
        assertThat(StepBasis.reason(last, now, gold)).isNull();
        assertThat(StepBasis.reason(null, now, gold)).startsWith("no analyse basis");
        assertThat(StepBasis.reason(
                        last, StepBasis.of("analyse", settings("2026-Q2 all periods", "h1", "c1"), silver), gold))
                .isEqualTo("request changed since the last analyse");
        assertThat(StepBasis.reason(
                        last, StepBasis.of("analyse", settings("2026-Q3 all periods", "h2", "c1"), silver), gold))
                .isEqualTo("configuration changed since the last analyse");
        assertThat(StepBasis.reason(
                        last, StepBasis.of("analyse", settings("2026-Q3 all periods", "h1", "c2"), silver), gold))
                .isEqualTo("code changed since the last analyse");
        assertThat(StepBasis.reason(
                        last,
                        StepBasis.of(
                                "analyse",
                                settings("2026-Q3 all periods", "h1", "c1"),
                                Map.of("silver.worker_signal", "8:abc")),
                        gold))
                .isEqualTo("silver.worker_signal changed since the last analyse");
        // the same version number of a table made anew (another Delta table id) is another table
        assertThat(StepBasis.reason(
                        last,
                        StepBasis.of(
                                "analyse",
                                settings("2026-Q3 all periods", "h1", "c1"),
                                Map.of("silver.worker_signal", "7:xyz")),
                        gold))
                .isEqualTo("silver.worker_signal changed since the last analyse");
        assertThat(StepBasis.reason(last, now, Map.of("gold.facility_theme_period", "4:def")))
                .isEqualTo("gold.facility_theme_period was written by something else since the last analyse");
        assertThat(StepBasis.reason(last, now, Map.of("gold.facility_theme_period", StepBasis.MISSING)))
                .isEqualTo("gold.facility_theme_period is missing since the last analyse");
    }

    private static Map<String, String> settings(String request, String configuration, String code) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("request", request);
        m.put("configuration", configuration);
        m.put("code", code);
        return m;
    }

    private static Dataset<Row> gold(SparkSession spark, Lakehouse lh) {
        return spark.read().format("delta").load(lh.tablePath(GoldFacilityThemePeriod.TABLE));
    }

    private static RunContext context(String runId, AppConfig cfg) {
        return new RunContext(runId, "analyse", List.of(), SampleLakehouse.RUN_DATE, cfg, "test");
    }
}
