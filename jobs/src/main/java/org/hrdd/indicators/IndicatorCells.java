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
    public static final String CAP_SOURCE = "cap_source";
    public static final String STATUS = "status";
    public static final String WORKER_VOICE = "worker_voice";

    /** The dimension of a total cell, and its value. */
    public static final String TOTAL_DIMENSION = "total";

    public static final String UNKNOWN = "unknown";

    private IndicatorCells() {}

    /**
     * How to aggregate one indicator. {@code denominator} is null for counts, sums and medians. {@code workers} is
     * required: the distinct workers a cell rests on (or a lower bound of them), {@link #noWorkers()} for a measure
     * that counts no worker record. Disclosure control reads it for every indicator, so a measure cannot opt out.
     */
    public record Measure(Column numerator, Column denominator, Column workers) {
        public Measure {
            java.util.Objects.requireNonNull(numerator, "numerator");
            java.util.Objects.requireNonNull(
                    workers,
                    "workers: every measure says the workers its cells rest on (IndicatorCells.noWorkers() for none)");
        }
    }

    /** The workers of a measure that counts no worker record (audits, the facility master, scores). */
    public static Column noWorkers() {
        return lit(0L);
    }

    /**
     * A lower bound of the distinct workers behind a cell: the distinct {@code ids} where rows carry a worker's
     * pseudonym, or the largest count one row stands for ({@code floor}: a CAP's workers covered, a cell's workers
     * reporting), whichever is larger. Rows with neither count nothing. A sum of per-row counts would overstate the
     * workers when one worker stands behind several rows (several themes, channels or CAPs), so it is never used.
     */
    public static Column workersAtLeast(Column ids, Column floor) {
        return functions.greatest(
                functions.countDistinct(ids), coalesce(functions.max(floor).cast("long"), lit(0L)));
    }

    /**
     * The cells of one indicator in one aggregation: each base row goes once to the total and once to its value of
     * each breakdown (an explode, as GROUPING SETS would do), then one group-by on scope × dimension × value. (A union
     * of one aggregation per breakdown was one shuffle each: 1 + n stages and a larger plan per indicator.)
     */
    public static Dataset<Row> cells(String indicator, Dataset<Row> base, List<String> dimensions, Measure m) {
        List<Column> breakdowns = new ArrayList<>();
        breakdowns.add(functions.struct(
                lit(TOTAL_DIMENSION).as(DIM), lit(DisclosureControl.TOTAL).as(VALUE)));
        // each breakdown once: a dimension listed twice would count every row twice in the exploded rows
        for (String d : new java.util.LinkedHashSet<>(dimensions)) {
            breakdowns.add(functions.struct(
                    lit(d).as(DIM),
                    coalesce(col(d).cast("string"), lit(UNKNOWN)).as(VALUE)));
        }
        Column den = m.denominator() == null
                ? lit(null).cast("double")
                : m.denominator().cast("double");
        Column workers = coalesce(m.workers().cast("long"), lit(0L));
        return base.withColumn(BREAKDOWN, functions.explode(functions.array(breakdowns.toArray(Column[]::new))))
                .groupBy(
                        col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID),
                        col(BREAKDOWN + "." + DIM).as(GoldIndicatorValue.DIMENSION),
                        col(BREAKDOWN + "." + VALUE).as(GoldIndicatorValue.DIMENSION_VALUE))
                .agg(
                        m.numerator().cast("double").as(GoldIndicatorValue.NUMERATOR),
                        den.as(GoldIndicatorValue.DENOMINATOR),
                        workers.as(GoldIndicatorValue.WORKERS))
                .select(
                        lit(indicator).as(GoldIndicatorValue.INDICATOR_ID), col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID), col(GoldIndicatorValue.DIMENSION),
                        col(GoldIndicatorValue.DIMENSION_VALUE), col(GoldIndicatorValue.NUMERATOR),
                        col(GoldIndicatorValue.DENOMINATOR), col(GoldIndicatorValue.WORKERS));
    }

    private static final String BREAKDOWN = "_breakdown";
    private static final String DIM = "d";
    private static final String VALUE = "v";

    /**
     * The workers a share rests on: its numerator's when it counts any ("2 of 40 cases confirmed" is a figure about
     * those 2), else its denominator's ("0 of 3 resolved"), else the cell's rows' (a 0 / 0 cell exists because its
     * rows do).
     */
    public static Column shareWorkers(Column numerator, Column denominator, Column rows) {
        return functions
                .when(numerator.gt(0), numerator)
                .when(denominator.gt(0), denominator)
                .otherwise(rows);
    }

    /** Distinct values of {@code c} where {@code when} holds. */
    public static Column countDistinctWhere(Column when, Column c) {
        return functions.countDistinct(functions.when(when, c));
    }
}
