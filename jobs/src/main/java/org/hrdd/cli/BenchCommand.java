package org.hrdd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.bench.BenchBaseline;
import org.hrdd.bench.BenchData;
import org.hrdd.bench.Benchmark;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.generate.GenerateResult;
import org.hrdd.generate.World;
import org.hrdd.ingest.Feed;
import org.hrdd.ingest.SourceMappingLoader;
import org.hrdd.pipeline.PipelineRunner;
import org.hrdd.pipeline.PipelineSpec;
import org.hrdd.refine.Pseudonymiser;
import org.hrdd.schemas.Columns.BronzeSurveyQuestion;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.SparkSessions;
import org.hrdd.time.Periods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hrdd bench}: the whole pipeline on a generated tier from a clean lakehouse, a rerun with nothing new (which
 * must commit nothing), then a run with a late delivery of about 1 % of the records, measured per step; prints a table
 * and writes JSON under the lakehouse's {@code _bench/}.
 */
@Command(
        name = "bench",
        header = "Benchmark the whole pipeline on a generated tier and check the targets.",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the pipeline of pipelines/pipeline.yaml: generate the tier once (cached under --work),",
            "run every step from a clean lakehouse, again with nothing new, then with a late delivery of",
            "--increment-share of the records; per step wall time, rows in/out, rows/s, driver peak heap, Delta bytes",
            "written and the Spark work behind it (executor CPU share, shuffle). Writes",
            "WORK/TIER-seedN/lakehouse/_bench/<time>.json and checks the targets (1m full <= 150 s and <= 3 times the",
            "--baseline passes; 10m <= 10 min with driver heap <= 4 GiB; 10m/1m <= 10 after start-up; the rerun with",
            "nothing new <= 15 s, committing to no table but ops.runs). With --baseline, also the bare Spark passes",
            "over the same survey responses, for what this machine allows at all. Uses its own lakehouse, not",
            "--lakehouse."
        })
final class BenchCommand extends HrddCommand {

