package org.hrdd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.hrdd.stats.BetaBinomialPrior.FitOptions;
import org.hrdd.stats.BetaBinomialPrior.Method;
import org.hrdd.stats.BetaBinomialPrior.Source;
import org.junit.jupiter.api.Test;

class BetaBinomialPriorTest {

    /** Twelve groups (k, n); reference fits below computed with /usr/bin/python3 (math.lgamma only). */
    private static final long[] K = {0, 1, 3, 2, 5, 7, 1, 4, 9, 2, 0, 6};

    private static final long[] N = {20, 20, 25, 18, 30, 30, 12, 40, 35, 22, 15, 28};

    /**
     * Kleinman's iteration in plain Python: rho=0; repeat: w=n/(1+rho(n-1)); W=Σw; p=Σw·y/W; S=Σw(y-p)²;
     * A=Σw(1-w/W)/n; B=Σw(1-w/W)(1-1/n); rho=(S/(p(1-p))-A)/B → μ 0.1300822953030129, ρ 0.02282145632454072,
     * α 5.569917452878299, β 37.248495613279296. (The unweighted estimator gives μ 0.1189, strength 40.43: a
     * different, wrong-for-this-class answer the test rejects.)
     */
    @Test
    void methodOfMomentsMatchesKleinmanByHand() {
        BetaBinomialPrior p = BetaBinomialPrior.fitMoments(K, N);
        assertThat(p.source()).isEqualTo(Source.METHOD_OF_MOMENTS);
        assertThat(p.groups()).isEqualTo(12);
        assertThat(p.mean()).isCloseTo(0.1300822953030129, within(1e-10));
        assertThat(p.alpha()).isCloseTo(5.569917452878299, within(1e-7));
        assertThat(p.beta()).isCloseTo(37.248495613279296, within(1e-6));
    }

    /**
     * Python: ℓ(α,β) = Σ lgamma(k+α)+lgamma(n−k+β)−lgamma(n+α+β)−lgamma(α)−lgamma(β)+lgamma(α+β), maximised by a
     * 21×21 grid over (logit μ, ln s) shrunk by 0.6 sixty times: μ 0.13032439085035272, s 46.83493705393844,
     * α 6.10373464206914, β 40.7312024118693, ℓ −116.55744637018435.
     */
    @Test
    void maximumLikelihoodMatchesGridSearchByHand() {
        BetaBinomialPrior p = BetaBinomialPrior.fitMaximumLikelihood(K, N);
        assertThat(p.source()).isEqualTo(Source.MAXIMUM_LIKELIHOOD);
        assertThat(p.mean()).isCloseTo(0.13032439085035272, within(1e-5));
        assertThat(p.strength()).isCloseTo(46.83493705393844, within(0.05));
        assertThat(p.alpha()).isCloseTo(6.10373464206914, within(0.01));
        assertThat(BetaBinomialFitter.logLikelihood(K, N, 6.10373464206914, 40.7312024118693))
                .isCloseTo(-116.55744637018435, within(1e-9));
        assertThat(BetaBinomialFitter.logLikelihood(K, N, p.alpha(), p.beta()))
                .isGreaterThanOrEqualTo(-116.55744637018435 - 1e-9);
    }

    /**
     * 2,000 groups, true prior Beta(2, 18) (mean 0.1, strength 20, variance 0.1·0.9/21 = 0.0042857), group sizes
     * 5…200, seeded. Both fits recover the mean within 0.006, the strength within 20 % and the prior variance within
     * 15 %; checked on three seeds so the tolerance is not tuned to one draw.
     */
    @Test
    void bothFitsRecoverASimulatedPrior() {
        for (long seed : new long[] {1, 2, 3}) {
            long[][] sim = simulate(new Well19937c(seed), 2.0, 18.0, 2000);
            for (BetaBinomialPrior p : new BetaBinomialPrior[] {
                BetaBinomialPrior.fitMoments(sim[0], sim[1]), BetaBinomialPrior.fitMaximumLikelihood(sim[0], sim[1])
            }) {
                assertThat(p.isWeak()).isFalse();
                assertThat(p.mean()).as("%s seed %d", p, seed).isCloseTo(0.1, within(0.006));
                assertThat(p.strength()).as("%s seed %d", p, seed).isCloseTo(20, within(4.0));
                assertThat(p.variance())
                        .as("%s seed %d", p, seed)
                        .isCloseTo(0.1 * 0.9 / 21, within(0.15 * 0.1 * 0.9 / 21));
            }
        }
    }

