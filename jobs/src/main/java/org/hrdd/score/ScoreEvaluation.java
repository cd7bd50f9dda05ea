package org.hrdd.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.analyse.AnalyseEvaluation;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.spark.Joins;
import org.hrdd.stats.RankMetrics;
import org.hrdd.time.Periods;

/**
 * Scores the risk model against the synthetic world's facility truth ({@code truth/facility_risk.csv}: a facility is
 * high risk in a period when its true severity-weighted burden is in the top 20 %). Compares the full model with
 * two baselines computed the same way: audit-only (worker evidence off) and the inherent prior alone. Evaluation
 * code only: the pipeline never reads the truth.
 */
public final class ScoreEvaluation {

    public static final String FULL = "full model";
    public static final String AUDIT_ONLY = "audit only";
    public static final String PRIOR_ONLY = "inherent prior only";
    public static final String ALL = "all facilities";
    public static final String COVERED = "with worker voice";
    public static final String UNCOVERED = "without worker voice";

    /** ROC AUC and precision in the top 10 % within each period of a subset, averaged over the periods. */
    public record Metrics(
            String model, String subset, long facilityPeriods, long positives, double auc, double precisionAt10) {}

    /**
     * One period's figures over all facilities: ROC AUC of the full model, the two baselines and the information
     * ceiling ({@link #ceiling}), and the share of
     * facilities in the critical tier, as scored and as the model's own severity (theme base) and score formula give on
     * the true prevalence.
     */
    public record PeriodFigures(
            String period,
            long facilities,
            double aucFull,
            double aucAudit,
            double aucPrior,
            double aucCeiling,
            double criticalShare,
            double criticalShareTrue) {}

    /** All metrics, by model and subset; then per period, the requested one last. */
    public record Report(List<String> periods, List<Metrics> rows, List<PeriodFigures> byPeriod) {

        public Metrics get(String model, String subset) {
            return rows.stream()
                    .filter(m -> m.model().equals(model) && m.subset().equals(subset))
                    .findFirst()
                    .orElseThrow();
        }

        public void print(PrintWriter o) {
            o.printf(
                    Locale.ROOT,
                    "risk score vs truth/facility_risk.csv (top 20 %% burden = high risk), periods %s..%s:%n",
                    periods.get(0),
                    periods.get(periods.size() - 1));
            o.printf(
                    Locale.ROOT,
                    "  %-20s %-22s %9s %9s %7s %9s%n",
                    "model",
                    "facilities x periods",
                    "n",
                    "high",
                    "AUC",
                    "prec@10%");
            for (Metrics m : rows) {
                o.printf(
                        Locale.ROOT,
                        "  %-20s %-22s %,9d %,9d %7.3f %9.3f%n",
                        m.model(),
                        m.subset(),
                        m.facilityPeriods(),
                        m.positives(),
                        m.auc(),
                        m.precisionAt10());
            }
            Metrics full = get(FULL, COVERED);
            Metrics audit = get(AUDIT_ONLY, COVERED);
            o.printf(
                    Locale.ROOT,
                    "  worker voice adds %+.3f AUC on covered facilities (full %.3f vs audit only %.3f)%n",
                    full.auc() - audit.auc(),
                    full.auc(),
                    audit.auc());
            o.printf(
                    Locale.ROOT,
                    "  information ceiling: AUC %.3f averaged over the periods, ranking each facility by its true "
                            + "burden in the last period the world's workers were reached there (a perfect measurement of all worker "
                            + "voice so far), else by the true mean burden of its other country x sector facilities; audits left "
                            + "out%n",
                    byPeriod.stream()
                            .mapToDouble(PeriodFigures::aucCeiling)
                            .average()
                            .orElse(Double.NaN));
            o.printf(
                    Locale.ROOT,
                    "  per period (all facilities): %-8s %6s %7s %7s %7s %8s %9s %14s%n",
                    "period",
                    "n",
                    "AUC",
                    "audit",
                    "prior",
                    "ceiling",
                    "critical",
                    "critical/truth");
            for (PeriodFigures f : byPeriod) {
                o.printf(
                        Locale.ROOT,
                        "  %28s %-8s %,6d %7.3f %7.3f %7.3f %8.3f %8.1f%% %13.1f%%%n",
                        "",
                        f.period(),
                        f.facilities(),
                        f.aucFull(),
                        f.aucAudit(),
                        f.aucPrior(),
                        f.aucCeiling(),
                        100 * f.criticalShare(),
                        100 * f.criticalShareTrue());
            }
        }
    }

    private ScoreEvaluation() {}

