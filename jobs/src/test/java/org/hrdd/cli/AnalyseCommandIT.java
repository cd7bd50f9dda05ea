package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.analyse.AnalyseEvaluation;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldSchemeAgreement;
import org.hrdd.schemas.Columns.OpsRuns;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;

/** {@code hrdd analyse --evaluate TRUTH --evaluate-only}: the gold already written, scored, nothing analysed or written. */
class AnalyseCommandIT {

    static final List<String> GOLD =
            List.of(GoldFacilityThemePeriod.TABLE, GoldSchemeAgreement.TABLE, GoldRemediationEffectiveness.TABLE);

    @Test
    void evaluateOnlyScoresTheWrittenGoldAndWritesNothing() {
        SampleLakehouse.analysed();
        SparkSession spark = SharedSpark.session();
        Map<String, Long> before = versions(spark);
        Path truth = SampleWorld.truth();

        HrddCliIT.Result r = HrddCliIT.run(
                "analyse",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--evaluate",
                truth.toString(),
                "--evaluate-only");
        assertThat(r.code()).as(r.err()).isZero();

        // the same figures as the evaluation computed here from the same tables (10 = analysis.min_workers_reached)
        StringWriter expected = new StringWriter();
        PrintWriter w = new PrintWriter(expected);
        AnalyseEvaluation.evaluate(
                        spark,
                        table(spark, GoldFacilityThemePeriod.TABLE),
                        table(spark, GoldSchemeAgreement.TABLE),
                        table(spark, GoldRemediationEffectiveness.TABLE),
                        truth,
                        10)
                .print(w);
        w.flush();
        assertThat(r.out()).isEqualTo("evaluation against " + truth + ":" + System.lineSeparator() + expected);
        assertThat(r.out()).contains("every published scheme x theme pair");
        assertThat(versions(spark)).isEqualTo(before); // no gold table written, no run recorded

        HrddCliIT.Result noTruth = HrddCliIT.run(
                "analyse",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--evaluate-only");
        assertThat(noTruth.code()).isEqualTo(Hrdd.USAGE);
        assertThat(noTruth.err()).contains("--evaluate-only needs --evaluate TRUTH_DIR");
        HrddCliIT.Result withRunDate = HrddCliIT.run(
                "analyse",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--evaluate",
                "truth",
                "--evaluate-only",
                "--run-date",
                "2026-10-15");
        assertThat(withRunDate.code()).isEqualTo(Hrdd.USAGE);
        assertThat(withRunDate.err()).contains("takes none of --period, --all-periods, --as-of, --run-date");
        HrddCliIT.Result noPeriod = HrddCliIT.run(
                "analyse",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse());
        assertThat(noPeriod.code()).isEqualTo(Hrdd.USAGE);
        assertThat(noPeriod.err()).contains("--period");
    }

    private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table(SparkSession spark, String name) {
        return spark.read().format("delta").load(SampleLakehouse.table(name));
    }

    private static Map<String, Long> versions(SparkSession spark) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (String t : GOLD) {
            v.put(t, DeltaTables.version(spark, SampleLakehouse.table(t)));
        }
        // no run recorded: ops.runs keeps its version (the fixture's jobs run without run records: then it stays
        // absent)
        String runs = SampleLakehouse.table(OpsRuns.TABLE);
        v.put(OpsRuns.TABLE, DeltaTables.exists(spark, runs) ? DeltaTables.version(spark, runs) : -1L);
        return v;
    }
}
