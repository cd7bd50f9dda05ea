package org.hrdd.pipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.hrdd.testing.StandaloneCluster;

/**
 * The cluster half of {@link ClusterIT}: {@code hrdd run} of the sample world submitted as the cluster jar to a real
 * standalone cluster (a master and a worker on 127.0.0.1, Spark from the Maven-assembled SPARK_HOME), with a failure
 * injected through configuration ({@code pipeline.fail_at_step: score}), then {@code --resume}d. It runs in a background
 * thread of the test JVM, its Spark work in its own processes, so that it overlaps the other pipeline tests
 * ({@link ClusterRunStarter} starts it with the test plan); {@link ClusterIT} waits for it and checks what it recorded.
 * It asserts nothing itself and never throws: a failure is recorded for ClusterIT to report.
 */
final class ClusterRun {

    static final String PERIOD = SampleLakehouse.LAST_PERIOD;
    static final Pattern RESUME = Pattern.compile("hrdd run --resume (\\S+)");
    /** Each spark-submit gets this long before it counts as hung. */
    static final long SUBMIT_MINUTES = 25;

    /** One spark-submit: exit code (null when it did not finish in time), its whole log and its last lines. */
    record Submit(Integer exitCode, String log, String tail) {}

    /**
     * What the run did: the cluster's master URL, its lakehouse, the failing submit, whether gold.risk_score existed
     * after it, the run id it told to resume and the resumed submit (null when there was nothing to resume), or the
     * error that stopped it.
     */
    record Result(
            String masterUrl,
            Path lakehouse,
            Submit failing,
            boolean riskScoreAfterFailing,
            String resumeId,
            Submit resumed,
            Throwable error) {}

    private static CompletableFuture<Result> run;

    private ClusterRun() {}

    /** Starts the run once per JVM (in a daemon thread) and returns it; later calls return the same run. */
    static synchronized CompletableFuture<Result> start() {
        if (run == null) {
            CompletableFuture<Result> f = new CompletableFuture<>();
            Thread t = new Thread(() -> f.complete(execute()), "hrdd-cluster-run");
            t.setDaemon(true);
            t.start();
            run = f;
        }
        return run;
    }

    /** Whether the build made the cluster jar and SPARK_HOME (false with -Dhrdd.skipClusterJar=true). */
    static boolean enabled() {
        return !Boolean.getBoolean("hrdd.skip.cluster");
    }

    static Path jar() {
        return Path.of(System.getProperty("hrdd.cluster.jar", "target/hrdd-jobs-cluster.jar"));
    }

    private static Result execute() {
        Path jar = jar();
        Path work = jar.toAbsolutePath().getParent().resolve("cluster-it");
        Path lakehouse = work.resolve("lh-cluster");
        String masterUrl = null;
        Submit failing = null;
        boolean riskScore = false;
        String resumeId = null;
        try {
            org.hrdd.reports.output.StagedDirectory.deleteTree(work);
            Files.createDirectories(work);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no cluster jar at " + jar + " (mvn's process-test-classes makes it)");
            }
            Path key = Files.write(work.resolve("pseudonym.key"), SampleLakehouse.KEY_BYTES);
            Path failingConf = conf(work.resolve("conf-failing"), key, "score");
            Path conf = conf(work.resolve("conf"), key, null);
            Path exports = SampleWorld.exports();
            Map<String, String> sparkConf = Map.of("spark.executor.memory", "2g", "spark.cores.max", "2");
            List<String> shuffle = List.of(
                    "--spark-conf", "spark.sql.shuffle.partitions=2", "--spark-conf", "spark.default.parallelism=2");
            try (StandaloneCluster cluster = StandaloneCluster.start(
                    Path.of(System.getProperty("hrdd.spark.home")),
                    work.resolve("logs"),
                    StandaloneCluster.jvmFlagsFromBuild(),
                    2,
                    "3g")) {
                masterUrl = cluster.masterUrl();
                List<String> first = new java.util.ArrayList<>(List.of(
                        "run",
                        "--input",
                        exports.toString(),
                        "--period",
                        PERIOD,
                        "--run-date",
                        SampleLakehouse.RUN_DATE.toString(),
                        "--out",
                        work.resolve("out").toString(),
                        "--conf",
                        failingConf.toString(),
                        "--lakehouse",
                        lakehouse.toString()));
                first.addAll(shuffle);
                failing = submit(cluster, "submit-1", jar, sparkConf, first);
                riskScore = Files.exists(lakehouse.resolve("gold/risk_score"));
                Matcher m = RESUME.matcher(failing.log());
                if (failing.exitCode() == null || !m.find()) {
                    return new Result(masterUrl, lakehouse, failing, riskScore, null, null, null);
                }
                resumeId = m.group(1);
                List<String> second = new java.util.ArrayList<>(List.of(
                        "run", "--resume", resumeId, "--conf", conf.toString(), "--lakehouse", lakehouse.toString()));
                second.addAll(shuffle);
                Submit resumed = submit(cluster, "submit-2", jar, sparkConf, second);
                return new Result(masterUrl, lakehouse, failing, riskScore, resumeId, resumed, null);
            }
        } catch (Throwable e) {
            return new Result(masterUrl, lakehouse, failing, riskScore, resumeId, null, e);
        }
    }

    private static Submit submit(
            StandaloneCluster cluster, String name, Path jar, Map<String, String> sparkConf, List<String> args)
            throws Exception {
        Process p = cluster.submit(name, jar, "org.hrdd.cli.Hrdd", sparkConf, args, Map.of());
        boolean done = p.waitFor(SUBMIT_MINUTES, TimeUnit.MINUTES);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Submit(
                done ? p.exitValue() : null,
                Files.readString(cluster.log(name), StandardCharsets.UTF_8),
                cluster.tail(name, 60));
    }

    /** A copy of conf/ with the pseudonym key file, the pipeline spec by absolute path and the step to fail at. */
    static Path conf(Path dir, Path keyFile, String failAt) throws Exception {
        SampleLakehouse.copyTree(SampleWorld.conf(), dir);
        Path app = dir.resolve("application.yaml");
        String spec = SampleWorld.repoRoot()
                .resolve("pipelines/pipeline.yaml")
                .toAbsolutePath()
                .normalize()
                .toString();
        String yaml = Files.readString(app)
                .replace("pseudonym_key_file: null", "pseudonym_key_file: " + keyFile.toAbsolutePath())
                .replace("spec: ../pipelines/pipeline.yaml", "spec: " + spec)
                .replace("fail_at_step: null", "fail_at_step: " + (failAt == null ? "null" : failAt));
        if (!yaml.contains(spec) || !yaml.contains(keyFile.toAbsolutePath().toString())) {
            throw new IllegalStateException(
                    "conf/application.yaml no longer has the lines this test replaces:\n" + yaml);
        }
        Files.writeString(app, yaml);
        return dir;
    }
}