    public static Report evaluate(
            SparkSession spark,
            ScoreJob job,
            Map<String, Dataset<Row>> inputs,
            Periods.Period requested,
            Path truthDir) {
        StructType schema = new StructType()
                .add(GoldRiskScore.SCOPE_ID, DataTypes.StringType)
                .add(GoldRiskScore.PERIOD, DataTypes.StringType)
                .add("burden_true", DataTypes.DoubleType)
                .add("is_high_risk", DataTypes.BooleanType);
        Dataset<Row> truth = AnalyseEvaluation.readTruth(spark, truthDir, "facility_risk.csv", schema);
        Map<String, RiskScoring.Mode> modes = new LinkedHashMap<>();
        modes.put(FULL, RiskScoring.Mode.FULL);
        modes.put(AUDIT_ONLY, RiskScoring.Mode.AUDIT_ONLY);
        modes.put(PRIOR_ONLY, RiskScoring.Mode.PRIOR_ONLY);
        Dataset<Row> place = inputs.get(SilverFacility.TABLE)
                .select(
                        col(SilverFacility.FACILITY_ID).as(GoldRiskScore.SCOPE_ID),
                        col(SilverFacility.COUNTRY_CODE),
                        col(SilverFacility.SECTOR))
                .dropDuplicates(GoldRiskScore.SCOPE_ID);
        Dataset<Row> joined = Joins.inner(
                Joins.inner(
                        truth,
                        trueTiers(spark, job.config().model(), truthDir),
                        GoldRiskScore.SCOPE_ID,
                        GoldRiskScore.PERIOD),
                place,
                GoldRiskScore.SCOPE_ID);
        List<String> periods = null;
        List<ScoreJob.Scores> computed = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, RiskScoring.Mode> m : modes.entrySet()) {
            ScoreJob.Scores s = job.compute(inputs, requested, m.getValue());
            computed.add(s);
            periods = s.periods();
            Dataset<Row> f = s.scores()
                    .filter(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                    .select(
                            col(GoldRiskScore.SCOPE_ID),
                            col(GoldRiskScore.PERIOD),
                            col(GoldRiskScore.SCORE).as("s" + i),
                            col(GoldRiskScore.IS_WORKER_COVERED).as("c" + i),
                            col(GoldRiskScore.TIER).as("t" + i));
            joined = Joins.inner(joined, f, GoldRiskScore.SCOPE_ID, GoldRiskScore.PERIOD);
            i++;
        }
        List<Row> rows;
        try {
            rows = joined.orderBy(GoldRiskScore.PERIOD, GoldRiskScore.SCOPE_ID)
                    .select(
                            col(GoldRiskScore.PERIOD),
                            col("is_high_risk"),
                            col("s0"),
                            col("s1"),
                            col("s2"),
                            col("c0"),
                            col("t0"),
                            col(TRUE_TIER),
                            col(GoldRiskScore.SCOPE_ID),
                            col("burden_true"),
                            col(WORLD_REACHED),
                            col(SilverFacility.COUNTRY_CODE),
                            col(SilverFacility.SECTOR))
                    .collectAsList();
        } finally {
            computed.forEach(ScoreJob.Scores::close);
        }
        List<Metrics> out = new ArrayList<>();
        String[] names = modes.keySet().toArray(new String[0]);
        for (String subset : List.of(ALL, COVERED, UNCOVERED)) {
            for (int m = 0; m < names.length; m++) {
                out.add(metrics(rows, names[m], m, subset));
            }
        }
        return new Report(periods, out, byPeriod(rows));
    }

    private static final String TRUE_TIER = "_true_tier";
    private static final String WORLD_REACHED = "_world_reached";

    /**
     * Each facility × period's tier under the model's own formula on the true prevalence: burden = Σ theme base
     * severity × true share of workers affected, score = 100 · (1 − exp(−burden / reference burden)). Base severity
     * only: the uplifts (critical findings, repeats, many workers) rest on evidence, not on the truth. With it, whether
     * the world's worker voice reached any of the facility's workers in the period.
     */
    static Dataset<Row> trueTiers(SparkSession spark, RiskModel model, Path truthDir) {
        List<Row> base = new ArrayList<>();
        model.severity().themes().forEach((t, sv) -> base.add(org.apache.spark.sql.RowFactory.create(t, sv.base())));
        Dataset<Row> severities = spark.createDataFrame(
                base, new StructType().add("theme", DataTypes.StringType).add("_base_severity", DataTypes.DoubleType));
        // the score reaches the critical tier's score exactly where the burden reaches the burden at that score
        double critical = model.score().burdenAt(model.score().critical());
        return Joins.inner(AnalyseEvaluation.truthCells(spark, truthDir), severities, "theme")
                .groupBy(
                        col("facility_id").as(GoldRiskScore.SCOPE_ID),
                        col("period").as(GoldRiskScore.PERIOD))
                .agg(
                        sum(col("_base_severity").multiply(col("true_prevalence")))
                                .as("_true_burden"),
                        max(col("truth_workers_reached").gt(0)).as(WORLD_REACHED))
                .withColumn(
                        TRUE_TIER,
                        when(col("_true_burden").geq(critical), "critical").otherwise("other"))
                .drop("_true_burden");
    }