    @Option(
            names = "--tier",
            defaultValue = "1m",
            paramLabel = "TIER",
            description = "sample, 1m or 10m (default: ${DEFAULT-VALUE}).")
    String tier;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--world-sample",
            paramLabel = "N",
            description = {
                "Run on world sample N of the world file (see",
                "hrdd generate --world-sample) instead of the world file itself; cached as TIER-seedS-worldN."
            })
    Long worldSample;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            defaultValue = "bench-data",
            description = "Where generated tiers and benchmark lakehouses live (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(
            names = "--increment-share",
            defaultValue = "0.01",
            paramLabel = "SHARE",
            description = "Share of the records held back for the late-delivery run (default: ${DEFAULT-VALUE}).")
    double incrementShare;

    @Option(
            names = "--full-only",
            description = {
                "Skip the rerun and the late-delivery run (e.g. a first 10m",
                "measurement); the rerun target is then not checked."
            })
    boolean fullOnly;

    @Option(
            names = "--baseline",
            description = {
                "After the pipeline, run the bare Spark passes over the tier's survey",
                "responses (read and write to Delta; latest versions, pseudonyms, adverse answers; distinct workers per",
                "cell): what Spark and Delta cost on this machine for the least work any pipeline must do with them."
            })
    boolean baseline;

    @Option(names = "--baseline-only", description = "Run only the bare passes of --baseline, not the pipeline.")
    boolean baselineOnly;

    @Override
    public Integer call() throws Exception {
        if (!GenerateCommand.TIERS.contains(tier)) {
            throw new ConfigException("--tier " + tier + ": expected one of " + GenerateCommand.TIERS);
        }
        AppConfig base = config();
        requirePseudonymKey(base); // refine needs it: fail now, not after generating and ingesting the tier
        PrintWriter o = out();
        Path dir = work.toAbsolutePath()
                .normalize()
                .resolve(tier + "-seed" + seed + (worldSample == null ? "" : "-world" + worldSample));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("tier", tier);
        header.put("seed", seed);
        header.put("world_sample", worldSample);
        header.put("code_version", Hrdd.codeVersion());
        header.put("started_at", ZonedDateTime.now(ZoneOffset.UTC).toString());
        header.put("baseline_only", baselineOnly);

        // 1. the tier, generated once
        BenchData.Prepared data;
        if (BenchData.ready(dir)) {
            data = BenchData.read(dir);
            header.put("generate_seconds", null);
            o.printf(Locale.ROOT, "tier %s (seed %d): cached in %s%n", tier, seed, dir);
        } else {
            BenchData.clean(dir);
            long t0 = System.nanoTime();
            GenerateResult g = GenerateCommand.generate(base, tier, seed, dir, null, worldSample, progress());
            long records =
                    g.rowsPerFile().values().stream().mapToLong(Long::longValue).sum();
            data = BenchData.split(dir, records, incrementShare);
            header.put("generate_seconds", Benchmark.round((System.nanoTime() - t0) / 1e9, 1));
            o.printf(
                    Locale.ROOT,
                    "tier %s (seed %d): generated in %s (%.0f s)%n",
                    tier,
                    seed,
                    dir,
                    (System.nanoTime() - t0) / 1e9);
        }
        header.put("records_full", data.records());
        header.put("records_increment", data.incrementRecords());
        header.put("export_bytes", BenchData.bytes(data.exports()));
        World.Periods periods = World.load(base.worldFile()).periods();
        LocalDate runDate = periods.export();
        String period =
                Periods.of(runDate, base.period().granularity()).previous().label();
        header.put("period", period);
        header.put("run_date", runDate.toString());

        // 2. a clean lakehouse (earlier results in _bench/ stay), one Spark session for every step
        Path lakehouse = dir.resolve("lakehouse");
        BenchData.clean(lakehouse);
        AppConfig cfg = base.withLakehouse(lakehouse.toString());
        long s0 = System.nanoTime();
        SparkSession spark = SparkSessions.create(cfg, "hrdd bench");
        double startup = (System.nanoTime() - s0) / 1e9;
        header.put("startup_seconds", Benchmark.round(startup, 2));
        header.put("machine", Benchmark.machine(spark));

        PipelineSpec pipeline = PipelineSpec.load(cfg.pipelineSpec());
        List<Benchmark.Stage> stages = new ArrayList<>();
        List<String> rerunCommits = null;
        RuntimeException baselineFailure = null;
        try (Benchmark bench = new Benchmark(spark, lakehouse)) {
            if (!baselineOnly) {
                run(bench, pipeline, lakehouse, "full", data.exports(), period, runDate, dir.resolve("out"), stages);
                if (!fullOnly) {
                    Map<String, Long> before = tableVersions(lakehouse);
                    run(
                            bench,
                            pipeline,
                            lakehouse,
                            "rerun",
                            data.exports(),
                            period,
                            runDate,
                            dir.resolve("out"),
                            stages);
                    rerunCommits = committed(before, tableVersions(lakehouse));
                    run(
                            bench,
                            pipeline,
                            lakehouse,
                            "late",
                            data.increment(),
                            period,
                            runDate.plusDays(1),
                            dir.resolve("out"),
                            stages);
                }
            }
            if (baseline || baselineOnly) {
                // after the pipeline, so that its figures stay comparable with runs without --baseline (the passes
                // then run in a warmed-up JVM: if anything, a lower baseline); a failing pass loses none of them
                try {
                    Map<String, Feed> feeds = feeds(cfg);
                    stages.addAll(BenchBaseline.run(
                            spark,
                            bench,
                            data.exports(),
                            lakehouse,
                            feeds.get(BronzeSurveyResponse.TABLE),
                            feeds.get(BronzeSurveyQuestion.TABLE),
                            Pseudonymiser.fromEnvironment(
                                    System.getenv(), cfg.privacy().pseudonymKeyFile())));
                } catch (RuntimeException e) {
                    if (baselineOnly) {
                        throw e;
                    }
                    baselineFailure = e;
                }
            }
        }

        // 3. totals and targets
        Map<String, Object> totals = new LinkedHashMap<>();
        List<Map<String, Object>> targets = new ArrayList<>();
        if (!baselineOnly) {
            double full = Benchmark.seconds(stages, "full");
            double rerun = Benchmark.seconds(stages, "rerun");
            double late = Benchmark.seconds(stages, "late");
            long heap = Math.max(Benchmark.peakHeap(stages, "full"), Benchmark.peakHeap(stages, "late"));
            totals.put("full_seconds", Benchmark.round(full, 1));
            totals.put("rerun_seconds", fullOnly ? null : Benchmark.round(rerun, 1));
            totals.put("rerun_tables_committed", rerunCommits);
            totals.put("late_seconds", fullOnly ? null : Benchmark.round(late, 1));
            totals.put("late_share_of_full", fullOnly ? null : Benchmark.round(late / full, 3));
            totals.put("driver_peak_heap_bytes", heap);
            targets = targets(dir, full, rerun, rerunCommits, heap, startup);
        }
        if (baselineFailure != null) {
            totals.put("baseline_failed", String.valueOf(baselineFailure));
        } else if (baseline || baselineOnly) {
            double bare = Benchmark.seconds(stages, BenchBaseline.RUN);
            totals.put("baseline_seconds", Benchmark.round(bare, 1));
            double ratio = Benchmark.seconds(stages, "full") / bare;
            totals.put("full_to_baseline", baselineOnly ? null : Benchmark.round(ratio, 2));
            if (!baselineOnly) {
                targets.add(Benchmark.target(
                        "full pipeline / bare Spark passes", "<= 3.0", Benchmark.round(ratio, 2), ratio <= 3.0));
            }
        }
        var doc = Benchmark.document(header, stages, totals, targets);
        String name = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path file = Benchmark.write(lakehouse, name, doc);

        print(o, stages, totals, targets, file, startup);
        if (baselineFailure != null) {
            throw new IllegalStateException(
                    "the --baseline passes failed after the pipeline (its figures are in " + file + ")",
                    baselineFailure);
        }
        return Hrdd.OK;
    }

    private void run(
            Benchmark bench,
            PipelineSpec pipeline,
            Path lakehouse,
            String run,
            Path input,
            String period,
            LocalDate runDate,
            Path out,
            List<Benchmark.Stage> stages) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("input", input.toString());
        params.put("period", period);
        params.put("run_date", runDate.toString());
        params.put("out", out.resolve(run).toString());
        Map<List<String>, String> stepOf = new LinkedHashMap<>();
        pipeline.order().forEach(s -> stepOf.put(s.resolve(params), s.id()));
        PipelineRunner runner = new PipelineRunner(
                pipeline,
                lakehouse,
                args -> {
                    Benchmark.Stage s = bench.measure(
                            run, stepOf.get(args), () -> RunCommand.step(this, args, lakehouse.toString()));
                    stages.add(s);
                    return s.status().equals("succeeded") ? 0 : 1;
                },
                null,
                java.time.Clock.systemUTC());
        String id = "b" + run.charAt(0)
                + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        PipelineRunner.Result r = runner.start(id, params, false);
        if (!r.succeeded()) {
            throw new IllegalStateException(
                    "the " + run + " pipeline run failed: " + r.steps() + " (see the output above)");
        }
    }

    /** The survey feeds of the configured source mappings, by bronze table (the first feed of each). */
    private static Map<String, Feed> feeds(AppConfig cfg) {
        Map<String, Feed> out = new LinkedHashMap<>();
        SourceMappingLoader.loadAll(cfg.sourcesDir(), ContractLoader.loadAll()).stream()
                .flatMap(m -> m.feeds().stream())
                .forEach(f -> out.putIfAbsent(f.table(), f));
        for (String table : List.of(BronzeSurveyResponse.TABLE, BronzeSurveyQuestion.TABLE)) {
            if (!out.containsKey(table)) {
                throw new ConfigException("no source mapping under " + cfg.sourcesDir() + " feeds " + table
                        + " (the --baseline passes read the survey responses through it)");
            }
        }
        return out;
    }

    /** The targets; those that need another tier's result use the newest one under --work. */
    private List<Map<String, Object>> targets(
            Path dir, double full, double rerun, List<String> rerunCommits, long heap, double startup) {
        List<Map<String, Object>> t = new ArrayList<>();
        if (tier.equals("1m")) {
            t.add(Benchmark.target("1m full pipeline", "<= 150 s", Benchmark.round(full, 1), full <= 150));
        }
        if (tier.equals("10m")) {
            t.add(Benchmark.target("10m full pipeline", "<= 600 s", Benchmark.round(full, 1), full <= 600));
            t.add(Benchmark.target("10m driver peak heap", "<= 4 GiB", heap, heap <= 4L << 30));
        }
        String other = tier.equals("1m") ? "10m" : tier.equals("10m") ? "1m" : null;
        if (other != null) {
            JsonNode o =
                    Benchmark.latest(dir.resolveSibling(other + "-seed" + seed).resolve("lakehouse"));
            if (o == null) {
                t.add(Benchmark.target(
                        "10m / 1m time after start-up",
                        "<= 10",
                        "no " + other + " result under " + dir.getParent(),
                        null));
            } else {
                double otherNet = o.path("totals").path("full_seconds").asDouble()
                        - o.path("startup_seconds").asDouble();
                double net = full - startup;
                double ratio = tier.equals("10m") ? net / otherNet : otherNet / net;
                t.add(Benchmark.target(
                        "10m / 1m time after start-up", "<= 10", Benchmark.round(ratio, 2), ratio <= 10));
            }
        }
        if (fullOnly) {
            t.add(Benchmark.target("rerun with nothing new", "<= 15 s, no commit", "not run (--full-only)", null));
            return t;
        }
        t.add(Benchmark.target(
                "rerun with nothing new",
                "<= 15 s, no commit",
                Benchmark.round(rerun, 1) + " s, "
                        + (rerunCommits.isEmpty() ? "no table committed" : "committed " + rerunCommits),
                rerun <= 15 && rerunCommits.isEmpty()));
        return t;
    }

    /**
     * The version of every Delta table in the lakehouse but ops.runs (the run log, which records every run, the rerun
     * included), by its folder under the lakehouse.
     */
    static Map<String, Long> tableVersions(Path lakehouse) throws java.io.IOException {
        Map<String, Long> out = Benchmark.tableVersions(lakehouse);
        out.remove(lakehouse
                .relativize(Path.of(
                        new org.hrdd.spark.Lakehouse(lakehouse.toString()).tablePath(org.hrdd.run.RunManifest.TABLE)))
                .toString());
        return out;
    }

    /** The tables whose version moved between two {@link #tableVersions} (new tables included). */
    static List<String> committed(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static void print(
            PrintWriter o,
            List<Benchmark.Stage> stages,
            Map<String, Object> totals,
            List<Map<String, Object>> targets,
            Path file,
            double startup) {
        o.println();
        o.printf(Locale.ROOT, "Spark session start-up %.1f s%n", startup);
        o.printf(
                Locale.ROOT,
                "%-12s %-16s %9s %12s %12s %11s %10s %11s %6s %7s %10s%n",
                "run",
                "step",
                "seconds",
                "rows in",
                "rows out",
                "rows/s",
                "heap MB",
                "delta MB",
                "jobs",
                "cpu",
                "shuffle MB");
        for (Benchmark.Stage s : stages) {
            o.printf(
                    Locale.ROOT,
                    "%-12s %-16s %9.1f %,12d %,12d %,11.0f %10.0f %11.1f %6d %6.0f%% %10.1f%s%n",
                    s.run(),
                    s.step(),
                    s.seconds(),
                    s.rowsIn(),
                    s.rowsOut(),
                    s.rowsPerSecond(),
                    s.peakHeapBytes() / 1048576.0,
                    s.deltaBytesWritten() / 1048576.0,
                    s.spark().jobs(),
                    s.cpuShare() * 100,
                    (s.spark().shuffleReadBytes() + s.spark().shuffleWriteBytes()) / 1048576.0,
                    s.status().equals("succeeded") ? "" : "  " + s.status());
        }
        if (!totals.containsKey("full_seconds")) {
            o.printf(Locale.ROOT, "no pipeline run (--baseline-only)%n");
        } else if (totals.get("rerun_seconds") == null) {
            o.printf(Locale.ROOT, "full %s s (no rerun, no late delivery)%n", totals.get("full_seconds"));
        } else {
            o.printf(
                    Locale.ROOT,
                    "full %s s; rerun with nothing new %s s (tables committed: %s); late delivery %s s (%s of"
                            + " full)%n",
                    totals.get("full_seconds"),
                    totals.get("rerun_seconds"),
                    totals.get("rerun_tables_committed"),
                    totals.get("late_seconds"),
                    totals.get("late_share_of_full"));
        }
        if (totals.containsKey("baseline_seconds")) {
            o.printf(
                    Locale.ROOT,
                    "baseline (bare Spark passes over the survey responses) %s s%s%n",
                    totals.get("baseline_seconds"),
                    totals.get("full_to_baseline") == null
                            ? ""
                            : "; the full pipeline took " + totals.get("full_to_baseline") + " times that");
        }
        for (Map<String, Object> t : targets) {
            Object met = t.get("met");
            o.printf(
                    Locale.ROOT,
                    "  %-4s %s %s: %s%n",
                    met == null ? "n/a" : (Boolean) met ? "MET" : "MISS",
                    t.get("target"),
                    t.get("limit"),
                    t.get("measured"));
        }
        o.println("results: " + file);
        o.flush();
    }
}
