package org.hrdd.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.ConfigHash;
import org.hrdd.run.RunContext;
import org.hrdd.run.RunManifest;
import org.hrdd.run.RunRecord;

/** Appends a command's outcome to the run manifest (ops.runs). */
final class RunRecords {

    private RunRecords() {
    }

    static void record(SparkSession spark, RunContext ctx, Instant started, String status, List<RunRecord.InputFile> inputs,
                       Map<String, Long> rowCounts, Map<String, Long> read, Map<String, Long> written, String message) {
        record(spark, ctx, started, status, inputs, rowCounts, read, written, message, null);
    }

    /** As above, for a run that used a versioned model (recorded in the manifest's model_version). */
    static void record(SparkSession spark, RunContext ctx, Instant started, String status, List<RunRecord.InputFile> inputs,
                       Map<String, Long> rowCounts, Map<String, Long> read, Map<String, Long> written, String message,
                       String modelVersion) {
        RunManifest.append(spark, ctx.lakehouse(), new RunRecord(ctx.runId(), ctx.command(), ctx.args(), status,
                ctx.runDate(), started, Instant.now(), ctx.codeVersion(), ConfigHash.of(ctx.config().confDir()),
                modelVersion, inputs, rowCounts, read, written, message));
    }

    /** Records a failed run without hiding the original error if recording fails too. */
    static void recordFailure(SparkSession spark, RunContext ctx, Instant started, String status, RuntimeException e) {
        try {
            record(spark, ctx, started, status, List.of(), Map.of(), Map.of(), Map.of(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException inner) {
            e.addSuppressed(inner);
        }
    }
}
