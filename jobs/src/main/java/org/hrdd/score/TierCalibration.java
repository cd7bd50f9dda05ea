package org.hrdd.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Columns.GoldRiskScore;

/**
 * Tier cut-offs calibrated per period so that a tier holds as many facilities as the evidence expects to have a true
 * burden in it, the highest scores first.
 *
 * <p>The score of a facility is a point estimate: shrunk towards its prior where evidence is thin, raised by the
 * coverage-gap loading where worker voice is missing. Tiering it at fixed cut-offs put 6 % of facilities in the
 * critical tier of a world where the model's own formula on the true prevalence puts 13 % there, and 66 % where it
 * puts 47 % (1m tier, default world and the hard corner). Here each facility's burden B (Σ severity × likelihood,
 * without the coverage-gap loading) has a posterior spread from its themes' posterior sds, correlated at
 * {@code score.theme_correlation}; {@code P(B ≥ burden at the tier's score)} summed over the period's facilities is the
 * number the tier should hold. The period's cut-off is the score of the last facility of that number (the configured
 * cut-off when the number is 0), so a tier still reads "score from X", and the same cut-offs tier the suppliers. A
 * facility without worker voice stays at least in the uncovered tier and is marked (coverage gap) as before.
 */
public final class TierCalibration implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Tier names from the highest, as in gold.risk_score. */
    static final List<RiskModel.Tier> CALIBRATED =
            List.of(RiskModel.Tier.CRITICAL, RiskModel.Tier.HIGH, RiskModel.Tier.MEDIUM);

    private final Map<String, double[]> cutoffs;
    private final RiskModel.Tier floor;

    TierCalibration(Map<String, double[]> cutoffs, RiskModel.Tier floor) {
        this.cutoffs = Map.copyOf(cutoffs);
        this.floor = floor;
    }

    /**
     * A facility's probabilities of a true burden at or above each calibrated tier's cut-off score (critical, high,
     * medium), from its themes: mean {@code Σ severity × (likelihood − coverage-gap part)}, variance
     * {@code (1 − ρ) Σ (severity · sd)² + ρ (Σ severity · sd)²}.
     */
    public static double[] probabilities(List<FacilityScore.ThemeRisk> themes, RiskModel model) {
        double mean = 0;
        double independent = 0;
        double correlated = 0;
        for (FacilityScore.ThemeRisk t : themes) {
            CellRisk.Result r = t.risk();
            mean += r.severity() * (r.likelihood() - r.coverageGap());
            double s = r.severity() * r.sd();
            independent += s * s;
            correlated += s;
        }
        double rho = model.score().themeCorrelation();
        double sd = Math.sqrt((1 - rho) * independent + rho * correlated * correlated);
        RiskModel.Score sc = model.score();
        NormalDistribution spread = sd > 0 ? new NormalDistribution(null, mean, sd) : null;
        double[] p = sc.tierScores();
        for (int i = 0; i < p.length; i++) {
            double burden = sc.burdenAt(p[i]);
            p[i] = spread != null ? 1 - spread.cumulativeProbability(burden) : (mean >= burden ? 1 : 0);
        }
        return p;
    }

    /**
     * Cut-offs per period from its facilities' (score, probabilities): the k-th highest score, k the rounded sum of
     * the tier's probabilities; the configured cut-off where k is 0.
     */
    static double[] cutoffs(List<double[]> facilities, RiskModel.Score configured) {
        List<double[]> sorted = new ArrayList<>(facilities);
        sorted.sort((a, b) -> Double.compare(b[0], a[0]));
        double[] fixed = configured.tierScores();
        double[] out = new double[fixed.length];
        for (int t = 0; t < fixed.length; t++) {
            double expected = 0;
            for (double[] f : facilities) {
                expected += f[1 + t];
            }
            int k = Math.min((int) Math.round(expected), sorted.size());
            out[t] = k == 0
                    ? Math.max(fixed[t], sorted.isEmpty() ? fixed[t] : Math.nextUp(sorted.get(0)[0]))
                    : cutAt(sorted, k);
            if (t > 0) {
                out[t] = Math.min(out[t], out[t - 1]); // a lower tier never starts above a higher one
            }
        }
        return out;
    }

    /**
     * The cut-off that puts the k highest scores in the tier, or, where the k-th score is shared by a block of
     * facilities (same prior, no evidence), whichever of taking the block in or leaving it out comes closer to k
     * (in when equally close): every facility with the same score gets the same tier.
     */
    static double cutAt(List<double[]> sorted, int k) {
        double s = sorted.get(k - 1)[0];
        int first = k - 1;
        while (first > 0 && sorted.get(first - 1)[0] == s) {
            first--;
        }
        int last = k - 1;
        while (last + 1 < sorted.size() && sorted.get(last + 1)[0] == s) {
            last++;
        }
        int in = last + 1;
        int out = first;
        return in - k <= k - out ? s : Math.nextUp(s);
    }

    /** The cut-offs of every period of the facility rows (columns score and the three probabilities). */
    public static TierCalibration of(
            Dataset<Row> facilities, RiskModel model, String pCritical, String pHigh, String pMedium) {
        Map<String, List<double[]>> byPeriod = facilities
                .select(col(GoldRiskScore.PERIOD), col(GoldRiskScore.SCORE), col(pCritical), col(pHigh), col(pMedium))
                .collectAsList()
                .stream()
                .collect(Collectors.groupingBy(
                        r -> r.getString(0),
                        Collectors.mapping(
                                r -> new double[] {r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4)},
                                Collectors.toList())));
        Map<String, double[]> cut = new HashMap<>();
        byPeriod.forEach((period, rows) -> cut.put(period, cutoffs(rows, model.score())));
        return new TierCalibration(cut, model.coverageGap().uncoveredMinTier());
    }

    /** A score's tier in a period, at least the uncovered tier when not covered; and whether that floor raised it. */
    RiskModel.Tier[] tier(String period, double score, boolean covered) {
        double[] c = cutoffs.get(period);
        RiskModel.Tier tier = RiskModel.Tier.LOW;
        for (int t = 0; t < CALIBRATED.size(); t++) {
            if (score >= c[t]) {
                tier = CALIBRATED.get(t);
                break;
            }
        }
        return new RiskModel.Tier[] {tier.atLeast(floor, covered), tier};
    }

    /** Re-tiers score rows (facilities and suppliers) with the period's calibrated cut-offs. */
    public Dataset<Row> apply(Dataset<Row> scores) {
        StructType out = new StructType().add("tier", DataTypes.StringType).add("floored", DataTypes.BooleanType);
        UserDefinedFunction f = udf(
                (UDF3<String, Double, Boolean, Row>) (period, score, covered) -> {
                    RiskModel.Tier[] t = tier(period, score, covered);
                    return RowFactory.create(t[0].label(), t[0] != t[1]);
                },
                out);
        return scores.withColumn(
                        "_calibrated",
                        f.apply(
                                col(GoldRiskScore.PERIOD),
                                col(GoldRiskScore.SCORE),
                                col(GoldRiskScore.IS_WORKER_COVERED)))
                .withColumn(GoldRiskScore.TIER, col("_calibrated.tier"))
                .withColumn(GoldRiskScore.IS_TIER_FLOORED, col("_calibrated.floored"))
                .drop("_calibrated");
    }
}