    @Test
    void shrinkageBeatsRawRatesOnMeanSquaredError() {
        RandomGenerator rng = new Well19937c(42);
        var prior = new BetaDistribution(rng, 2, 18);
        int groups = 2000;
        double[] truth = new double[groups];
        long[] k = new long[groups];
        long[] n = new long[groups];
        for (int i = 0; i < groups; i++) {
            truth[i] = prior.sample();
            n[i] = 3 + rng.nextInt(40);
            k[i] = new BinomialDistribution(rng, (int) n[i], truth[i]).sample();
        }
        BetaBinomialPrior fitted = BetaBinomialPrior.fitMaximumLikelihood(k, n);
        double raw = 0, shrunk = 0;
        for (int i = 0; i < groups; i++) {
            raw += Math.pow((double) k[i] / n[i] - truth[i], 2);
            shrunk += Math.pow(fitted.posteriorMean(k[i], n[i]) - truth[i], 2);
        }
        assertThat(shrunk).isLessThan(0.6 * raw);
    }

    /**
     * Prior Beta(2, 18), 5 of 30: posterior Beta(7, 43), mean 7/50 = 0.14. Its 95 % equal-tailed interval by
     * bisection in Python on I_x(7,43) = P(Binomial(49, x) >= 7) (integer shapes): (0.059421505690313,
     * 0.24769296835968269). Prior Beta(1, 9), 0 of 2 → Beta(1, 11), closed form q = 1 − (1 − u)^(1/11): 90 % interval
     * (0.004652171732197301, 0.23840419038085248).
     */
    @Test
    void posteriorMeanAndIntervalByHand() {
        BetaBinomialPrior p = BetaBinomialPrior.fromMeanAndStrength(0.1, 20);
        assertThat(p.alpha()).isCloseTo(2, within(1e-12));
        assertThat(p.beta()).isCloseTo(18, within(1e-12));
        assertThat(p.source()).isEqualTo(Source.FALLBACK);
        assertThat(p.posteriorMean(5, 30)).isCloseTo(0.14, within(1e-15));
        assertThat(p.posteriorMean(0, 0)).isCloseTo(0.1, within(1e-15));
        Interval ci = p.posteriorInterval(5, 30, 0.95);
        assertThat(ci.lower()).isCloseTo(0.059421505690313, within(1e-9));
        assertThat(ci.upper()).isCloseTo(0.24769296835968269, within(1e-9));
        Interval ci2 = new BetaBinomialPrior(1, 9, Source.FALLBACK, 0).posteriorInterval(0, 2, 0.90);
        assertThat(ci2.lower()).isCloseTo(0.004652171732197301, within(1e-9));
        assertThat(ci2.upper()).isCloseTo(0.23840419038085248, within(1e-9));
    }

