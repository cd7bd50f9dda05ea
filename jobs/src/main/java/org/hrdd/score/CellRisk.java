package org.hrdd.score;

import java.io.Serializable;
import java.util.List;

/**
 * Severity × likelihood of one facility × theme × period, and how each kind of evidence moved the likelihood. Pure
 * Java; {@link RiskScoring} applies it to Spark rows.
 *
 * <p>The likelihood is the posterior mean share of workers affected, {@code p}, computed on a grid over
 * {@code logit(p)} in a fixed order, so that the steps add up exactly to the result:
 * <ol>
 *   <li><b>inherent prior</b>: {@code Beta(m0·s, (1 − m0)·s)} with {@code m0} from the published country × sector
 *       profile calibrated on peer facilities ({@link InherentRisk}, {@link RiskScoring});</li>
 *   <li><b>worker voice</b>: each earlier or current period's counts, weighted by {@code decay^age}, through the
 *       analysis's measurement model (survey rate {@code p·d + (1 − p)·b}, helpline rate {@code x·p·(d − b)});</li>
 *   <li><b>audit</b>: an audit in the window finds the theme with probability {@code f + (s − f)·min(1, p / threshold)},
 *       so a finding raises the likelihood and a clean audit lowers it by what the scheme's detection rate warrants;</li>
 *   <li><b>remediation</b>: odds multipliers for overdue CAPs, remediation verified as not effective, or effective;</li>
 *   <li><b>third-party grievances</b>: an odds multiplier per grievance an NGO, union or community raised on the theme
 *       (earlier periods' decayed), capped; their own evidence, never workers reached, so they add no confidence;</li>
 *   <li><b>coverage gap</b>: without enough workers reached, the likelihood is raised by a share of the posterior
 *       standard deviation, in proportion to the shortfall (missing voice is uncertainty, never safety).</li>
 * </ol>
 */
public final class CellRisk {

    /** Points of the grid over logit(p), from p ≈ 1e-4 to p ≈ 0.99. */
    static final int GRID = 141;

    private static final double U_MIN = -9.2;
    private static final double U_MAX = 4.6;
    private static final double[] P = new double[GRID];
    private static final double[] LOG_P = new double[GRID];
    private static final double[] LOG_Q = new double[GRID];
    /** Floor of a modelled reporting rate, so that a report where the model expects none is unlikely, not impossible. */
    static final double RATE_FLOOR = 1e-4;

    static {
        for (int i = 0; i < GRID; i++) {
            double u = U_MIN + (U_MAX - U_MIN) * i / (GRID - 1);
            P[i] = 1 / (1 + Math.exp(-u));
            LOG_P[i] = Math.log(P[i]);
            LOG_Q[i] = Math.log1p(-P[i]);
        }
    }

    private CellRisk() {}

    /** Distinct workers reached / reporting in one period on each channel, and the weight of that period. */
    public record Observation(
            long reachedHelpline,
            long reportingHelpline,
            long reachedSurvey,
            long reportingSurvey,
            double helplineFactor,
            double weight)
            implements Serializable {}

    /**
     * Everything known about a cell when it is scored.
     *
     * @param priorMean m0, the calibrated inherent prior share affected
     * @param priorStrength pseudo-workers behind it
     * @param threshold the theme's high-risk share (conf/priors/themes.yaml)
     * @param disclosure survey disclosure d, {@code noise} survey noise b
     * @param audited an audit in the window; {@code flagged} it found the theme
     * @param sensitivity s of the auditing scheme(s) for the theme, already adjusted for unannounced audits
     * @param overdue a CAP on the theme overdue at the period's end
     * @param notEffective remediation of the theme verified as not effective; {@code effective} verified effective
     * @param thirdPartyGrievances third-party grievances on the theme, each earlier period's weighted by decay^age
     * @param critical a critical finding on the theme in the window
     * @param repeat the theme was flagged (workers or audit) in an earlier period of the history as well as now
     * @param headcount the facility's workers
     * @param minWorkers workers to reach before worker voice counts as coverage
     */
    public record Evidence(
            String theme,
            double priorMean,
            double priorStrength,
            double threshold,
            double disclosure,
            double noise,
            List<Observation> workers,
            boolean audited,
            boolean flagged,
            double sensitivity,
            double falsePositiveRate,
            boolean overdue,
            boolean notEffective,
            boolean effective,
            double thirdPartyGrievances,
            boolean critical,
            boolean repeat,
            double headcount,
            double minWorkers)
            implements Serializable {
        public Evidence {
            workers = List.copyOf(workers);
        }
    }

    /**
     * The result. {@code prior + workerVoice + audit + remediation + thirdPartyGrievance + coverageGap = likelihood}
     * exactly.
     *
     * @param sd posterior standard deviation after worker voice and audits
     * @param probHighRisk posterior P(p > threshold) after worker voice and audits
     * @param effectiveWorkers decayed workers reached, summed over the history
     * @param confidence {@code n/(n + s)}, the weight the evidence has against the prior (n = decayed,
     *        disclosure-weighted workers plus audit-equivalent workers)
     */
    public record Result(
            double prior,
            double workerVoice,
            double audit,
            double remediation,
            double thirdPartyGrievance,
            double coverageGap,
            double likelihood,
            double sd,
            double probHighRisk,
            double severityBase,
            double severity,
            double effectiveWorkers,
            double confidence)
            implements Serializable {}

    /** Workers an audit in the window counts for in the confidence (an audit interviews a few dozen workers). */
    static final double AUDIT_EQUIVALENT_WORKERS = 5;

