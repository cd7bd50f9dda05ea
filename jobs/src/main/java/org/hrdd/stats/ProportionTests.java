package org.hrdd.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * Tests on binomial proportions: two-proportion z-test, Fisher's exact test for a 2 × 2 table, and the exact
 * binomial tail test of one observed rate against a fixed rate.
 *
 * <p>One-sided p-values are named by the alternative: {@code pGreater} tests H1 "first proportion greater"
 * ({@code p1 > p2}, or the observed count large), {@code pLess} tests H1 "first proportion smaller".
 */
public final class ProportionTests {

    /** Relative tolerance for "as or less probable than the observed table" (R's {@code fisher.test} uses 1e-7). */
    private static final double FISHER_RELATIVE_TOLERANCE = 1e-7;

    private ProportionTests() {}

    /**
     * Result of the pooled two-proportion z-test.
     *
     * @param p1 {@code k1/n1} (NaN when {@code n1 = 0})
     * @param p2 {@code k2/n2} (NaN when {@code n2 = 0})
     * @param z the statistic; NaN when undefined
     * @param pGreater one-sided p-value for H1 {@code p1 > p2}
     * @param pLess one-sided p-value for H1 {@code p1 < p2}
     * @param pTwoSided two-sided p-value
     * @param defined false when a sample is empty or the pooled rate is 0 or 1 (no variance): the p-values are then
     *     1 (no evidence either way), never NaN
     */
    public record ZTest(
            double p1, double p2, double z, double pGreater, double pLess, double pTwoSided, boolean defined) {}

    /** Fisher's exact test p-values for a 2 × 2 table. */
    public record FisherTest(double pLess, double pGreater, double pTwoSided) {}

    /**
     * Two-proportion z-test with pooled variance: {@code p = (k1+k2)/(n1+n2)},
     * {@code z = (k1/n1 − k2/n2) / sqrt(p(1−p)(1/n1 + 1/n2))}, normal tails. Equivalent to the uncorrected
     * Pearson chi-square test ({@code z² = X²}; R {@code prop.test(correct = FALSE)}). Large-sample: prefer
     * {@link #fisher} when expected counts are below about 5.
     *
     * <p>For remediation effectiveness, sample 1 is "before" and sample 2 "after": {@code pGreater} small means the
     * worker rate dropped.
     */
    public static ZTest twoProportionZ(long k1, long n1, long k2, long n2) {
        checkCount(k1, n1);
        checkCount(k2, n2);
        double p1 = n1 == 0 ? Double.NaN : (double) k1 / n1;
        double p2 = n2 == 0 ? Double.NaN : (double) k2 / n2;
        if (n1 == 0 || n2 == 0) {
            return new ZTest(p1, p2, Double.NaN, 1, 1, 1, false);
        }
        double pooled = (double) (k1 + k2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (!(variance > 0)) {
            return new ZTest(p1, p2, Double.NaN, 1, 1, 1, false);
        }
        double z = (p1 - p2) / Math.sqrt(variance);
        double greater = Normal.upperTail(z);
        double less = Normal.upperTail(-z);
        return new ZTest(p1, p2, z, greater, less, Math.min(1, 2 * Normal.upperTail(Math.abs(z))), true);
    }

    /**
     * Fisher's exact test for the table {@code [[a, b], [c, d]]}, conditional on the margins: {@code a} is
     * hypergeometric with population {@code N = a+b+c+d}, {@code a+c} successes and {@code a+b} draws.
     * {@code pGreater = P(X >= a)} (positive association, odds ratio > 1), {@code pLess = P(X <= a)}, and the
     * two-sided p-value sums the probabilities of all tables no more probable than the observed one (up to a relative
     * tolerance of 1e-7, as R's {@code fisher.test}). Reference: R. A. Fisher (1935), <i>The Design of
     * Experiments</i> (the lady tasting tea: 3,1,1,3 → one-sided 17/70 = 0.2429, two-sided 34/70 = 0.4857).
     * An empty table gives p = 1 throughout.
     */
    public static FisherTest fisher(long a, long b, long c, long d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("negative count in 2x2 table " + a + "," + b + "," + c + "," + d);
        }
        if (a + b + c + d == 0) {
            return new FisherTest(1, 1, 1);
        }
        int population = toInt(a + b + c + d);
        int successes = toInt(a + c);
        int draws = toInt(a + b);
        int x = (int) a;
        var h = new HypergeometricDistribution(null, population, successes, draws);
        double less = Math.min(1, h.cumulativeProbability(x));
        double greater = Math.min(1, h.upperCumulativeProbability(x));
        double observed = h.probability(x);
        double threshold = observed * (1 + FISHER_RELATIVE_TOLERANCE);
        double twoSided = 0;
        for (int y = h.getSupportLowerBound(); y <= h.getSupportUpperBound(); y++) {
            double p = h.probability(y);
            if (p <= threshold) {
                twoSided += p;
            }
        }
        return new FisherTest(less, greater, Math.min(1, twoSided));
    }

    /**
     * One-sided exact binomial test of "the rate is above {@code p0}": {@code P(X >= k)} for
     * {@code X ~ Binomial(n, p0)}, computed as the regularised incomplete beta {@code I_p0(k, n − k + 1)} so the far
     * tail keeps its precision. Used to decide whether a worker rate is elevated above the prior rate.
     * {@code k <= 0} gives 1.
     */
    public static double binomialUpperTail(long k, long n, double p0) {
        checkCount(Math.max(0, k), n);
        checkRate(p0);
        if (k <= 0) {
            return 1;
        }
        if (p0 == 0) {
            return 0;
        }
        if (p0 == 1) {
            return 1;
        }
        return Beta.regularizedBeta(p0, k, n - k + 1.0);
    }

    /**
     * One-sided exact binomial test of "the rate is below {@code p0}": {@code P(X <= k)} for
     * {@code X ~ Binomial(n, p0)}, i.e. {@code 1 − I_p0(k + 1, n − k)}; {@code k >= n} gives 1.
     */
    public static double binomialLowerTail(long k, long n, double p0) {
        checkCount(k, n);
        checkRate(p0);
        if (k >= n) {
            return 1;
        }
        if (p0 == 0) {
            return 1;
        }
        if (p0 == 1) {
            return 0;
        }
        // I_{1-p0}(n-k, k+1) = 1 - I_{p0}(k+1, n-k), without the cancellation of the subtraction
        return Beta.regularizedBeta(1 - p0, n - k, k + 1.0);
    }

    private static void checkCount(long k, long n) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
    }

    private static void checkRate(double p0) {
        if (!(p0 >= 0 && p0 <= 1)) {
            throw new IllegalArgumentException("rate must lie in [0, 1], got " + p0);
        }
    }

    private static int toInt(long v) {
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("table total too large for the exact test: " + v);
        }
        return (int) v;
    }
}
