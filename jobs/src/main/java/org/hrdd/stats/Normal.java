package org.hrdd.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Standard-normal quantiles and tails shared by the estimators of this package (package-private, stateless). */
final class Normal {

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private Normal() {}

    /**
     * The two-sided critical value {@code z} with {@code P(|Z| <= z) = level}, e.g. 1.959964 for 0.95.
     *
     * @throws IllegalArgumentException unless {@code 0 < level < 1}
     */
    static double twoSidedCritical(double level) {
        checkLevel(level);
        return STANDARD.inverseCumulativeProbability(1 - (1 - level) / 2);
    }

    /** {@code P(Z >= z)}, accurate in the far tail (uses the complementary CDF by symmetry). */
    static double upperTail(double z) {
        return STANDARD.cumulativeProbability(-z);
    }

    static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie strictly between 0 and 1, got " + level);
        }
    }
}
