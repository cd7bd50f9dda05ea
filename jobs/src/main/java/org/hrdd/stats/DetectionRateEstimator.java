package org.hrdd.stats;

/**
 * Audit detection sensitivity per scheme × theme, corrected for worker signals that are elevated by chance.
 *
 * <p><b>Model.</b> Each audited cell (facility × theme × period) is truly high (prevalence above the risk
 * threshold) with probability {@code π}. The worker signal is elevated with probability {@code s_w} in a truly-high
 * cell and {@code f_w} in a truly-low one; the audit finds the issue with probability {@code d} (the detection
 * sensitivity sought) in a truly-high cell and {@code f_a} in a truly-low one. Worker elevation and audit finding
 * are assumed independent given the true state (conditional independence, as in latent-class / Hui–Walter models),
 * and the rates are taken as the same across the cells pooled. Then, with
 * {@code PPV = π s_w / (π s_w + (1−π) f_w)} = P(truly high | worker-elevated):
 * <pre>
 *   P(finding | elevated) = [π s_w d + (1−π) f_w f_a] / [π s_w + (1−π) f_w] = PPV·d + (1 − PPV)·f_a
 *   ⇒ d = (q − (1 − PPV) f_a) / PPV,       q = observed share of audited elevated cells with a finding
 * </pre>
 * The naive estimator reports {@code q} itself, which is biased towards {@code f_a} whenever {@code PPV < 1}.
 *
 * <p>When {@code f_a} is unknown, the audited cells <em>without</em> an elevated worker signal give a second
 * equation with {@code h0 = P(truly high | not elevated) = π(1−s_w) / (π(1−s_w) + (1−π)(1−f_w))}:
 * <pre>
 *   q1 = h1 d + (1−h1) f_a,   q0 = h0 d + (1−h0) f_a,   h1 = PPV
 *   ⇒ d = [q1 (1−h0) − q0 (1−h1)] / (h1 − h0),   f_a = [q0 h1 − q1 h0] / (h1 − h0)
 * </pre>
 * identified when worker elevation is informative ({@code h1 > h0}).
 *
 * <p><b>Intervals</b> are conditional on {@code π, s_w, f_w} (and {@code f_a} when given): their uncertainty is not
 * propagated, so the intervals are too narrow when those rates are themselves estimated. With {@code f_a} known,
 * {@code d} is increasing-linear in {@code q}, so the Wilson interval of {@code q} is mapped through the same line.
 * In the joint estimator {@code d} is linear in {@code (q1, q0)} from independent samples:
 * {@code Var(d) = [(1−h0)² Var(q1) + (1−h1)² Var(q0)] / (h1−h0)²}, with each {@code Var(q) = q̃(1−q̃)/(m+z²)} at the
 * Agresti–Coull centre {@code q̃ = (k + z²/2)/(m + z²)} so that {@code k = 0} does not give zero width.
 * Point estimates and bounds are clamped to [0, 1]; {@link Estimate#clamped()} says when the point estimate was.
 * Per-cell probabilities of being truly high (e.g. posterior {@code P(p > threshold)}) can be used instead of a
 * pooled PPV: {@code E[k] = d Σw_i + f_a Σ(1−w_i)}, which is {@link #estimateFromPpv} with {@code PPV = mean(w_i)}.
 */
public final class DetectionRateEstimator {

    private static final double MIN_INFORMATION = 1e-9;

    private DetectionRateEstimator() {}

    /**
     * Operating characteristics of the worker signal.
     *
     * @param prevalence {@code π}, share of truly-high cells among those audited
     * @param sensitivity {@code s_w}, P(worker-elevated | truly high)
     * @param falseElevation {@code f_w}, P(worker-elevated | truly low)
     */
    public record WorkerSignal(double prevalence, double sensitivity, double falseElevation) {

        public WorkerSignal {
            checkRate("prevalence", prevalence);
            checkRate("sensitivity", sensitivity);
            checkRate("falseElevation", falseElevation);
        }

        /** {@code P(truly high | elevated) = π s_w / (π s_w + (1−π) f_w)}; NaN if no cell can be elevated. */
        public double ppv() {
            double elevated = prevalence * sensitivity + (1 - prevalence) * falseElevation;
            return elevated > 0 ? prevalence * sensitivity / elevated : Double.NaN;
        }

        /** {@code P(truly high | not elevated) = π(1−s_w) / (π(1−s_w) + (1−π)(1−f_w))}; NaN if every cell is. */
        public double highGivenNotElevated() {
            double notElevated = prevalence * (1 - sensitivity) + (1 - prevalence) * (1 - falseElevation);
            return notElevated > 0 ? prevalence * (1 - sensitivity) / notElevated : Double.NaN;
        }
    }

    /**
     * A detection-rate estimate.
     *
     * @param naive {@code k/m}, the share of audited worker-elevated cells with a finding (NaN when {@code m = 0})
     * @param detection corrected detection sensitivity, clamped to [0, 1]; NaN when not identified
     * @param unclampedDetection the same before clamping
     * @param interval interval for {@code detection} (see the class comment), clamped; undefined when not identified
     * @param auditFalsePositive the {@code f_a} used (given) or estimated (joint estimator, clamped)
     * @param ppv the {@code P(truly high | elevated)} used
     * @param clamped whether the point estimate fell outside [0, 1]
     * @param identified false when there are no cells or the worker signal carries no information
     */
    public record Estimate(
            double naive,
            double detection,
            double unclampedDetection,
            Interval interval,
            double auditFalsePositive,
            double ppv,
            boolean clamped,
            boolean identified) {}

