package org.hrdd.analyse;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 * An analysis reuses the gold rows of the periods before the earliest one whose silver changed, and its gold tables
 * equal those of a computation of every period from silver: the one {@code hrdd reproduce} makes from the silver
 * versions the run read, after silver changed again.
 */
class IncrementalAnalyseTest {

    @TempDir
    Path tmp;

    @Test
    void changedSilverIsRecomputedFromItsPeriodOnAndTheRestReused() throws IOException {
        SparkSession spark = SharedSpark.session();
        SampleLakehouse.analysed();
        Path lh = SampleLakehouse.copyTree(Path.of(SampleLakehouse.config().lakehouse()), tmp.resolve("lh"));
        AppConfig cfg = SampleLakehouse.config().withLakehouse(lh.toString());
        Lakehouse lakehouse = new Lakehouse(lh.toString());
        AnalyseJob.Config config = AnalyseJob.Config.of(cfg);
        String last = SampleLakehouse.LAST_PERIOD;
        if (AnalysisBasis.load(spark, lakehouse) == null) {
            // another test changed the shared lakehouse after its analysis: record a basis first
            new AnalyseJob(config, Progress.silent()).run(spark, context("r-basis", cfg), last, true);
        }

        // 1. nothing the analysis reads changed (a refine on a later run date flags more CAPs as overdue): every period
        // but the requested one reused, and nothing to commit
        DeltaTable.forPath(spark, lakehouse.tablePath(SilverRemediation.TABLE)).update(
                col(SilverRemediation.CLOSED_ON).isNull(),
                Map.of(SilverRemediation.IS_OVERDUE, org.apache.spark.sql.functions.not(col(SilverRemediation.IS_OVERDUE))));
        Map<String, Long> gold0 = AnalysisBasis.goldVersions(spark, lakehouse, AnalyseJob.OUTPUTS);
        AnalyseJob.Result same = new AnalyseJob(config, Progress.silent()).run(spark, context("r-same", cfg), last, true);
        List<String> labels = new java.util.ArrayList<>(same.periodsReused());
        labels.add(last);
        assertThat(labels).hasSizeGreaterThanOrEqualTo(4);
        assertThat(same.periodsWritten()).containsExactly(last);
        assertThat(AnalysisBasis.goldVersions(spark, lakehouse, AnalyseJob.OUTPUTS)).isEqualTo(gold0);

        // 2. one facility's signals of a middle period removed from silver
        String changed = labels.get(labels.size() - 3);
        Dataset<Row> signals = spark.read().format("delta").load(lakehouse.tablePath(SilverWorkerSignal.TABLE));
        Row busiest = signals.filter(col(SilverWorkerSignal.PERIOD).equalTo(changed)
                        .and(col(SilverWorkerSignal.CONSENT_AGGREGATE)))
                .groupBy(SilverWorkerSignal.FACILITY_ID, SilverWorkerSignal.THEME).count()
                .orderBy(col("count").desc(), col(SilverWorkerSignal.FACILITY_ID), col(SilverWorkerSignal.THEME)).first();
        String facility = busiest.getString(0);
        String theme = busiest.getString(1);
        Column theCell = col(GoldFacilityThemePeriod.FACILITY_ID).equalTo(facility)
                .and(col(GoldFacilityThemePeriod.THEME).equalTo(theme))
                .and(col(GoldFacilityThemePeriod.PERIOD).equalTo(changed));
        Row before = gold(spark, lakehouse).filter(theCell).first();
        assertThat(before.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REPORTING)).isPositive();
        DeltaTable.forPath(spark, lakehouse.tablePath(SilverWorkerSignal.TABLE)).delete(
                col(SilverWorkerSignal.PERIOD).equalTo(changed).and(col(SilverWorkerSignal.FACILITY_ID).equalTo(facility)));

