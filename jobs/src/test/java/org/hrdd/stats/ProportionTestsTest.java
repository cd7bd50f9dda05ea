package org.hrdd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTestsTest {

    /**
     * Fisher (1935) tea tasting 3,1,1,3: P(a=3)=16/70, P(a=4)=1/70 → P(X≥3)=17/70=0.242857, two-sided 34/70=0.485714,
     * P(X≤3)=69/70. Wikipedia "Fisher's exact test" dieting example 1,9,11,3: two-sided 0.002759. Exact fractions
     * with /usr/bin/python3 (math.comb, fractions.Fraction; pmf(x)=C(a+c,x)C(N−a−c,a+b−x)/C(N,a+b)):
     * 1,9,11,3 → less 41/29716, greater 29715/29716, two 41/14858; 10,2,3,15 → greater 619/1330665,
     * two 3571/6653325; 0,5,5,0 → less 1/252, two 1/126.
     */
    @Test
    void fisherPublishedAndExactValues() {
        ProportionTests.FisherTest tea = ProportionTests.fisher(3, 1, 1, 3);
        assertThat(tea.pGreater()).isCloseTo(17.0 / 70, within(1e-12));
        assertThat(tea.pTwoSided()).isCloseTo(34.0 / 70, within(1e-12));
        assertThat(tea.pLess()).isCloseTo(69.0 / 70, within(1e-12));
        assertThat(tea.pGreater()).isCloseTo(0.2429, within(5e-5));
        assertThat(tea.pTwoSided()).isCloseTo(0.4857, within(5e-5));

        ProportionTests.FisherTest diet = ProportionTests.fisher(1, 9, 11, 3);
        assertThat(diet.pTwoSided()).isCloseTo(0.002759, within(5e-7));
        assertThat(diet.pTwoSided()).isCloseTo(41.0 / 14858, within(1e-12));
        assertThat(diet.pLess()).isCloseTo(41.0 / 29716, within(1e-12));
        assertThat(diet.pGreater()).isCloseTo(29715.0 / 29716, within(1e-12));

        ProportionTests.FisherTest t = ProportionTests.fisher(10, 2, 3, 15);
        assertThat(t.pGreater()).isCloseTo(619.0 / 1330665, within(1e-14));
        assertThat(t.pTwoSided()).isCloseTo(3571.0 / 6653325, within(1e-14));
        ProportionTests.FisherTest u = ProportionTests.fisher(0, 5, 5, 0);
        assertThat(u.pLess()).isCloseTo(1.0 / 252, within(1e-14));
        assertThat(u.pTwoSided()).isCloseTo(1.0 / 126, within(1e-14));
        assertThat(ProportionTests.fisher(0, 0, 0, 0)).isEqualTo(new ProportionTests.FisherTest(1, 1, 1));
    }

    /**
     * By hand (/usr/bin/python3): 45/100 vs 30/100: pooled 0.375, SE = sqrt(.375·.625·(1/100+1/100)) = 0.0684653,
     * z = 0.15/SE = 2.1908902300206647; P(Z≥z) = 0.5·erfc(z/√2) = 0.014229868458155284, two-sided 0.02845973691631057.
     * 12/80 vs 25/90: z = −2.0152055812590803, pLess 0.021941556489762315, two-sided 0.04388311297952463.
     */
    @Test
    void twoProportionZHandComputed() {
        ProportionTests.ZTest t = ProportionTests.twoProportionZ(45, 100, 30, 100);
        assertThat(t.defined()).isTrue();
        assertThat(t.p1()).isEqualTo(0.45);
        assertThat(t.z()).isCloseTo(2.1908902300206647, within(1e-12));
        assertThat(t.pGreater()).isCloseTo(0.014229868458155284, within(1e-12));
        assertThat(t.pLess()).isCloseTo(0.9857701315418447, within(1e-12));
        assertThat(t.pTwoSided()).isCloseTo(0.02845973691631057, within(1e-12));
        ProportionTests.ZTest u = ProportionTests.twoProportionZ(12, 80, 25, 90);
        assertThat(u.z()).isCloseTo(-2.0152055812590803, within(1e-12));
        assertThat(u.pLess()).isCloseTo(0.021941556489762315, within(1e-12));
        assertThat(u.pTwoSided()).isCloseTo(0.04388311297952463, within(1e-12));
    }

    @Test
    void twoProportionZDegenerateCasesGiveNoEvidence() {
        ProportionTests.ZTest zeros = ProportionTests.twoProportionZ(0, 50, 0, 40);
        assertThat(zeros.defined()).isFalse();
        assertThat(zeros.pTwoSided()).isEqualTo(1.0);
        assertThat(zeros.pGreater()).isEqualTo(1.0);
        ProportionTests.ZTest empty = ProportionTests.twoProportionZ(0, 0, 3, 40);
        assertThat(empty.defined()).isFalse();
        assertThat(empty.p1()).isNaN();
        assertThat(empty.pLess()).isEqualTo(1.0);
    }

    /**
     * Exact sums with /usr/bin/python3, fractions: P(X≥k) = Σ_{x≥k} C(n,x) p0^x (1−p0)^(n−x).
     * (8, 20, 1/5) → 0.03214266308087513; (3, 10, 1/2) → 0.9453125 (= 1 − 56/1024); (10, 10, 1/10) → 1e-10;
     * (60, 200, 1/5) → 0.0004976948553553735; (30, 1000, 1/100) → 2.0599888509719576e-07.
     * Lower tails P(X≤k): (8,20,1/5) → 0.9900182136792757; (3,10,1/2) → 0.171875; (0,10,1/5) → 0.1073741824.
     */
    @Test
    void exactBinomialTails() {
        assertThat(ProportionTests.binomialUpperTail(8, 20, 0.2)).isCloseTo(0.03214266308087513, within(1e-13));
        assertThat(ProportionTests.binomialUpperTail(3, 10, 0.5)).isCloseTo(0.9453125, within(1e-13));
        assertThat(ProportionTests.binomialUpperTail(10, 10, 0.1)).isCloseTo(1e-10, within(1e-20));
        assertThat(ProportionTests.binomialUpperTail(60, 200, 0.2)).isCloseTo(0.0004976948553553735, within(1e-15));
        assertThat(ProportionTests.binomialUpperTail(30, 1000, 0.01)).isCloseTo(2.0599888509719576e-07, within(1e-17));
        assertThat(ProportionTests.binomialUpperTail(0, 10, 0.2)).isEqualTo(1.0);
        assertThat(ProportionTests.binomialUpperTail(1, 10, 0.0)).isEqualTo(0.0);
        assertThat(ProportionTests.binomialLowerTail(8, 20, 0.2)).isCloseTo(0.9900182136792757, within(1e-13));
        assertThat(ProportionTests.binomialLowerTail(3, 10, 0.5)).isCloseTo(0.171875, within(1e-13));
        assertThat(ProportionTests.binomialLowerTail(0, 10, 0.2)).isCloseTo(0.1073741824, within(1e-13));
        assertThat(ProportionTests.binomialLowerTail(10, 10, 0.2)).isEqualTo(1.0);
    }

    @Test
    void medianOfOddEvenAndEmpty() {
        assertThat(Descriptive.median(3, 1, 2)).isEqualTo(2.0);
        assertThat(Descriptive.median(4, 1, 3, 2)).isEqualTo(2.5);
        assertThat(Descriptive.median(Double.NaN, 5)).isEqualTo(5.0);
        assertThat(Descriptive.median()).isNaN();
    }
}
