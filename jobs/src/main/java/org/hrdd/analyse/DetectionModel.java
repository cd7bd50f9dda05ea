package org.hrdd.analyse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.hrdd.stats.Interval;

/**
 * Audit detection sensitivity per scheme × theme from the audits of cells likely at a high-risk level, at reference
 * conditions (announced audit, lead auditor new to the facility).
 *
 * <p>Each audited cell falls in one of four condition classes: announced/unannounced × new/repeat
 * lead auditor. Unannounced audits find more and repeat auditors less (DOMAIN.md); the two multipliers {@code u} and
 * {@code r} are estimated from the data, pooled over every scheme and theme: the finding rate of the class over the
 * reference class's. A cell's exposure is 1 at reference conditions, {@code u}, {@code r} or {@code u·r} otherwise, so
 * that findings ÷ exposure estimates the detection rate at reference conditions.
 *
 * <p>Per scheme × theme there are few cells, so the raw ratio is noisy. A multiplicative model
 * {@code d(s, t) = a_s · b_t} (scheme effect × theme effect, fitted by iterative proportional fitting, i.e. Poisson
 * maximum likelihood on findings with exposure as offset) gives a pooled value, and each pair's estimate is shrunk
 * towards it with {@link #PRIOR_CELLS} pseudo-cells: {@code d = (F + κ·fit) / (X + κ)}. The interval is the equal-tailed
 * interval of {@code Beta(F + κ·fit + ½, X − F + κ·(1 − fit) + ½)}; it treats the pooled fit and the multipliers as
 * known, so it is somewhat narrow.
 *
 * <p>Not modelled: cells taken as high that are not (and high cells left out), which pull the estimate slightly.
 */
public final class DetectionModel {

    /**
     * Least exposure (likely-high cells weighted by their probability of being high and standardised to reference
     * conditions) for a pair's estimate: below it the data cannot support one and none is published.
     */
    public static final double MIN_EXPOSURE = 10;

    /** Pseudo-cells of the pooled fit in each pair's estimate. */
    public static final double PRIOR_CELLS = 20;

    /** Condition classes: announced & new auditor (reference), unannounced & new, announced & repeat, unannounced & repeat. */
    public static final int CLASSES = 4;

    /**
     * Audited likely-high cells of one scheme × theme: cells and cells with a finding, per condition class; with
     * {@code highMass} the sum of those cells' probabilities of being truly high per class and {@code notHighMass} the
     * sum of the complements (a likely-high cell is high only with its probability: the rest find at the
     * false-positive rate). Without them every cell counts as surely high.
     */
    public record Pair(String scheme, String theme, long[] cells, long[] found, double[] highMass, double notHighMass) {

        public Pair(String scheme, String theme, long[] cells, long[] found) {
            this(
                    scheme,
                    theme,
                    cells,
                    found,
                    java.util.Arrays.stream(cells).asDoubleStream().toArray(),
                    0);
        }

        public Pair {
            if (cells.length != CLASSES || found.length != CLASSES) {
                throw new IllegalArgumentException("need " + CLASSES + " condition classes");
            }
            for (int i = 0; i < CLASSES; i++) {
                if (cells[i] < 0 || found[i] < 0 || found[i] > cells[i]) {
                    throw new IllegalArgumentException("need 0 <= found <= cells in class " + i);
                }
            }
        }

        long totalFound() {
            long f = 0;
            for (long x : found) {
                f += x;
            }
            return f;
        }
    }

    /** A pair's estimate: detection rate, interval, the pooled fit it was shrunk to and the exposure behind it. */
    public record Estimate(double detection, Interval interval, double pooledFit, double exposure) {}

    /** The fitted model. */
    public record Result(
            double unannouncedMultiplier,
            double repeatMultiplier,
            Map<String, Double> schemeEffects,
            Map<String, Double> themeEffects,
            Map<String, Estimate> estimates) {

        public Estimate estimate(String scheme, String theme) {
            return estimates.get(key(scheme, theme));
        }
    }

    private DetectionModel() {}

    static String key(String scheme, String theme) {
        return scheme + '\u0001' + theme;
    }

    public static Result fit(List<Pair> pairs, double level) {
        return fit(pairs, level, 0);
    }

