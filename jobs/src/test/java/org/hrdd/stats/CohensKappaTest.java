package org.hrdd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Published kappas: the two 2 × 2 examples of the Wikipedia article "Cohen's kappa" (20,5,10,15 → po 0.7, pe 0.5,
 * κ 0.4; 45,15,25,15 → po 0.6, pe 0.54, κ 0.1304). Standard errors computed by hand with /usr/bin/python3 in two
 * independent ways that agree to 1e-11: the Fleiss–Cohen–Everitt (1969) closed form, and a multinomial delta method
 * with a numerical gradient of κ(p) (SE² = (Σ pj gj² − (Σ pj gj)²)/n, gj = ∂κ/∂pj by central differences, h=1e-6):
 * <pre>
 *   20,5,10,15  : SE_FCE 0.12699606293110033  SE_delta 0.12699606294094168  SE_1960 0.12961481396815722
 *                 95 % CI 0.4 ± 1.959963984540054·SE = (0.15109229047666106, 0.6489077095233388)
 *   45,15,25,15 : SE_FCE 0.09866153762343959  SE_1960 0.10649955403405123  CI (-0.06293827779258956, 0.32380784300998067)
 *   88,14,10,40 : κ 0.649500384319754  SE_FCE 0.06507896479584062
 * </pre>
 */
class CohensKappaTest {

    @Test
    void wikipediaExampleWithFleissCohenEverittStandardError() {
        CohensKappa.Result r = CohensKappa.of(20, 5, 10, 15);
        assertThat(r.defined()).isTrue();
        assertThat(r.n()).isEqualTo(50);
        assertThat(r.observedAgreement()).isCloseTo(0.7, within(1e-12));
        assertThat(r.expectedAgreement()).isCloseTo(0.5, within(1e-12));
        assertThat(r.kappa()).isCloseTo(0.4, within(1e-12));
        assertThat(r.standardError()).isCloseTo(0.12699606293110033, within(1e-10));
        assertThat(r.cohen1960StandardError()).isCloseTo(0.12961481396815722, within(1e-12));
        assertThat(r.interval().lower()).isCloseTo(0.15109229047666106, within(1e-9));
        assertThat(r.interval().upper()).isCloseTo(0.6489077095233388, within(1e-9));
        assertThat(r.level()).isEqualTo(0.95);
    }

    @Test
    void secondWikipediaExampleAndAnAsymmetricTable() {
        CohensKappa.Result r = CohensKappa.of(45, 15, 25, 15);
        assertThat(r.kappa()).isCloseTo(0.13043478260869554, within(1e-12));
        assertThat(r.standardError()).isCloseTo(0.09866153762343959, within(1e-10));
        assertThat(r.interval().lower()).isCloseTo(-0.06293827779258956, within(1e-9));
        CohensKappa.Result s = CohensKappa.of(88, 14, 10, 40);
        assertThat(s.kappa()).isCloseTo(0.649500384319754, within(1e-12));
        assertThat(s.standardError()).isCloseTo(0.06507896479584062, within(1e-10));
        // swapping the raters (b <-> c) changes neither kappa nor its SE
        CohensKappa.Result t = CohensKappa.of(88, 10, 14, 40);
        assertThat(t.kappa()).isCloseTo(s.kappa(), within(1e-12));
        assertThat(t.standardError()).isCloseTo(s.standardError(), within(1e-12));
    }

    @Test
    void undefinedCasesAreFlaggedNotThrown() {
        CohensKappa.Result allNo = CohensKappa.of(0, 0, 0, 37);
        assertThat(allNo.defined()).isFalse();
        assertThat(allNo.kappa()).isNaN();
        assertThat(allNo.observedAgreement()).isEqualTo(1.0);
        assertThat(allNo.interval().isDefined()).isFalse();
        CohensKappa.Result empty = CohensKappa.of(0, 0, 0, 0);
        assertThat(empty.defined()).isFalse();
        assertThat(empty.kappa()).isNaN();
    }

    @Test
    void perfectAgreementHasZeroStandardErrorAndOppositeRatersMinusOne() {
        CohensKappa.Result perfect = CohensKappa.of(10, 0, 0, 30);
        assertThat(perfect.kappa()).isCloseTo(1.0, within(1e-12));
        assertThat(perfect.standardError()).isCloseTo(0.0, within(1e-9));
        assertThat(perfect.interval().upper()).isLessThanOrEqualTo(1.0);
        assertThat(CohensKappa.of(0, 20, 20, 0).kappa()).isCloseTo(-1.0, within(1e-12));
    }
}