    @Test
    void degenerateInputGivesAFlaggedWeakPriorNeverNaN() {
        long[] zeros = new long[50];
        long[] fifty = filled(50, 40);
        for (BetaBinomialPrior p : new BetaBinomialPrior[] {
            BetaBinomialPrior.fitMoments(zeros, fifty), BetaBinomialPrior.fitMaximumLikelihood(zeros, fifty)
        }) {
            assertThat(p.isWeak()).isTrue();
            // pooled mean μ = (ΣK + ½)/(ΣN + 1) = 0.5/2001 at strength 2: α = max(½, 2μ) = ½, β = max(½, 2(1−μ))
            assertThat(p.alpha()).isEqualTo(0.5);
            assertThat(p.beta()).isCloseTo(2 * (1 - 0.5 / 2001), within(1e-15));
            // weak means wide: 0 of 40 is not "certainly zero" (Wilson 0/40 upper bound 0.0876)
            assertThat(p.posteriorInterval(0, 40, 0.95).upper()).isBetween(0.03, 0.1);
        }
        // no trials at all
        BetaBinomialPrior none = BetaBinomialPrior.fitMaximumLikelihood(zeros, new long[50]);
        assertThat(none.isWeak()).isTrue();
        assertThat(none.mean()).isEqualTo(0.5);
        assertThat(none.strength()).isEqualTo(2.0);
        // every group exactly 10 of 100: spread below binomial noise
        BetaBinomialPrior flat = BetaBinomialPrior.fitMoments(filled(30, 10), filled(30, 100));
        assertThat(flat.isWeak()).isTrue();
        assertThat(BetaBinomialPrior.fitMaximumLikelihood(filled(30, 10), filled(30, 100))
                        .isWeak())
                .isTrue();
        // single trials: dispersion not identified
        long[] ones = filled(20, 1);
        long[] alternating = new long[20];
        for (int i = 0; i < 20; i += 2) {
            alternating[i] = 1;
        }
        assertThat(BetaBinomialPrior.fitMaximumLikelihood(alternating, ones).isWeak())
                .isTrue();
        assertThat(BetaBinomialPrior.fitMoments(new long[] {3}, new long[] {10}).isWeak())
                .isTrue();
    }

    @Test
    void tooFewGroupsUseTheFallback() {
        BetaBinomialPrior fallback = BetaBinomialPrior.fromMeanAndStrength(0.05, 10);
        var options = new FitOptions(Method.METHOD_OF_MOMENTS, 13, 1e4, 2);
        assertThat(BetaBinomialPrior.fit(K, N, options, fallback)).isSameAs(fallback);
        assertThat(BetaBinomialPrior.fit(K, N, options, null).isWeak()).isTrue();
        var twelve = new FitOptions(Method.METHOD_OF_MOMENTS, 12, 1e4, 2);
        assertThat(BetaBinomialPrior.fit(K, N, twelve, fallback).source()).isEqualTo(Source.METHOD_OF_MOMENTS);
        // groups without trials do not count
        long[] k = Arrays.copyOf(K, 14);
        long[] n = Arrays.copyOf(N, 14);
        assertThat(BetaBinomialPrior.fit(k, n, options, fallback)).isSameAs(fallback);
        assertThat(BetaBinomialPrior.fit(K, N, FitOptions.DEFAULTS, fallback).source())
                .isEqualTo(Source.MAXIMUM_LIKELIHOOD);
    }

    @Test
    void invalidInputIsRejected() {
        assertThatThrownBy(() -> BetaBinomialPrior.fromMeanAndStrength(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BetaBinomialPrior.fromMeanAndStrength(0.2, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BetaBinomialPrior.fitMoments(new long[] {5}, new long[] {4}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BetaBinomialPrior.fitMoments(new long[] {1, 2}, new long[] {4}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BetaBinomialPrior.fromMeanAndStrength(0.1, 20).posteriorMean(3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long[][] simulate(RandomGenerator rng, double alpha, double beta, int groups) {
        var prior = new BetaDistribution(rng, alpha, beta);
        long[] k = new long[groups];
        long[] n = new long[groups];
        for (int i = 0; i < groups; i++) {
            n[i] = 5 + rng.nextInt(196);
            k[i] = new BinomialDistribution(rng, (int) n[i], prior.sample()).sample();
        }
        return new long[][] {k, n};
    }

    private static long[] filled(int size, long value) {
        long[] a = new long[size];
        Arrays.fill(a, value);
        return a;
    }
}
