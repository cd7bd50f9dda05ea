package org.hrdd.run;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.analyse.AnalyseJob;
import org.hrdd.config.AppConfig;
import org.hrdd.indicators.IndicatorsJob;
import org.hrdd.refine.RefineJob;
import org.hrdd.refine.RefineResult;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Lineage;
import org.hrdd.score.ScoreJob;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full or nothing: a step rerun on unchanged inputs (same tables, configuration, code, key, run date, request) does
 * nothing and commits nothing to any table; a table a step writes, changed by something else, makes the step compute
 * again and put it back.
 */
class StepRerunIT {

    @TempDir
    Path tmp;

    @Test
    void aRerunOnUnchangedInputsCommitsNothingAndAChangedOutputIsRecomputed() throws IOException {
        SparkSession spark = SharedSpark.session();
        Path lh = SampleLakehouse.copyTree(SampleLakehouse.complete(), tmp.resolve("lh"));
        AppConfig cfg = SampleLakehouse.config().withLakehouse(lh.toString());
        Lakehouse lakehouse = new Lakehouse(lh.toString());
        // the first pass may compute (another test may have run a step on the shared lakehouse with other arguments)
        steps(spark, cfg, "first");
        Map<String, Long> before = versions(lh);
        Steps again = steps(spark, cfg, "again");
        assertThat(again.refine().upToDate()).isTrue();
        assertThat(again.refine().accounting()).isEmpty();
        assertThat(again.analyse().upToDate()).isTrue();
        assertThat(again.score().upToDate()).isTrue();
        assertThat(again.indicators().upToDate()).isTrue();
        // not one commit, to any table (ops.quality_metrics included)
        assertThat(versions(lh)).isEqualTo(before);
        // the versions an up-to-date refine vouches for are the tables' current ones
        String facilities = lakehouse.tablePath(SilverFacility.TABLE);
        assertThat(again.refine().versionsWritten().get(SilverFacility.TABLE))
                .isEqualTo(before.get(lh.relativize(Path.of(facilities)).toString()))
                .isNotNull();

        // a silver table changed behind refine's back: refine names it, refines every record and restores the rows
        Dataset<Row> whole = rows(spark, facilities);
        String first = whole.orderBy(SilverFacility.FACILITY_ID).first().getAs(SilverFacility.FACILITY_ID);
        DeltaTable.forPath(spark, facilities)
                .delete(col(SilverFacility.FACILITY_ID).equalTo(first));
        RefineResult restored = new RefineJob(RefineJob.Config.of(cfg, SampleLakehouse.KEY), Progress.silent())
                .run(spark, context("r-restore", cfg));
        assertThat(restored.upToDate()).isFalse();
        assertThat(restored.reason())
                .isEqualTo(SilverFacility.TABLE + " was written by something else since the last refine");
        Dataset<Row> now = rows(spark, facilities);
        assertThat(now.exceptAll(whole).count() + whole.exceptAll(now).count()).isZero();
        assertThat(now.filter(col(SilverFacility.FACILITY_ID).equalTo(first)).count())
                .isEqualTo(1);
    }

    private record Steps(
            RefineResult refine, AnalyseJob.Result analyse, ScoreJob.Result score, IndicatorsJob.Result indicators) {}

    /** Every step with the arguments the sample lakehouse was built with. */
    private static Steps steps(SparkSession spark, AppConfig cfg, String run) {
        RefineResult refine = new RefineJob(RefineJob.Config.of(cfg, SampleLakehouse.KEY), Progress.silent())
                .run(spark, context("r-refine-" + run, cfg));
        AnalyseJob.Result analyse = new AnalyseJob(AnalyseJob.Config.of(cfg), Progress.silent())
                .run(spark, context("r-analyse-" + run, cfg), SampleLakehouse.LAST_PERIOD, true);
        ScoreJob.Result score = new ScoreJob(ScoreJob.Config.of(cfg), Progress.silent())
                .run(spark, context("r-score-" + run, cfg), SampleLakehouse.LAST_PERIOD, true, null);
        IndicatorsJob.Result indicators = new IndicatorsJob(IndicatorsJob.Config.of(cfg), Progress.silent())
                .run(spark, context("r-indicators-" + run, cfg), SampleLakehouse.LAST_PERIOD);
        return new Steps(refine, analyse, score, indicators);
    }

    private static Dataset<Row> rows(SparkSession spark, String path) {
        return spark.read().format("delta").load(path).drop(Lineage.RUN_ID);
    }

    /** The version of every Delta table in the lakehouse (layer/table folders holding a _delta_log). */
    private static Map<String, Long> versions(Path lh) throws IOException {
        Map<String, Long> out = org.hrdd.bench.Benchmark.tableVersions(lh);
        assertThat(out).hasSizeGreaterThan(15);
        return out;
    }

    private static RunContext context(String runId, AppConfig cfg) {
        return new RunContext(runId, "test", java.util.List.of(), SampleLakehouse.RUN_DATE, cfg, "test");
    }
}
