package org.hrdd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankMetricsTest {

    @Test
    void aucCountsPositiveNegativePairsInOrderWithTiesAsHalf() {
        // positives 0.9, 0.4 ; negatives 0.5, 0.4, 0.1 -> pairs: (0.9 beats all 3) + (0.4: beats 0.1, ties 0.4,
        // loses to 0.5) = 3 + 1 + 0.5 = 4.5 of 6
        double[] s = {0.9, 0.5, 0.4, 0.4, 0.1};
        boolean[] p = {true, false, true, false, false};
        assertThat(RankMetrics.auc(s, p)).isCloseTo(4.5 / 6, within(1e-12));
    }

    @Test
    void perfectAndReversedRankings() {
        assertThat(RankMetrics.auc(new double[] {3, 2, 1}, new boolean[] {true, false, false}))
                .isEqualTo(1.0);
        assertThat(RankMetrics.auc(new double[] {1, 2, 3}, new boolean[] {true, false, false}))
                .isEqualTo(0.0);
        assertThat(RankMetrics.auc(new double[] {1, 2}, new boolean[] {false, false}))
                .isNaN();
    }

    @Test
    void precisionAtTheTopTenPercent() {
        double[] s = new double[20];
        boolean[] p = new boolean[20];
        for (int i = 0; i < 20; i++) {
            s[i] = i;
            p[i] = i == 19 || i == 5;
        }
        // the top 2 of 20 are 19 (positive) and 18 (negative)
        assertThat(RankMetrics.precisionAtTop(s, p, 0.10)).isEqualTo(0.5);
        // ceil(0.10 · 21) = 3
        assertThat(RankMetrics.precisionAtTop(new double[21], new boolean[21], 0.10))
                .isEqualTo(0.0);
    }
}
