package org.hrdd.stats;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.special.Gamma;
import org.hrdd.stats.BetaBinomialPrior.FitOptions;
import org.hrdd.stats.BetaBinomialPrior.Source;

/**
 * Fits {@link BetaBinomialPrior}s to groups {@code (k_i, n_i)} (package-private; use the prior's static methods).
 * Groups with {@code n_i = 0} carry no information and are skipped.
 */
final class BetaBinomialFitter {

    private static final double MIN_STRENGTH = 1e-3;
    private static final double MAX_LOGIT = 25;
    private static final double JEFFREYS = 0.5;

    private BetaBinomialFitter() {}

    /**
     * Weighted method of moments of L. Kleinman (1973), Biometrics 29:319–330. With {@code y_i = k_i/n_i},
     * intra-class correlation {@code ρ = 1/(α+β+1)} and weights {@code w_i = n_i / (1 + ρ(n_i − 1))}
     * (inverse-variance up to a constant, since {@code Var(y_i) = μ(1−μ)(1 + ρ(n_i−1))/n_i}):
     * <pre>
     *   W = Σ w_i,   μ = Σ w_i y_i / W,   S = Σ w_i (y_i − μ)²
     *   E[S] = μ(1−μ) Σ w_i (1 − w_i/W) (1 + ρ(n_i − 1)) / n_i      (exact for any fixed weights)
     *   ⇒ ρ = [ S/(μ(1−μ)) − Σ w_i(1 − w_i/W)/n_i ] / Σ w_i(1 − w_i/W)(1 − 1/n_i)
     * </pre>
     * iterated from {@code ρ = 0} (weights {@code n_i}) to a fixed point; then {@code α+β = 1/ρ − 1}. With equal
     * weights this is the simple unweighted estimator corrected for unequal {@code n} by the mean of {@code 1/n_i}.
     * {@code ρ <= 0} (spread no larger than binomial noise), {@code μ} at 0 or 1, fewer than two groups or no group
     * with {@code n_i > 1}, or a strength above {@code maxStrength}: a {@link Source#WEAK} prior instead.
     */
    static BetaBinomialPrior moments(long[] k, long[] n, FitOptions options) {
        int groups = informativeGroups(k, n);
        if (groups < 2) {
            return weak(k, n, options, groups);
        }
        double rho = 0;
        double mean = Double.NaN;
        for (int iteration = 0; iteration < 200; iteration++) {
            double w = 0, wy = 0;
            for (int i = 0; i < k.length; i++) {
                if (n[i] > 0) {
                    double wi = n[i] / (1 + rho * (n[i] - 1));
                    w += wi;
                    wy += wi * k[i] / n[i];
                }
            }
            mean = wy / w;
            double s = 0, a = 0, b = 0;
            for (int i = 0; i < k.length; i++) {
                if (n[i] > 0) {
                    double wi = n[i] / (1 + rho * (n[i] - 1));
                    double y = (double) k[i] / n[i];
                    double share = wi * (1 - wi / w);
                    s += wi * (y - mean) * (y - mean);
                    a += share / n[i];
                    b += share * (1 - 1.0 / n[i]);
                }
            }
            if (!(mean > 0 && mean < 1) || !(b > 0)) {
                return weak(k, n, options, groups);
            }
            double next = (s / (mean * (1 - mean)) - a) / b;
            if (!(next > 0)) {
                return weak(k, n, options, groups);
            }
            next = Math.min(next, 1 / (1 + MIN_STRENGTH));
            boolean converged = Math.abs(next - rho) < 1e-12;
            rho = next;
            if (converged) {
                break;
            }
        }
        double strength = 1 / rho - 1;
        if (strength >= options.maxStrength()) {
            return weak(k, n, options, groups);
        }
        return new BetaBinomialPrior(mean * strength, (1 - mean) * strength, Source.METHOD_OF_MOMENTS, groups);
    }

    /**
     * Maximum marginal likelihood. The beta-binomial log-likelihood (binomial coefficients dropped, constant)
     * <pre>
     *   ℓ(α, β) = Σ_i [ lnΓ(k_i+α) − lnΓ(α) + lnΓ(n_i−k_i+β) − lnΓ(β) − lnΓ(n_i+α+β) + lnΓ(α+β) ]
     * </pre>
     * is maximised over {@code (logit μ, ln(α+β))} with Powell's bounded derivative-free BOBYQA (Commons Math),
     * started at the method-of-moments estimate (or at the pooled mean and strength 10 when that is WEAK), with
     * {@code |logit μ| <= 25} and strength in {@code [0.001, maxStrength]}. Identical {@code (k, n)} pairs are
     * evaluated once. A maximum at the strength cap (no over-dispersion) gives a {@link Source#WEAK} prior; if the
     * optimiser fails the moment estimate is returned under its own source, so the caller can see ML did not run.
     */
    static BetaBinomialPrior maximumLikelihood(long[] k, long[] n, FitOptions options) {
        BetaBinomialPrior start = moments(k, n, options);
        int groups = start.groups();
        if (!identifiable(k, n)) {
            return start; // WEAK: the moment fit rejects the same inputs
        }
        BetaBinomialPrior pooled = weak(k, n, options, groups);
        Map<Long, Long> counts = distinctPairs(k, n);
        double mu0 = start.isWeak() ? pooled.mean() : start.mean();
        double s0 = start.isWeak() ? 10 : start.strength();
        double upperLogStrength = Math.log(options.maxStrength());
        double[] lower = {-MAX_LOGIT, Math.log(MIN_STRENGTH)};
        double[] upper = {MAX_LOGIT, upperLogStrength};
        double[] guess = {clamp(logit(mu0), lower[0], upper[0]), clamp(Math.log(s0), lower[1], upper[1] - 0.5)};
        MultivariateFunction logLik = x -> {
            double mu = 1 / (1 + Math.exp(-x[0]));
            double s = Math.exp(x[1]);
            return logLikelihood(counts, mu * s, (1 - mu) * s);
        };
        PointValuePair best;
        try {
            best = new BOBYQAOptimizer(5, 0.5, 1e-9)
                    .optimize(
                            new MaxEval(20_000),
                            new ObjectiveFunction(logLik),
                            GoalType.MAXIMIZE,
                            new InitialGuess(guess),
                            new SimpleBounds(lower, upper));
        } catch (MathIllegalStateException e) {
            return start;
        }
        double[] x = best.getPoint();
        if (x[1] >= upperLogStrength - 0.01) {
            return pooled;
        }
        double mu = 1 / (1 + Math.exp(-x[0]));
        double s = Math.exp(x[1]);
        return new BetaBinomialPrior(mu * s, (1 - mu) * s, Source.MAXIMUM_LIKELIHOOD, groups);
    }