        AnalyseJob.Result inc = new AnalyseJob(config, Progress.silent()).run(spark, context("r-inc", cfg), last, true);
        int at = labels.indexOf(changed);
        assertThat(inc.periodsReused()).containsExactlyElementsOf(labels.subList(0, at));
        assertThat(inc.periodsWritten()).containsExactlyElementsOf(labels.subList(at, labels.size()));
        Row after = gold(spark, lakehouse).filter(theCell).first();
        assertThat(after.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REPORTING)).isZero();

        // 3. the gold tables equal a computation of every period from the changed silver, and stay so after silver
        // changes again: `hrdd reproduce r-inc` recomputes every period from the silver versions r-inc read (the
        // facility with the most signals in the last period has none afterwards) and compares with what r-inc wrote
        String another = signals.filter(col(SilverWorkerSignal.PERIOD).equalTo(last)
                        .and(col(SilverWorkerSignal.FACILITY_ID).notEqual(facility)))
                .groupBy(SilverWorkerSignal.FACILITY_ID).count()
                .orderBy(col("count").desc(), col(SilverWorkerSignal.FACILITY_ID)).first().getString(0);
        String signalsPath = lakehouse.tablePath(SilverWorkerSignal.TABLE);
        DeltaTable.forPath(spark, signalsPath).delete(col(SilverWorkerSignal.FACILITY_ID).equalTo(another));
        long read = inc.versionsRead().get(SilverWorkerSignal.TABLE);
        assertThat(DeltaTables.version(spark, signalsPath)).isGreaterThan(read);
        assertThat(spark.read().format("delta").load(signalsPath)
                .filter(col(SilverWorkerSignal.FACILITY_ID).equalTo(another)).count()).isZero();
        assertThat(spark.read().format("delta").option("versionAsOf", read).load(signalsPath)
                .filter(col(SilverWorkerSignal.FACILITY_ID).equalTo(another)).count()).isPositive();
        RunHistory.Recorded recorded = new RunHistory.Recorded("r-inc", "analyse", List.of("--period", last,
                "--all-periods"), null, null, inc.versionsRead(), inc.versionsWritten(), "");
        List<TableComparison.Outcome> reproduced = ReproduceAccess.analyse(spark, lakehouse, config, recorded);
        assertThat(reproduced).extracting(TableComparison.Outcome::table).containsExactly(
                GoldFacilityThemePeriod.TABLE, "gold.scheme_agreement", "gold.remediation_effectiveness",
                "gold.remediation_summary");
        assertThat(reproduced).allSatisfy(o -> {
            assertThat(o.identical()).as(o.toString()).isTrue();
            assertThat(o.recordedRows()).as(o.table()).isPositive();
        });
        long facilities = spark.read().format("delta").load(lakehouse.tablePath("silver.facility")).count();
        assertThat(reproduced.get(0).recordedRows()).isEqualTo(facilities * 21 * labels.size());

        // 4. a basis from another configuration reuses nothing
        AnalysisBasis basis = AnalysisBasis.load(spark, lakehouse);
        assertThat(basis.periods().keySet()).containsExactlyInAnyOrderElementsOf(labels);
        Map<String, Long> goldNow = AnalysisBasis.goldVersions(spark, lakehouse, AnalyseJob.OUTPUTS);
        Map<String, String> current = new LinkedHashMap<>(basis.periods());
        assertThat(AnalysisBasis.reusable(basis, "other", basis.codeVersion(), goldNow, current, labels)).isEmpty();
        assertThat(AnalysisBasis.fullReason(basis, "other", basis.codeVersion(), goldNow))
                .isEqualTo("analysis configuration changed");
        Map<String, Long> written = new LinkedHashMap<>(goldNow);
        written.put(GoldFacilityThemePeriod.TABLE, goldNow.get(GoldFacilityThemePeriod.TABLE) + 1);
        assertThat(AnalysisBasis.reusable(basis, basis.configHash(), basis.codeVersion(), written, current, labels)).isEmpty();
        assertThat(AnalysisBasis.reusable(basis, basis.configHash(), basis.codeVersion(), goldNow, current, labels))
                .containsExactlyElementsOf(labels.subList(0, labels.size() - 1));
        current.put(labels.get(1), "changed");
        assertThat(AnalysisBasis.reusable(basis, basis.configHash(), basis.codeVersion(), goldNow, current, labels))
                .containsExactly(labels.get(0));
    }

    private static Dataset<Row> gold(SparkSession spark, Lakehouse lh) {
        return spark.read().format("delta").load(lh.tablePath(GoldFacilityThemePeriod.TABLE));
    }

    private static RunContext context(String runId, AppConfig cfg) {
        return new RunContext(runId, "analyse", List.of(), SampleLakehouse.RUN_DATE, cfg, "test");
    }
}
