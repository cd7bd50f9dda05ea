package org.hrdd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1 (one master, one worker) started from a Spark installation assembled
 * by Maven under {@code target/spark-home} (Spark, Delta, Hadoop and Scala jars, no hrdd code), and
 * {@code spark-submit} against it. {@link #close()} stops the master, the worker and every executor it started.
 */
public final class StandaloneCluster implements AutoCloseable {

    private final Path sparkHome;
    private final Path logs;
    /** JVM flags of every process of the cluster: the build's cluster JVM tuning and Spark's module openings. */
    private final List<String> jvmFlags;
    /** The master, the worker and the submitted drivers. */
    private final List<Process> processes = new ArrayList<>();
    /** Stops everything if the JVM exits while the cluster runs (e.g. a test run is interrupted). */
    private final Thread shutdownHook = new Thread(this::stopAll, "hrdd-standalone-cluster-stop");

    private final int masterPort;

    private StandaloneCluster(Path sparkHome, Path logs, List<String> jvmFlags) throws IOException {
        this.sparkHome = sparkHome;
        this.logs = Files.createDirectories(logs);
        this.jvmFlags = jvmFlags;
        this.masterPort = freePort();
    }

    /** Starts a master and a worker with the given cores and memory, and waits until the worker has registered. */
    public static StandaloneCluster start(Path sparkHome, Path logs, List<String> jvmFlags, int cores, String memory)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalStateException(
                    "no Spark installation at " + sparkHome + " (built by mvn verify's pre-integration-test)");
        }
        // Spark's launcher takes jars/ (not a source build's assembly folder) only when RELEASE exists.
        if (!Files.exists(sparkHome.resolve("RELEASE"))) {
            Files.writeString(sparkHome.resolve("RELEASE"), "Spark jars assembled by Maven for hrdd's cluster test\n");
        }
        StandaloneCluster c = new StandaloneCluster(sparkHome, logs, jvmFlags);
        Runtime.getRuntime().addShutdownHook(c.shutdownHook);
        try {
            Process master = c.daemon(
                    "master",
                    List.of(
                            "org.apache.spark.deploy.master.Master",
                            "--host",
                            "127.0.0.1",
                            "--port",
                            String.valueOf(c.masterPort),
                            "--webui-port",
                            String.valueOf(freePort())));
            c.awaitLog("master", master, "I have been elected leader", Duration.ofSeconds(90));
            Path work = Files.createDirectories(logs.resolve("worker-work"));
            Process worker = c.daemon(
                    "worker",
                    List.of(
                            "org.apache.spark.deploy.worker.Worker",
                            "--host",
                            "127.0.0.1",
                            "--cores",
                            String.valueOf(cores),
                            "--memory",
                            memory,
                            "--webui-port",
                            String.valueOf(freePort()),
                            "--work-dir",
                            work.toString(),
                            c.masterUrl()));
            c.awaitLog("worker", worker, "Successfully registered with master", Duration.ofSeconds(90));
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /**
     * {@code spark-submit --master <this cluster> --class mainClass jar args...} in client mode (the driver is the
     * submitting process); returns the process, its output going to {@code logs/<name>.log}.
     */
    public Process submit(
            String name,
            Path jar,
            String mainClass,
            Map<String, String> conf,
            List<String> args,
            Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>(java("-Xmx2g"));
        cmd.addAll(List.of(
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                masterUrl(),
                "--deploy-mode",
                "client",
                "--class",
                mainClass,
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.executor.extraJavaOptions=" + String.join(" ", jvmFlags),
                "--conf",
                "spark.driver.extraJavaOptions=" + String.join(" ", jvmFlags)));
        conf.forEach((k, v) -> cmd.addAll(List.of("--conf", k + "=" + v)));
        cmd.add(jar.toString());
        cmd.addAll(args);
        ProcessBuilder pb = builder(cmd, name);
        pb.environment().putAll(env);
        Process p = pb.start();
        synchronized (this) {
            processes.add(0, p);
        }
        return p;
    }

    public Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** The last lines of a process's log, for failure messages. */
    public String tail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(log(name), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log " + log(name) + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) stopAll
        }
        stopAll();
    }

    /** Stops the submitted drivers, the master and the worker, with every process they started. */
    private synchronized void stopAll() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
    }

    private synchronized Process daemon(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(java("-Xmx512m"));
        cmd.addAll(mainAndArgs);
        Process p = builder(cmd, name).start();
        processes.add(p);
        return p;
    }

    private List<String> java(String heap) {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*"));
        return cmd;
    }

    private ProcessBuilder builder(List<String> cmd, String name) {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log(name).toFile()));
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("SPARK_CONF_DIR");
        return pb;
    }

    private void awaitLog(String name, Process p, String marker, Duration timeout)
            throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (Files.exists(log(name))
                    && Files.readString(log(name), StandardCharsets.UTF_8).contains(marker)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + tail(name, 40));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                name + " did not log \"" + marker + "\" within " + timeout + ":\n" + tail(name, 40));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM flags the build gives the cluster (the POM's cluster.jvm.tuning and spark.java.opens). */
    public static List<String> jvmFlagsFromBuild() {
        String flags = System.getProperty("hrdd.cluster.jvm.flags", "");
        return Arrays.stream(flags.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
