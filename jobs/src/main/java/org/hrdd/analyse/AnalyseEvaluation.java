package org.hrdd.analyse;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldSchemeAgreement;
import org.hrdd.spark.Joins;

/**
 * Scores {@code gold.facility_theme_period} against the synthetic world's truth ({@code truth/} of {@code hrdd
 * generate}). Evaluation code only: the pipeline itself never reads the truth.
 */
public final class AnalyseEvaluation {

    static final String TRUE_PREVALENCE = "true_prevalence";
    static final String EXPECTED_REPORT_RATE = "expected_report_rate";
    static final String IS_HIGH_RISK = "is_high_risk";
    static final String SENSITIVITY = "sensitivity";
    static final String IS_EFFECTIVE = "is_effective";

    /**
     * @param cellsWithWorkers cells with at least one worker reached and a truth rate
     * @param wilsonCoverage share of them whose Wilson interval holds {@code expected_report_rate}
     * @param shrunkCoverage the same for the posterior interval of the shrunk rate
     * @param mseRaw mean squared error of the raw rate against {@code expected_report_rate}
     * @param mseShrunk the same for the shrunk rate
     * @param prevalenceMae mean absolute error of {@code prevalence_estimate} against the true prevalence
     * @param naivePrevalenceMae the same for the raw rate read as prevalence (no under-reporting correction)
     * @param workerOnly cells WORKER_ONLY
     * @param workerOnlyPrecision share of them truly high risk (and, by construction, without audit finding)
     * @param workerOnlyRecall WORKER_ONLY ∧ truly high ÷ cells truly high without audit flag and enough workers
     * @param workerOnlyRecallAll the same over every truly high cell without audit flag, covered or not
     * @param insufficientViolations cells below the worker minimum whose status is not INSUFFICIENT_DATA
     * @param enoughWorkers the shrunk interval's coverage on cells with at least the worker minimum, all and truly high
     * @param detection the detection-rate figures of every period
     */
    public record Report(
            long cellsWithWorkers,
            double wilsonCoverage,
            double shrunkCoverage,
            double mseRaw,
            double mseShrunk,
            double prevalenceMae,
            double naivePrevalenceMae,
            long workerOnly,
            double workerOnlyPrecision,
            double workerOnlyRecall,
            double workerOnlyRecallAll,
            long insufficientViolations,
            Coverage enoughWorkers,
            List<Detection> detection,
            Remediation remediation) {

        public void print(PrintWriter o) {
            o.printf(Locale.ROOT, "cells with workers reached      %,d%n", cellsWithWorkers);
            o.printf(
                    Locale.ROOT,
                    "interval coverage of expected report rate: Wilson %.3f, shrunk %.3f (target 0.90-0.98)%n",
                    wilsonCoverage,
                    shrunkCoverage);
            o.printf(
                    Locale.ROOT,
                    "shrunk interval coverage on cells with enough workers: %.3f of %,d cells (target 0.93-0.97); "
                            + "truly high-risk cells %.3f of %,d (target >= 0.90)%n",
                    enoughWorkers.all(),
                    enoughWorkers.cells(),
                    enoughWorkers.high(),
                    enoughWorkers.highCells());
            o.printf(Locale.ROOT, "MSE vs expected report rate: raw %.6f, shrunk %.6f%n", mseRaw, mseShrunk);
            o.printf(
                    Locale.ROOT,
                    "prevalence MAE: corrected %.4f, raw rate as prevalence %.4f%n",
                    prevalenceMae,
                    naivePrevalenceMae);
            o.printf(
                    Locale.ROOT,
                    "WORKER_ONLY cells %,d: precision %.3f, recall %.3f (cells with enough workers), %.3f (all)%n",
                    workerOnly,
                    workerOnlyPrecision,
                    workerOnlyRecall,
                    workerOnlyRecallAll);
            o.printf(Locale.ROOT, "cells below the worker minimum not INSUFFICIENT_DATA: %d%n", insufficientViolations);
            o.printf(
                    Locale.ROOT,
                    "audit detection rate vs truth/audit_sensitivity.csv, every published scheme x theme pair "
                            + "(scope history):%n  %-8s %6s %9s %7s %8s %9s %7s %9s%n",
                    "period",
                    "pairs",
                    "ref cells",
                    "MAE",
                    "constant",
                    "coverage",
                    "naive n",
                    "naive MAE");
            for (Detection d : detection) {
                o.printf(
                        Locale.ROOT,
                        "  %-8s %6d %,9d %7.4f %8.4f %9.3f %7d %9.4f%n",
                        d.period(),
                        d.pairs(),
                        d.cells(),
                        d.mae(),
                        d.constantMae(),
                        d.coverage(),
                        d.naivePairs(),
                        d.naiveMae());
            }
            o.printf(
                    Locale.ROOT,
                    "remediation (%,d closed CAPs as of the last period, %.3f truly effective): committed %,d, "
                            + "accuracy %.3f over every committed verdict (EFFECTIVE %,d, VERIFIED_BY_WORKERS %,d of which truly "
                            + "effective %.3f, NOT_EFFECTIVE %,d); INCONCLUSIVE %,d%n",
                    remediation.caps(),
                    remediation.baseRate(),
                    remediation.committed(),
                    remediation.accuracy(),
                    remediation.effective(),
                    remediation.verified(),
                    remediation.verifiedEffective(),
                    remediation.notEffective(),
                    remediation.inconclusive());
        }
    }

