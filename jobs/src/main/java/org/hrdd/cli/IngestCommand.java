package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
@Command(name = "ingest", header = "Land source exports in the bronze Delta tables.", mixinStandardHelpOptions = true,
        description = {"Land source exports (CSV, JSONL, XLSX per conf/sources/*.yaml) in the bronze Delta tables.",
                "Files already ingested (same SHA-256) are skipped; every run is recorded in _runs."})
final class IngestCommand extends HrddCommand {

    @Option(names = "--input", paramLabel = "DIR", required = true,
            description = "Folder holding the exports; mapping globs resolve against it.")
    Path input;

    @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
            description = "Run date written to _ingested_on and _runs (default: today).")
    LocalDate runDate;

    @Option(names = "--refine", description = "Also refine bronze into silver afterwards (see hrdd refine --help).")
    boolean refine;

    @Override
    public Integer call() {
        if (!Files.isDirectory(input)) {
            throw new ConfigException("--input " + input + ": folder does not exist");
        }
        AppConfig cfg = config();
        RunContext ctx = startRun(cfg, runDate != null ? runDate : LocalDate.now());
        SparkSession spark = SparkSessions.create(cfg, "hrdd ingest");
        org.hrdd.refine.Pseudonymiser key = refine
                ? org.hrdd.refine.Pseudonymiser.fromEnvironment(System.getenv(), cfg.privacy().pseudonymKeyFile()) : null;
        IngestResult result = ingest(spark, ctx, input, progress());
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(result));
        out.println("run " + ctx.runId());
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
        return RunRecords.run(spark, ctx, () -> new IngestJob(jobConfig, progress).run(spark, ctx),
                r -> RunRecords.Outcome.succeeded(r.rowCounts(), r.versionsRead(), r.versionsWritten(), summary(r))
                        .withInputs(r.manifestInputs()));
    }

    static String summary(IngestResult r) {
        long files = r.tables().values().stream().mapToLong(IngestResult.TableOutcome::newFiles).sum();
        long skipped = r.tables().values().stream().mapToLong(IngestResult.TableOutcome::skippedFiles).sum();
        long rows = r.tables().values().stream().mapToLong(IngestResult.TableOutcome::rows).sum();
        return String.format(java.util.Locale.ROOT, "ingested %d new files (%d skipped) into %d bronze tables, %,d rows", files, skipped,
                r.tables().size(), rows);
    }
}
