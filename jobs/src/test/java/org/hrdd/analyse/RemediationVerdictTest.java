package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RemediationVerdictTest {

    static RemediationVerdict.Verdict v(long kb, long nb, long ka, long na) {
        return RemediationVerdict.classify(kb, nb, ka, na, false, 0, 10, 0.05);
    }

    @Test
    void significantDropIsEffective() {
        RemediationVerdict.Verdict r = v(30, 100, 5, 100);
        assertThat(r.status()).isEqualTo(RemediationVerdict.EFFECTIVE);
        assertThat(r.pDrop()).isLessThan(0.001);
    }

    @Test
    void signalThatStaysAboveHalfIsNotEffective() {
        // after 0.2 vs half of before 0.1: z = 0.1 / sqrt(0.16/100 + 0.25·0.16/100) = 2.236
        RemediationVerdict.Verdict r = v(20, 100, 20, 100);
        assertThat(r.status()).isEqualTo(RemediationVerdict.NOT_EFFECTIVE);
        assertThat(r.pPersist()).isCloseTo(0.012674, within(1e-5));
    }

    @Test
    void neitherTestSignificantIsInconclusive() {
        // after 0.14: z = 0.04 / sqrt(0.14·0.86/100 + 0.25·0.16/100) = 0.9988 → p 0.159
        RemediationVerdict.Verdict r = v(20, 100, 14, 100);
        assertThat(r.status()).isEqualTo(RemediationVerdict.INCONCLUSIVE);
        assertThat(r.pPersist()).isCloseTo(0.15894, within(1e-4));
    }

    @Test
    void thinDataOverlapAndNothingBeforeAreInconclusiveAndConfirmationIsVerified() {
        assertThat(v(3, 9, 0, 50).status()).isEqualTo(RemediationVerdict.INCONCLUSIVE);
        assertThat(v(30, 100, 0, 9).status()).isEqualTo(RemediationVerdict.INCONCLUSIVE);
        assertThat(v(0, 100, 20, 100).status()).isEqualTo(RemediationVerdict.INCONCLUSIVE);
        assertThat(RemediationVerdict.classify(30, 100, 5, 100, false, 1, 10, 0.05)
                        .status())
                .isEqualTo(RemediationVerdict.INCONCLUSIVE);
        assertThat(RemediationVerdict.classify(3, 9, 0, 0, true, 2, 10, 0.05).status())
                .isEqualTo(RemediationVerdict.VERIFIED_BY_WORKERS);
    }
}
