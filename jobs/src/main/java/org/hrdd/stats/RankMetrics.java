package org.hrdd.stats;

import java.util.Arrays;

/** How well a score ranks known positives: ROC AUC and precision among the top of the ranking. */
public final class RankMetrics {

    private RankMetrics() {}

    /**
     * Area under the ROC curve, as the Mann–Whitney statistic: the probability that a random positive scores above a
     * random negative, ties counting one half. NaN without positives or negatives.
     */
    public static double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks are 1-based; ties share their mean rank
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Share of positives among the {@code ceil(share · n)} highest scores (ties broken by input order, so pass the
     * items in a fixed order).
     */
    public static double precisionAtTop(double[] scores, boolean[] positive, double share) {
        int n = scores.length;
        int top = (int) Math.ceil(share * n);
        if (n == 0 || top == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int hits = 0;
        for (int k = 0; k < top; k++) {
            hits += positive[order[k]] ? 1 : 0;
        }
        return (double) hits / top;
    }
}
