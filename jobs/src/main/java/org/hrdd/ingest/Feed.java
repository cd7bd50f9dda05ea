package org.hrdd.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One export format of a source system feeding one bronze table (conf/sources/README.md describes each key).
 *
 * @param table qualified bronze table, e.g. {@code bronze.helpline_case}
 * @param files glob relative to the --input folder
 * @param sheet XLSX sheet name (null for other formats)
 * @param headerRow 1-based row of the XLSX header
 * @param dateFormats recorded for refine, not used by ingest
 * @param nullTokens cell values that mean "no value" in every mapped column (compared trimmed, ignoring case)
 * @param constants contract column → fixed value
 * @param columns contract column → where its value comes from, in mapping order
 * @param flagColumns wide-format flag columns, or null
 * @param keepRows every row filter a row must pass to reach silver (the others are kept in bronze, marked)
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
        List<String> nullTokens,
        Map<String, String> constants,
        Map<String, Source> columns,
        FlagColumns flagColumns,
        List<RowFilter> keepRows) {

    public Feed {
        dateFormats = List.copyOf(dateFormats);
        nullTokens = List.copyOf(nullTokens);
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        keepRows = List.copyOf(keepRows);
    }

    public Optional<FlagColumns> flags() {
        return Optional.ofNullable(flagColumns);
    }

    /** Contract column → the first (or only) header it is read from, in mapping order. */
    public Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        columns.forEach((column, source) -> out.put(column, source.headers().get(0)));
        return out;
    }

    /**
     * Every source header whose value bronze keeps in a contract column: mapped columns (every fallback), then flag
     * columns. The headers read only by row filters and flag conditions are not consumed, so their values stay in the
     * rescued data beside the row.
     */
    public List<String> consumedHeaders() {
        Set<String> out = new LinkedHashSet<>();
        columns.values().forEach(s -> out.addAll(s.headers()));
        flags().ifPresent(f -> out.addAll(f.columns().keySet()));
        return new ArrayList<>(out);
    }

    /** The headers row filters and flag conditions read, in mapping order. */
    public List<String> conditionHeaders() {
        Set<String> out = new LinkedHashSet<>();
        keepRows.forEach(f -> out.add(f.header()));
        flags().ifPresent(f -> f.columns().values().stream()
                .filter(flag -> flag.when() != null)
                .forEach(flag -> out.add(flag.when().header())));
        return new ArrayList<>(out);
    }

    /** Joins the parts of a multi-valued cell in bronze (a cell naming several companies). */
    public static final String PARTS_SEPARATOR = "|";

    /**
     * Where a contract column's value comes from: the first of the headers with a value (a fallback column when there
     * are several), split into parts at any of {@code split} when the cell holds several values (each part trimmed,
     * mapped and joined with {@link #PARTS_SEPARATOR}), then translated by a value map when there is one.
     *
     * @param split separators of a multi-valued cell (literal text), empty for a single value
     */
    public record Source(List<String> headers, ValueMap values, List<String> split) {
        public Source {
            headers = List.copyOf(headers);
            split = List.copyOf(split);
        }

        public Source(List<String> headers, ValueMap values) {
            this(headers, values, List.of());
        }

        public static Source of(String header) {
            return new Source(List.of(header), null);
        }
    }

    /**
     * Source values → contract values (country names → ISO 3166 codes, local status words → contract values). A
     * value is looked up trimmed, lower-cased and with inner spaces collapsed; failing that, also without accents
     * (when that still names one value only). A value the map does not know is kept as it came ({@code unknown: keep},
     * so refine shows it in its quarantine detail) or made empty ({@code unknown: null}).
     *
     * @param name the shipped table's name or "inline", for messages
     */
    public record ValueMap(String name, Map<String, String> exact, Map<String, String> folded, boolean keepUnknown)
            implements Serializable {

        public ValueMap {
            exact = Map.copyOf(exact);
            folded = Map.copyOf(folded);
        }

        /** A value map from source values to contract values, keys normalised; a key mapped two ways is refused. */
        public static ValueMap of(String name, Map<String, String> entries, boolean keepUnknown) {
            Map<String, String> exact = new LinkedHashMap<>();
            Map<String, String> folded = new LinkedHashMap<>();
            Set<String> ambiguous = new java.util.HashSet<>();
            entries.forEach((k, v) -> {
                String prev = exact.putIfAbsent(key(k), v);
                if (prev != null && !prev.equals(v)) {
                    throw new IllegalArgumentException(
                            "'" + k + "' maps to both '" + prev + "' and '" + v + "' (keys ignore case and spacing)");
                }
            });
            exact.forEach((k, v) -> {
                String f = fold(k);
                String prev = folded.putIfAbsent(f, v);
                if (prev != null && !prev.equals(v)) {
                    ambiguous.add(f);
                }
            });
            ambiguous.forEach(folded::remove);
            return new ValueMap(name, exact, folded, keepUnknown);
        }

        /** The contract value for a source value (null stays null). */
        public String apply(String value) {
            if (value == null) {
                return null;
            }
            String k = key(value);
            String v = exact.get(k);
            if (v == null) {
                v = folded.get(fold(k));
            }
            return v != null ? v : keepUnknown ? value : null;
        }

        /** Trimmed, lower-cased, inner white space collapsed to one space. */
        public static String key(String value) {
            return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }

        static String fold(String key) {
            return Normalizer.normalize(key, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        }
    }

    /**
     * A row filter on a source header: the row passes when the header's value is one of {@code values} ({@code in})
     * or is not ({@code not_in}); values compare trimmed and ignoring case, and a null token or blank cell is empty,
     * which no {@code in} list holds.
     */
    public record RowFilter(String header, List<String> values, boolean in) implements Serializable {
        public RowFilter {
            values = List.copyOf(values);
        }

        /** What the filter keeps, for the row's {@code _excluded_by} text. */
        public String describe() {
            return "'" + header + "' " + (in ? "in " : "not in ") + values;
        }
    }

    /**
     * A flag column's code, set only when its condition holds ({@code when}; null when always), e.g. a "workers"
     * issue flag that counts only when the aggrieved party is the workers.
     */
    public record Flag(String code, RowFilter when) {}

    /**
     * Wide-format issue flags: each truthy cell contributes its code; codes are joined in the listed order. A cell
     * that is neither true, false nor blank contributes {@value #UNKNOWN_MARK}{@code header=value}, which refine
     * quarantines as NOT_ALLOWED (never read as "not set").
     *
     * @param falseValues cell values that mean "not set" besides a blank cell
     * @param columns source header → code (and its condition)
     */
    public record FlagColumns(
            String target,
            String separator,
            List<String> trueValues,
            List<String> falseValues,
            Map<String, Flag> columns) {
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