    /** The beta-binomial log-likelihood of the groups (without the binomial coefficients). */
    static double logLikelihood(long[] k, long[] n, double alpha, double beta) {
        return logLikelihood(distinctPairs(k, n), alpha, beta);
    }

    /**
     * The WEAK prior: pooled mean {@code μ = (Σk + ½)/(Σn + 1)} at strength {@code weakStrength}, each shape floored
     * at ½ (Jeffreys): {@code α = max(½, μ·s)}, {@code β = max(½, (1−μ)·s)}. Without the floor a pooled rate near 0
     * would make a "weak" prior a near point mass at 0 (Beta(0.0005, 2): 0 of 40 → 95 % upper bound 1.8e-12), i.e.
     * a confident "safe". The floor shifts the mean towards ½ when {@code μ·s < ½} or {@code (1−μ)·s < ½}.
     */
    static BetaBinomialPrior weak(long[] k, long[] n, FitOptions options, int groups) {
        checkGroups(k, n);
        double sumK = 0, sumN = 0;
        for (int i = 0; i < k.length; i++) {
            sumK += k[i];
            sumN += n[i];
        }
        double mean = (sumK + 0.5) / (sumN + 1);
        return new BetaBinomialPrior(
                Math.max(JEFFREYS, mean * options.weakStrength()),
                Math.max(JEFFREYS, (1 - mean) * options.weakStrength()),
                Source.WEAK,
                groups);
    }

    /** The number of groups with at least one trial (validates the input). */
    static int informativeGroups(long[] k, long[] n) {
        checkGroups(k, n);
        int groups = 0;
        for (long ni : n) {
            groups += ni > 0 ? 1 : 0;
        }
        return groups;
    }

    private static double logLikelihood(Map<Long, Long> counts, double alpha, double beta) {
        double s = alpha + beta;
        double constant = Gamma.logGamma(s) - Gamma.logGamma(alpha) - Gamma.logGamma(beta);
        double sum = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            long ki = e.getKey() >>> 32;
            long ni = e.getKey() & 0xffffffffL;
            sum += e.getValue()
                    * (constant + Gamma.logGamma(ki + alpha) + Gamma.logGamma(ni - ki + beta) - Gamma.logGamma(ni + s));
        }
        return sum;
    }

    /** Distinct {@code (k, n)} pairs with {@code n > 0}, packed as {@code k << 32 | n}, with their multiplicity. */
    private static Map<Long, Long> distinctPairs(long[] k, long[] n) {
        checkGroups(k, n);
        Map<Long, Long> counts = new HashMap<>();
        for (int i = 0; i < k.length; i++) {
            if (n[i] > 0) {
                if (n[i] > 0xffffffffL) {
                    throw new IllegalArgumentException("group size too large: " + n[i]);
                }
                counts.merge(k[i] << 32 | n[i], 1L, Long::sum);
            }
        }
        return counts;
    }

    /**
     * Whether the likelihood can have an interior maximum: two or more groups with trials, at least one success and
     * one failure overall, and a group with more than one trial (with single trials the strength is not identified).
     */
    private static boolean identifiable(long[] k, long[] n) {
        boolean anySuccess = false, anyFailure = false, anyRepeated = false;
        for (int i = 0; i < k.length; i++) {
            anySuccess |= k[i] > 0;
            anyFailure |= k[i] < n[i];
            anyRepeated |= n[i] > 1;
        }
        return anySuccess && anyFailure && anyRepeated && informativeGroups(k, n) >= 2;
    }

    private static void checkGroups(long[] k, long[] n) {
        if (k.length != n.length) {
            throw new IllegalArgumentException("k and n differ in length: " + k.length + " vs " + n.length);
        }
        for (int i = 0; i < k.length; i++) {
            if (n[i] < 0 || k[i] < 0 || k[i] > n[i]) {
                throw new IllegalArgumentException("group " + i + ": need 0 <= k <= n, got k=" + k[i] + ", n=" + n[i]);
            }
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