    public static Result compute(Evidence e, RiskModel model) {
        double m0 = clamp(e.priorMean());
        double s0 = e.priorStrength();
        double[] logPost = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            // Beta(a, b) density over u = logit(p) (Jacobian p(1 − p) included): a·ln p + b·ln(1 − p)
            logPost[i] = m0 * s0 * LOG_P[i] + (1 - m0) * s0 * LOG_Q[i];
        }
        double[] momentsPrior = moments(logPost);

        double effectiveWorkers = 0;
        double informativeWorkers = 0;
        for (Observation o : e.workers()) {
            if (o.weight() <= 0 || o.reachedHelpline() + o.reachedSurvey() == 0) {
                continue;
            }
            effectiveWorkers += o.weight() * (o.reachedHelpline() + o.reachedSurvey());
            informativeWorkers += o.weight()
                    * (o.reachedSurvey() + o.helplineFactor() * o.reachedHelpline())
                    * (e.disclosure() - e.noise());
            for (int i = 0; i < GRID; i++) {
                double p = P[i];
                double rS = clampRate(p * e.disclosure() + (1 - p) * e.noise());
                double rH = clampRate(o.helplineFactor() * p * (e.disclosure() - e.noise()));
                logPost[i] += o.weight()
                        * (o.reportingSurvey() * Math.log(rS)
                                + (o.reachedSurvey() - o.reportingSurvey()) * Math.log1p(-rS)
                                + o.reportingHelpline() * Math.log(rH)
                                + (o.reachedHelpline() - o.reportingHelpline()) * Math.log1p(-rH));
            }
        }
        double[] momentsWorkers = moments(logPost);

        if (e.audited()) {
            double s = Math.min(0.98, e.sensitivity());
            double f = Math.min(s, e.falsePositiveRate());
            for (int i = 0; i < GRID; i++) {
                double found = f + (s - f) * Math.min(1, P[i] / e.threshold());
                logPost[i] += e.flagged() ? Math.log(found) : Math.log1p(-found);
            }
        }
        double[] momentsAudit = summary(logPost, e.threshold());
        double probHigh = momentsAudit[2];

        RiskModel.Remediation r = model.remediation();
        double logOdds = 0;
        if (e.overdue()) {
            logOdds += Math.log(r.overdueOddsRatio());
        }
        if (e.notEffective()) {
            logOdds += Math.log(r.notEffectiveOddsRatio());
        } else if (e.effective()) {
            logOdds += Math.log(r.effectiveOddsRatio());
        }
        double m2 = momentsAudit[0];
        double m3 = logOdds == 0 ? m2 : logistic(logit(clamp(m2)) + logOdds);

        RiskModel.ThirdPartyGrievance tp = model.thirdPartyGrievance();
        double tpLogOdds = Math.min(e.thirdPartyGrievances() * Math.log(tp.oddsRatio()), Math.log(tp.maxOddsRatio()));
        double m3g = tpLogOdds <= 0 ? m3 : logistic(logit(clamp(m3)) + tpLogOdds);

        double cover = e.minWorkers() <= 0 ? 1 : Math.min(1, effectiveWorkers / e.minWorkers());
        double m4 = Math.min(1, m3g + model.coverageGap().sdLoading() * (1 - cover) * momentsAudit[1]);

        RiskModel.Severity sv = model.severity();
        double base = sv.theme(e.theme()).base();
        double uplift = 1
                + (e.critical() ? sv.criticalFindingUplift() : 0)
                + (e.repeat() ? sv.repeatUplift() : 0)
                + (m4 * e.headcount() >= sv.workersAffectedThreshold() ? sv.workersAffectedUplift() : 0);
        double severity = Math.min(1, base * uplift);

        double n = informativeWorkers + (e.audited() ? AUDIT_EQUIVALENT_WORKERS : 0);
        double confidence = n / (n + s0);
        return new Result(
                momentsPrior[0],
                momentsWorkers[0] - momentsPrior[0],
                momentsAudit[0] - momentsWorkers[0],
                m3 - m2,
                m3g - m3,
                m4 - m3g,
                m4,
                momentsAudit[1],
                probHigh,
                base,
                severity,
                effectiveWorkers,
                confidence);
    }

    /** Mean and standard deviation of p under the (unnormalised) log density on the grid. */
    static double[] moments(double[] logDensity) {
        return summary(logDensity, Double.NaN);
    }

    /**
     * Mean, standard deviation and P(p &gt; threshold) of p under the (unnormalised) log density on the grid, in one
     * normalisation (the probability is 0 for a NaN threshold).
     */
    static double[] summary(double[] logDensity, double threshold) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logDensity) {
            max = Math.max(max, v);
        }
        double w = 0;
        double s1 = 0;
        double s2 = 0;
        double above = 0;
        for (int i = 0; i < GRID; i++) {
            double d = Math.exp(logDensity[i] - max);
            w += d;
            s1 += d * P[i];
            s2 += d * P[i] * P[i];
            if (P[i] > threshold) {
                above += d;
            }
        }
        double mean = s1 / w;
        return new double[] {mean, Math.sqrt(Math.max(0, s2 / w - mean * mean)), above / w};
    }

    private static double clamp(double p) {
        return Math.max(1e-6, Math.min(1 - 1e-6, p));
    }

    private static double clampRate(double r) {
        return Math.max(RATE_FLOOR, Math.min(1 - RATE_FLOOR, r));
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
