package org.hrdd.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import org.hrdd.cli.Hrdd;
import org.hrdd.run.TableComparison;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code hrdd run} of the sample world submitted as the cluster jar with {@code spark-submit} to a real standalone
 * cluster (a master and a worker on 127.0.0.1, Spark from a Maven-assembled SPARK_HOME that holds no hrdd code), with a
 * failure injected through configuration ({@code pipeline.fail_at_step: score}) and then {@code --resume}d
 * ({@link ClusterRun}, started with the test plan so it runs beside the other pipeline tests), compared table by table with the
 * gold tables of an uninterrupted local-mode run of the same steps on the same exports, run date and pseudonym key: the
 * pipeline tests' sample lakehouse. Equal tables show both that the cluster jar computes what local mode computes and that
 * a resumed run ends where an uninterrupted one does. The cluster run uses the tests' shuffle settings (2
 * partitions): sums of doubles over other partitionings differ in the last digits, which the comparison's rounding to
 * 9 decimals absorbs, but not more. Ordered last: it waits for the cluster run.
 */
@Order(Integer.MAX_VALUE)
class ClusterIT {

    static final String PERIOD = ClusterRun.PERIOD;
    /** The analysis writes every period up to PERIOD (pipeline.yaml); scores and indicators are written for PERIOD. */
    static final Map<String, Boolean> GOLD = new java.util.LinkedHashMap<>();

    static {
        GOLD.put("gold.facility_theme_period", true);
        GOLD.put("gold.scheme_agreement", true);
        GOLD.put("gold.remediation_effectiveness", true);
        GOLD.put("gold.remediation_summary", true);
        GOLD.put("gold.risk_theme", false);
        GOLD.put("gold.risk_score", false);
        GOLD.put("gold.indicator_value", false);
    }

    @Test
    void aRunFailedAndResumedOnAStandaloneClusterWritesTheGoldTablesOfAnUninterruptedLocalRun() throws Exception {
        Assumptions.assumeTrue(ClusterRun.enabled(), "built with -Dhrdd.skipClusterJar=true: no cluster jar to submit");
        assertThat(ClusterRun.jar())
                .as("the cluster jar (mvn process-test-classes)")
                .exists();
        // the local-mode lakehouse to compare with (built by the pipeline tests before this class runs, else here)
        Path local = SampleLakehouse.complete();
        ClusterRun.Result r = ClusterRun.start().get(2 * ClusterRun.SUBMIT_MINUTES + 5, TimeUnit.MINUTES);
        if (r.error() != null) {
            throw new AssertionError("the cluster run stopped: " + r.error(), r.error());
        }
        ClusterRun.Submit first = r.failing();
        assertThat(first.exitCode())
                .as("spark-submit finished\n" + first.tail())
                .isNotNull();
        assertThat(first.exitCode()).as(first.tail()).isEqualTo(Hrdd.ERROR);
        assertThat(first.log()).as("ran on the cluster, not in local mode").contains(r.masterUrl());
        assertThat(first.log()).containsPattern("analyse\\s+succeeded").containsPattern("score\\s+failed");
        assertThat(r.riskScoreAfterFailing()).as("score never ran").isFalse();
        assertThat(r.resumeId()).as(first.log()).isNotNull();

        ClusterRun.Submit resumed = r.resumed();
        assertThat(resumed.exitCode())
                .as("spark-submit --resume finished\n" + resumed.tail())
                .isNotNull();
        assertThat(resumed.exitCode()).as(resumed.tail()).isZero();
        assertThat(resumed.log())
                .containsPattern("refine\\s+succeeded \\(earlier\\)")
                .containsPattern("score\\s+succeeded")
                .containsPattern("research_export\\s+succeeded");

        SparkSession spark = SharedSpark.session();
        for (Map.Entry<String, Boolean> t : GOLD.entrySet()) {
            String dir = t.getKey().replace('.', '/');
            Dataset<Row> a = rounded(
                    spark.read().format("delta").load(r.lakehouse().resolve(dir).toString()));
            Dataset<Row> b =
                    rounded(spark.read().format("delta").load(local.resolve(dir).toString()));
            List<String> periods = a.select("period")
                    .distinct()
                    .as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList();
            if (t.getValue()) {
                assertThat(periods).as(t.getKey()).hasSize(8).contains(PERIOD);
            } else {
                assertThat(periods).as(t.getKey()).containsExactly(PERIOD);
            }
            b = b.filter(col("period").isin(periods.toArray()));
            List<String> columns = new ArrayList<>(List.of(a.columns()));
            columns.remove(Lineage.RUN_ID);
            assertThat(List.of(b.columns())).containsExactlyInAnyOrderElementsOf(List.of(a.columns()));
            TableComparison.Outcome o = TableComparison.compare(t.getKey(), a, b, columns);
            assertThat(o.recordedRows()).as(t.getKey() + " has rows").isPositive();
            assertThat(o.identical()).as(o.toString()).isTrue();
        }
    }

    /** Doubles to 9 decimals: sums over differently split partitions may differ in the last bits. */
    static Dataset<Row> rounded(Dataset<Row> d) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : d.schema().fields()) {
            cols.add(
                    f.dataType() instanceof DoubleType ? round(col(f.name()), 9).as(f.name()) : col(f.name()));
        }
        return d.select(cols.toArray(Column[]::new));
    }
}
