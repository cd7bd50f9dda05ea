package org.hrdd.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.hrdd.schemas.Columns.GoldIndicatorValue;

/**
 * Turns a base dataset (one row per counted thing, tagged with its scope and its breakdown values) into indicator
 * cells: the total per scope and one cell per value of each allowed breakdown, each with numerator, denominator and
 * the distinct workers it rests on. Pure Dataset → Dataset.
 */
public final class IndicatorCells {

    /** Breakdown column names in the base datasets (the catalogue's disaggregation names). */
    public static final String COUNTRY = "country";
    public static final String SECTOR = "sector";
    public static final String THEME = "theme";
    public static final String CHANNEL = "channel";
    public static final String GENDER = "gender";
    public static final String NATIONALITY = "nationality";
    public static final String SEVERITY = "severity";
    public static final String TIER = "tier";

    /** The dimension of a total cell, and its value. */
    public static final String TOTAL_DIMENSION = "total";
    public static final String UNKNOWN = "unknown";

    private IndicatorCells() {
    }

    /** How to aggregate one indicator. {@code denominator} or {@code workers} may be null. */
    public record Measure(Column numerator, Column denominator, Column workers) {
    }

    public static Dataset<Row> cells(String indicator, Dataset<Row> base, List<String> dimensions, Measure m) {
        List<Dataset<Row>> parts = new ArrayList<>();
        parts.add(aggregate(indicator, base, null, m));
        for (String d : dimensions) {
            parts.add(aggregate(indicator, base, d, m));
        }
        Dataset<Row> out = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            out = out.unionByName(parts.get(i));
        }
        return out;
    }

    private static Dataset<Row> aggregate(String indicator, Dataset<Row> base, String dimension, Measure m) {
        List<Column> keys = new ArrayList<>(List.of(col(GoldIndicatorValue.SCOPE_TYPE), col(GoldIndicatorValue.SCOPE_ID)));
        if (dimension != null) {
            keys.add(coalesce(col(dimension).cast("string"), lit(UNKNOWN)).as(GoldIndicatorValue.DIMENSION_VALUE));
        }
        Column den = m.denominator() == null ? lit(null).cast("double") : m.denominator().cast("double");
        Column workers = m.workers() == null ? lit(null).cast("long") : m.workers().cast("long");
        Dataset<Row> agg = base.groupBy(keys.toArray(Column[]::new))
                .agg(m.numerator().cast("double").as(GoldIndicatorValue.NUMERATOR), den.as(GoldIndicatorValue.DENOMINATOR),
                        workers.as(GoldIndicatorValue.WORKERS));
        if (dimension == null) {
            agg = agg.withColumn(GoldIndicatorValue.DIMENSION_VALUE, lit(DisclosureControl.TOTAL));
        }
        return agg.withColumn(GoldIndicatorValue.INDICATOR_ID, lit(indicator))
                .withColumn(GoldIndicatorValue.DIMENSION, lit(dimension == null ? TOTAL_DIMENSION : dimension))
                .select(col(GoldIndicatorValue.INDICATOR_ID), col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID), col(GoldIndicatorValue.DIMENSION),
                        col(GoldIndicatorValue.DIMENSION_VALUE), col(GoldIndicatorValue.NUMERATOR),
                        col(GoldIndicatorValue.DENOMINATOR), col(GoldIndicatorValue.WORKERS));
    }

    /** Distinct values of {@code c} where {@code when} holds. */
    public static Column countDistinctWhere(Column when, Column c) {
        return functions.countDistinct(functions.when(when, c));
    }
}