    /** Coverage of the shrunk interval over {@code cells} cells, and over the {@code highCells} truly high among them. */
    public record Coverage(long cells, double all, long highCells, double high) {}

    /**
     * Detection rate per scheme × theme against the truth's sensitivity, for one period of gold.scheme_agreement (scope
     * history): every pair with a published estimate. {@code mae} is the mean absolute error over those pairs,
     * {@code constantMae} that of the best single number for every pair (the median of their true sensitivities, known
     * only to the truth), {@code naiveMae} that of the naive share over the pairs that have one ({@code naivePairs}),
     * {@code coverage} the share of intervals holding the truth, {@code weightedMae} weighted by reference cells.
     */
    public record Detection(
            String period,
            int pairs,
            long cells,
            double mae,
            double weightedMae,
            double constantMae,
            int naivePairs,
            double naiveMae,
            double coverage) {}

    /**
     * Remediation verdicts of the latest period against {@code truth/remediation.csv}: {@code committed} and
     * {@code accuracy} cover every verdict that commits to an answer (EFFECTIVE, VERIFIED_BY_WORKERS, NOT_EFFECTIVE);
     * {@code verifiedEffective} is the share of VERIFIED_BY_WORKERS CAPs truly effective, beside {@code baseRate}, the
     * share of all assessed CAPs truly effective.
     */
    public record Remediation(
            long caps,
            long committed,
            double accuracy,
            long effective,
            long notEffective,
            long verified,
            double verifiedEffective,
            long inconclusive,
            double baseRate) {}

