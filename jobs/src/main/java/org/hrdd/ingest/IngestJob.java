package org.hrdd.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.Concurrently;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.DeltaTables;

/**
 * Lands source exports in bronze: for each bronze table, the new export files of every mapping that feeds it
 * (files whose SHA-256 the table already holds are skipped) are read by format and appended in one commit.
 * Bad records stay (corrupt record kept); rows read = rows written per file, checked after the commit.
 */
public final class IngestJob {

    private static final Logger LOG = LogManager.getLogger(IngestJob.class);

    /**
     * @param inputDir the --input folder; mapping globs resolve against it
     * @param mappings conf/sources, validated against the contracts
     * @param contracts bronze contracts by qualified table name
     */
    public record Config(Path inputDir, List<SourceMapping> mappings, Map<String, Contract> contracts) {
        public Config {
            if (inputDir == null || !Files.isDirectory(inputDir)) {
                throw new ConfigException("input folder " + inputDir + " does not exist or is not a folder");
            }
            inputDir = inputDir.toAbsolutePath().normalize();
            mappings = List.copyOf(mappings);
            contracts = Map.copyOf(contracts);
        }

        /** Loads the mappings from the configuration's sources folder. */
        public static Config of(Path inputDir, AppConfig app) {
            Map<String, Contract> contracts = ContractLoader.loadAll();
            if (inputDir == null || !Files.isDirectory(inputDir)) {
                throw new ConfigException("input folder " + inputDir + " does not exist or is not a folder");
            }
            return new Config(inputDir, SourceMappingLoader.loadAll(app.sourcesDir(), contracts), contracts);
        }
    }

    private final Config config;
    private final Progress progress;

