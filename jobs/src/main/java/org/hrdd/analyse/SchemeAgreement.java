package org.hrdd.analyse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.hrdd.config.AppConfig;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldSchemeAgreement;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.Joins;
import org.hrdd.stats.CohensKappa;
import org.hrdd.stats.Interval;
import org.hrdd.stats.WilsonInterval;

/**
 * {@code gold.scheme_agreement}: per audit scheme × theme, how audits and worker voice agree.
 *
 * <p>The unit is an <em>audit cell</em>: one audit × one theme, kept when the facility had at least
 * {@code min_workers_reached} workers reached in the audit's own period, so that the worker evidence describes the
 * same quarter the auditor saw. The audit found the theme when it has a critical, major or minor finding on it.
 *
 * <p><b>Detection rate.</b> The naive rate is the share of worker-elevated audit cells with a finding. It mixes
 * announced and unannounced audits and new and repeat lead auditors, and rests on a handful of cells per scheme ×
 * theme. The corrected rate uses the audited cells more likely high-risk than not ({@link #LIKELY_HIGH}), and
 * {@link DetectionModel} standardises them to reference conditions (announced, new auditor) with multipliers
 * estimated from the data and shrinks each pair towards a scheme effect × theme effect fit.
 */
public final class SchemeAgreement {

    public static final String WINDOW = "window";
    public static final String HISTORY = "history";

    /** Audited cells with a posterior probability of high risk below this count towards the audit false-positive rate. */
    static final double LOW_RISK = 0.05;

    /**
     * The detection rate is measured on audited cells more likely high-risk than not (posterior {@code prob_high_risk}
     * at least this). Worker-elevated cells are fewer (elevation is built to flag with few false discoveries), so they
     * would leave a handful of cells per scheme × theme.
     */
    static final double LIKELY_HIGH = 0.5;

    static final String FOUND = "_found";
    /** Condition class of the audit, see {@link DetectionModel#CLASSES}: + 1 if unannounced, + 2 if repeat auditor. */
    static final String CONDITION = "_condition";

    private SchemeAgreement() {}

