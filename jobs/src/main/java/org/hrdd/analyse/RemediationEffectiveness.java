package org.hrdd.analyse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.AppConfig;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.Joins;
import org.hrdd.time.Periods;

/**
 * {@code gold.remediation_effectiveness}: for every CAP closed by the end of an analysed period, the worker rate of
 * its facility × theme before it opened and after it closed, and {@link RemediationVerdict}'s status as of that
 * period. Only periods up to the analysed one are used, so the row for a period never changes with later data or
 * with which later periods the same run analysed (window labels come from the calendar; overlapping CAPs are counted
 * whether or not they closed).
 */
public final class RemediationEffectiveness {

    private static final String OPENED_INDEX = "_opened_index";
    private static final String CLOSED_INDEX = "_closed_index";
    private static final String AS_OF_INDEX = "_as_of_index";
    private static final String OVERLAPPING = "_overlapping_caps";
    private static final String CONFIRMED_PERIOD = "_confirmed_period";

    private RemediationEffectiveness() {}

    /**
     * The rows as of the analysed periods in {@code wanted} (each reads periods up to its own only, so the others are
     * left out without changing its values).
     */
    public static Dataset<Row> compute(
            SparkSession spark,
            Dataset<Row> remediation,
            Dataset<Row> signals,
            Dataset<Row> cells,
            AnalysisPeriods periods,
            List<String> wanted,
            AppConfig.AnalysisSettings settings,
            AppConfig.Granularity granularity) {
        AppConfig.RemediationSettings rs = settings.remediation();
        Dataset<Row> idx = periods.indexes(spark);
        // every CAP with the index of the period it opened in (null before the calendar), computed once: the closed
        // ones are assessed, and all of them can overlap another's windows
        Dataset<Row> opened = Joins.left(
                remediation.withColumn("_opened_period", Periods.label(col(SilverRemediation.OPENED_ON), granularity)),
                AnalysisPeriods.renamed(idx, "_opened_period", OPENED_INDEX),
                "_opened_period");
        Dataset<Row> caps = opened.filter(col(SilverRemediation.CLOSED_ON).isNotNull())
                .select(
                        col(SilverRemediation.CAP_ID),
                        col(SilverRemediation.SOURCE_TYPE),
                        col(SilverRemediation.FACILITY_ID),
                        col(SilverRemediation.THEME),
                        col(SilverRemediation.OPENED_ON),
                        col(SilverRemediation.CLOSED_ON),
                        col(SilverRemediation.SOURCE_REF),
                        col(OPENED_INDEX),
                        Periods.label(col(SilverRemediation.CLOSED_ON), granularity)
                                .as("_closed_period"));
        caps = Joins.left(
                Joins.inner(caps, AnalysisPeriods.renamed(idx, "_closed_period", CLOSED_INDEX), "_closed_period"),
                confirmedCases(signals, granularity),
                SilverRemediation.SOURCE_REF);
        // period labels of one granularity order as text ("2026-Q2" < "2026-Q3"): a confirmation counts from the period
        // its case was resolved in, so a period's row does not change with later data
        Dataset<Row> asOf = caps.crossJoin(
                        idx.filter(col(AnalysisPeriods.PERIOD).isin(wanted.toArray()))
                                .withColumnRenamed(AnalysisPeriods.INDEX, AS_OF_INDEX))
                .filter(col(CLOSED_INDEX).leq(col(AS_OF_INDEX)))
                .withColumn(
                        GoldRemediationEffectiveness.IS_WORKER_CONFIRMED,
                        coalesce(col(CONFIRMED_PERIOD).leq(col(AnalysisPeriods.PERIOD)), lit(false)))
                .withColumn("_before_from", col(OPENED_INDEX).minus(rs.beforePeriods()))
                .withColumn("_before_to", col(OPENED_INDEX).minus(1))
                .withColumn("_after_from", col(CLOSED_INDEX).plus(rs.afterLagPeriods()))
                .withColumn(
                        "_after_to",
                        least(col(CLOSED_INDEX).plus(rs.afterLagPeriods() + rs.afterPeriods() - 1), col(AS_OF_INDEX)));

        Dataset<Row> cellIdx = Joins.inner(
                cells.select(
                        col(GoldFacilityThemePeriod.FACILITY_ID),
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldFacilityThemePeriod.PERIOD).as("_cell_period"),
                        col(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY).as("_ns"),
                        col(GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY).as("_ks"),
                        col(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE).as("_nh"),
                        col(GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE).as("_kh")),
                AnalysisPeriods.renamed(idx, "_cell_period", "_cell_index"),
                "_cell_period");
        Column inBefore = col("_cell_index").between(col("_before_from"), col("_before_to"));
        Column inAfter = col("_cell_index")
                .geq(col("_after_from"))
                .and(col("_cell_index").leq(col("_after_to")));
        List<Column> sums = new ArrayList<>();
        for (String c : List.of("_ns", "_ks", "_nh", "_kh")) {
            sums.add(sum(when(inBefore, col(c)).otherwise(0L)).as(c + "_before"));
            sums.add(sum(when(inAfter, col(c)).otherwise(0L)).as(c + "_after"));
        }
        int min = rs.minWorkers();
        Column survey = col("_ns_before").geq(min).and(col("_ns_after").geq(min));
        Dataset<Row> counted = Joins.left(
                        asOf, cellIdx, GoldFacilityThemePeriod.FACILITY_ID, GoldFacilityThemePeriod.THEME)
                .groupBy(col(SilverRemediation.CAP_ID), col(AnalysisPeriods.PERIOD))
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]))
                .withColumn(
                        GoldRemediationEffectiveness.CHANNEL_COMPARED,
                        when(survey, lit(WorkerEvidence.SURVEY))
                                .when(
                                        col("_nh_before")
                                                .gt(0)
                                                .or(col("_nh_after").gt(0)),
                                        lit(WorkerEvidence.HELPLINE)))
                .withColumn(
                        GoldRemediationEffectiveness.WORKERS_BEFORE,
                        when(survey, col("_ns_before")).otherwise(col("_nh_before")))
                .withColumn(
                        GoldRemediationEffectiveness.REPORTING_BEFORE,
                        when(survey, col("_ks_before")).otherwise(col("_kh_before")))
                .withColumn(
                        GoldRemediationEffectiveness.WORKERS_AFTER,
                        when(survey, col("_ns_after")).otherwise(col("_nh_after")))
                .withColumn(
                        GoldRemediationEffectiveness.REPORTING_AFTER,
                        when(survey, col("_ks_after")).otherwise(col("_kh_after")));
        // other CAPs on the same facility x theme opened between the end of the after window and as long before the
        // before window as a remedy takes to show (after_lag + after periods): their effect cannot be told apart
        // whether or when they closed does not matter (a CAP still open, or closed after the analysed periods, was
        // opened all the same), so that a period's row does not depend on the periods after it
        Dataset<Row> others = opened.filter(col(OPENED_INDEX).isNotNull())
                .select(
                        col(SilverRemediation.FACILITY_ID),
                        col(SilverRemediation.THEME),
                        col(SilverRemediation.CAP_ID).as("_other"),
                        col(OPENED_INDEX).as("_other_opened"));
        Dataset<Row> overlaps = Joins.inner(
                        asOf.select(
                                col(SilverRemediation.CAP_ID),
                                col(AnalysisPeriods.PERIOD),
                                col(SilverRemediation.FACILITY_ID),
                                col(SilverRemediation.THEME),
                                col("_before_from"),
                                col("_after_to")),
                        others,
                        SilverRemediation.FACILITY_ID,
                        SilverRemediation.THEME)
                .filter(col("_other")
                        .notEqual(col(SilverRemediation.CAP_ID))
                        .and(col("_other_opened")
                                .geq(col("_before_from").minus(rs.afterLagPeriods() + rs.afterPeriods() - 1)))
                        .and(col("_other_opened").leq(col("_after_to"))))
                .groupBy(col(SilverRemediation.CAP_ID), col(AnalysisPeriods.PERIOD))
                .agg(org.apache
                        .spark
                        .sql
                        .functions
                        .count(org.apache.spark.sql.functions.lit(1))
                        .as(OVERLAPPING));
        Dataset<Row> rows = Joins.left(
                        Joins.inner(asOf, counted, SilverRemediation.CAP_ID, AnalysisPeriods.PERIOD),
                        overlaps,
                        SilverRemediation.CAP_ID,
                        AnalysisPeriods.PERIOD)
                .withColumn(OVERLAPPING, coalesce(col(OVERLAPPING), lit(0L)));
        Dataset<Row> labels = periods.labels(spark, rs.afterLagPeriods() + rs.afterPeriods());
        rows = withLabel(rows, labels, "_before_from", GoldRemediationEffectiveness.BEFORE_FROM);
        rows = withLabel(rows, labels, "_before_to", GoldRemediationEffectiveness.BEFORE_TO);
        rows = withLabel(rows, labels, "_after_from", GoldRemediationEffectiveness.AFTER_FROM);
        rows = withLabel(rows, labels, "_after_to", GoldRemediationEffectiveness.AFTER_TO);
        // an after window that has not started yet (after_to < after_from) has no label
        rows = rows.withColumn(
                GoldRemediationEffectiveness.AFTER_TO,
                when(col("_after_to").geq(col("_after_from")), col(GoldRemediationEffectiveness.AFTER_TO)));
        Column nb = col(GoldRemediationEffectiveness.WORKERS_BEFORE);
        Column na = col(GoldRemediationEffectiveness.WORKERS_AFTER);
        return rows.withColumn(
                        GoldRemediationEffectiveness.RATE_BEFORE,
                        when(
                                nb.gt(0),
                                col(GoldRemediationEffectiveness.REPORTING_BEFORE)
                                        .cast("double")
                                        .divide(nb)))
                .withColumn(
                        GoldRemediationEffectiveness.RATE_AFTER,
                        when(
                                na.gt(0),
                                col(GoldRemediationEffectiveness.REPORTING_AFTER)
                                        .cast("double")
                                        .divide(na)))
                .withColumn(
                        "_verdict",
                        verdictUdf(rs)
                                .apply(
                                        col(GoldRemediationEffectiveness.REPORTING_BEFORE),
                                        nb,
                                        col(GoldRemediationEffectiveness.REPORTING_AFTER),
                                        na,
                                        col(GoldRemediationEffectiveness.IS_WORKER_CONFIRMED),
                                        col(OVERLAPPING)))
                .withColumn(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS, col("_verdict.status"))
                .withColumn(GoldRemediationEffectiveness.REASON, col("_verdict.reason"))
                .withColumn(GoldRemediationEffectiveness.P_VALUE_DROP, col("_verdict.p_drop"))
                .withColumn(GoldRemediationEffectiveness.P_VALUE_PERSIST, col("_verdict.p_persist"));
    }

    /**
     * The helpline cases whose worker confirmed the remedy, as the case export records the worker's own answer (NGO A's
     * {@code remedy_confirmed_by_worker}, NGO B's "Worker Confirmed"), with the period the case was resolved in, keyed
     * as a CAP's {@code source_ref} names its case ({@code <source system>:<case id>}). Only cases whose worker agreed to
     * share the case: the verdict is shown to the brand with the CAP. The CAP log's own "worker confirmation" method is
     * the supplier's statement and is not used.
     */
    /**
     * A worker-signal row's case as a CAP's {@code source_ref} names it: {@code <source system>:<case id>}. The one
     * rule joining CAPs to the cases they remedy (here, the indicators and the agency corridors).
     */
    public static Column caseRef() {
        return concat(col(Lineage.SOURCE_SYSTEM), lit(":"), col(SilverWorkerSignal.SOURCE_RECORD_ID));
    }

    static Dataset<Row> confirmedCases(Dataset<Row> signals, AppConfig.Granularity granularity) {
        return signals.filter(coalesce(col(SilverWorkerSignal.IS_WORKER_CONFIRMED), lit(false))
                        .and(coalesce(col(SilverWorkerSignal.CONSENT_CASE_SHARING), lit(false)))
                        .and(col(SilverWorkerSignal.RESOLVED_ON).isNotNull()))
                .groupBy(caseRef().as(SilverRemediation.SOURCE_REF))
                .agg(min(Periods.label(col(SilverWorkerSignal.RESOLVED_ON), granularity))
                        .as(CONFIRMED_PERIOD));
    }

    private static Dataset<Row> withLabel(Dataset<Row> rows, Dataset<Row> idx, String indexColumn, String labelColumn) {
        return rows.join(
                        AnalysisPeriods.renamed(idx, labelColumn, "_i"),
                        col(indexColumn).equalTo(col("_i")),
                        "left")
                .drop("_i");
    }

    private static UserDefinedFunction verdictUdf(AppConfig.RemediationSettings rs) {
        StructType out = new StructType()
                .add("status", DataTypes.StringType)
                .add("reason", DataTypes.StringType)
                .add("p_drop", DataTypes.DoubleType)
                .add("p_persist", DataTypes.DoubleType);
        int minWorkers = rs.minWorkers();
        double alpha = rs.alpha();
        return udf(
                (UDF6<Long, Long, Long, Long, Boolean, Long, Row>) (kb, nb, ka, na, confirmed, overlapping) -> {
                    RemediationVerdict.Verdict v =
                            RemediationVerdict.classify(kb, nb, ka, na, confirmed, overlapping, minWorkers, alpha);
                    return RowFactory.create(
                            v.status(),
                            v.reason(),
                            Double.isNaN(v.pDrop()) ? null : v.pDrop(),
                            Double.isNaN(v.pPersist()) ? null : v.pPersist());
                },
                out);
    }
}