    private static List<PeriodFigures> byPeriod(List<Row> rows) {
        Map<String, Double> oracle = ceiling(rows);
        List<PeriodFigures> out = new ArrayList<>();
        perPeriod(rows).forEach((period, list) -> {
            boolean[] p = highRisk(list);
            long critical =
                    list.stream().filter(r -> "critical".equals(r.getString(6))).count();
            long criticalTrue =
                    list.stream().filter(r -> "critical".equals(r.getString(7))).count();
            out.add(new PeriodFigures(
                    period,
                    p.length,
                    RankMetrics.auc(scores(list, 0), p),
                    RankMetrics.auc(scores(list, 1), p),
                    RankMetrics.auc(scores(list, 2), p),
                    RankMetrics.auc(
                            list.stream()
                                    .mapToDouble(r -> oracle.get(r.getString(8) + '\u0001' + period))
                                    .toArray(),
                            p),
                    (double) critical / p.length,
                    (double) criticalTrue / p.length));
        });
        return out;
    }

    /**
     * What the evidence could rank at best, given perfect measurement: each facility × period scored by its true
     * burden in the last period (this one included) the world's worker voice reached it, else by the mean true burden
     * of the other facilities of its country × sector in the period (of the period, for one alone in its group). Facility effects persist, so the first is close
     * to the truth; the second is what a perfectly calibrated country × sector prior gives. Audits are left out, so
     * a model may pass it on facilities audits see well; where most facilities were never reached it bounds what any
     * prior-and-worker-voice model can do. Key {@code facility \u0001 period}.
     */
    static Map<String, Double> ceiling(List<Row> rows) {
        // rows: period (0), scope_id (8), burden_true (9), world reached (10), country (11), sector (12)
        Map<String, double[]> groups = new java.util.HashMap<>();
        for (Row r : rows) {
            double[] g = groups.computeIfAbsent(
                    r.getString(0) + '\u0001' + r.getString(11) + '\u0001' + r.getString(12), k -> new double[2]);
            g[0] += r.getDouble(9);
            g[1]++;
            double[] all = groups.computeIfAbsent(r.getString(0), k -> new double[2]);
            all[0] += r.getDouble(9);
            all[1]++;
        }
        Map<String, Double> lastReached = new java.util.HashMap<>();
        Map<String, Double> out = new java.util.HashMap<>();
        for (List<Row> period : perPeriod(rows).values()) {
            for (Row r : period) {
                String facility = r.getString(8);
                if (!r.isNullAt(10) && r.getBoolean(10)) {
                    lastReached.put(facility, r.getDouble(9));
                }
                double[] g = groups.get(r.getString(0) + '\u0001' + r.getString(11) + '\u0001' + r.getString(12));
                // a facility alone in its country x sector: the period's mean
                double[] mean = g[1] > 1 ? g : groups.get(r.getString(0));
                double others = (mean[0] - r.getDouble(9)) / (mean[1] - 1);
                Double known = lastReached.get(facility);
                out.put(facility + '\u0001' + r.getString(0), known != null ? known : others);
            }
        }
        return out;
    }

    /** Collected rows (period, is_high_risk, score of each model, ...) by period, in period order. */
    private static Map<String, List<Row>> perPeriod(List<Row> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r.getString(0), TreeMap::new, Collectors.toList()));
    }

    private static boolean[] highRisk(List<Row> rows) {
        boolean[] p = new boolean[rows.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = rows.get(k).getBoolean(1);
        }
        return p;
    }

    private static double[] scores(List<Row> rows, int model) {
        return rows.stream().mapToDouble(r -> r.getDouble(2 + model)).toArray();
    }

    /**
     * The truth labels the top 20 % of each period, so both metrics are computed within each period (a score's level
     * may move between periods without changing the ranking it gives) and averaged over the periods.
     */
    private static Metrics metrics(List<Row> rows, String model, int m, String subset) {
        List<Row> kept = rows.stream()
                .filter(r -> subset.equals(ALL) || (r.getBoolean(5) == subset.equals(COVERED)))
                .toList();
        long positives = kept.stream().filter(r -> r.getBoolean(1)).count();
        double auc = 0;
        double precision = 0;
        int aucPeriods = 0;
        int precisionPeriods = 0;
        for (List<Row> period : perPeriod(kept).values()) {
            double[] s = scores(period, m);
            boolean[] p = highRisk(period);
            double a = RankMetrics.auc(s, p);
            if (!Double.isNaN(a)) {
                auc += a;
                aucPeriods++;
            }
            double v = RankMetrics.precisionAtTop(s, p, 0.10);
            if (!Double.isNaN(v)) {
                precision += v;
                precisionPeriods++;
            }
        }
        return new Metrics(
                model,
                subset,
                kept.size(),
                positives,
                aucPeriods == 0 ? Double.NaN : auc / aucPeriods,
                precisionPeriods == 0 ? Double.NaN : precision / precisionPeriods);
    }
}