    public IngestJob(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Bronze tables landed at the same time. Each table's work is mostly driver work (Delta log, table creation, row
     * numbering, commit, row check, XLSX staging) between short Spark jobs; with two at a time the small tables' driver
     * work overlaps the large table's scan (a 1m ingest used a quarter of the cores' time one table at a time).
     */
    static final int CONCURRENT_TABLES = 2;

    public IngestResult run(SparkSession spark, RunContext ctx) {
        Map<String, List<FeedInput>> byTable = discover();
        Path staging = stagingDir(ctx);
        // largest first, so that the smaller tables fill the other slot while it lands
        List<String> order = byTable.keySet().stream()
                .sorted(Comparator.comparingLong((String t) -> -bytes(byTable.get(t)))
                        .thenComparing(t -> t))
                .toList();
        List<Landed> landed;
        try {
            landed = Concurrently.run(
                    "ingest",
                    CONCURRENT_TABLES,
                    order.stream()
                            .<Callable<Landed>>map(table -> () -> {
                                List<IngestResult.FileOutcome> outcomes = new ArrayList<>();
                                IngestResult.TableOutcome t =
                                        ingestTable(spark, ctx, table, byTable.get(table), staging, outcomes);
                                return new Landed(t, outcomes);
                            })
                            .toList());
        } finally {
            deleteRecursively(staging);
        }
        Map<String, Landed> byName = new HashMap<>();
        landed.forEach(l -> byName.put(l.table().table(), l));
        List<IngestResult.FileOutcome> files = new ArrayList<>();
        Map<String, IngestResult.TableOutcome> tables = new LinkedHashMap<>();
        for (String table : byTable.keySet()) { // contract order, whatever order the tables landed in
            files.addAll(byName.get(table).files());
            tables.put(table, byName.get(table).table());
        }
        return new IngestResult(files, tables);
    }

    /** One table's outcome and its files' outcomes. */
    private record Landed(IngestResult.TableOutcome table, List<IngestResult.FileOutcome> files) {}

    private static long bytes(List<FeedInput> feeds) {
        return feeds.stream()
                .flatMap(f -> f.files().stream())
                .mapToLong(ExportFile::bytes)
                .sum();
    }

    /**
     * Every feed with all files matching its glob, grouped by bronze table (contract order); every bronze table is
     * there, without feeds when no mapping fills it, so that it exists (empty) for refine to read.
     */
    Map<String, List<FeedInput>> discover() {
        Map<String, List<FeedInput>> byTable = new java.util.TreeMap<>();
        config.contracts().keySet().stream()
                .filter(t -> t.startsWith("bronze."))
                .forEach(t -> byTable.put(t, new ArrayList<>()));
        for (SourceMapping m : config.mappings()) {
            for (Feed f : m.feeds()) {
                byTable.computeIfAbsent(f.table(), t -> new ArrayList<>())
                        .add(new FeedInput(
                                m,
                                f,
                                config.contracts().get(f.table()),
                                ExportFiles.find(config.inputDir(), f.files())));
            }
        }
        return byTable;
    }

    private IngestResult.TableOutcome ingestTable(
            SparkSession spark,
            RunContext ctx,
            String table,
            List<FeedInput> feeds,
            Path staging,
            List<IngestResult.FileOutcome> outcomes) {
        long start = System.nanoTime();
        Contract contract = config.contracts().get(table);
        String path = ctx.lakehouse().tablePath(contract);
        // a new bronze table is created by its first append (one commit); one that gets no rows by ensure below
        boolean exists = DeltaTables.exists(spark, path);
        long versionRead = exists ? DeltaTables.version(spark, path) : -1;
        List<String> hashes = feeds.stream()
                .flatMap(f -> f.files().stream())
                .map(ExportFile::sha256)
                .toList();
        Set<String> ingested = exists ? BronzeTables.ingestedHashes(spark, path, hashes) : Set.of();
        Map<String, String> seen = new HashMap<>();
        List<FeedInput> toRead = new ArrayList<>();
        int skipped = 0;
        for (FeedInput feed : feeds) {
            List<ExportFile> fresh = new ArrayList<>();
            for (ExportFile f : feed.files()) {
                String reason = ingested.contains(f.sha256())
                        ? "already in " + table
                        : seen.containsKey(f.sha256()) ? "same content as " + seen.get(f.sha256()) : null;
                if (reason != null) {
                    skipped++;
                    outcomes.add(
                            new IngestResult.FileOutcome(table, feed.mapping().system(), f, 0, reason, null));
                } else {
                    seen.put(f.sha256(), f.relativePath());
                    fresh.add(f);
                }
            }
            if (!fresh.isEmpty()) {
                toRead.add(new FeedInput(feed.mapping(), feed.feed(), contract, fresh));
            }
        }
        int fresh = toRead.stream().mapToInt(f -> f.files().size()).sum();
        boolean show = fresh + skipped > 0;
        Dataset<Row> union = null;
        Map<ExportFile, Long> rowsRead = new LinkedHashMap<>();
        Map<ExportFile, String> systems = new HashMap<>();
        int refused = 0;
        for (FeedInput feed : toRead) {
            Judged judged = judge(feed, staging);
            judged.refused()
                    .forEach((f, why) -> outcomes.add(
                            new IngestResult.FileOutcome(table, feed.mapping().system(), f, 0, null, why)));
            refused += judged.refused().size();
            if (judged.readable().isEmpty()) {
                continue;
            }
            FeedInput readable = new FeedInput(
                    feed.mapping(),
                    feed.feed(),
                    contract,
                    List.copyOf(judged.readable().values()));
            SourceRows.Numbered read = read(spark, ctx, readable, judged.readable());
            rowsRead.putAll(read.rowsPerFile());
            readable.files().forEach(f -> systems.put(f, feed.mapping().system()));
            if (read.rows() != null) {
                union = union == null ? read.rows() : union.unionByName(read.rows());
            }
        }
        Long versionWritten = null;
        long rows = rowsRead.values().stream().mapToLong(Long::longValue).sum();
        if (union != null) {
            DeltaTables.Appended appended = DeltaTables.appendCounting(
                    spark,
                    path,
                    union.select(contract.columnNames().stream()
                            .map(c -> org.apache.spark.sql.functions.col("`" + c + "`"))
                            .toArray(org.apache.spark.sql.Column[]::new)));
            versionWritten = appended.version();
            checkLanded(table, rows, appended.rows());
        }
        if (union == null) {
            // no rows this run: the table is created empty, or given the columns a newer contract added (an append
            // adds them itself)
            long v = DeltaTables.ensure(spark, path, ContractSchemas.structType(contract));
            if (v != versionRead) {
                versionWritten = v;
            }
        }
        rowsRead.forEach((f, n) -> outcomes.add(new IngestResult.FileOutcome(table, systems.get(f), f, n, null, null)));
        if (show) {
            progress.finished(
                    String.format(
                            java.util.Locale.ROOT,
                            "%s  %d new, %d skipped%s files",
                            table,
                            fresh - refused,
                            skipped,
                            refused > 0 ? ", " + refused + " refused" : ""),
                    rows,
                    System.nanoTime() - start);
        }
        LOG.info(
                "{}: {} new files, {} skipped, {} rows, version {} -> {}",
                table,
                fresh,
                skipped,
                rows,
                versionRead,
                versionWritten);
        return new IngestResult.TableOutcome(
                table, fresh - refused, skipped, rows, versionRead, versionWritten, (System.nanoTime() - start) / 1e9);
    }

    /** A feed's new files split into those it can read (local file to read → export) and those it cannot (→ why). */
    record Judged(Map<String, ExportFile> readable, Map<ExportFile, String> refused) {}

    /**
     * Each file on its own: text in the feed's encoding with the required columns (CSV, JSON Lines), or a workbook
     * whose sheet stages (XLSX). A file that fails is refused with its cause; it stops nothing else.
     */
    static Judged judge(FeedInput feed, Path staging) {
        Feed f = feed.feed();
        Map<String, ExportFile> readable = new LinkedHashMap<>();
        Map<ExportFile, String> refused = new LinkedHashMap<>();
        for (ExportFile x : feed.files()) {
            Path local = x.path().toAbsolutePath();
            String problem;
            try {
                switch (f.format()) {
                    case CSV -> {
                        problem = ExportCheck.textProblem(x, f.encoding());
                        if (problem == null) {
                            problem = ExportCheck.headerProblem(feed, local, f.encoding(), f.delimiter());
                        }
                    }
                    case JSONL -> problem = ExportCheck.textProblem(x, java.nio.charset.StandardCharsets.UTF_8);
                    case XLSX -> {
                        // one folder per table: two tables landing at once may stage sheets of the same workbook
                        Path target = staging.resolve(feed.contract().table())
                                .resolve(feed.mapping().system())
                                .resolve(x.relativePath().replace('/', '_') + ".csv");
                        local = XlsxStager.stage(x, f, target).toAbsolutePath();
                        problem = ExportCheck.headerProblem(feed, local, java.nio.charset.StandardCharsets.UTF_8, ',');
                    }
                    default -> throw new IllegalStateException("format " + f.format());
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: refused", x.relativePath(), e);
                problem = f.format() == ExportFormat.XLSX ? XlsxStager.problem(e) : "cannot be read: " + e.getMessage();
            }
            if (problem == null) {
                readable.put(local.toString(), x);
            } else {
                refused.put(x, problem);
            }
        }
        return new Judged(readable, refused);
    }

    private static SourceRows.Numbered read(
            SparkSession spark, RunContext ctx, FeedInput feed, Map<String, ExportFile> local) {
        Feed f = feed.feed();
        return switch (f.format()) {
            case CSV -> CsvExportReader.read(
                    spark, feed, local, f.encoding(), f.delimiter(), ctx.runId(), ctx.runDate());
            case JSONL -> JsonLinesExportReader.read(spark, feed, ctx.runId(), ctx.runDate());
            case XLSX -> CsvExportReader.read(
                    spark, feed, local, java.nio.charset.StandardCharsets.UTF_8, ',', ctx.runId(), ctx.runDate());
        };
    }

    /**
     * Every record read landed: the rows the append's commit recorded equal the records read (counted per file while
     * numbering them); a difference fails the run (never a silent drop).
     */
    static void checkLanded(String table, long read, long written) {
        if (written != read) {
            throw new IllegalStateException(table + ": read " + read + " records but the commit wrote " + written);
        }
    }

    /** XLSX staging under {@code <lakehouse>/_staging/<run id>}; the lakehouse must be local for that. */
    static Path stagingDir(RunContext ctx) {
        String root = ctx.lakehouse().root();
        if (root.contains("://") && !root.startsWith("file:")) {
            return Path.of(System.getProperty("java.io.tmpdir"), "hrdd-staging", ctx.runId());
        }
        String local =
                root.startsWith("file://") ? root.substring(7) : root.startsWith("file:") ? root.substring(5) : root;
        return Path.of(local, "_staging", ctx.runId()).toAbsolutePath();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            org.hrdd.reports.output.StagedDirectory.deleteTree(dir);
            Path parent = dir.getParent();
            try (Stream<Path> rest = Files.list(parent)) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(parent);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staging folder " + dir, e);
        }
    }
}
