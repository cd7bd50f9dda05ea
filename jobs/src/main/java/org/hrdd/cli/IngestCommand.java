package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.ingest.IngestJob;
import org.hrdd.ingest.IngestResult;
import org.hrdd.run.RunContext;
import org.hrdd.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd ingest}: land the exports of an input folder in bronze. */
@Command(
        name = "ingest",
        header = "Land source exports in the bronze Delta tables.",
        mixinStandardHelpOptions = true,
        description = {
            "Land source exports (CSV, JSONL, XLSX per conf/sources/*.yaml) in the bronze Delta tables.",
            "Files already ingested (same SHA-256) are skipped; every run is recorded in _runs."
        })
final class IngestCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    LockOption lockOption = new LockOption();

    @Option(
            names = "--input",
            paramLabel = "DIR",
            required = true,
            description = "Folder holding the exports; mapping globs resolve against it.")
    Path input;

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Option(names = "--refine", description = "Also refine bronze into silver afterwards (see hrdd refine --help).")
    boolean refine;

    @Override
    public Integer call() {
        if (!Files.isDirectory(input)) {
            throw new ConfigException("--input " + input + ": folder does not exist");
        }
        AppConfig cfg = config();
        RunContext ctx = startRun(cfg, runDate.orToday());
        SparkSession spark = SparkSessions.create(cfg, "hrdd ingest");
        org.hrdd.refine.Pseudonymiser key = refine
                ? org.hrdd.refine.Pseudonymiser.fromEnvironment(
                        System.getenv(), cfg.privacy().pseudonymKeyFile())
                : null;
        IngestResult result = ingest(spark, ctx, input, progress());
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(result));
        warnings(result).forEach(out::println);
        out.println("run " + ctx.runId());
        if (!result.refused().isEmpty()) {
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            err.println(refusals(result) + (refine ? "\nnot refined: run `hrdd refine` once the files are fixed" : ""));
            err.flush();
            return Hrdd.USAGE;
        }
        if (refine) {
            RunContext refineCtx = startRun(cfg, ctx.runDate(), "refine");
            RefineCommand.print(out, RefineCommand.refine(spark, refineCtx, key, progress()));
            out.println("run " + refineCtx.runId());
        }
        out.flush();
        return Hrdd.OK;
    }

    /** Ingests the input folder and records the run (also a failed one) in _runs. */
    static IngestResult ingest(SparkSession spark, RunContext ctx, Path input, org.hrdd.run.Progress progress) {
        AppConfig cfg = ctx.config();
        IngestJob.Config jobConfig = IngestJob.Config.of(input, cfg);
        return RunRecords.run(
                spark, ctx, () -> new IngestJob(jobConfig, progress).run(spark, ctx), r -> RunRecords.Outcome.succeeded(
                                r.rowCounts(),
                                r.versionsRead(),
                                r.versionsWritten(),
                                r.refused().isEmpty() ? summary(r) : summary(r) + "\n" + refusals(r))
                        .withStatus(
                                r.refused().isEmpty()
                                        ? org.hrdd.run.RunRecord.SUCCEEDED
                                        : org.hrdd.run.RunRecord.FILES_REFUSED)
                        .withInputs(r.manifestInputs()));
    }

    /**
     * The files that could not be read, each with its cause: what the user fixes. Every other file landed, and a
     * rerun skips what already did.
     */
    static String refusals(IngestResult r) {
        StringBuilder b = new StringBuilder(String.format(
                java.util.Locale.ROOT,
                "refused %d file%s that could not be read (every other file landed; fix these and run ingest again):",
                r.refused().size(),
                r.refused().size() == 1 ? "" : "s"));
        for (IngestResult.FileOutcome f : r.refused()) {
            b.append("\n  ")
                    .append(f.file().relativePath())
                    .append(" (")
                    .append(f.table())
                    .append("): ")
                    .append(f.refusedBecause());
        }
        return b.toString();
    }

    /** A file read with no record in it is suspicious (an export cut short, a template delivered by mistake). */
    static java.util.List<String> warnings(IngestResult r) {
        return r.empty().stream()
                .map(f -> "warning: " + f.file().relativePath() + " (" + f.table()
                        + ") holds no record (" + (f.file().bytes() == 0 ? "an empty file" : "a header only")
                        + "): nothing landed from it")
                .toList();
    }

    static String summary(IngestResult r) {
        long files = r.tables().values().stream()
                .mapToLong(IngestResult.TableOutcome::newFiles)
                .sum();
        long skipped = r.tables().values().stream()
                .mapToLong(IngestResult.TableOutcome::skippedFiles)
                .sum();
        long rows = r.tables().values().stream()
                .mapToLong(IngestResult.TableOutcome::rows)
                .sum();
        return String.format(
                java.util.Locale.ROOT,
                "ingested %d new files (%d skipped%s) into %d bronze tables, %,d rows",
                files,
                skipped,
                r.refused().isEmpty() ? "" : ", " + r.refused().size() + " refused",
                r.tables().size(),
                rows);
    }
}
