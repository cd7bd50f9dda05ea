package org.hrdd.generate;

import java.time.Duration;
import java.util.Map;

/**
 * What a run wrote: data rows per file (path relative to the output folder, header excluded),
 * worker-voice records (helpline cases + survey responses, defect rows included), rows listed
 * in truth/bad_rows.csv, and the wall time.
 */
public record GenerateResult(Map<String, Long> rowsPerFile, long workerVoiceRecords, long badRows, Duration elapsed) {}