    /**
     * Fits with the audits' false-positive rate on absent themes: a pair's findings expected from its cells that are
     * not truly high ({@code fp · notHighMass}) are taken off, and its exposure counts each cell by its probability of
     * being high. Pairs with less than {@link #MIN_EXPOSURE} of exposure get no estimate.
     */
    public static Result fit(List<Pair> pairs, double level, double falsePositiveRate) {
        long[] n = new long[CLASSES];
        long[] f = new long[CLASSES];
        for (Pair p : pairs) {
            for (int i = 0; i < CLASSES; i++) {
                n[i] += p.cells()[i];
                f[i] += p.found()[i];
            }
        }
        double reference = rate(f[0], n[0]);
        double u = multiplier(rate(f[1], n[1]), reference);
        double r = multiplier(rate(f[2], n[2]), reference);
        double[] weight = {1, u, r, u * r};

        Map<String, double[]> fx = new LinkedHashMap<>();
        List<String> schemes = new ArrayList<>();
        List<String> themes = new ArrayList<>();
        double totalFound = 0;
        double totalExposure = 0;
        for (Pair p : pairs) {
            double exposure = 0;
            for (int i = 0; i < CLASSES; i++) {
                exposure += weight[i] * p.highMass()[i];
            }
            if (exposure <= 0) {
                continue;
            }
            double foundHigh = Math.max(0, p.totalFound() - falsePositiveRate * p.notHighMass());
            fx.put(key(p.scheme(), p.theme()), new double[] {foundHigh, exposure});
            totalFound += foundHigh;
            totalExposure += exposure;
            if (!schemes.contains(p.scheme())) {
                schemes.add(p.scheme());
            }
            if (!themes.contains(p.theme())) {
                themes.add(p.theme());
            }
        }
        Map<String, Double> a = new LinkedHashMap<>();
        Map<String, Double> b = new LinkedHashMap<>();
        schemes.forEach(s -> a.put(s, 1.0));
        themes.forEach(t -> b.put(t, 0.0));
        double overall = totalExposure > 0 ? totalFound / totalExposure : 0;
        for (int iteration = 0; iteration < 200; iteration++) {
            for (String t : themes) {
                double num = 0;
                double den = 0;
                for (String s : schemes) {
                    double[] v = fx.get(key(s, t));
                    if (v != null) {
                        num += v[0];
                        den += a.get(s) * v[1];
                    }
                }
                // a theme seen on few cells is pulled towards the overall rate (PRIOR_CELLS pseudo-cells), so that a
                // handful of cells cannot carry every scheme's fit for it to 0 or 1
                b.put(t, (num + PRIOR_CELLS * overall) / (den + PRIOR_CELLS));
            }
            for (String s : schemes) {
                double num = 0;
                double den = 0;
                for (String t : themes) {
                    double[] v = fx.get(key(s, t));
                    if (v != null) {
                        num += v[0];
                        den += b.get(t) * v[1];
                    }
                }
                a.put(s, den > 0 ? num / den : 1);
            }
        }
        Map<String, Estimate> estimates = new LinkedHashMap<>();
        double tail = (1 - level) / 2;
        for (Pair p : pairs) {
            double[] v = fx.get(key(p.scheme(), p.theme()));
            if (v == null || v[1] < MIN_EXPOSURE) {
                continue;
            }
            double fit = Math.min(1, a.get(p.scheme()) * b.get(p.theme()));
            double d = Math.min(1, (v[0] + PRIOR_CELLS * fit) / (v[1] + PRIOR_CELLS));
            double alpha = v[0] + PRIOR_CELLS * fit + 0.5;
            double beta = Math.max(0.5, v[1] - v[0] + PRIOR_CELLS * (1 - fit) + 0.5);
            BetaDistribution post = new BetaDistribution(null, alpha, beta, 1e-12);
            estimates.put(
                    key(p.scheme(), p.theme()),
                    new Estimate(
                            d,
                            new Interval(
                                    post.inverseCumulativeProbability(tail),
                                    post.inverseCumulativeProbability(1 - tail)),
                            fit,
                            v[1]));
        }
        return new Result(u, r, a, b, estimates);
    }

    private static double rate(long k, long n) {
        return n == 0 ? Double.NaN : (double) k / n;
    }

    /** A class's rate over the reference rate; 1 when either is missing or zero (no evidence of an effect). */
    private static double multiplier(double classRate, double referenceRate) {
        if (Double.isNaN(classRate) || Double.isNaN(referenceRate) || referenceRate <= 0 || classRate <= 0) {
            return 1;
        }
        return classRate / referenceRate;
    }
}
