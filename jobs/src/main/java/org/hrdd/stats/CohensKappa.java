package org.hrdd.stats;

/**
 * Cohen's kappa for two binary raters (here typically: worker signal elevated × audit finding) from a 2 × 2 table.
 *
 * <pre>
 *                 rater B yes   rater B no
 *   rater A yes        a             b
 *   rater A no         c             d
 * </pre>
 * With {@code n = a+b+c+d}, observed agreement {@code po = (a+d)/n}, expected (chance) agreement
 * {@code pe = p1.·p.1 + p2.·p.2} from the margins, and {@code kappa = (po − pe) / (1 − pe)} (J. Cohen 1960,
 * Educ. Psychol. Meas. 20:37–46).
 *
 * <p>The confidence interval is {@code kappa ± z·SE} (clamped to [−1, 1]) with the large-sample standard error of
 * <b>Fleiss, Cohen &amp; Everitt (1969)</b>, Psychol. Bull. 72:323–327, valid for kappa ≠ 0 (unlike Cohen's 1960
 * approximation {@code sqrt(po(1−po)/n)/(1−pe)}, which is also reported):
 * <pre>
 *   SE² = [ Σi pii (1 − (pi. + p.i)(1 − κ))² + (1 − κ)² Σi≠j pij (p.i + pj.)² − (κ − pe(1 − κ))² ] / (n (1 − pe)²)
 * </pre>
 * This is the multinomial delta-method variance of kappa; the tests check it against a numerical delta method.
 *
 * <p>Undefined cases never throw: with {@code n = 0} or {@code pe = 1} (both raters constant, e.g. every facility
 * "no finding, no elevation") kappa, its SEs and interval are NaN and {@link Result#defined()} is false.
 */
public final class CohensKappa {

    private CohensKappa() {}

    /**
     * Kappa, standard errors and interval for one 2 × 2 table.
     *
     * @param a count rated yes by A and yes by B
     * @param b count rated yes by A, no by B
     * @param c count rated no by A, yes by B
     * @param d count rated no by both
     * @param n total {@code a+b+c+d}
     * @param observedAgreement {@code po}
     * @param expectedAgreement {@code pe}
     * @param kappa Cohen's kappa; NaN when undefined
     * @param standardError Fleiss–Cohen–Everitt (1969) large-sample SE; NaN when undefined
     * @param cohen1960StandardError Cohen's (1960) simpler approximation, for comparison; NaN when undefined
     * @param interval {@code kappa ± z·SE} clamped to [−1, 1], at {@link #level}
     * @param level the confidence level of {@link #interval}
     * @param defined false when kappa is undefined ({@code n = 0} or {@code pe = 1})
     */
    public record Result(
            long a,
            long b,
            long c,
            long d,
            long n,
            double observedAgreement,
            double expectedAgreement,
            double kappa,
            double standardError,
            double cohen1960StandardError,
            Interval interval,
            double level,
            boolean defined) {}

    /** Kappa with a 95 % interval. */
    public static Result of(long a, long b, long c, long d) {
        return of(a, b, c, d, 0.95);
    }

    /**
     * Kappa with an interval at {@code level}.
     *
     * @throws IllegalArgumentException if a count is negative or the level is not in (0, 1)
     */
    public static Result of(long a, long b, long c, long d, double level) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("negative count in 2x2 table " + a + "," + b + "," + c + "," + d);
        }
        double z = Normal.twoSidedCritical(level);
        long n = a + b + c + d;
        if (n == 0) {
            return new Result(
                    a,
                    b,
                    c,
                    d,
                    0,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Interval.UNDEFINED,
                    level,
                    false);
        }
        double pa = (double) a / n, pb = (double) b / n, pc = (double) c / n, pd = (double) d / n;
        double row1 = pa + pb, row2 = pc + pd, col1 = pa + pc, col2 = pb + pd;
        double po = pa + pd;
        double pe = row1 * col1 + row2 * col2;
        if (!(1 - pe > 1e-12)) {
            return new Result(
                    a, b, c, d, n, po, pe, Double.NaN, Double.NaN, Double.NaN, Interval.UNDEFINED, level, false);
        }
        double kappa = (po - pe) / (1 - pe);
        double q = 1 - kappa;
        double diagonal = pa * sq(1 - (row1 + col1) * q) + pd * sq(1 - (row2 + col2) * q);
        // off-diagonal cell (i, j) weighs (p.i + pj.)²: b = (1, 2) → col1 + row2, c = (2, 1) → col2 + row1
        double offDiagonal = q * q * (pb * sq(col1 + row2) + pc * sq(col2 + row1));
        double variance = (diagonal + offDiagonal - sq(kappa - pe * q)) / (n * sq(1 - pe));
        double se = Math.sqrt(Math.max(0, variance));
        double se1960 = Math.sqrt(po * (1 - po) / n) / (1 - pe);
        Interval interval = new Interval(kappa - z * se, kappa + z * se).clamp(-1, 1);
        return new Result(a, b, c, d, n, po, pe, kappa, se, se1960, interval, level, true);
    }

    private static double sq(double x) {
        return x * x;
    }
}
