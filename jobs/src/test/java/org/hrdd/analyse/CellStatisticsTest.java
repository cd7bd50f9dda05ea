package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hrdd.stats.Interval;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the cell statistics. */
class CellStatisticsTest {

    @Test
    void channelPriorsMixByTheCellsOwnChannelMix() {
        // (10·0.2 + 30·0.1) / 40
        assertThat(CellStatistics.mixedPriorMean(10, 30, 0.2, 0.1)).isCloseTo(0.125, within(1e-12));
        assertThat(CellStatistics.mixedPriorStrength(10, 30, 40, 20)).isCloseTo(25, within(1e-12));
        assertThat(CellStatistics.mixedPriorMean(0, 0, 0.2, 0.1)).isEqualTo(0.1);
    }

    @Test
    void measurementModelMapsPrevalenceToRateAndBack() {
        // survey 0.5·0.7 + 0.5·0.01 = 0.355; helpline 0.5·0.5·0.69 = 0.1725; (30·0.355 + 10·0.1725) / 40
        double rate = CellStatistics.rateAtPrevalence(0.5, 10, 30, 0.7, 0.01, 0.5);
        assertThat(rate).isCloseTo(0.309375, within(1e-12));
        assertThat(CellStatistics.prevalenceAtRate(rate, 10, 30, 0.7, 0.01, 0.5))
                .isCloseTo(0.5, within(1e-12));
        assertThat(CellStatistics.prevalenceAtRate(0.0, 0, 30, 0.7, 0.01, 0.5)).isZero();
        assertThat(CellStatistics.prevalenceAtRate(0.99, 0, 30, 0.7, 0.01, 0.5)).isEqualTo(1.0);
        assertThat(CellStatistics.rateAtPrevalence(0.5, 0, 0, 0.7, 0.01, 0.5)).isNaN();
    }

    @Test
    void helplineFactorIsTheGammaPosteriorMean() {
        // survey signal 50/100 − 0.1 = 0.4; (30 + 20) / (200·0.4 + 20/0.5) = 50 / 120
        assertThat(CellStatistics.helplineFactor(30, 200, 50, 100, 0.1, 0.5, 20))
                .isCloseTo(50.0 / 120, within(1e-12));
        // no data: the configured start
        assertThat(CellStatistics.helplineFactor(0, 0, 0, 0, 0.1, 0.5, 20)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shrinkageAndPosteriorFollowTheBetaBinomial() {
        assertThat(CellStatistics.shrunkRate(3, 10, 0.2, 10)).isCloseTo(0.25, within(1e-12));
        // Beta(1, 1) posterior with no data: uniform
        Interval u = CellStatistics.shrunkInterval(0, 0, 0.5, 2, 0.90);
        assertThat(u.lower()).isCloseTo(0.05, within(1e-9));
        assertThat(u.upper()).isCloseTo(0.95, within(1e-9));
        assertThat(CellStatistics.probabilityAbove(0.3, 0, 0, 0.5, 2)).isCloseTo(0.7, within(1e-9));
        // Beta(1 + 2, 1 + 0) = Beta(3, 1): P(X > 0.5) = 1 − 0.5³
        assertThat(CellStatistics.probabilityAbove(0.5, 2, 2, 0.5, 2)).isCloseTo(0.875, within(1e-9));
    }

    @Test
    void aPriorMeanOfZeroStillGivesAnInterval() {
        // found on the demo world: a theme nobody reported in a period gave prior mean 0 and Beta(0, ...) broke
        Interval i = CellStatistics.shrunkInterval(0, 20, 0.0, 20, 0.95);
        assertThat(i.lower()).isGreaterThanOrEqualTo(0.0);
        assertThat(i.upper()).isLessThan(0.05);
        assertThat(CellStatistics.probabilityAbove(0.1, 0, 20, 0.0, 20)).isBetween(0.0, 1e-4);
    }

    @Test
    void upperTailIsTheExactBinomialTail() {
        assertThat(CellStatistics.upperTailPValue(3, 5, 0.5)).isCloseTo(16.0 / 32, within(1e-12));
        assertThat(CellStatistics.upperTailPValue(5, 5, 0.5)).isCloseTo(1.0 / 32, within(1e-12));
        assertThat(CellStatistics.upperTailPValue(0, 5, 0.5)).isEqualTo(1.0);
        assertThat(CellStatistics.upperTailPValue(0, 0, 0.5)).isEqualTo(1.0);
    }
}
