package org.hrdd.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.ContractSchemas;

/** Pure {@code Dataset → Dataset} steps from a raw export to the bronze contract's shape. */
public final class BronzeShaper {

    private BronzeShaper() {}

    /**
     * Renames mapped fields to contract columns (null tokens made empty, the first fallback header with a value,
     * value maps applied), applies constants and flag columns, marks the rows the row filters leave out, rescues
     * unmapped fields and keeps the corrupt record. Columns starting with "__" (row position) pass through.
     */
    public static Dataset<Row> mapColumns(Dataset<Row> raw, Feed feed, Contract contract, SourceFields fields) {
        SourceFields read = withNullTokens(fields, feed.nullTokens());
        List<Column> out = new ArrayList<>();
        for (org.hrdd.schemas.Column c : contract.businessColumns()) {
            out.add(businessValue(c.name(), feed, read)
                    .cast(DataTypes.StringType)
                    .as(c.name()));
        }
        out.add(fields.rescued(new HashSet<>(feed.consumedHeaders())).as(Lineage.RESCUED_DATA));
        out.add(fields.corrupt().as(Lineage.CORRUPT_RECORD));
        if (!feed.keepRows().isEmpty()) {
            // a record the reader could not parse is only that (refine quarantines it as BROKEN_RECORD)
            out.add(when(fields.corrupt().isNull(), excludedBy(feed.keepRows(), read))
                    .as(Lineage.EXCLUDED_BY));
        }
        for (String name : raw.columns()) {
            if (name.startsWith("__")) {
                out.add(col(name));
            }
        }
        return raw.select(out.toArray(Column[]::new));
    }

    /** The fields with every null token (compared trimmed, ignoring case) read as no value. */
    static SourceFields withNullTokens(SourceFields fields, List<String> nullTokens) {
        if (nullTokens.isEmpty()) {
            return fields;
        }
        Object[] tokens = nullTokens.stream()
                .map(t -> t.strip().toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .toArray();
        return new SourceFields() {
            @Override
            public Column field(String name) {
                Column v = fields.field(name);
                return v == null
                        ? null
                        : when(lower(trim(v)).isin(tokens), lit(null).cast(DataTypes.StringType))
                                .otherwise(v);
            }

            @Override
            public Column rescued(Set<String> consumed) {
                return fields.rescued(consumed);
            }

            @Override
            public Column corrupt() {
                return fields.corrupt();
            }
        };
    }

    private static Column businessValue(String column, Feed feed, SourceFields fields) {
        if (feed.constants().containsKey(column)) {
            return lit(feed.constants().get(column));
        }
        if (feed.columns().containsKey(column)) {
            return sourceValue(feed.columns().get(column), fields);
        }
        if (feed.flagColumns() != null && feed.flagColumns().target().equals(column)) {
            return flags(feed.flagColumns(), fields);
        }
        return lit(null);
    }

    /**
     * The first of the source's headers with a value (a blank cell has none), split into its parts when the cell may
     * hold several, through its value map (part by part).
     */
    static Column sourceValue(Feed.Source source, SourceFields fields) {
        List<Column> candidates = new ArrayList<>();
        for (String header : source.headers()) {
            Column v = fields.field(header);
            if (v != null) {
                candidates.add(
                        source.headers().size() == 1
                                ? v
                                : when(trim(v).equalTo(lit("")), lit(null).cast(DataTypes.StringType))
                                        .otherwise(v));
            }
        }
        if (candidates.isEmpty()) {
            return lit(null);
        }
        Column value = candidates.size() == 1 ? candidates.get(0) : coalesce(candidates.toArray(Column[]::new));
        Feed.ValueMap map = source.values();
        if (!source.split().isEmpty()) {
            List<String> separators = source.split();
            return udf((UDF1<String, String>) v -> parts(v, separators, map), DataTypes.StringType)
                    .apply(value);
        }
        if (map == null) {
            return value;
        }
        return udf((UDF1<String, String>) map::apply, DataTypes.StringType).apply(value);
    }

    /**
     * A multi-valued cell's parts: split at every separator, trimmed, blanks dropped, each through the value map (when
     * there is one), joined with {@link Feed#PARTS_SEPARATOR}; null when no part is left.
     */
    static String parts(String value, List<String> separators, Feed.ValueMap map) {
        if (value == null) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(value));
        for (String sep : separators) {
            List<String> next = new ArrayList<>();
            for (String p : parts) {
                next.addAll(List.of(p.split(java.util.regex.Pattern.quote(sep), -1)));
            }
            parts = next;
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            // the bronze separator inside a part would split it again in refine
            String t = p.strip().replace(Feed.PARTS_SEPARATOR, "/");
            if (!t.isEmpty()) {
                String mapped = map == null ? t : map.apply(t);
                if (mapped != null && !out.contains(mapped)) {
                    out.add(mapped);
                }
            }
        }
        return out.isEmpty() ? null : String.join(Feed.PARTS_SEPARATOR, out);
    }

