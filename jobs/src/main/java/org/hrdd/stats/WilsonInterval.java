package org.hrdd.stats;

/**
 * Wilson score interval for a binomial proportion.
 *
 * <p>For {@code k} successes in {@code n} trials, {@code p = k/n} and the two-sided critical value {@code z}:
 * <pre>
 *   centre    = (p + z²/(2n)) / (1 + z²/n)
 *   halfWidth = z / (1 + z²/n) · sqrt( p(1−p)/n + z²/(4n²) )
 * </pre>
 * Reference: E. B. Wilson (1927), J. Am. Stat. Assoc. 22:209–212; R. G. Newcombe (1998), Stat. Med. 17:857–872
 * (method 3), whose worked examples (81/263 → 0.2553–0.3662, 0/20 → 0–0.1611) are the unit-test values. Unlike the
 * Wald interval it stays inside [0, 1] and does not collapse at k = 0 or k = n, so few reports among few workers
 * reached give a wide interval ("unknown"), never a narrow "safe" one. With {@code n = 0} nothing is known and the
 * interval is [0, 1].
 */
public final class WilsonInterval {

    /** The default confidence level. */
    public static final double DEFAULT_LEVEL = 0.95;

    private WilsonInterval() {}

    /** The 95 % Wilson interval for {@code k} successes in {@code n} trials. */
    public static Interval of(long k, long n) {
        return of(k, n, DEFAULT_LEVEL);
    }

    /**
     * The Wilson interval at the given two-sided confidence level.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code k < 0}, {@code k > n} or the level is not in (0, 1)
     */
    public static Interval of(long k, long n, double level) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
        double z = Normal.twoSidedCritical(level);
        if (n == 0) {
            return new Interval(0, 1);
        }
        double p = (double) k / n;
        double z2n = z * z / n;
        double denominator = 1 + z2n;
        double centre = (p + z2n / 2) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
        // exact ends at k = 0 and k = n (the formula gives them up to rounding)
        double lower = k == 0 ? 0 : Math.max(0, centre - half);
        double upper = k == n ? 1 : Math.min(1, centre + half);
        return new Interval(lower, upper);
    }
}
