package org.hrdd.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;

class CellRiskTest {

    /**
     * The repository's model with the coverage-gap loading, reference burden and tiers fixed here, so that the
     * hand-computed values below do not move when conf/risk-model.yaml is retuned.
     */
    static final RiskModel MODEL = fixed(RiskModel.load(
            SampleWorld.conf().resolve(RiskModel.FILE_NAME),
            org.hrdd.refine.Taxonomies.load(SampleWorld.conf().resolve("taxonomy"))
                    .themes()
                    .keySet()));

    static RiskModel fixed(RiskModel m) {
        return new RiskModel(
                m.version(),
                m.history(),
                m.prior(),
                m.audit(),
                m.remediation(),
                m.thirdPartyGrievance(),
                new RiskModel.CoverageGap(0.5, RiskModel.Tier.MEDIUM),
                m.severity(),
                new RiskModel.Score(1.0, 75, 55, 35, 3.0, 3, 0.5),
                m.confidence());
    }

    /** A cell of theme deception (threshold 0.20), prior Beta(0.2·12, 0.8·12), nothing else known. */
    static CellRisk.Evidence cell(List<CellRisk.Observation> workers, boolean audited, boolean flagged) {
        return new CellRisk.Evidence(
                "deception",
                0.2,
                12,
                0.2,
                0.68,
                0.01,
                workers,
                audited,
                flagged,
                0.3,
                0.03,
                false,
                false,
                false,
                0,
                false,
                false,
                400,
                10);
    }

    static CellRisk.Observation survey(long n, long k) {
        return new CellRisk.Observation(0, 0, n, k, 0.5, 1.0);
    }

    @Test
    void withoutEvidenceTheLikelihoodIsThePriorMeanPlusTheCoverageGapLoading() {
        CellRisk.Result r = CellRisk.compute(cell(List.of(), false, false), MODEL);
        // Beta(2.4, 9.6): mean 0.2, sd sqrt(0.2·0.8/13) = 0.11094
        assertThat(r.prior()).isCloseTo(0.2, within(1e-3));
        assertThat(r.sd()).isCloseTo(0.11094, within(1e-3));
        assertThat(r.workerVoice()).isZero();
        assertThat(r.audit()).isZero();
        assertThat(r.remediation()).isZero();
        // nobody reached: the whole sd_loading (0.5) of the sd is added
        assertThat(r.coverageGap()).isCloseTo(0.5 * 0.11094, within(1e-3));
        assertThat(r.confidence()).isZero();
    }

