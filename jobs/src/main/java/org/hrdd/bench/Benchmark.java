package org.hrdd.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.OpsRuns;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.StageMetrics;

/**
 * Measures pipeline steps for {@code hrdd bench}: wall time, rows in and out (from the step's own record in
 * ops.runs), driver peak heap (sampled), bytes of data files the step's Delta commits added, and the Spark work
 * behind it (jobs, tasks, executor CPU, shuffle). Local lakehouses only (it reads the Delta logs as files).
 */
public final class Benchmark implements AutoCloseable {

    /** One measured step. {@code cpuShare} = executor CPU time / (wall time × cores). */
    public record Stage(
            String run,
            String step,
            String status,
            double seconds,
            long rowsIn,
            long rowsOut,
            long peakHeapBytes,
            long deltaBytesWritten,
            StageMetrics.Snapshot spark,
            double cpuShare) {
        public double rowsPerSecond() {
            return seconds > 0 ? Math.max(rowsIn, rowsOut) / seconds : 0;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SparkSession spark;
    private final Path lakehouse;
    private final StageMetrics metrics;
    private final HeapSampler heap = new HeapSampler();
    private final int cores;

    public Benchmark(SparkSession spark, Path lakehouse) {
        this.spark = spark;
        this.lakehouse = lakehouse;
        this.metrics = StageMetrics.register(spark);
        this.cores = Runtime.getRuntime().availableProcessors(); // the bench runs Spark in this process (local mode)
        heap.start();
    }

    /** Runs one pipeline step and measures it; its rows in and out come from its record in ops.runs. */
    public Stage measure(String run, String step, IntSupplier body) {
        Instant started = Instant.now();
        return measure(run, step, body, () -> rows(started));
    }

    /**
     * Runs one step and measures it; {@code rows} gives its rows in and out, asked after the step's time is taken
     * (e.g. counts of the tables a step without an ops.runs record wrote).
     */
    public Stage measure(String run, String step, IntSupplier body, Supplier<long[]> rows) {
        Set<Path> before = new HashSet<>(BenchData.commits(lakehouse));
        metrics.reset();
        heap.reset();
        long t0 = System.nanoTime();
        int code = body.getAsInt();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.peak();
        StageMetrics.Snapshot work = metrics.snapshot(spark);
        List<Path> added = BenchData.commits(lakehouse).stream()
                .filter(p -> !before.contains(p))
                .toList();
        long addedBytes = BenchData.addedBytes(added);
        long[] counted = rows.get();
        double cpu = seconds > 0 ? work.executorCpuMillis() / 1000.0 / (seconds * cores) : 0;
        return new Stage(
                run,
                step,
                code == 0 ? "succeeded" : "failed (exit " + code + ")",
                seconds,
                counted[0],
                counted[1],
                peak,
                addedBytes,
                work,
                cpu);
    }

    /**
     * Rows in (records of the files a step ingested, skipped files not counted; else the tables it read, at the versions
     * it read) and out, from ops.runs.
     */
    private long[] rows(Instant since) {
        Lakehouse lh = new Lakehouse(lakehouse.toString());
        String runs = lh.tablePath(OpsRuns.TABLE);
        if (!Files.isDirectory(Path.of(runs, "_delta_log"))) {
            return new long[] {0, 0};
        }
        List<Row> recs = spark.read()
                .format("delta")
                .load(runs)
                .filter(col(OpsRuns.STARTED_AT).geq(Timestamp.from(since.minusMillis(1000))))
                .select(OpsRuns.INPUTS, OpsRuns.ROW_COUNTS, OpsRuns.DELTA_VERSIONS_READ)
                .collectAsList();
        long in = 0;
        long out = 0;
        for (Row r : recs) {
            JsonNode inputs = parse(r.getString(0));
            for (JsonNode f : inputs) {
                if (!f.path("skipped").asBoolean(false)) {
                    in += f.path("rows").asLong();
                }
            }
            JsonNode counts = parse(r.getString(1));
            for (JsonNode v : counts) {
                out += v.asLong();
            }
            // a step that reads files (ingest) also reads its bronze tables to skip what it already holds: its rows
            // in are the new records of the files, not the tables it checked them against
            JsonNode read = inputs.isEmpty() ? parse(r.getString(2)) : JSON.createObjectNode();
            for (var it = read.fields(); it.hasNext(); ) {
                var e = it.next();
                String path = lh.tablePath(e.getKey());
                in += spark.read()
                        .format("delta")
                        .option("versionAsOf", e.getValue().asLong())
                        .load(path)
                        .count();
            }
        }
        return new long[] {in, out};
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable JSON in ops.runs: " + json, e);
        }
    }

    @Override
    public void close() {
        heap.stop();
        spark.sparkContext().removeSparkListener(metrics);
    }

    /** Machine and software facts for the result file. */
    public static Map<String, Object> machine(SparkSession spark) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            m.put("memory_bytes", sun.getTotalMemorySize());
        }
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        m.put("spark", spark.version());
        m.put("spark_master", spark.sparkContext().master());
        m.put("shuffle_partitions", spark.conf().get("spark.sql.shuffle.partitions"));
        return m;
    }

    /** The result document (also what {@code _bench/*.json} holds). */
    public static ObjectNode document(
            Map<String, Object> header,
            List<Stage> stages,
            Map<String, Object> totals,
            List<Map<String, Object>> targets) {
        ObjectNode o = JSON.createObjectNode();
        header.forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
        ArrayNode a = o.putArray("stages");
        for (Stage s : stages) {
            ObjectNode n = a.addObject();
            n.put("run", s.run())
                    .put("step", s.step())
                    .put("status", s.status())
                    .put("seconds", round(s.seconds(), 2))
                    .put("rows_in", s.rowsIn())
                    .put("rows_out", s.rowsOut())
                    .put("rows_per_second", round(s.rowsPerSecond(), 1))
                    .put("driver_peak_heap_bytes", s.peakHeapBytes())
                    .put("delta_bytes_written", s.deltaBytesWritten())
                    .put("executor_cpu_share", round(s.cpuShare(), 3));
            n.set("spark", JSON.valueToTree(s.spark()));
        }
        o.set("totals", JSON.valueToTree(totals));
        o.set("targets", JSON.valueToTree(targets));
        return o;
    }

    public static Path write(Path lakehouse, String name, ObjectNode doc) {
        Path dir = lakehouse.resolve("_bench");
        Path f = dir.resolve(name + ".json");
        try {
            Files.createDirectories(dir);
            JSON.writeValue(f.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
        return f;
    }

    /**
     * The newest result file of a tier in a lakehouse's {@code _bench/} that timed a full pipeline run (not one of
     * {@code --baseline-only}), or null.
     */
    public static JsonNode latest(Path lakehouse) {
        Path dir = lakehouse.resolve("_bench");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(java.util.Comparator.comparing(
                                    (Path p) -> p.getFileName().toString())
                            .reversed())
                    .toList();
            for (Path f : files) {
                JsonNode doc = JSON.readTree(f.toFile());
                if (doc.path("totals").path("full_seconds").isNumber()) {
                    return doc;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Samples the heap in use every 20 ms (collectors' pool peaks miss what lives between collections). */
    static final class HeapSampler {
        private volatile long peak;
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(
                    () -> {
                        while (running) {
                            sample();
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "hrdd-bench-heap");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            long used = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    used += p.getUsage().getUsed();
                }
            }
            if (used > peak) {
                peak = used;
            }
        }

        void reset() {
            peak = 0;
            sample();
        }

        long peak() {
            sample();
            return peak;
        }

        void stop() {
            running = false;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /**
     * The version of every Delta table under a local lakehouse, by its folder relative to the lakehouse, from the
     * commit files of its log (no Spark): what "a rerun commits nothing" is checked against.
     */
    public static Map<String, Long> tableVersions(Path lakehouse) throws IOException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> s = Files.walk(lakehouse, 3)) {
            for (Path log : s.filter(p -> p.getFileName().toString().equals("_delta_log"))
                    .toList()) {
                try (java.util.stream.Stream<Path> commits = Files.list(log)) {
                    out.put(
                            lakehouse.relativize(log.getParent()).toString(),
                            commits.map(p -> p.getFileName().toString())
                                    .filter(n -> n.matches("\\d{20}\\.json"))
                                    .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
                                    .max()
                                    .orElse(-1));
                }
            }
        }
        return out;
    }

    /** Total wall seconds of a run's stages. */
    public static double seconds(List<Stage> stages, String run) {
        return stages.stream()
                .filter(s -> s.run().equals(run))
                .mapToDouble(Stage::seconds)
                .sum();
    }

    /** Largest driver peak heap of a run's stages. */
    public static long peakHeap(List<Stage> stages, String run) {
        return stages.stream()
                .filter(s -> s.run().equals(run))
                .mapToLong(Stage::peakHeapBytes)
                .max()
                .orElse(0);
    }

    /** A target line: name, limit, measured value and whether it is met (null: not measurable in this run). */
    public static Map<String, Object> target(String name, String limit, Object measured, Boolean met) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", name);
        t.put("limit", limit);
        t.put("measured", measured);
        t.put("met", met);
        return t;
    }
}
