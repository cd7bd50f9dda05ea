package org.hrdd.analyse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.SilverRemediation;

/**
 * The remediation side of {@code gold.facility_theme_period}, as of each period's last day: CAPs open, of those
 * overdue (due before that day), closed within the period, and the EUR they remedied.
 */
public final class RemediationEvidence {

    private RemediationEvidence() {}

    /** Per facility × theme × period. {@code periods} is {@link AnalysisPeriods#table}. */
    public static Dataset<Row> caps(Dataset<Row> remediation, Dataset<Row> periods) {
        Column end = col(AnalysisPeriods.END);
        Column start = col(AnalysisPeriods.START);
        Column opened = col(SilverRemediation.OPENED_ON);
        Column closed = col(SilverRemediation.CLOSED_ON);
        Column openAtEnd = opened.leq(end).and(closed.isNull().or(closed.gt(end)));
        Column closedIn = closed.isNotNull().and(closed.geq(start)).and(closed.leq(end));
        return remediation
                .select(
                        col(SilverRemediation.FACILITY_ID),
                        col(SilverRemediation.THEME),
                        opened,
                        closed,
                        col(SilverRemediation.DUE_ON),
                        col(SilverRemediation.AMOUNT_EUR))
                .crossJoin(periods)
                .filter(opened.leq(end))
                .groupBy(col(SilverRemediation.FACILITY_ID), col(SilverRemediation.THEME), col(AnalysisPeriods.PERIOD))
                .agg(
                        count(openAtEnd).as(GoldFacilityThemePeriod.CAPS_OPEN),
                        count(openAtEnd.and(col(SilverRemediation.DUE_ON).lt(end)))
                                .as(GoldFacilityThemePeriod.CAPS_OVERDUE),
                        count(closedIn).as(GoldFacilityThemePeriod.CAPS_CLOSED),
                        sum(when(closedIn, coalesce(col(SilverRemediation.AMOUNT_EUR), lit(0.0)))
                                        .otherwise(0.0))
                                .as(GoldFacilityThemePeriod.AMOUNT_REMEDIED_EUR));
    }

    private static Column count(Column condition) {
        return sum(when(condition, 1L).otherwise(0L));
    }

    /** Zeroes for cells without CAPs. */
    public static Dataset<Row> complete(Dataset<Row> cells) {
        return cells.withColumn(
                        GoldFacilityThemePeriod.CAPS_OPEN, coalesce(col(GoldFacilityThemePeriod.CAPS_OPEN), lit(0L)))
                .withColumn(
                        GoldFacilityThemePeriod.CAPS_OVERDUE,
                        coalesce(col(GoldFacilityThemePeriod.CAPS_OVERDUE), lit(0L)))
                .withColumn(
                        GoldFacilityThemePeriod.CAPS_CLOSED,
                        coalesce(col(GoldFacilityThemePeriod.CAPS_CLOSED), lit(0L)))
                .withColumn(
                        GoldFacilityThemePeriod.AMOUNT_REMEDIED_EUR,
                        coalesce(col(GoldFacilityThemePeriod.AMOUNT_REMEDIED_EUR), lit(0.0)));
    }
}