    @Test
    void aPerfectSurveyGivesTheConjugateBetaPosterior() {
        // disclosure 1 and no noise: the survey rate is p, so the posterior is Beta(2.4 + 30, 9.6 + 70)
        CellRisk.Evidence e = new CellRisk.Evidence(
                "deception",
                0.2,
                12,
                0.2,
                1.0,
                0.0,
                List.of(survey(100, 30)),
                false,
                false,
                0.3,
                0.03,
                false,
                false,
                false,
                0,
                false,
                false,
                400,
                10);
        CellRisk.Result r = CellRisk.compute(e, MODEL);
        double a = 32.4;
        double b = 79.6;
        assertThat(r.likelihood()).isCloseTo(a / (a + b), within(5e-4));
        assertThat(r.sd()).isCloseTo(Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1))), within(5e-4));
        // P(p > threshold 0.2) under Beta(32.4, 79.6), from Commons Math (the grid has 141 points: within 0.01)
        double above = 1 - new org.apache.commons.math3.distribution.BetaDistribution(a, b).cumulativeProbability(0.2);
        assertThat(above).isBetween(0.9, 0.999); // the posterior mean 0.289 lies well above the threshold
        assertThat(r.probHighRisk()).isCloseTo(above, within(0.01));
        assertThat(r.coverageGap()).isZero();
        // 100 informative workers against a prior of 12
        assertThat(r.confidence()).isCloseTo(100.0 / 112, within(1e-9));
    }

    /**
     * Each third-party grievance multiplies the odds after remediation by 1.5 (conf/risk-model.yaml), up to 3 in all;
     * a grievance is no worker reached, so the confidence and the coverage gap's shortfall stay as they were.
     */
    @Test
    void thirdPartyGrievancesMultiplyTheOddsUpToTheirCapAndAddNoConfidence() {
        CellRisk.Evidence none = cell(List.of(), false, false);
        CellRisk.Result r0 = CellRisk.compute(none, MODEL);
        CellRisk.Result r1 = CellRisk.compute(withGrievances(none, 1), MODEL);
        CellRisk.Result r5 = CellRisk.compute(withGrievances(none, 5), MODEL);
        double m3 = r0.prior() + r0.workerVoice() + r0.audit() + r0.remediation();
        double odds = m3 / (1 - m3);
        assertThat(r0.thirdPartyGrievance()).isZero();
        assertThat(r1.thirdPartyGrievance()).isCloseTo(1.5 * odds / (1 + 1.5 * odds) - m3, within(1e-12));
        assertThat(r5.thirdPartyGrievance())
                .as("1.5^5 = 7.6 is capped at 3")
                .isCloseTo(3 * odds / (1 + 3 * odds) - m3, within(1e-12));
        assertThat(r1.confidence()).isEqualTo(r0.confidence());
        assertThat(r1.coverageGap()).isEqualTo(r0.coverageGap());
        assertThat(r1.prior()
                        + r1.workerVoice()
                        + r1.audit()
                        + r1.remediation()
                        + r1.thirdPartyGrievance()
                        + r1.coverageGap())
                .isCloseTo(r1.likelihood(), within(1e-12));
    }

    private static CellRisk.Evidence withGrievances(CellRisk.Evidence e, double grievances) {
        return new CellRisk.Evidence(
                e.theme(),
                e.priorMean(),
                e.priorStrength(),
                e.threshold(),
                e.disclosure(),
                e.noise(),
                e.workers(),
                e.audited(),
                e.flagged(),
                e.sensitivity(),
                e.falsePositiveRate(),
                e.overdue(),
                e.notEffective(),
                e.effective(),
                grievances,
                e.critical(),
                e.repeat(),
                e.headcount(),
                e.minWorkers());
    }

    @Test
    void theStepsAddUpToTheLikelihood() {
        CellRisk.Evidence e = new CellRisk.Evidence(
                "debt_bondage",
                0.1,
                12,
                0.15,
                0.68,
                0.01,
                List.of(survey(6, 2), new CellRisk.Observation(5, 1, 0, 0, 0.4, 0.6)),
                true,
                true,
                0.3,
                0.03,
                true,
                true,
                false,
                0,
                true,
                true,
                2000,
                10);
        CellRisk.Result r = CellRisk.compute(e, MODEL);
        assertThat(r.prior()
                        + r.workerVoice()
                        + r.audit()
                        + r.remediation()
                        + r.thirdPartyGrievance()
                        + r.coverageGap())
                .isCloseTo(r.likelihood(), within(1e-12));
        assertThat(r.workerVoice()).isPositive();
        assertThat(r.audit()).isPositive();
        assertThat(r.remediation()).isPositive();
        assertThat(r.coverageGap()).isPositive();
        // 2 + 5·0.6 = 5 decayed workers of the 10 needed
        assertThat(r.effectiveWorkers()).isCloseTo(9.0, within(1e-9));
    }

    @Test
    void moreWorkersReportingAtTheSameReachNeverLowersTheLikelihood() {
        double last = -1;
        for (int k = 0; k <= 60; k++) {
            CellRisk.Result r = CellRisk.compute(cell(List.of(survey(60, k)), false, false), MODEL);
            assertThat(r.likelihood()).as("k = " + k).isGreaterThanOrEqualTo(last);
            last = r.likelihood();
        }
    }

    @Test
    void aFindingRaisesAndACleanAuditLowersTheLikelihood() {
        double none = CellRisk.compute(cell(List.of(survey(40, 6)), false, false), MODEL)
                .likelihood();
        double clean = CellRisk.compute(cell(List.of(survey(40, 6)), true, false), MODEL)
                .likelihood();
        double found = CellRisk.compute(cell(List.of(survey(40, 6)), true, true), MODEL)
                .likelihood();
        assertThat(found).isGreaterThan(none);
        assertThat(clean).isLessThan(none);
    }

    @Test
    void worseRemediationAndCriticalFindingsNeverLowerRisk() {
        CellRisk.Evidence base = cell(List.of(survey(40, 6)), true, true);
        CellRisk.Result b = CellRisk.compute(base, MODEL);
        CellRisk.Result overdue = CellRisk.compute(with(base, true, false, false), MODEL);
        CellRisk.Result notEffective = CellRisk.compute(with(base, false, true, false), MODEL);
        CellRisk.Result critical = CellRisk.compute(with(base, false, false, true), MODEL);
        assertThat(overdue.likelihood()).isGreaterThan(b.likelihood());
        assertThat(notEffective.likelihood()).isGreaterThan(b.likelihood());
        assertThat(critical.severity()).isGreaterThan(b.severity());
        // deception: (4 + 4 + 3) / 15, raised by 15 % for the critical finding
        assertThat(critical.severity()).isCloseTo(11.0 / 15 * 1.15, within(1e-12));
    }

    private static CellRisk.Evidence with(
            CellRisk.Evidence e, boolean overdue, boolean notEffective, boolean critical) {
        return new CellRisk.Evidence(
                e.theme(),
                e.priorMean(),
                e.priorStrength(),
                e.threshold(),
                e.disclosure(),
                e.noise(),
                e.workers(),
                e.audited(),
                e.flagged(),
                e.sensitivity(),
                e.falsePositiveRate(),
                overdue,
                notEffective,
                e.effective(),
                0,
                critical,
                e.repeat(),
                e.headcount(),
                e.minWorkers());
    }

    @Test
    void moreWorkersReachedAtTheSameRateRaiseConfidence() {
        double last = -1;
        for (int n = 5; n <= 400; n += 5) {
            CellRisk.Result r = CellRisk.compute(cell(List.of(survey(n, n / 5)), false, false), MODEL);
            assertThat(r.confidence()).as("n = " + n).isGreaterThan(last);
            last = r.confidence();
        }
    }

    @Test
    void olderReportsCountLess() {
        CellRisk.Result recent = CellRisk.compute(cell(List.of(survey(50, 25)), false, false), MODEL);
        CellRisk.Result old =
                CellRisk.compute(cell(List.of(new CellRisk.Observation(0, 0, 50, 25, 0.5, 0.36)), false, false), MODEL);
        assertThat(old.likelihood()).isBetween(recent.prior(), recent.likelihood());
        assertThat(old.confidence()).isLessThan(recent.confidence());
    }
}
