package org.hrdd.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini–Hochberg false-discovery-rate control.
 *
 * <p>With the {@code m} p-values sorted ascending, {@code p(1) <= … <= p(m)}, the adjusted p-value (q-value) is
 * <pre>
 *   q(i) = min over j >= i of  min(1, m · p(j) / j)
 * </pre>
 * and rejecting every hypothesis with {@code q <= alpha} is the step-up procedure "reject H(1)…H(k) for the largest
 * k with p(k) <= k·alpha/m", which controls the FDR at {@code alpha} for independent or positively dependent tests.
 * This is R's {@code p.adjust(p, "BH")}. Reference: Y. Benjamini and Y. Hochberg (1995), J. R. Stat. Soc. B
 * 57:289–300 (its section 4 example with 15 p-values is a unit test).
 *
 * <p>NaN entries mean "not tested": they get a NaN q-value, are never rejected and do not count in {@code m}
 * (as {@code p.adjust} does with NA). Results keep the input order.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {}

    /**
     * Adjusted p-values, in input order.
     *
     * @throws IllegalArgumentException if a p-value is outside [0, 1]
     */
    public static double[] adjust(double[] pValues) {
        double[] q = new double[pValues.length];
        Arrays.fill(q, Double.NaN);
        Integer[] tested = IntStream.range(0, pValues.length)
                .filter(i -> !Double.isNaN(check(pValues[i])))
                .boxed()
                .toArray(Integer[]::new);
        Arrays.sort(tested, Comparator.comparingDouble(i -> pValues[i]));
        int m = tested.length;
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = tested[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            q[i] = running;
        }
        return q;
    }

    /** Whether each hypothesis is rejected at FDR level {@code alpha} ({@code q <= alpha}), in input order. */
    public static boolean[] reject(double[] pValues, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("FDR level must lie strictly between 0 and 1, got " + alpha);
        }
        double[] q = adjust(pValues);
        boolean[] rejected = new boolean[q.length];
        for (int i = 0; i < q.length; i++) {
            rejected[i] = q[i] <= alpha;
        }
        return rejected;
    }

    private static double check(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("p-value outside [0, 1]: " + p);
        }
        return p;
    }
}
