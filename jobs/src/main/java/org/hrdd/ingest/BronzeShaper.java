package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
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
import org.apache.spark.sql.types.DataTypes;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.ContractSchemas;

/** Pure {@code Dataset → Dataset} steps from a raw export to the bronze contract's shape. */
public final class BronzeShaper {

    private BronzeShaper() {}

    /**
     * Renames mapped fields to contract columns, applies constants and flag columns, rescues unmapped
     * fields and keeps the corrupt record. Columns starting with "__" (row position) pass through.
     */
    public static Dataset<Row> mapColumns(Dataset<Row> raw, Feed feed, Contract contract, SourceFields fields) {
        List<Column> out = new ArrayList<>();
        for (org.hrdd.schemas.Column c : contract.businessColumns()) {
            out.add(businessValue(c.name(), feed, fields)
                    .cast(DataTypes.StringType)
                    .as(c.name()));
        }
        out.add(fields.rescued(new HashSet<>(feed.consumedHeaders())).as(Lineage.RESCUED_DATA));
        out.add(fields.corrupt().as(Lineage.CORRUPT_RECORD));
        for (String name : raw.columns()) {
            if (name.startsWith("__")) {
                out.add(col(name));
            }
        }
        return raw.select(out.toArray(Column[]::new));
    }

    private static Column businessValue(String column, Feed feed, SourceFields fields) {
        if (feed.constants().containsKey(column)) {
            return lit(feed.constants().get(column));
        }
        if (feed.columns().containsKey(column)) {
            Column v = fields.field(feed.columns().get(column));
            return v == null ? lit(null) : v;
        }
        if (feed.flagColumns() != null && feed.flagColumns().target().equals(column)) {
            return flags(feed.flagColumns(), fields);
        }
        return lit(null);
    }

    /** Codes of the truthy flag cells joined in the listed order; null when no cell is truthy. */
    static Column flags(Feed.FlagColumns flags, SourceFields fields) {
        List<Column> codes = new ArrayList<>();
        Object[] truthy = flags.trueValues().toArray();
        Object[] falsy = flags.falseValues().toArray();
        for (Map.Entry<String, String> e : flags.columns().entrySet()) {
            Column cell = fields.field(e.getKey());
            if (cell != null) {
                Column v = trim(cell);
                // a value that is neither true nor false is kept visible (refine quarantines it), never read as unset
                codes.add(when(v.isin(truthy), lit(e.getValue()))
                        .when(v.equalTo(lit("")).or(v.isin(falsy)), lit(null).cast(DataTypes.StringType))
                        .otherwise(org.apache.spark.sql.functions.concat(
                                lit(Feed.FlagColumns.UNKNOWN_MARK + e.getKey() + "="),
                                org.apache.spark.sql.functions.regexp_replace(
                                        v, java.util.regex.Pattern.quote(flags.separator()), ","))));
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
