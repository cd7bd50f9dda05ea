package org.hrdd.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrdd.run.RunRecord;

/**
 * What an ingest run read and wrote.
 *
 * @param files every export file matched, new or skipped
 * @param tables per bronze table, in contract order (tables land two at a time)
 */
public record IngestResult(List<FileOutcome> files, Map<String, TableOutcome> tables) {

    public IngestResult {
        files = List.copyOf(files);
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * @param rows records read (= rows written); 0 for a skipped or refused file
     * @param skippedBecause null for a file that was read or refused (already ingested, same content as another)
     * @param refusedBecause null unless the file could not be read (its cause in words: encoding, not an XLSX ...);
     *                       such a file lands nothing, every other file lands as usual
     */
    public record FileOutcome(
            String table, String system, ExportFile file, long rows, String skippedBecause, String refusedBecause) {
        public boolean skipped() {
            return skippedBecause != null;
        }

        public boolean refused() {
            return refusedBecause != null;
        }

        /** Read and landed, but held no record: worth a warning (an export cut short, the wrong sheet's rows). */
        public boolean empty() {
            return !skipped() && !refused() && rows == 0;
        }
    }

    /** Files that could not be read, in the order they were found. */
    public List<FileOutcome> refused() {
        return files.stream().filter(FileOutcome::refused).toList();
    }

    /** Files read that held no record. */
    public List<FileOutcome> empty() {
        return files.stream().filter(FileOutcome::empty).toList();
    }

    /**
     * @param versionRead table version before the run
     * @param versionWritten version the run committed, or null when it appended nothing
     */
    public record TableOutcome(
            String table,
            int newFiles,
            int skippedFiles,
            long rows,
            long versionRead,
            Long versionWritten,
            double seconds) {}

    public List<RunRecord.InputFile> manifestInputs() {
        return files.stream()
                .map(f -> new RunRecord.InputFile(
                        f.file().relativePath(),
                        f.file().sha256(),
                        f.file().bytes(),
                        f.rows(),
                        f.skipped(),
                        f.refusedBecause()))
                .toList();
    }

    public Map<String, Long> rowCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        tables.forEach((t, o) -> m.put(t, o.rows()));
        return m;
    }

    public Map<String, Long> versionsRead() {
        Map<String, Long> m = new LinkedHashMap<>();
        tables.forEach((t, o) -> m.put(t, o.versionRead()));
        return m;
    }

    public Map<String, Long> versionsWritten() {
        Map<String, Long> m = new LinkedHashMap<>();
        tables.forEach((t, o) -> {
            if (o.versionWritten() != null) {
                m.put(t, o.versionWritten());
            }
        });
        return m;
    }
}
