package org.hrdd.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FacilityScoreTest {

    static final RiskModel MODEL = CellRiskTest.MODEL;

    static CellRisk.Result risk(double prior, double worker, double severity, double confidence) {
        return new CellRisk.Result(
                prior, worker, 0, 0, 0, 0, prior + worker, 0.05, 0.5, severity, severity, 50, confidence);
    }

    @Test
    void scoreIsTheSaturatedSeverityWeightedBurdenAndContributionsAddUp() {
        List<FacilityScore.ThemeRisk> themes = List.of(
                new FacilityScore.ThemeRisk("a", risk(0.2, 0.1, 0.8, 0.5)),
                new FacilityScore.ThemeRisk("b", risk(0.1, -0.05, 0.4, 0.1)));
        FacilityScore.Scored s = FacilityScore.facility(themes, 50, 10, MODEL);
        // B = 0.8·0.3 + 0.4·0.05 = 0.26; score = 100·(1 − e^(−0.26 / 1.0))
        assertThat(s.burden()).isCloseTo(0.26, within(1e-12));
        assertThat(s.score()).isCloseTo(100 * (1 - Math.exp(-0.26)), within(1e-9));
        assertThat(s.contributions().stream()
                        .mapToDouble(FacilityScore.Contribution::value)
                        .sum())
                .isCloseTo(s.score(), within(1e-9));
        // (0.8 · 0.2 + 0.4 · 0.1) / 0.26 of the score comes from the inherent priors
        assertThat(s.inherent()).isCloseTo(s.score() * 0.20 / 0.26, within(1e-9));
        // drivers leave the prior out: theme a's worker voice (0.8 · 0.1) first, theme b's (0.4 · −0.05) last
        FacilityScore.Contribution top = s.top(1).get(0);
        assertThat(top.theme() + "/" + top.evidence()).isEqualTo("a/" + FacilityScore.WORKER_VOICE);
        assertThat(top.value()).isCloseTo(s.score() * 0.08 / 0.26, within(1e-9));
        List<FacilityScore.Contribution> drivers = s.top(10);
        // two themes × five kinds of evidence besides the prior
        assertThat(drivers).hasSize(10).noneMatch(c -> c.evidence().equals(FacilityScore.PRIOR));
        assertThat(drivers.get(9).value()).isCloseTo(s.score() * -0.02 / 0.26, within(1e-9));
        // severity-weighted confidence (0.8·0.5 + 0.4·0.1) / 1.2
        assertThat(s.confidence()).isCloseTo(0.44 / 1.2, within(1e-12));
        assertThat(s.covered()).isTrue();
    }

    @Test
    void aFacilityWithTooFewWorkersReachedIsNotCoveredWhateverItsScore() {
        // (its tier floor is TierCalibration's: TierCalibrationTest)
        List<FacilityScore.ThemeRisk> themes = List.of(new FacilityScore.ThemeRisk("a", risk(0.05, 0, 0.5, 0.1)));
        FacilityScore.Scored covered = FacilityScore.facility(themes, 10, 10, MODEL);
        FacilityScore.Scored uncovered = FacilityScore.facility(themes, 3, 10, MODEL);
        assertThat(covered.covered()).isTrue();
        assertThat(uncovered.covered()).isFalse();
        assertThat(uncovered.score()).isEqualTo(covered.score());
    }

    @Test
    void aHigherLikelihoodOrSeverityOnAnyThemeNeverLowersTheScore() {
        double last = -1;
        for (int i = 0; i <= 20; i++) {
            double p = i / 20.0;
            FacilityScore.Scored s = FacilityScore.facility(
                    List.of(
                            new FacilityScore.ThemeRisk("a", risk(p, 0, 0.7, 0.5)),
                            new FacilityScore.ThemeRisk("b", risk(0.3, 0, 0.9, 0.5))),
                    50,
                    10,
                    MODEL);
            assertThat(s.score()).isGreaterThan(last);
            last = s.score();
        }
    }

    @Test
    void supplierIsTheHeadcountWeightedMeanOfItsFacilities() {
        FacilityScore.Scored a = new FacilityScore.Scored(
                1.6,
                80,
                List.of(
                        new FacilityScore.Contribution("x", FacilityScore.PRIOR, 50),
                        new FacilityScore.Contribution("x", FacilityScore.AUDIT, 30)),
                0.6,
                true);
        FacilityScore.Scored b = new FacilityScore.Scored(
                0.2, 20, List.of(new FacilityScore.Contribution("x", FacilityScore.PRIOR, 20)), 0.2, false);
        FacilityScore.Scored s =
                FacilityScore.supplier(List.of(new FacilityScore.Member(300, a), new FacilityScore.Member(100, b)));
        assertThat(s.score()).isCloseTo(0.75 * 80 + 0.25 * 20, within(1e-12));
        assertThat(s.confidence()).isCloseTo(0.75 * 0.6 + 0.25 * 0.2, within(1e-12));
        assertThat(s.inherent()).isCloseTo(0.75 * 50 + 0.25 * 20, within(1e-12));
        assertThat(s.top(2)).containsExactly(new FacilityScore.Contribution("x", FacilityScore.AUDIT, 22.5));
        assertThat(s.covered()).isTrue(); // three quarters of the headcount covered
    }

    /** A facility of two themes; the second one's evidence varies. */
    static double score(CellRisk.Evidence varied) {
        CellRisk.Evidence fixed = CellRiskTest.cell(List.of(CellRiskTest.survey(40, 4)), false, false);
        return FacilityScore.facility(
                        List.of(
                                new FacilityScore.ThemeRisk(fixed.theme(), CellRisk.compute(fixed, MODEL)),
                                new FacilityScore.ThemeRisk(varied.theme(), CellRisk.compute(varied, MODEL))),
                        40,
                        10,
                        MODEL)
                .score();
    }

    static CellRisk.Evidence debtBondage(
            long reporting, boolean flagged, boolean overdue, boolean notEffective, boolean critical, boolean repeat) {
        return new CellRisk.Evidence(
                "debt_bondage",
                0.1,
                12,
                0.15,
                0.68,
                0.01,
                List.of(CellRiskTest.survey(40, reporting)),
                true,
                flagged,
                0.3,
                0.03,
                overdue,
                notEffective,
                false,
                0,
                critical,
                repeat,
                400,
                10);
    }

    @Test
    void moreSevereEvidenceNeverLowersTheFacilityScore() {
        double base = score(debtBondage(3, false, false, false, false, false));
        assertThat(score(debtBondage(8, false, false, false, false, false)))
                .as("more workers reporting")
                .isGreaterThan(base);
        assertThat(score(debtBondage(3, true, false, false, false, false)))
                .as("a finding")
                .isGreaterThan(base);
        assertThat(score(debtBondage(3, false, true, false, false, false)))
                .as("an overdue CAP")
                .isGreaterThan(base);
        assertThat(score(debtBondage(3, false, false, true, false, false)))
                .as("not effective")
                .isGreaterThan(base);
        assertThat(score(debtBondage(3, true, false, false, true, false)))
                .as("a critical finding")
                .isGreaterThan(score(debtBondage(3, true, false, false, false, false)));
        assertThat(score(debtBondage(3, false, false, false, false, true)))
                .as("a repeat")
                .isGreaterThan(base);
        double last = -1;
        for (long k = 0; k <= 40; k++) {
            double s = score(debtBondage(k, true, true, true, true, true));
            assertThat(s).isGreaterThanOrEqualTo(last);
            last = s;
        }
    }
}
