package org.hrdd.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the run manifest ({@code ops.runs}).
 *
 * @param status succeeded, failed or quality_gate_failed
 * @param startedAt wall clock, operational metadata only
 */
public record RunRecord(
        String runId,
        String command,
        List<String> args,
        String status,
        LocalDate runDate,
        Instant startedAt,
        Instant finishedAt,
        String codeVersion,
        String configHash,
        String modelVersion,
        List<InputFile> inputs,
        Map<String, Long> rowCounts,
        Map<String, Long> deltaVersionsRead,
        Map<String, Long> deltaVersionsWritten,
        String message) {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String QUALITY_GATE_FAILED = "quality_gate_failed";
    /** An ingest that landed its readable files and refused others (each input names its cause). */
    public static final String FILES_REFUSED = "files_refused";

    public RunRecord {
        args = List.copyOf(args);
        inputs = List.copyOf(inputs);
        rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
        deltaVersionsRead = Collections.unmodifiableMap(new LinkedHashMap<>(deltaVersionsRead));
        deltaVersionsWritten = Collections.unmodifiableMap(new LinkedHashMap<>(deltaVersionsWritten));
    }

    /** An input file as the manifest lists it; {@code path} is relative to the run's --input folder. */
    public record InputFile(String path, String sha256, long bytes, long rows, boolean skipped, String refused) {}
}