    /**
     * Why the row filters leave the row out: the first filter it fails, with the row's value; null when it passes
     * every one.
     */
    static Column excludedBy(List<Feed.RowFilter> filters, SourceFields fields) {
        Column reason = lit(null).cast(DataTypes.StringType);
        for (int i = filters.size() - 1; i >= 0; i--) {
            Feed.RowFilter f = filters.get(i);
            Column v = fields.field(f.header());
            Column shown = v == null
                    ? lit("no such column")
                    : when(trim(v).equalTo(lit("")).or(v.isNull()), lit("empty"))
                            .otherwise(concat(lit("'"), trim(v), lit("'")));
            reason = when(passes(f, v).unary_$bang(), concat(lit("keep_rows " + f.describe() + ": is "), shown))
                    .otherwise(reason);
        }
        return reason;
    }

    /** Whether a row passes the filter: its value (trimmed, any case) in the list, or not in it for not_in. */
    static Column passes(Feed.RowFilter filter, Column value) {
        Object[] values = filter.values().stream().map(Feed.ValueMap::key).toArray();
        if (value == null) {
            return lit(!filter.in());
        }
        Column listed = coalesce(lower(regexp_replace(trim(value), "\\s+", " ")).isin(values), lit(false));
        return filter.in() ? listed : listed.unary_$bang();
    }

    /**
     * Codes of the truthy flag cells joined in the listed order; null when no cell is truthy. A flag with a condition
     * counts only on rows that meet it.
     */
    static Column flags(Feed.FlagColumns flags, SourceFields fields) {
        List<Column> codes = new ArrayList<>();
        Object[] truthy = flags.trueValues().toArray();
        Object[] falsy = flags.falseValues().toArray();
        for (Map.Entry<String, Feed.Flag> e : flags.columns().entrySet()) {
            Column cell = fields.field(e.getKey());
            if (cell != null) {
                Column v = trim(cell);
                Feed.Flag flag = e.getValue();
                Column set = v.isin(truthy);
                if (flag.when() != null) {
                    set = set.and(passes(flag.when(), fields.field(flag.when().header())));
                }
                // a value that is neither true nor false is kept visible (refine quarantines it), never read as unset
                codes.add(when(set, lit(flag.code()))
                        .when(
                                v.isNull()
                                        .or(v.equalTo(lit("")))
                                        .or(v.isin(falsy))
                                        .or(v.isin(truthy)),
                                lit(null).cast(DataTypes.StringType))
                        .otherwise(concat(
                                lit(Feed.FlagColumns.UNKNOWN_MARK + e.getKey() + "="),
                                regexp_replace(v, java.util.regex.Pattern.quote(flags.separator()), ","))));
            }
        }
        if (codes.isEmpty()) {
            return lit(null);
        }
        Column joined = concat_ws(flags.separator(), codes.toArray(Column[]::new));
        return when(joined.equalTo(lit("")), lit(null)).otherwise(joined);
    }

    /** Adds the run's lineage values and selects exactly the contract's columns, in order and typed. */
    public static Dataset<Row> withRunLineage(
            Dataset<Row> numbered, Contract contract, String system, String runId, LocalDate runDate) {
        Set<String> present = Set.of(numbered.columns());
        List<Column> out = new ArrayList<>();
        for (org.hrdd.schemas.Column c : contract.columns()) {
            Column v =
                    switch (c.name()) {
                        case Lineage.SOURCE_SYSTEM -> lit(system);
                        case Lineage.RUN_ID -> lit(runId);
                        case Lineage.INGESTED_ON -> lit(java.sql.Date.valueOf(runDate));
                        default -> present.contains(c.name()) ? col(c.name()) : lit(null);
                    };
            out.add(v.cast(ContractSchemas.sparkType(c.physicalType())).as(c.name()));
        }
        return numbered.select(out.toArray(Column[]::new));
    }
}
