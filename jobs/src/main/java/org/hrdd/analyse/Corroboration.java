package org.hrdd.analyse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;

/** Corroboration status of a cell and the first periods of worker and audit signal in its history. */
public final class Corroboration {

    public static final String CORROBORATED = "CORROBORATED";
    public static final String WORKER_ONLY = "WORKER_ONLY";
    public static final String AUDIT_ONLY = "AUDIT_ONLY";
    public static final String NO_SIGNAL = "NO_SIGNAL";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    /** The columns {@link #apply} adds. */
    public static final java.util.List<String> COLUMNS = java.util.List.of(
            GoldFacilityThemePeriod.CORROBORATION_STATUS,
            GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD,
            GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD);

    private Corroboration() {}

    /**
     * Fewer workers reached than the minimum is INSUFFICIENT_DATA whatever the rate or the audit says; otherwise the
     * 2 × 2 of worker elevation and audit flag.
     */
    public static Column status(int minWorkersReached) {
        Column elevated = col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED);
        Column flagged = col(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED);
        return when(col(GoldFacilityThemePeriod.WORKERS_REACHED).lt(minWorkersReached), lit(INSUFFICIENT_DATA))
                .when(elevated.and(flagged), lit(CORROBORATED))
                .when(elevated, lit(WORKER_ONLY))
                .when(flagged, lit(AUDIT_ONLY))
                .otherwise(lit(NO_SIGNAL));
    }

    /** Adds the status and the first worker / audit signal periods (over the cell's analysed history up to the row). */
    public static Dataset<Row> apply(Dataset<Row> cells, int minWorkersReached) {
        WindowSpec history = Window.partitionBy(
                        col(GoldFacilityThemePeriod.FACILITY_ID), col(GoldFacilityThemePeriod.THEME))
                .orderBy(col(GoldFacilityThemePeriod.PERIOD))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        return cells.withColumn(GoldFacilityThemePeriod.CORROBORATION_STATUS, status(minWorkersReached))
                .withColumn(
                        GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD,
                        min(when(col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED), col(GoldFacilityThemePeriod.PERIOD)))
                                .over(history))
                .withColumn(
                        GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD,
                        min(when(col(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED), col(GoldFacilityThemePeriod.PERIOD)))
                                .over(history));
    }
}
