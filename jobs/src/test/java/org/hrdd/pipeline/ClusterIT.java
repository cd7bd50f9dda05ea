package org.hrdd.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import org.hrdd.cli.Hrdd;
import org.hrdd.run.TableComparison;
import org.hrdd.schemas.Lineage;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrdd run} of the sample world submitted as the cluster jar with {@code spark-submit} to a real standalone
 * cluster (a master and a worker on 127.0.0.1, Spark from a Maven-assembled SPARK_HOME that holds no hrdd code), with a
 * failure injected through configuration ({@code pipeline.fail_at_step: score}) and then {@code --resume}d, compared
 * table by table with the gold tables of an uninterrupted local-mode run of the same steps on the same exports, run
 * date and pseudonym key: the unit tests' sample lakehouse (reused when this build made it, else computed here).
 * Equal tables show both that the cluster jar computes what local mode computes and that a resumed run ends where an
 * uninterrupted one does. The cluster run uses the unit tests' shuffle settings (2 partitions): sums of doubles over
 * other partitionings differ in the last digits, which the comparison's rounding to 9 decimals absorbs, but not more.
 */
class ClusterIT {

    static final String PERIOD = SampleLakehouse.LAST_PERIOD;
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
    static final Pattern RESUME = Pattern.compile("hrdd run --resume (\\S+)");

    @TempDir
    Path tmp;

    @Test
    void aRunFailedAndResumedOnAStandaloneClusterWritesTheGoldTablesOfAnUninterruptedLocalRun() throws Exception {
        Path jar = Path.of(System.getProperty("hrdd.cluster.jar"));
        assertThat(jar).as("the cluster jar (mvn package)").exists();
        Path exports = SampleWorld.exports();
        Path key = Files.write(tmp.resolve("pseudonym.key"), SampleLakehouse.KEY_BYTES);
        Path failing = conf(tmp.resolve("conf-failing"), key, "score");
        Path conf = conf(tmp.resolve("conf"), key, null);
        Path lakehouse = tmp.resolve("lh-cluster");
        String runDate = SampleLakehouse.RUN_DATE.toString();
        Map<String, String> sparkConf = Map.of("spark.executor.memory", "2g", "spark.cores.max", "2");

        Path logs = jar.getParent().resolve("cluster-it");
        try (StandaloneCluster cluster = StandaloneCluster.start(Path.of(System.getProperty("hrdd.spark.home")), logs,
                StandaloneCluster.javaOpensFromBuild(), 2, "3g")) {
            Process first = cluster.submit("submit-1", jar, "org.hrdd.cli.Hrdd", sparkConf, List.of("run", "--input",
                    exports.toString(), "--period", PERIOD, "--run-date", runDate, "--out", tmp.resolve("out").toString(),
                    "--conf", failing.toString(), "--lakehouse", lakehouse.toString(), "--spark-conf",
                    "spark.sql.shuffle.partitions=2", "--spark-conf", "spark.default.parallelism=2"), Map.of());
            // meanwhile, in this JVM: the local-mode lakehouse to compare with
            Path local = SampleLakehouse.complete();
            System.out.println("ClusterIT: local-mode lakehouse " + local + (SampleLakehouse.reused()
                    ? " (the unit tests', reused)" : " (computed here)"));

            assertThat(first.waitFor(20, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
            String log = Files.readString(cluster.log("submit-1"), StandardCharsets.UTF_8);
            assertThat(first.exitValue()).as(cluster.tail("submit-1", 60)).isEqualTo(Hrdd.ERROR);
            assertThat(log).as("ran on the cluster, not in local mode").contains(cluster.masterUrl());
            assertThat(log).containsPattern("analyse\\s+succeeded").containsPattern("score\\s+failed");
            assertThat(lakehouse.resolve("gold/risk_score")).as("score never ran").doesNotExist();
            Matcher m = RESUME.matcher(log);
            assertThat(m.find()).as(log).isTrue();

            Process resumed = cluster.submit("submit-2", jar, "org.hrdd.cli.Hrdd", sparkConf, List.of("run", "--resume",
                    m.group(1), "--conf", conf.toString(), "--lakehouse", lakehouse.toString(), "--spark-conf",
                    "spark.sql.shuffle.partitions=2", "--spark-conf", "spark.default.parallelism=2"), Map.of());
            assertThat(resumed.waitFor(20, TimeUnit.MINUTES)).as("spark-submit --resume finished").isTrue();
            assertThat(resumed.exitValue()).as(cluster.tail("submit-2", 60)).isZero();
            assertThat(Files.readString(cluster.log("submit-2"), StandardCharsets.UTF_8))
                    .containsPattern("refine\\s+succeeded \\(earlier\\)").containsPattern("score\\s+succeeded")
                    .containsPattern("research_export\\s+succeeded");

            SparkSession spark = SharedSpark.session();
            for (Map.Entry<String, Boolean> t : GOLD.entrySet()) {
                String dir = t.getKey().replace('.', '/');
                Dataset<Row> a = rounded(spark.read().format("delta").load(lakehouse.resolve(dir).toString()));
                Dataset<Row> b = rounded(spark.read().format("delta").load(local.resolve(dir).toString()));
                List<String> periods = a.select("period").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
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
    }

    /** Doubles to 9 decimals: sums over differently split partitions may differ in the last bits. */
    static Dataset<Row> rounded(Dataset<Row> d) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : d.schema().fields()) {
            cols.add(f.dataType() instanceof DoubleType ? round(col(f.name()), 9).as(f.name()) : col(f.name()));
        }
        return d.select(cols.toArray(Column[]::new));
    }

    /** A copy of conf/ with the pseudonym key file, the pipeline spec by absolute path and the step to fail at. */
    static Path conf(Path dir, Path keyFile, String failAt) throws Exception {
        SampleLakehouse.copyTree(SampleWorld.conf(), dir);
        Path app = dir.resolve("application.yaml");
        String spec = SampleWorld.repoRoot().resolve("pipelines/pipeline.yaml").toAbsolutePath().normalize().toString();
        String yaml = Files.readString(app)
                .replace("pseudonym_key_file: null", "pseudonym_key_file: " + keyFile.toAbsolutePath())
                .replace("spec: ../pipelines/pipeline.yaml", "spec: " + spec)
                .replace("fail_at_step: null", "fail_at_step: " + (failAt == null ? "null" : failAt));
        assertThat(yaml).contains(spec).contains(keyFile.toAbsolutePath().toString());
        Files.writeString(app, yaml);
        return dir;
    }
}
