package org.hrdd.ingest;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One export format of a source system feeding one bronze table.
 *
 * @param table qualified bronze table, e.g. {@code bronze.helpline_case}
 * @param files glob relative to the --input folder
 * @param sheet XLSX sheet name (null for other formats)
 * @param headerRow 1-based row of the XLSX header
 * @param dateFormats recorded for refine, not used by ingest
 * @param constants contract column → fixed value
 * @param columns contract column → source header (or JSON key), in mapping order
 * @param flagColumns wide-format flag columns, or null
 */
public record Feed(
        String table,
        String files,
        ExportFormat format,
        Charset encoding,
        char delimiter,
        String sheet,
        int headerRow,
        List<String> dateFormats,
        Map<String, String> constants,
        Map<String, String> columns,
        FlagColumns flagColumns) {

    public Feed {
        dateFormats = List.copyOf(dateFormats);
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Optional<FlagColumns> flags() {
        return Optional.ofNullable(flagColumns);
    }

    /** Every source header the mapping consumes: mapped columns, then flag columns. */
    public List<String> consumedHeaders() {
        List<String> out = new java.util.ArrayList<>(columns.values());
        flags().ifPresent(f -> out.addAll(f.columns().keySet()));
        return out;
    }

    /**
     * Wide-format issue flags: each truthy cell contributes its code; codes are joined in the listed order. A cell
     * that is neither true, false nor blank contributes {@value #UNKNOWN_MARK}{@code header=value}, which refine
     * quarantines as NOT_ALLOWED (never read as "not set").
     *
     * @param falseValues cell values that mean "not set" besides a blank cell
     * @param columns source header → code
     */
    public record FlagColumns(
            String target,
            String separator,
            List<String> trueValues,
            List<String> falseValues,
            Map<String, String> columns) {
        /** Marks a flag cell whose value is neither true nor false, in the joined codes. */
        public static final String UNKNOWN_MARK = "?";

        public static final List<String> DEFAULT_FALSE_VALUES =
                List.of("0", "No", "NO", "no", "N", "n", "false", "False", "FALSE", "-");

        public FlagColumns {
            trueValues = List.copyOf(trueValues);
            falseValues = List.copyOf(falseValues);
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }
    }
}
