package org.hrdd.generate;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random source. Every facility gets its own stream derived from (seed, facility index,
 * purpose), so the output does not depend on thread scheduling.
 */
final class Rng {
    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static Rng of(long seed, long a, long b) {
        return new Rng(Ids.mix(seed, a, b));
    }

    double uniform() {
        return random.nextDouble();
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Inclusive range. */
    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    long nextLong() {
        return random.nextLong();
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double normal() {
        return random.nextGaussian();
    }

    double normal(double mean, double sd) {
        return mean + sd * random.nextGaussian();
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** Weighted choice from an insertion-ordered map of weights. */
    <K> K weighted(Map<K, Double> weights) {
        double total = 0;
        for (double w : weights.values()) total += w;
        double u = random.nextDouble() * total;
        K last = null;
        for (var e : weights.entrySet()) {
            last = e.getKey();
            u -= e.getValue();
            if (u < 0) return last;
        }
        return last;
    }

    int weightedIndex(double[] w) {
        double total = 0;
        for (double x : w) total += x;
        double u = random.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) return i;
        }
        return w.length - 1;
    }

    /** Poisson draw: inversion for small means, rounded normal for large ones. */
    int poisson(double mean) {
        if (mean <= 0) return 0;
        if (mean < 30) {
            double l = Math.exp(-mean), p = 1;
            int k = 0;
            do {
                k++;
                p *= random.nextDouble();
            } while (p > l);
            return k - 1;
        }
        return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }

    /** Binomial draw: exact for small n, normal approximation otherwise. */
    int binomial(int n, double p) {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (n < 60) {
            int k = 0;
            for (int i = 0; i < n; i++) if (random.nextDouble() < p) k++;
            return k;
        }
        double mean = n * p, sd = Math.sqrt(n * p * (1 - p));
        return (int) Math.max(0, Math.min(n, Math.round(mean + sd * random.nextGaussian())));
    }
}
