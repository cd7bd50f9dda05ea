package org.hrdd.analyse;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.hrdd.stats.Interval;
import org.hrdd.stats.ProportionTests;
import org.hrdd.stats.WilsonInterval;

/**
 * The worker-side statistics of one facility × theme × period cell, from its counts and its prior. Pure functions,
 * applied to Spark rows by {@link WorkerEvidence}.
 *
 * <p>A cell has {@code k} of {@code n} distinct workers reporting the theme, {@code nS} reached by survey and
 * {@code nH} by helpline. Its prior is {@code Beta(m·s, (1−m)·s)}, the channel priors mixed by the cell's own channel
 * mix. Reading a rate as prevalence {@code p} uses the measurement model
 * <pre>
 *   survey rate   r_S(p) = p·d + (1 − p)·b          d = disclosure, b = noise (conf/priors/themes.yaml)
 *   helpline rate r_H(p) = x·(r_S(p) − b) = x·p·(d − b)   x = helpline ÷ survey reporting, calibrated on the data
 *   cell rate     r(p)   = (nS·r_S(p) + nH·r_H(p)) / n
 * </pre>
 * which is linear in {@code p}, so the rate at the high-risk threshold and the prevalence behind a rate are explicit.
 */
public final class CellStatistics {

    private CellStatistics() {}

    /** Mixed prior mean: the channel priors weighted by the cell's workers per channel (survey prior if nobody). */
    public static double mixedPriorMean(long nH, long nS, double meanH, double meanS) {
        long n = nH + nS;
        return n == 0 ? meanS : (nH * meanH + nS * meanS) / n;
    }

    /** Mixed prior strength, weighted like {@link #mixedPriorMean}. */
    public static double mixedPriorStrength(long nH, long nS, double strengthH, double strengthS) {
        long n = nH + nS;
        return n == 0 ? strengthS : (nH * strengthH + nS * strengthS) / n;
    }

    /** Rate {@code r(p)} the cell is expected to report at prevalence {@code p} (NaN when nobody was reached). */
    public static double rateAtPrevalence(
            double p, long nH, long nS, double disclosure, double noise, double helplineFactor) {
        long n = nH + nS;
        if (n == 0) {
            return Double.NaN;
        }
        double survey = p * disclosure + (1 - p) * noise;
        double helpline = helplineFactor * p * (disclosure - noise);
        return (nS * survey + nH * helpline) / n;
    }

    /** Prevalence behind a rate, the inverse of {@link #rateAtPrevalence}, clamped to [0, 1]. */
    public static double prevalenceAtRate(
            double rate, long nH, long nS, double disclosure, double noise, double helplineFactor) {
        long n = nH + nS;
        if (n == 0 || Double.isNaN(rate)) {
            return Double.NaN;
        }
        double slope = (disclosure - noise) * (nS + helplineFactor * nH);
        if (!(slope > 0)) {
            return Double.NaN;
        }
        double p = (n * rate - nS * noise) / slope;
        return Math.max(0, Math.min(1, p));
    }

    /**
     * Helpline ÷ survey reporting factor {@code x} of one theme from the cells reached by both channels: helpline
     * reports {@code kH} of {@code nH} against a survey rate {@code kS/nS}, noise removed; a gamma prior with mean
     * {@code start} and shape {@code strength} keeps it near the configured value when there is little data:
     * {@code x = (kH + strength) / (nH·(kS/nS − b) + strength/start)}.
     */
    public static double helplineFactor(
            long kH, long nH, long kS, long nS, double noise, double start, double strength) {
        double surveySignal = nS == 0 ? 0 : Math.max(0, (double) kS / nS - noise);
        return (kH + strength) / (nH * surveySignal + strength / start);
    }

    /** Posterior mean {@code (m·s + k) / (s + n)}. */
    public static double shrunkRate(long k, long n, double priorMean, double priorStrength) {
        return (priorMean * priorStrength + k) / (priorStrength + n);
    }

    /** Smallest shape parameter used, so that a prior mean of exactly 0 or 1 still gives a proper posterior. */
    static final double MIN_SHAPE = 1e-3;

    /** The posterior {@code Beta(m·s + k, (1−m)·s + n − k)} of a cell's rate (shapes floored at {@link #MIN_SHAPE}). */
    public record Posterior(BetaDistribution beta) {

        /** Equal-tailed interval at {@code level}. */
        public Interval interval(double level) {
            double tail = (1 - level) / 2;
            return new Interval(beta.inverseCumulativeProbability(tail), beta.inverseCumulativeProbability(1 - tail));
        }

        /** P(rate > {@code rate}); NaN for a NaN rate. */
        public double probabilityAbove(double rate) {
            return Double.isNaN(rate) ? Double.NaN : 1 - beta.cumulativeProbability(Math.max(0, Math.min(1, rate)));
        }
    }

    public static Posterior posterior(long k, long n, double priorMean, double priorStrength) {
        double a = Math.max(MIN_SHAPE, priorMean * priorStrength + k);
        double b = Math.max(MIN_SHAPE, (1 - priorMean) * priorStrength + n - k);
        return new Posterior(new BetaDistribution(null, a, b, 1e-12));
    }

    /** Equal-tailed interval of the posterior, see {@link #posterior}. */
    public static Interval shrunkInterval(long k, long n, double priorMean, double priorStrength, double level) {
        return posterior(k, n, priorMean, priorStrength).interval(level);
    }

    /** Wilson interval of {@code k/n}. */
    public static Interval wilson(long k, long n, double level) {
        return WilsonInterval.of(k, n, level);
    }

    /** One-sided exact p-value of H0: rate ≤ {@code reference}, i.e. P(X ≥ k) for X ~ Bin(n, reference). */
    public static double upperTailPValue(long k, long n, double reference) {
        if (n == 0) {
            return 1.0;
        }
        double p0 = Math.max(1e-12, Math.min(1 - 1e-12, reference));
        return ProportionTests.binomialUpperTail(k, n, p0);
    }

    /** Posterior probability that the rate exceeds {@code rate}, see {@link #posterior}. */
    public static double probabilityAbove(double rate, long k, long n, double priorMean, double priorStrength) {
        return posterior(k, n, priorMean, priorStrength).probabilityAbove(rate);
    }
}