    public static Remediation remediation(SparkSession spark, Dataset<Row> effectiveness, Path truthDir) {
        StructType schema = new StructType()
                .add(GoldRemediationEffectiveness.CAP_ID, DataTypes.StringType)
                .add(IS_EFFECTIVE, DataTypes.BooleanType)
                .add("t_facility_id", DataTypes.StringType)
                .add("t_theme", DataTypes.StringType)
                .add("prevalence_reduction", DataTypes.DoubleType)
                .add("effective_from", DataTypes.StringType);
        Dataset<Row> truth = readTruth(spark, truthDir, "remediation.csv", schema);
        Row lastRow = effectiveness
                .agg(org.apache.spark.sql.functions.max(col(GoldRemediationEffectiveness.PERIOD)))
                .first();
        if (lastRow.isNullAt(0)) {
            return new Remediation(0, 0, Double.NaN, 0, 0, 0, Double.NaN, 0, Double.NaN);
        }
        Dataset<Row> e = Joins.inner(
                effectiveness.filter(col(GoldRemediationEffectiveness.PERIOD).equalTo(lastRow.getString(0))),
                truth,
                GoldRemediationEffectiveness.CAP_ID);
        Column status = col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS);
        Column effective = status.equalTo(RemediationVerdict.EFFECTIVE);
        Column notEffective = status.equalTo(RemediationVerdict.NOT_EFFECTIVE);
        Column verified = status.equalTo(RemediationVerdict.VERIFIED_BY_WORKERS);
        // every committed verdict counts, worker verification included
        Column right = effective
                .or(verified)
                .and(col(IS_EFFECTIVE))
                .or(notEffective.and(col(IS_EFFECTIVE).unary_$bang()));
        Row r = e.agg(
                        count(lit(1)),
                        sum(when(effective, 1L).otherwise(0L)),
                        sum(when(notEffective, 1L).otherwise(0L)),
                        sum(when(right, 1L).otherwise(0L)),
                        sum(when(verified, 1L).otherwise(0L)),
                        sum(when(verified.and(col(IS_EFFECTIVE)), 1L).otherwise(0L)),
                        sum(when(status.equalTo(RemediationVerdict.INCONCLUSIVE), 1L)
                                .otherwise(0L)),
                        sum(when(col(IS_EFFECTIVE), 1L).otherwise(0L)))
                .first();
        long committed = r.getLong(1) + r.getLong(2) + r.getLong(4);
        return new Remediation(
                r.getLong(0),
                committed,
                ratio(r.getLong(3), committed),
                r.getLong(1),
                r.getLong(2),
                r.getLong(4),
                ratio(r.getLong(5), r.getLong(4)),
                r.getLong(6),
                ratio(r.getLong(7), r.getLong(0)));
    }

    private AnalyseEvaluation() {}

    /** {@code truth/facility_theme_prevalence.csv} with an explicit schema. */
    public static Dataset<Row> truthCells(SparkSession spark, Path truthDir) {
        StructType schema = new StructType()
                .add(GoldFacilityThemePeriod.FACILITY_ID, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.THEME, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.PERIOD, DataTypes.StringType)
                .add(TRUE_PREVALENCE, DataTypes.DoubleType)
                .add(EXPECTED_REPORT_RATE, DataTypes.DoubleType)
                .add(IS_HIGH_RISK, DataTypes.BooleanType)
                .add("truth_workers_reached", DataTypes.LongType);
        return readTruth(spark, truthDir, "facility_theme_prevalence.csv", schema);
    }

    /** Every period's detection-rate figures, in period order (see {@link Detection}). */
    public static List<Detection> detection(SparkSession spark, Dataset<Row> agreement, Path truthDir) {
        StructType schema = new StructType()
                .add(GoldSchemeAgreement.SCHEME, DataTypes.StringType)
                .add(GoldSchemeAgreement.THEME, DataTypes.StringType)
                .add(SENSITIVITY, DataTypes.DoubleType);
        Dataset<Row> truth = readTruth(spark, truthDir, "audit_sensitivity.csv", schema);
        Dataset<Row> a = agreement.filter(col(GoldSchemeAgreement.SCOPE)
                .equalTo(SchemeAgreement.HISTORY)
                .and(col(GoldSchemeAgreement.DETECTION_RATE).isNotNull()));
        List<Row> rows = Joins.inner(a, truth, GoldSchemeAgreement.SCHEME, GoldSchemeAgreement.THEME)
                .select(
                        col(GoldSchemeAgreement.PERIOD),
                        col(GoldSchemeAgreement.DETECTION_RATE),
                        col(GoldSchemeAgreement.DETECTION_RATE_LOWER),
                        col(GoldSchemeAgreement.DETECTION_RATE_UPPER),
                        col(GoldSchemeAgreement.DETECTION_RATE_NAIVE),
                        col(GoldSchemeAgreement.CELLS_REFERENCE),
                        col(SENSITIVITY))
                .collectAsList();
        return rows.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        r -> r.getString(0), java.util.TreeMap::new, java.util.stream.Collectors.toList()))
                .entrySet()
                .stream()
                .map(e -> detection(e.getKey(), e.getValue()))
                .toList();
    }

    /** One period's figures from rows (period, estimate, lower, upper, naive, reference cells, truth). */
    static Detection detection(String period, List<Row> pairs) {
        double[] truth =
                pairs.stream().mapToDouble(r -> r.getDouble(6)).sorted().toArray();
        int n = truth.length;
        double median = n % 2 == 1 ? truth[n / 2] : (truth[n / 2 - 1] + truth[n / 2]) / 2;
        double err = 0;
        double weighted = 0;
        double constant = 0;
        double naive = 0;
        int naivePairs = 0;
        int covered = 0;
        long cells = 0;
        for (Row r : pairs) {
            double t = r.getDouble(6);
            double e = Math.abs(r.getDouble(1) - t);
            long c = r.isNullAt(5) ? 0 : r.getLong(5);
            err += e;
            weighted += e * c;
            cells += c;
            constant += Math.abs(median - t);
            if (!r.isNullAt(4)) {
                naive += Math.abs(r.getDouble(4) - t);
                naivePairs++;
            }
            if (!r.isNullAt(2) && !r.isNullAt(3) && t >= r.getDouble(2) && t <= r.getDouble(3)) {
                covered++;
            }
        }
        return new Detection(
                period,
                n,
                cells,
                err / n,
                cells == 0 ? Double.NaN : weighted / cells,
                constant / n,
                naivePairs,
                naivePairs == 0 ? Double.NaN : naive / naivePairs,
                (double) covered / n);
    }

    public static Report evaluate(
            SparkSession spark,
            Dataset<Row> gold,
            Dataset<Row> agreement,
            Dataset<Row> effectiveness,
            Path truthDir,
            int minWorkersReached) {
        Dataset<Row> joined = Joins.inner(
                gold,
                truthCells(spark, truthDir),
                GoldFacilityThemePeriod.FACILITY_ID,
                GoldFacilityThemePeriod.THEME,
                GoldFacilityThemePeriod.PERIOD);
        Column reached = col(GoldFacilityThemePeriod.WORKERS_REACHED)
                .gt(0)
                .and(col(EXPECTED_REPORT_RATE).isNotNull());
        Column err = col(EXPECTED_REPORT_RATE);
        Column inWilson = err.geq(col(GoldFacilityThemePeriod.WORKER_RATE_LOWER))
                .and(err.leq(col(GoldFacilityThemePeriod.WORKER_RATE_UPPER)));
        Column inShrunk = err.geq(col(GoldFacilityThemePeriod.SHRUNK_RATE_LOWER))
                .and(err.leq(col(GoldFacilityThemePeriod.SHRUNK_RATE_UPPER)));
        Column enoughWorkers = col(GoldFacilityThemePeriod.WORKERS_REACHED).geq(minWorkersReached);
        Row r = joined.filter(reached)
                .agg(
                        count(lit(1)),
                        avg(when(inWilson, 1.0).otherwise(0.0)),
                        avg(when(inShrunk, 1.0).otherwise(0.0)),
                        avg(pow(col(GoldFacilityThemePeriod.WORKER_RATE).minus(err), 2)),
                        avg(pow(col(GoldFacilityThemePeriod.SHRUNK_RATE).minus(err), 2)),
                        avg(abs(col(GoldFacilityThemePeriod.PREVALENCE_ESTIMATE).minus(col(TRUE_PREVALENCE)))),
                        avg(abs(col(GoldFacilityThemePeriod.WORKER_RATE).minus(col(TRUE_PREVALENCE)))),
                        avg(when(enoughWorkers, when(inShrunk, 1.0).otherwise(0.0))),
                        avg(when(
                                enoughWorkers.and(col(IS_HIGH_RISK)),
                                when(inShrunk, 1.0).otherwise(0.0))),
                        sum(when(enoughWorkers, 1L).otherwise(0L)),
                        sum(when(enoughWorkers.and(col(IS_HIGH_RISK)), 1L).otherwise(0L)))
                .first();

        Column workerOnly = col(GoldFacilityThemePeriod.CORROBORATION_STATUS).equalTo(Corroboration.WORKER_ONLY);
        Column high = col(IS_HIGH_RISK);
        Column missed = high.and(col(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED).unary_$bang());
        Column enough = col(GoldFacilityThemePeriod.WORKERS_REACHED).geq(minWorkersReached);
        Row w = joined.agg(
                        sum(when(workerOnly, 1L).otherwise(0L)),
                        sum(when(workerOnly.and(high), 1L).otherwise(0L)),
                        sum(when(missed.and(enough), 1L).otherwise(0L)),
                        sum(when(missed, 1L).otherwise(0L)),
                        sum(when(
                                        enough.unary_$bang()
                                                .and(col(GoldFacilityThemePeriod.CORROBORATION_STATUS)
                                                        .notEqual(Corroboration.INSUFFICIENT_DATA)),
                                        1L)
                                .otherwise(0L)))
                .first();
        long wo = w.getLong(0);
        long woHigh = w.getLong(1);
        return new Report(
                r.getLong(0),
                r.getDouble(1),
                r.getDouble(2),
                r.getDouble(3),
                r.getDouble(4),
                r.getDouble(5),
                r.getDouble(6),
                wo,
                ratio(woHigh, wo),
                ratio(woHigh, w.getLong(2)),
                ratio(woHigh, w.getLong(3)),
                w.getLong(4),
                new Coverage(r.getLong(9), value(r, 7), r.getLong(10), value(r, 8)),
                detection(spark, agreement, truthDir),
                remediation(spark, effectiveness, truthDir));
    }

    /** A truth file with an explicit schema; a row that does not fit it fails the evaluation. */
    public static Dataset<Row> readTruth(SparkSession spark, Path truthDir, String file, StructType schema) {
        return spark.read()
                .option("header", "true")
                .option("mode", "FAILFAST")
                .schema(schema)
                .csv(truthDir.resolve(file).toString());
    }

    private static double value(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
