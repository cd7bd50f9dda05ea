package org.hrdd.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.hrdd.testing.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole pipeline of the sample world twice, and the two lakehouses' gold tables compared:
 * <ol>
 *   <li>the cluster jar submitted with {@code spark-submit} to a real standalone cluster (a master and a worker on
 *       127.0.0.1, Spark from a Maven-assembled SPARK_HOME that holds no hrdd code): {@code hrdd run}, uninterrupted;</li>
 *   <li>in this JVM in embedded local mode, with a failure injected through configuration
 *       ({@code pipeline.fail_at_step: score}), then {@code hrdd run --resume RUN_ID} with the step enabled again.</li>
 * </ol>
 * Equal gold tables show both that the cluster jar computes what local mode computes and that a resumed run ends
 * where an uninterrupted one does. The two run at the same time (the cluster is separate processes).
 */
class ClusterIT {

    static final String PERIOD = "2026-Q3";
    static final List<String> GOLD = List.of("gold.facility_theme_period", "gold.scheme_agreement",
            "gold.remediation_effectiveness", "gold.remediation_summary", "gold.risk_theme", "gold.risk_score",
            "gold.indicator_value");
    static final Pattern RESUME = Pattern.compile("hrdd run --resume (\\S+)");

    @TempDir
    Path tmp;

    @Test
    void theClusterJarOnAStandaloneClusterAndAResumedLocalRunWriteTheSameGoldTables() throws Exception {
        Path exports = SampleWorld.exports();
        Path key = Files.writeString(tmp.resolve("pseudonym.key"), "cluster-it-pseudonym-key-0123456789abcdef");
        Path clusterConf = conf(tmp.resolve("conf-cluster"), key, null);
        Path localConf = conf(tmp.resolve("conf-local"), key, "score");
        Path clusterLh = tmp.resolve("lh-cluster");
        Path localLh = tmp.resolve("lh-local");
        String runDate = SampleLakehouse.RUN_DATE.toString();
        List<String> runArgs = List.of("run", "--input", exports.toString(), "--period", PERIOD, "--run-date", runDate);

        Path jar = Path.of(System.getProperty("hrdd.cluster.jar"));
        assertThat(jar).as("the cluster jar (mvn package)").exists();
        Path logs = jar.getParent().resolve("cluster-it");
        try (StandaloneCluster cluster = StandaloneCluster.start(Path.of(System.getProperty("hrdd.spark.home")), logs,
                StandaloneCluster.javaOpensFromBuild(), 2, "3g")) {
            List<String> clusterArgs = new ArrayList<>(runArgs);
            clusterArgs.addAll(List.of("--out", tmp.resolve("out-cluster").toString(), "--conf", clusterConf.toString(),
                    "--lakehouse", clusterLh.toString()));
            Process submitted = cluster.submit("submit", jar, "org.hrdd.cli.Hrdd",
                    Map.of("spark.executor.memory", "2g", "spark.cores.max", "2"), clusterArgs, Map.of());

            // meanwhile, in this JVM: the same pipeline in local mode, failing at score, then resumed
            List<String> localArgs = new ArrayList<>(runArgs);
            localArgs.addAll(List.of("--out", tmp.resolve("out-local").toString(), "--conf", localConf.toString(),
                    "--lakehouse", localLh.toString(), "--master", "local[2]"));
            String[] failed = cli(localArgs);
            assertThat(failed[0]).as(failed[1] + failed[2]).isEqualTo(String.valueOf(Hrdd.ERROR));
            assertThat(failed[1]).containsPattern("score\\s+failed");
            assertThat(Files.exists(localLh.resolve("gold/risk_score"))).as("score never wrote").isFalse();
            Matcher m = RESUME.matcher(failed[1]);
            assertThat(m.find()).as(failed[1]).isTrue();
            String[] resumed = cli(List.of("run", "--resume", m.group(1), "--conf", clusterConf.toString(),
                    "--lakehouse", localLh.toString(), "--master", "local[2]"));
            assertThat(resumed[0]).as(resumed[1] + resumed[2]).isEqualTo(String.valueOf(Hrdd.OK));
            assertThat(resumed[1]).containsPattern("ingest\\s+succeeded \\(earlier\\)").containsPattern("score\\s+succeeded");

            assertThat(submitted.waitFor(25, TimeUnit.MINUTES)).as("spark-submit finished").isTrue();
            assertThat(submitted.exitValue()).as(cluster.tail("submit", 60)).isZero();
            String submitLog = Files.readString(cluster.log("submit"), StandardCharsets.UTF_8);
            assertThat(submitLog).as("ran on the cluster, not in local mode").contains(cluster.masterUrl());
        }

        SparkSession spark = SparkSession.active();
        for (String table : GOLD) {
            String dir = table.replace('.', '/');
            Dataset<Row> a = rounded(spark.read().format("delta").load(clusterLh.resolve(dir).toString()));
            Dataset<Row> b = rounded(spark.read().format("delta").load(localLh.resolve(dir).toString()));
            List<String> columns = new ArrayList<>(List.of(a.columns()));
            columns.remove(Lineage.RUN_ID);
            assertThat(List.of(b.columns())).containsExactlyInAnyOrderElementsOf(List.of(a.columns()));
            TableComparison.Outcome o = TableComparison.compare(table, a, b, columns);
            assertThat(o.recordedRows()).as(table + " has rows").isPositive();
            assertThat(o.identical()).as(o.toString()).isTrue();
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

    static String[] cli(List<String> args) {
        CommandLine cli = Hrdd.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args.toArray(String[]::new));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }
}
