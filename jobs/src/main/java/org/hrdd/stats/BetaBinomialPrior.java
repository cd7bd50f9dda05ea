package org.hrdd.stats;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * A beta prior {@code Beta(alpha, beta)} for binomial rates (e.g. the share of reached workers at a facility who
 * report a theme), used for empirical-Bayes shrinkage towards a country × sector prior.
 *
 * <p>With mean {@code μ = α/(α+β)} and strength {@code s = α+β} (pseudo-workers), the prior variance is
 * {@code μ(1−μ)/(s+1)}. A cell with {@code k} of {@code n} has posterior {@code Beta(α+k, β+n−k)}, so the shrunk
 * rate is {@code (α+k)/(s+n)}: cells with few workers move towards {@code μ}, large cells keep their own rate.
 *
 * <p>Ways to get one:
 * <ul>
 *   <li>{@link #fitMoments} — weighted method of moments (Kleinman 1973), see {@link BetaBinomialFitter};</li>
 *   <li>{@link #fitMaximumLikelihood} — beta-binomial marginal likelihood maximised with BOBYQA from the moment
 *       estimate;</li>
 *   <li>{@link #fit} — either method, or the caller's {@link #fromMeanAndStrength fallback} (e.g. from
 *       {@code conf/priors/}) when fewer than {@link FitOptions#minGroups()} groups have any trials;</li>
 *   <li>{@link #fromMeanAndStrength} — a configured prior.</li>
 * </ul>
 * Degenerate input (all rates 0 or 1, no group with more than one trial, spread no larger than binomial noise)
 * never yields NaN: the fit returns a {@link Source#WEAK} prior (pooled mean {@code (K+½)/(N+1)}, strength
 * {@link FitOptions#weakStrength()}, each shape at least ½) that barely shrinks, so a cell's own evidence decides.
 * Note that a configured prior with a small {@code α} (say below 1) is a strong statement that rates are near 0.
 *
 * @param alpha first shape parameter, &gt; 0
 * @param beta second shape parameter, &gt; 0
 * @param source how the prior was obtained
 * @param groups the number of groups with at least one trial behind a fit (0 for a configured prior)
 */
public record BetaBinomialPrior(double alpha, double beta, Source source, int groups) {

    /** How a prior was obtained. */
    public enum Source {
        /** Fitted by the weighted method of moments. */
        METHOD_OF_MOMENTS,
        /** Fitted by maximum marginal likelihood. */
        MAXIMUM_LIKELIHOOD,
        /** Configured (mean and strength), e.g. because too few groups to fit. */
        FALLBACK,
        /** Degenerate data: a deliberately weak prior at the pooled mean, not a fit. */
        WEAK
    }

    /** Fitting method. */
    public enum Method {
        METHOD_OF_MOMENTS,
        MAXIMUM_LIKELIHOOD
    }

    /**
     * Fitting options.
     *
     * @param method the estimator used by {@link #fit}
     * @param minGroups below this many groups with trials, {@link #fit} returns the fallback
     * @param maxStrength a fitted strength at or above this (no over-dispersion detectable) gives a WEAK prior
     * @param weakStrength strength of the WEAK prior, in pseudo-trials
     */
    public record FitOptions(Method method, int minGroups, double maxStrength, double weakStrength)
            implements java.io.Serializable {

        /** Maximum likelihood, at least 10 groups, strength cap 10,000, weak strength 2. */
        public static final FitOptions DEFAULTS = new FitOptions(Method.MAXIMUM_LIKELIHOOD, 10, 1e4, 2);

        public FitOptions {
            if (method == null
                    || minGroups < 2
                    || !(maxStrength > 1)
                    || !(weakStrength > 0)
                    || !(weakStrength < maxStrength)) {
                throw new IllegalArgumentException("invalid beta-binomial fit options: method=" + method
                        + ", minGroups=" + minGroups + " (>= 2), maxStrength=" + maxStrength + " (> 1), weakStrength="
                        + weakStrength + " (> 0, < maxStrength)");
            }
        }
    }

    public BetaBinomialPrior {
        if (!(alpha > 0 && beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta) || source == null) {
            throw new IllegalArgumentException("beta prior needs finite alpha > 0 and beta > 0, got alpha=" + alpha
                    + ", beta=" + beta + ", source=" + source);
        }
    }

    /**
     * A configured prior with mean {@code mean} and {@code strength} pseudo-trials:
     * {@code alpha = mean·strength}, {@code beta = (1−mean)·strength}; source {@link Source#FALLBACK}.
     *
     * @throws IllegalArgumentException unless {@code 0 < mean < 1} and {@code strength > 0}
     */
    public static BetaBinomialPrior fromMeanAndStrength(double mean, double strength) {
        if (!(mean > 0 && mean < 1) || !(strength > 0) || Double.isInfinite(strength)) {
            throw new IllegalArgumentException(
                    "prior mean must lie in (0, 1) and strength be > 0, got mean=" + mean + ", strength=" + strength);
        }
        return new BetaBinomialPrior(mean * strength, (1 - mean) * strength, Source.FALLBACK, 0);
    }

    /** Weighted method-of-moments fit with {@link FitOptions#DEFAULTS}. {@code k[i]} of {@code n[i]} per group. */
    public static BetaBinomialPrior fitMoments(long[] k, long[] n) {
        return fitMoments(k, n, FitOptions.DEFAULTS);
    }

    /** Weighted method-of-moments fit (Kleinman 1973); see {@link BetaBinomialFitter#moments}. */
    public static BetaBinomialPrior fitMoments(long[] k, long[] n, FitOptions options) {
        return BetaBinomialFitter.moments(k, n, options);
    }

    /** Maximum-likelihood fit with {@link FitOptions#DEFAULTS}. */
    public static BetaBinomialPrior fitMaximumLikelihood(long[] k, long[] n) {
        return fitMaximumLikelihood(k, n, FitOptions.DEFAULTS);
    }

    /** Maximum-likelihood fit; see {@link BetaBinomialFitter#maximumLikelihood}. */
    public static BetaBinomialPrior fitMaximumLikelihood(long[] k, long[] n, FitOptions options) {
        return BetaBinomialFitter.maximumLikelihood(k, n, options);
    }

    /**
     * Fit with {@code options.method()}, or return {@code fallback} when fewer than {@code options.minGroups()}
     * groups have at least one trial. Without a fallback ({@code null}) a small group gets a WEAK prior.
     */
    public static BetaBinomialPrior fit(long[] k, long[] n, FitOptions options, BetaBinomialPrior fallback) {
        int groups = BetaBinomialFitter.informativeGroups(k, n);
        if (groups < options.minGroups()) {
            return fallback != null ? fallback : BetaBinomialFitter.weak(k, n, options, groups);
        }
        return options.method() == Method.MAXIMUM_LIKELIHOOD
                ? fitMaximumLikelihood(k, n, options)
                : fitMoments(k, n, options);
    }

    /** Prior mean {@code α/(α+β)}. */
    public double mean() {
        return alpha / (alpha + beta);
    }

    /** Prior strength {@code α+β}, in pseudo-trials. */
    public double strength() {
        return alpha + beta;
    }

    /** Prior variance {@code μ(1−μ)/(α+β+1)}. */
    public double variance() {
        double m = mean();
        return m * (1 - m) / (strength() + 1);
    }

    /** Whether this is the flagged weak prior of a degenerate fit. */
    public boolean isWeak() {
        return source == Source.WEAK;
    }

    /** Posterior (shrunk) mean {@code (α+k)/(α+β+n)} for {@code k} successes in {@code n} trials. */
    public double posteriorMean(long k, long n) {
        check(k, n);
        return (alpha + k) / (alpha + beta + n);
    }

    /**
     * Equal-tailed posterior credible interval: the {@code (1−level)/2} and {@code (1+level)/2} quantiles of
     * {@code Beta(α+k, β+n−k)}.
     */
    public Interval posteriorInterval(long k, long n, double level) {
        check(k, n);
        Normal.checkLevel(level);
        var posterior = new BetaDistribution(null, alpha + k, beta + n - k, 1e-12);
        double tail = (1 - level) / 2;
        return new Interval(
                        posterior.inverseCumulativeProbability(tail), posterior.inverseCumulativeProbability(1 - tail))
                .clamp(0, 1);
    }

    private static void check(long k, long n) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
    }
}