    /** {@code P(finding | worker-elevated) = PPV·d + (1−PPV)·f_a}: the forward model. */
    public static double expectedFindingRate(double detection, double auditFalsePositive, WorkerSignal worker) {
        double h = worker.ppv();
        return h * detection + (1 - h) * auditFalsePositive;
    }

    /** {@code P(finding | not elevated) = h0·d + (1−h0)·f_a}: the forward model for the other audited cells. */
    public static double expectedFindingRateNotElevated(
            double detection, double auditFalsePositive, WorkerSignal worker) {
        double h = worker.highGivenNotElevated();
        return h * detection + (1 - h) * auditFalsePositive;
    }

    /** Detection from {@code findings} among {@code elevatedCells} audited worker-elevated cells, {@code f_a} known. */
    public static Estimate estimate(
            long findings, long elevatedCells, WorkerSignal worker, double auditFalsePositive, double level) {
        return estimateFromPpv(findings, elevatedCells, worker.ppv(), auditFalsePositive, level);
    }

    /** As {@link #estimate(long, long, WorkerSignal, double, double)} with the PPV given directly. */
    public static Estimate estimateFromPpv(
            long findings, long elevatedCells, double ppv, double auditFalsePositive, double level) {
        checkCount(findings, elevatedCells);
        checkRate("auditFalsePositive", auditFalsePositive);
        Normal.checkLevel(level);
        double naive = elevatedCells == 0 ? Double.NaN : (double) findings / elevatedCells;
        if (elevatedCells == 0 || !(ppv > MIN_INFORMATION) || ppv > 1) {
            return undefined(naive, auditFalsePositive, ppv);
        }
        double raw = (naive - (1 - ppv) * auditFalsePositive) / ppv;
        Interval q = WilsonInterval.of(findings, elevatedCells, level);
        Interval d = new Interval(
                        (q.lower() - (1 - ppv) * auditFalsePositive) / ppv,
                        (q.upper() - (1 - ppv) * auditFalsePositive) / ppv)
                .clamp(0, 1);
        return new Estimate(naive, clamp01(raw), raw, d, auditFalsePositive, ppv, raw < 0 || raw > 1, true);
    }

    /**
     * Detection and audit false-positive rate jointly, from the audited worker-elevated cells ({@code findings1} of
     * {@code cells1}) and the audited cells without elevation ({@code findings0} of {@code cells0}).
     */
    public static Estimate estimateJointly(
            long findings1, long cells1, long findings0, long cells0, WorkerSignal worker, double level) {
        return estimateJointly(
                findings1, cells1, findings0, cells0, worker.ppv(), worker.highGivenNotElevated(), level);
    }

    /**
     * As {@link #estimateJointly(long, long, long, long, WorkerSignal, double)} with {@code h1 = P(truly high |
     * elevated)} and {@code h0 = P(truly high | not elevated)} given directly, e.g. as the mean per-cell posterior
     * probability of being high in each group.
     */
    public static Estimate estimateJointly(
            long findings1, long cells1, long findings0, long cells0, double h1, double h0, double level) {
        checkCount(findings1, cells1);
        checkCount(findings0, cells0);
        double z = Normal.twoSidedCritical(level);
        double naive = cells1 == 0 ? Double.NaN : (double) findings1 / cells1;
        if (Double.isNaN(h1) || Double.isNaN(h0) || cells1 == 0 || cells0 == 0 || !(h1 - h0 > MIN_INFORMATION)) {
            return undefined(naive, Double.NaN, h1);
        }
        double q1 = naive;
        double q0 = (double) findings0 / cells0;
        double raw = (q1 * (1 - h0) - q0 * (1 - h1)) / (h1 - h0);
        double fa = clamp01((q0 * h1 - q1 * h0) / (h1 - h0));
        double variance = (sq(1 - h0) * agrestiCoullVariance(findings1, cells1, z)
                        + sq(1 - h1) * agrestiCoullVariance(findings0, cells0, z))
                / sq(h1 - h0);
        double half = z * Math.sqrt(variance);
        Interval d = new Interval(raw - half, raw + half).clamp(0, 1);
        return new Estimate(naive, clamp01(raw), raw, d, fa, h1, raw < 0 || raw > 1, true);
    }

    private static double agrestiCoullVariance(long k, long m, double z) {
        double centre = (k + z * z / 2) / (m + z * z);
        return centre * (1 - centre) / (m + z * z);
    }

    private static Estimate undefined(double naive, double auditFalsePositive, double ppv) {
        return new Estimate(naive, Double.NaN, Double.NaN, Interval.UNDEFINED, auditFalsePositive, ppv, false, false);
    }

    private static void checkCount(long k, long m) {
        if (m < 0 || k < 0 || k > m) {
            throw new IllegalArgumentException("need 0 <= findings <= cells, got " + k + " of " + m);
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], got " + rate);
        }
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static double sq(double x) {
        return x * x;
    }
}
