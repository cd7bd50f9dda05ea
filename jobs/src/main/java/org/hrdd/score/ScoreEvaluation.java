package org.hrdd.score;

import static org.apache.spark.sql.functions.col;
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
    public record Metrics(String model, String subset, long facilityPeriods, long positives, double auc,
                          double precisionAt10) {
    }

    /**
     * One period's figures over all facilities: ROC AUC of the full model and the two baselines, and the share of
     * facilities in the critical tier, as scored and as the model's own severity (theme base) and score formula give on
     * the true prevalence.
     */
    public record PeriodFigures(String period, long facilities, double aucFull, double aucAudit, double aucPrior,
                                double criticalShare, double criticalShareTrue) {
    }

    /** All metrics, by model and subset; then per period, the requested one last. */
    public record Report(List<String> periods, List<Metrics> rows, List<PeriodFigures> byPeriod) {

        public Metrics get(String model, String subset) {
            return rows.stream().filter(m -> m.model().equals(model) && m.subset().equals(subset)).findFirst()
                    .orElseThrow();
        }

        public void print(PrintWriter o) {
            o.printf(Locale.ROOT, "risk score vs truth/facility_risk.csv (top 20 %% burden = high risk), periods %s..%s:%n",
                    periods.get(0), periods.get(periods.size() - 1));
            o.printf(Locale.ROOT, "  %-20s %-22s %9s %9s %7s %9s%n", "model", "facilities x periods", "n", "high",
                    "AUC", "prec@10%");
            for (Metrics m : rows) {
                o.printf(Locale.ROOT, "  %-20s %-22s %,9d %,9d %7.3f %9.3f%n", m.model(), m.subset(), m.facilityPeriods(),
                        m.positives(), m.auc(), m.precisionAt10());
            }
            Metrics full = get(FULL, COVERED);
            Metrics audit = get(AUDIT_ONLY, COVERED);
            o.printf(Locale.ROOT, "  worker voice adds %+.3f AUC on covered facilities (full %.3f vs audit only %.3f)%n",
                    full.auc() - audit.auc(), full.auc(), audit.auc());
            o.printf(Locale.ROOT, "  per period (all facilities): %-8s %6s %7s %7s %7s %9s %14s%n", "period", "n", "AUC",
                    "audit", "prior", "critical", "critical/truth");
            for (PeriodFigures f : byPeriod) {
                o.printf(Locale.ROOT, "  %28s %-8s %,6d %7.3f %7.3f %7.3f %8.1f%% %13.1f%%%n", "", f.period(), f.facilities(),
                        f.aucFull(), f.aucAudit(), f.aucPrior(), 100 * f.criticalShare(), 100 * f.criticalShareTrue());
            }
        }
    }

    private ScoreEvaluation() {
    }

    public static Report evaluate(SparkSession spark, ScoreJob job, Map<String, Dataset<Row>> inputs,
            Periods.Period requested, Path truthDir) {
        StructType schema = new StructType().add(GoldRiskScore.SCOPE_ID, DataTypes.StringType)
                .add(GoldRiskScore.PERIOD, DataTypes.StringType).add("burden_true", DataTypes.DoubleType)
                .add("is_high_risk", DataTypes.BooleanType);
        Dataset<Row> truth = AnalyseEvaluation.readTruth(spark, truthDir, "facility_risk.csv", schema);
        Map<String, RiskScoring.Mode> modes = new LinkedHashMap<>();
        modes.put(FULL, RiskScoring.Mode.FULL);
        modes.put(AUDIT_ONLY, RiskScoring.Mode.AUDIT_ONLY);
        modes.put(PRIOR_ONLY, RiskScoring.Mode.PRIOR_ONLY);
        Dataset<Row> joined = Joins.inner(truth, trueTiers(spark, job.config().model(), truthDir),
                GoldRiskScore.SCOPE_ID, GoldRiskScore.PERIOD);
        List<String> periods = null;
        List<ScoreJob.Scores> computed = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, RiskScoring.Mode> m : modes.entrySet()) {
            ScoreJob.Scores s = job.compute(inputs, requested, m.getValue());
            computed.add(s);
            periods = s.periods();
            Dataset<Row> f = s.scores().filter(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                    .select(col(GoldRiskScore.SCOPE_ID), col(GoldRiskScore.PERIOD), col(GoldRiskScore.SCORE).as("s" + i),
                            col(GoldRiskScore.IS_WORKER_COVERED).as("c" + i), col(GoldRiskScore.TIER).as("t" + i));
            joined = Joins.inner(joined, f, GoldRiskScore.SCOPE_ID, GoldRiskScore.PERIOD);
            i++;
        }
        List<Row> rows;
        try {
            rows = joined.orderBy(GoldRiskScore.PERIOD, GoldRiskScore.SCOPE_ID)
                    .select(col(GoldRiskScore.PERIOD), col("is_high_risk"), col("s0"), col("s1"), col("s2"), col("c0"),
                            col("t0"), col(TRUE_TIER))
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

    /**
     * Each facility × period's tier under the model's own formula on the true prevalence: burden = Σ theme base
     * severity × true share of workers affected, score = 100 · (1 − exp(−burden / reference burden)). Base severity
     * only: the uplifts (critical findings, repeats, many workers) rest on evidence, not on the truth.
     */
    static Dataset<Row> trueTiers(SparkSession spark, RiskModel model, Path truthDir) {
        List<Row> base = new ArrayList<>();
        model.severity().themes().forEach((t, sv) -> base.add(org.apache.spark.sql.RowFactory.create(t, sv.base())));
        Dataset<Row> severities = spark.createDataFrame(base, new StructType().add("theme", DataTypes.StringType)
                .add("_base_severity", DataTypes.DoubleType));
        // the score reaches the critical tier's score exactly where the burden reaches the burden at that score
        double critical = model.score().burdenAt(model.score().critical());
        return Joins.inner(AnalyseEvaluation.truthCells(spark, truthDir), severities, "theme")
                .groupBy(col("facility_id").as(GoldRiskScore.SCOPE_ID), col("period").as(GoldRiskScore.PERIOD))
                .agg(sum(col("_base_severity").multiply(col("true_prevalence"))).as("_true_burden"))
                .withColumn(TRUE_TIER, when(col("_true_burden").geq(critical), "critical").otherwise("other"))
                .drop("_true_burden");
    }

    private static List<PeriodFigures> byPeriod(List<Row> rows) {
        List<PeriodFigures> out = new ArrayList<>();
        perPeriod(rows).forEach((period, list) -> {
            boolean[] p = highRisk(list);
            long critical = list.stream().filter(r -> "critical".equals(r.getString(6))).count();
            long criticalTrue = list.stream().filter(r -> "critical".equals(r.getString(7))).count();
            out.add(new PeriodFigures(period, p.length, RankMetrics.auc(scores(list, 0), p),
                    RankMetrics.auc(scores(list, 1), p), RankMetrics.auc(scores(list, 2), p),
                    (double) critical / p.length, (double) criticalTrue / p.length));
        });
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
        List<Row> kept = rows.stream().filter(r -> subset.equals(ALL) || (r.getBoolean(5) == subset.equals(COVERED)))
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
        return new Metrics(model, subset, kept.size(), positives, aucPeriods == 0 ? Double.NaN : auc / aucPeriods,
                precisionPeriods == 0 ? Double.NaN : precision / precisionPeriods);
    }
}