    /** Audit × theme cells with the worker evidence of the audit's period. */
    public static Dataset<Row> auditCells(
            SparkSession spark,
            Dataset<Row> audits,
            Dataset<Row> findings,
            Dataset<Row> cells,
            List<String> themes,
            int minWorkersReached) {
        Column previousLead = lag(col(SilverAudit.LEAD_AUDITOR), 1)
                .over(Window.partitionBy(col(SilverAudit.FACILITY_ID))
                        .orderBy(col(SilverAudit.AUDIT_DATE), col(SilverAudit.AUDIT_ID)));
        Dataset<Row> a = audits.select(
                        col(SilverAudit.AUDIT_ID),
                        col(SilverAudit.FACILITY_ID),
                        col(SilverAudit.SCHEME),
                        col(SilverAudit.PERIOD),
                        col(SilverAudit.IS_ANNOUNCED),
                        col(SilverAudit.LEAD_AUDITOR),
                        col(SilverAudit.AUDIT_DATE))
                .withColumn("_previous_lead", previousLead)
                .withColumn(
                        CONDITION,
                        when(coalesce(col(SilverAudit.IS_ANNOUNCED), lit(false)), 0)
                                .otherwise(1)
                                .plus(when(
                                                col("_previous_lead")
                                                        .isNotNull()
                                                        .and(col("_previous_lead")
                                                                .equalTo(col(SilverAudit.LEAD_AUDITOR))),
                                                2)
                                        .otherwise(0)))
                .drop("_previous_lead", SilverAudit.LEAD_AUDITOR, SilverAudit.AUDIT_DATE, SilverAudit.IS_ANNOUNCED);
        Dataset<Row> found = findings.filter(col(SilverAuditFinding.SEVERITY).isin(AuditEvidence.ADVERSE.toArray()))
                .select(col(SilverAuditFinding.AUDIT_ID), col(SilverAuditFinding.THEME))
                .distinct()
                .withColumn(FOUND, lit(true));
        Dataset<Row> themeTable = spark.createDataset(themes, Encoders.STRING()).toDF(GoldFacilityThemePeriod.THEME);
        Dataset<Row> evidence = cells.select(
                        col(GoldFacilityThemePeriod.FACILITY_ID),
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldFacilityThemePeriod.PERIOD),
                        col(GoldFacilityThemePeriod.WORKERS_REACHED),
                        col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED),
                        col(GoldFacilityThemePeriod.PROB_HIGH_RISK))
                .filter(col(GoldFacilityThemePeriod.WORKERS_REACHED).geq(minWorkersReached));
        Dataset<Row> withFound = Joins.left(
                        a.crossJoin(themeTable), found, SilverAudit.AUDIT_ID, GoldFacilityThemePeriod.THEME)
                .withColumn(FOUND, coalesce(col(FOUND), lit(false)));
        return Joins.inner(
                withFound,
                evidence,
                GoldFacilityThemePeriod.FACILITY_ID,
                GoldFacilityThemePeriod.THEME,
                GoldFacilityThemePeriod.PERIOD);
    }

    /**
     * The rows of {@code gold.scheme_agreement} (without run id) for the analysed periods in {@code wanted} and both
     * scopes. A period's rows read the audit cells of its window or history only (periods up to it), so leaving the
     * other periods out changes none of its values (a run for one period alone writes that period's rows as a run for
     * every period would).
     */
    public static Dataset<Row> compute(
            SparkSession spark,
            Dataset<Row> auditCells,
            Dataset<Row> cells,
            AnalysisPeriods periods,
            List<String> wanted,
            AppConfig.AnalysisSettings settings,
            Contract contract) {
        Column isWanted = col(AnalysisPeriods.PERIOD).isin(wanted.toArray());
        Dataset<Row> scoped = scoped(
                        auditCells.withColumnRenamed(GoldFacilityThemePeriod.PERIOD, AnalysisPeriods.MEMBER),
                        periods.windows(spark, settings.auditWindowPeriods()).filter(isWanted),
                        periods.histories(spark).filter(isWanted))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            return rows(spark, scoped, cells, periods, settings, contract);
        } finally {
            scoped.unpersist();
        }
    }

    /** The agreement rows from the scoped audit cells (read twice: aggregates and lead times, hence persisted). */
    private static Dataset<Row> rows(
            SparkSession spark,
            Dataset<Row> scoped,
            Dataset<Row> cells,
            AnalysisPeriods periods,
            AppConfig.AnalysisSettings settings,
            Contract contract) {
        Column elevated = col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED);
        Column foundC = col(FOUND);
        Column condition = col(CONDITION);
        Column low =
                coalesce(col(GoldFacilityThemePeriod.PROB_HIGH_RISK), lit(0.0)).lt(LOW_RISK);
        List<Column> aggs = new ArrayList<>(List.of(
                countDistinct(col(GoldFacilityThemePeriod.FACILITY_ID)).as("facilities"),
                count(lit(1)).as("cells"),
                n(condition.equalTo(0)).as("ref"),
                n(elevated.and(foundC)).as("a"),
                n(elevated.and(foundC.unary_$bang())).as("b"),
                n(elevated.unary_$bang().and(foundC)).as("c"),
                n(elevated.unary_$bang().and(foundC.unary_$bang())).as("d"),
                n(low.and(foundC)).as("low_found"),
                n(low).as("low")));
        Column likelyHigh =
                coalesce(col(GoldFacilityThemePeriod.PROB_HIGH_RISK), lit(0.0)).geq(LIKELY_HIGH);
        Column probHigh = coalesce(col(GoldFacilityThemePeriod.PROB_HIGH_RISK), lit(0.0));
        for (int i = 0; i < DetectionModel.CLASSES; i++) {
            aggs.add(n(likelyHigh.and(condition.equalTo(i))).as("n" + i));
            aggs.add(n(likelyHigh.and(condition.equalTo(i)).and(foundC)).as("f" + i));
            aggs.add(sum(when(likelyHigh.and(condition.equalTo(i)), probHigh).otherwise(0.0))
                    .as("h" + i));
        }
        aggs.add(sum(when(likelyHigh, lit(1.0).minus(probHigh)).otherwise(0.0)).as("not_high"));
        Dataset<Row> agg = scoped.groupBy(
                        col(GoldSchemeAgreement.SCHEME),
                        col(GoldSchemeAgreement.THEME),
                        col(GoldSchemeAgreement.PERIOD),
                        col(GoldSchemeAgreement.SCOPE))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        // a canonical order: the detection model's fit, like any optimiser, ends in slightly different last digits
        // when its pairs come in another order (which the partitioning would otherwise decide)
        List<Row> aggRows = agg.orderBy(
                        col(GoldSchemeAgreement.SCHEME),
                        col(GoldSchemeAgreement.THEME),
                        col(GoldSchemeAgreement.PERIOD),
                        col(GoldSchemeAgreement.SCOPE))
                .collectAsList();
        Map<String, List<DetectionModel.Pair>> pairsByScope = new HashMap<>();
        // the false-positive rate of each period x scope, pooled over its pairs: findings on audited cells very likely
        // low (the per-pair share is too thin to use)
        Map<String, double[]> falsePositives = new HashMap<>();
        for (Row r : aggRows) {
            long[] cellsByClass = new long[DetectionModel.CLASSES];
            long[] foundByClass = new long[DetectionModel.CLASSES];
            double[] highByClass = new double[DetectionModel.CLASSES];
            for (int i = 0; i < DetectionModel.CLASSES; i++) {
                cellsByClass[i] = r.getAs("n" + i);
                foundByClass[i] = r.getAs("f" + i);
                highByClass[i] = r.<Double>getAs("h" + i);
            }
            String scopeKey = r.getString(2) + '\u0001' + r.getString(3);
            pairsByScope
                    .computeIfAbsent(scopeKey, k -> new ArrayList<>())
                    .add(new DetectionModel.Pair(
                            r.getString(0),
                            r.getString(1),
                            cellsByClass,
                            foundByClass,
                            highByClass,
                            r.<Double>getAs("not_high")));
            double[] fp = falsePositives.computeIfAbsent(scopeKey, k -> new double[2]);
            fp[0] += r.<Long>getAs("low_found");
            fp[1] += r.<Long>getAs("low");
        }
        Map<String, DetectionModel.Result> models = new HashMap<>();
        pairsByScope.forEach((k, pairs) -> {
            double[] fp = falsePositives.get(k);
            models.put(k, DetectionModel.fit(pairs, settings.confidenceLevel(), fp[1] > 0 ? fp[0] / fp[1] : 0));
        });
        Map<String, double[]> lead = leadTimes(spark, scoped, cells, periods);
        List<Row> rows = new ArrayList<>();
        for (Row r : aggRows) {
            String scheme = r.getString(0);
            String theme = r.getString(1);
            String period = r.getString(2);
            String scope = r.getString(3);
            long a = r.getAs("a");
            long b = r.getAs("b");
            long c = r.getAs("c");
            long d = r.getAs("d");
            CohensKappa.Result kappa = CohensKappa.of(a, b, c, d, settings.confidenceLevel());
            DetectionModel.Estimate est = models.get(period + '\u0001' + scope).estimate(scheme, theme);
            long lowCells = r.getAs("low");
            Interval blind = a + b == 0 ? Interval.UNDEFINED : WilsonInterval.of(b, a + b, settings.confidenceLevel());
            double[] lt = lead.getOrDefault(
                    String.join("\u0001", scheme, theme, period, scope), new double[] {Double.NaN, 0});
            rows.add(RowFactory.create(
                    scheme,
                    theme,
                    period,
                    scope,
                    r.<Long>getAs("facilities"),
                    r.<Long>getAs("cells"),
                    r.<Long>getAs("ref"),
                    a,
                    b,
                    c,
                    d,
                    nan(kappa.kappa()),
                    nan(kappa.interval().lower()),
                    nan(kappa.interval().upper()),
                    a + b == 0 ? null : (double) a / (a + b),
                    est == null ? null : est.detection(),
                    est == null ? null : est.interval().lower(),
                    est == null ? null : est.interval().upper(),
                    lowCells == 0 ? null : (double) r.<Long>getAs("low_found") / lowCells,
                    a + b == 0 ? null : (double) b / (a + b),
                    nan(blind.lower()),
                    nan(blind.upper()),
                    nan(lt[0]),
                    (long) lt[1],
                    null));
        }
        return spark.createDataFrame(rows, ContractSchemas.structType(contract)).drop(Lineage.RUN_ID);
    }

    /** Audit cells tagged with each analysed period and scope they belong to. */
    static Dataset<Row> scoped(Dataset<Row> auditCells, Dataset<Row> windows, Dataset<Row> histories) {
        Dataset<Row> inWindow = auditCells
                .join(windows.drop(AnalysisPeriods.OFFSET), AnalysisPeriods.MEMBER)
                .withColumn(GoldSchemeAgreement.SCOPE, lit(WINDOW));
        Dataset<Row> inHistory = auditCells
                .join(histories.drop(AnalysisPeriods.OFFSET), AnalysisPeriods.MEMBER)
                .withColumn(GoldSchemeAgreement.SCOPE, lit(HISTORY));
        return inWindow.unionByName(inHistory);
    }

    /**
     * Median lead time per scheme × theme × period × scope: over the facility × theme cells audited under the scheme
     * in scope whose history (as of the period) has both a first worker signal and a first audit finding, the periods
     * from the one to the other.
     */
    static Map<String, double[]> leadTimes(
            SparkSession spark, Dataset<Row> scoped, Dataset<Row> cells, AnalysisPeriods periods) {
        Dataset<Row> idx = periods.indexes(spark);
        Dataset<Row> audited = scoped.select(
                        col(GoldSchemeAgreement.SCHEME),
                        col(GoldFacilityThemePeriod.FACILITY_ID),
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldSchemeAgreement.PERIOD),
                        col(GoldSchemeAgreement.SCOPE))
                .distinct();
        Dataset<Row> firsts = cells.select(
                        col(GoldFacilityThemePeriod.FACILITY_ID),
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldFacilityThemePeriod.PERIOD),
                        col(GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD),
                        col(GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD))
                .filter(col(GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD)
                        .isNotNull()
                        .and(col(GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD)
                                .isNotNull()));
        Dataset<Row> withIdx = firsts.join(
                        AnalysisPeriods.renamed(idx, GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD, "_wi"),
                        GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD)
                .join(
                        AnalysisPeriods.renamed(idx, GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD, "_ai"),
                        GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD)
                .withColumn("_lead", col("_ai").minus(col("_wi")));
        Map<String, double[]> out = new HashMap<>();
        for (Row r : Joins.inner(
                        audited,
                        withIdx,
                        GoldFacilityThemePeriod.FACILITY_ID,
                        GoldFacilityThemePeriod.THEME,
                        GoldFacilityThemePeriod.PERIOD)
                .groupBy(
                        col(GoldSchemeAgreement.SCHEME),
                        col(GoldFacilityThemePeriod.THEME),
                        col(GoldSchemeAgreement.PERIOD),
                        col(GoldSchemeAgreement.SCOPE))
                .agg(expr("percentile(_lead, 0.5)").as("median"), count(lit(1)).as("n"))
                .collectAsList()) {
            out.put(
                    String.join("\u0001", r.getString(0), r.getString(1), r.getString(2), r.getString(3)),
                    new double[] {r.getDouble(4), r.getLong(5)});
        }
        return out;
    }

    private static Column n(Column condition) {
        return sum(when(condition, 1L).otherwise(0L));
    }

    private static Double nan(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
