package org.hrdd.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibrated tier cut-offs, hand-computed. */
class TierCalibrationTest {

    static final RiskModel MODEL = CellRiskTest.MODEL; // reference burden 1, tiers 75 / 55 / 35, correlation 0.5

    static FacilityScore.ThemeRisk theme(String name, double likelihood, double gap, double sd, double severity) {
        return new FacilityScore.ThemeRisk(
                name,
                new CellRisk.Result(likelihood - gap, 0, 0, 0, 0, gap, likelihood, sd, 0, severity, severity, 0, 0));
    }

    /**
     * Mean burden without the coverage-gap loading, spread from the themes' sds correlated at 0.5: two themes of
     * severity 1 and sd 0.1 give variance 0.5 · (0.01 + 0.01) + 0.5 · 0.2² = 0.03. A mean exactly at the critical
     * burden (score 75 at reference burden 1: −ln 0.25) is critical with probability one half.
     */
    @Test
    void aFacilityAtTheCriticalBurdenIsCriticalWithProbabilityOneHalf() {
        double critical = -Math.log(0.25);
        double[] p = TierCalibration.probabilities(
                List.of(theme("a", critical / 2 + 0.3, 0.3, 0.1, 1), theme("b", critical / 2, 0, 0.1, 1)), MODEL);
        assertThat(p[0]).isCloseTo(0.5, within(1e-9));
        // high (score 55): burden −ln 0.45 = 0.7985, z = (0.7985 − 1.3863) / sqrt(0.03) = −3.394
        assertThat(p[1]).isCloseTo(0.99966, within(1e-4));
        assertThat(p[2]).isGreaterThan(p[1]);
        // without any spread the probability is a step at the cut-off
        double[] sure = TierCalibration.probabilities(List.of(theme("a", 1.0, 0, 0, 1)), MODEL);
        assertThat(sure).containsExactly(0, 1, 1);
    }

    /**
     * Four facilities (score, P critical, P high, P medium): the tiers expect 1.7, 2.35 and 3.0 facilities, so the
     * critical and high tiers start at the 2nd score (60) and medium at the 3rd (50); the fixed cut-offs would have
     * put the first only in critical, and two in medium.
     */
    @Test
    void aTierHoldsAsManyFacilitiesAsTheEvidenceExpects() {
        List<double[]> facilities = List.of(
                new double[] {80, 0.9, 0.95, 1.0},
                new double[] {60, 0.6, 0.8, 0.9},
                new double[] {50, 0.2, 0.5, 0.8},
                new double[] {30, 0.0, 0.1, 0.3});
        double[] cut = TierCalibration.cutoffs(facilities, MODEL.score());
        assertThat(cut).containsExactly(60, 60, 50);
        TierCalibration c = new TierCalibration(java.util.Map.of("2026-Q3", cut), RiskModel.Tier.MEDIUM);
        assertThat(c.tier("2026-Q3", 60, true)[0]).isEqualTo(RiskModel.Tier.CRITICAL);
        assertThat(c.tier("2026-Q3", 50, true)[0]).isEqualTo(RiskModel.Tier.MEDIUM);
        // a facility without worker voice stays at least medium, and the floor is told apart from the score's tier
        RiskModel.Tier[] floored = c.tier("2026-Q3", 30, false);
        assertThat(floored).containsExactly(RiskModel.Tier.MEDIUM, RiskModel.Tier.LOW);
    }

    /** Facilities with the same score get the same tier: the block goes in or out, whichever is closer to the count. */
    @Test
    void tiedScoresAreTieredAlike() {
        // expected 2 critical; scores 80, 60, 60, 60: taking the block in gives 4 (2 too many), leaving it out 1
        List<double[]> block = List.of(
                new double[] {80, 1, 1, 1}, new double[] {60, 0.4, 1, 1}, new double[] {60, 0.3, 1, 1}, new double[] {
                    60, 0.3, 1, 1
                });
        double[] cut = TierCalibration.cutoffs(block, MODEL.score());
        assertThat(cut[0]).isGreaterThan(60).isLessThan(80);
        // expected 3: in gives 4 (1 too many), out gives 1 (2 too few)
        List<double[]> three = List.of(
                new double[] {80, 1, 1, 1}, new double[] {60, 0.7, 1, 1}, new double[] {60, 0.7, 1, 1}, new double[] {
                    60, 0.6, 1, 1
                });
        assertThat(TierCalibration.cutoffs(three, MODEL.score())[0]).isEqualTo(60);
    }

    @Test
    void aTierTheEvidenceExpectsNobodyInIsEmpty() {
        List<double[]> facilities = List.of(new double[] {90, 0.1, 0.9, 1.0}, new double[] {20, 0.1, 0.2, 0.9});
        double[] cut = TierCalibration.cutoffs(facilities, MODEL.score());
        assertThat(cut[0]).isGreaterThan(90);
        assertThat(cut[1]).isEqualTo(90);
        assertThat(cut[2]).isEqualTo(20);
    }
}
