package org.hrdd.analyse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.Joins;

/**
 * The cells of the analysis and their worker counts: every facility of the master × every canonical theme × every
 * analysed period, with distinct workers reached (from {@code silver.worker_reach}) and reporting the theme (distinct
 * pseudonyms in {@code silver.worker_signal}) per channel. Only records with aggregate-reporting consent count,
 * on both sides of the rate.
 */
public final class WorkerCounts {

    private WorkerCounts() {}

    public static Dataset<Row> cells(
            SparkSession spark,
            Dataset<Row> facilities,
            List<String> themes,
            Dataset<Row> periods,
            Dataset<Row> reach,
            Dataset<Row> signals) {
        Dataset<Row> themeTable = spark.createDataset(themes, Encoders.STRING()).toDF(GoldFacilityThemePeriod.THEME);
        Dataset<Row> base = facilities
                .select(
                        col(SilverFacility.FACILITY_ID),
                        col(SilverFacility.COUNTRY_CODE),
                        col(SilverFacility.SECTOR),
                        col(SilverFacility.SUPPLIER_ID))
                .crossJoin(themeTable)
                .crossJoin(periods.select(col(AnalysisPeriods.PERIOD)));
        Column helpline = col(SilverWorkerReach.CHANNEL).equalTo(WorkerEvidence.HELPLINE);
        Dataset<Row> reached = reach.groupBy(col(SilverWorkerReach.FACILITY_ID), col(SilverWorkerReach.PERIOD))
                .agg(
                        sum(when(helpline, col(SilverWorkerReach.WORKERS_REACHED))
                                        .otherwise(0L))
                                .as(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE),
                        sum(when(helpline, 0L).otherwise(col(SilverWorkerReach.WORKERS_REACHED)))
                                .as(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY));
        Column helplineSignal = col(SilverWorkerSignal.CHANNEL).equalTo(WorkerEvidence.HELPLINE);
        Dataset<Row> reporting = signals.filter(col(SilverWorkerSignal.CONSENT_AGGREGATE))
                .groupBy(
                        col(SilverWorkerSignal.FACILITY_ID),
                        col(SilverWorkerSignal.PERIOD),
                        col(SilverWorkerSignal.THEME))
                .agg(
                        countDistinct(when(helplineSignal, col(SilverWorkerSignal.WORKER_PSEUDONYM)))
                                .as(GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE),
                        countDistinct(when(helplineSignal.unary_$bang(), col(SilverWorkerSignal.WORKER_PSEUDONYM)))
                                .as(GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY));
        Dataset<Row> cells = Joins.left(
                Joins.left(base, reached, GoldFacilityThemePeriod.FACILITY_ID, GoldFacilityThemePeriod.PERIOD),
                reporting,
                GoldFacilityThemePeriod.FACILITY_ID,
                GoldFacilityThemePeriod.PERIOD,
                GoldFacilityThemePeriod.THEME);
        for (String c : List.of(
                GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE,
                GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY,
                GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE,
                GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY)) {
            cells = cells.withColumn(c, coalesce(col(c), lit(0L)));
        }
        return cells;
    }
}
