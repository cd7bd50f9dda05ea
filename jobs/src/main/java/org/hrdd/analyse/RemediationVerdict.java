package org.hrdd.analyse;

import org.hrdd.stats.ProportionTests;

/**
 * The effectiveness verdict of one CAP from the worker rates of its facility × theme before it opened and after it
 * closed. Pure function; {@link RemediationEffectiveness} applies it to Spark rows.
 *
 * <ul>
 *   <li>A worker confirmed the remedy: {@code VERIFIED_BY_WORKERS}.</li>
 *   <li>Another CAP on the same facility × theme opened between the start of the before window and the end of the
 *       after window (the worker rate cannot tell which remedy worked), fewer than the minimum workers in either
 *       window, or nobody reporting before: {@code INCONCLUSIVE}.</li>
 *   <li>The drop is significant (one-sided Fisher exact test, {@code p < alpha}): {@code EFFECTIVE}.</li>
 *   <li>The after rate is significantly above half the before rate (one-sided z-test, {@code p < alpha}): the signal
 *       persists where an effective remedy would have cut it at least in half: {@code NOT_EFFECTIVE}.</li>
 *   <li>Otherwise: {@code INCONCLUSIVE}, rather than a guess.</li>
 * </ul>
 */
public final class RemediationVerdict {

    public static final String VERIFIED_BY_WORKERS = "VERIFIED_BY_WORKERS";
    public static final String EFFECTIVE = "EFFECTIVE";
    public static final String NOT_EFFECTIVE = "NOT_EFFECTIVE";
    public static final String INCONCLUSIVE = "INCONCLUSIVE";

    /** Share of the before rate an effective remedy leaves at most. */
    public static final double EFFECTIVE_CUT = 0.5;

    /** A verdict with its test p-values (NaN when not tested). */
    public record Verdict(String status, String reason, double pDrop, double pPersist) {}

    private RemediationVerdict() {}

    public static Verdict classify(
            long kBefore,
            long nBefore,
            long kAfter,
            long nAfter,
            boolean confirmed,
            long overlappingCaps,
            int minWorkers,
            double alpha) {
        double pDrop = Double.NaN;
        double pPersist = Double.NaN;
        if (nBefore > 0 && nAfter > 0) {
            pDrop = ProportionTests.fisher(kBefore, nBefore - kBefore, kAfter, nAfter - kAfter)
                    .pGreater();
            pPersist = persistence(kBefore, nBefore, kAfter, nAfter);
        }
        if (confirmed) {
            return new Verdict(VERIFIED_BY_WORKERS, "a worker confirmed the remedy", pDrop, pPersist);
        }
        if (overlappingCaps > 0) {
            return new Verdict(
                    INCONCLUSIVE,
                    overlappingCaps + " other CAP(s) on the same facility and theme in the window: "
                            + "their effects cannot be told apart",
                    pDrop,
                    pPersist);
        }
        if (nBefore < minWorkers || nAfter < minWorkers) {
            return new Verdict(
                    INCONCLUSIVE,
                    "too few workers reached " + (nBefore < minWorkers ? "before" : "after") + " ("
                            + Math.min(nBefore, nAfter) + " < " + minWorkers + ")",
                    pDrop,
                    pPersist);
        }
        if (kBefore == 0) {
            return new Verdict(INCONCLUSIVE, "no worker reported the theme before", pDrop, pPersist);
        }
        if (pDrop < alpha) {
            return new Verdict(EFFECTIVE, "worker rate dropped significantly", pDrop, pPersist);
        }
        if (pPersist < alpha) {
            return new Verdict(NOT_EFFECTIVE, "worker rate after stays above half the rate before", pDrop, pPersist);
        }
        return new Verdict(INCONCLUSIVE, "change not significant either way", pDrop, pPersist);
    }

    /**
     * One-sided p-value of H0: {@code rate_after <= 0.5 · rate_before}, from
     * {@code z = (pA − 0.5 pB) / sqrt(pA(1−pA)/nA + 0.25 pB(1−pB)/nB)}; 1 when the variance is zero and the after rate
     * is not above half, 0 when it is.
     */
    static double persistence(long kBefore, long nBefore, long kAfter, long nAfter) {
        double pb = (double) kBefore / nBefore;
        double pa = (double) kAfter / nAfter;
        double diff = pa - EFFECTIVE_CUT * pb;
        double variance = pa * (1 - pa) / nAfter + EFFECTIVE_CUT * EFFECTIVE_CUT * pb * (1 - pb) / nBefore;
        if (!(variance > 0)) {
            return diff > 0 ? 0 : 1;
        }
        double z = diff / Math.sqrt(variance);
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(z / Math.sqrt(2));
    }
}
