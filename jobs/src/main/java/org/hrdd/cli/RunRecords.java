package org.hrdd.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.ConfigHash;
import org.hrdd.run.RunContext;
import org.hrdd.run.RunManifest;
import org.hrdd.run.RunRecord;

/** Appends a command's outcome to the run manifest (ops.runs). */
final class RunRecords {

    private RunRecords() {}

    /** What a job's run puts in its ops.runs row besides the run's identity and times. */
    record Outcome(
            String status,
            List<RunRecord.InputFile> inputs,
            Map<String, Long> rowCounts,
            Map<String, Long> read,
            Map<String, Long> written,
            String message,
            String modelVersion) {

        static Outcome succeeded(
                Map<String, Long> rowCounts, Map<String, Long> read, Map<String, Long> written, String message) {
            return new Outcome(RunRecord.SUCCEEDED, List.of(), rowCounts, read, written, message, null);
        }

        Outcome withInputs(List<RunRecord.InputFile> files) {
            return new Outcome(status, files, rowCounts, read, written, message, modelVersion);
        }

        Outcome withStatus(String newStatus) {
            return new Outcome(newStatus, inputs, rowCounts, read, written, message, modelVersion);
        }

        Outcome withModelVersion(String version) {
            return new Outcome(status, inputs, rowCounts, read, written, message, version);
        }
    }

    /**
     * Runs a job and records the run: the outcome {@code outcome} makes of its result when it returns, {@code FAILED}
     * with the error when it throws (the error is rethrown).
     */
    static <R> R run(SparkSession spark, RunContext ctx, Supplier<R> job, Function<R, Outcome> outcome) {
        Instant started = Instant.now();
        R result;
        try {
            result = job.get();
        } catch (RuntimeException e) {
            recordFailure(spark, ctx, started, RunRecord.FAILED, e);
            throw e;
        }
        Outcome o = outcome.apply(result);
        record(
                spark,
                ctx,
                started,
                o.status(),
                o.inputs(),
                o.rowCounts(),
                o.read(),
                o.written(),
                o.message(),
                o.modelVersion());
        return result;
    }

    static void record(
            SparkSession spark,
            RunContext ctx,
            Instant started,
            String status,
            List<RunRecord.InputFile> inputs,
            Map<String, Long> rowCounts,
            Map<String, Long> read,
            Map<String, Long> written,
            String message) {
        record(spark, ctx, started, status, inputs, rowCounts, read, written, message, null);
    }

    /** As above, for a run that used a versioned model (recorded in the manifest's model_version). */
    static void record(
            SparkSession spark,
            RunContext ctx,
            Instant started,
            String status,
            List<RunRecord.InputFile> inputs,
            Map<String, Long> rowCounts,
            Map<String, Long> read,
            Map<String, Long> written,
            String message,
            String modelVersion) {
        RunManifest.append(
                spark,
                ctx.lakehouse(),
                new RunRecord(
                        ctx.runId(),
                        ctx.command(),
                        ctx.args(),
                        status,
                        ctx.runDate(),
                        started,
                        Instant.now(),
                        ctx.codeVersion(),
                        ConfigHash.ofRun(ctx.config()),
                        modelVersion,
                        inputs,
                        rowCounts,
                        read,
                        written,
                        message));
    }

    /** Records a failed run without hiding the original error if recording fails too. */
    static void recordFailure(SparkSession spark, RunContext ctx, Instant started, String status, RuntimeException e) {
        try {
            record(
                    spark,
                    ctx,
                    started,
                    status,
                    List.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException inner) {
            e.addSuppressed(inner);
        }
    }
}
