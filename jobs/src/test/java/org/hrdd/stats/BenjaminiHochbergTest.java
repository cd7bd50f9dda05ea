package org.hrdd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    /**
     * Benjamini &amp; Hochberg (1995), section 4: 15 p-values; at FDR 0.05 the procedure rejects the four smallest
     * (0.0001, 0.0004, 0.0019, 0.0095), Bonferroni only three. Given here shuffled to check order is kept.
     * q-values by hand with /usr/bin/python3 (step-up from the largest rank: q = min(q_next, p·m/rank)):
     * <pre>
     *   order=sorted(range(m), key=p.__getitem__); run=1
     *   for rank in range(m,0,-1): i=order[rank-1]; run=min(run, p[i]*m/rank); q[i]=run
     * </pre>
     * e.g. p=0.0095 (rank 4): 0.0095·15/4 = 0.035625; p=0.0278 (rank 6): min(0.0278·15/6=0.0695, q(rank 7)=
     * 0.0298·15/7=0.063857) = 0.063857.
     */
    private static final double[] P = {
        0.0459, 0.0001, 0.3240, 0.0019, 0.5719, 0.0095, 0.0201, 1.0, 0.0278, 0.0298, 0.4262, 0.0344, 0.6528, 0.0004,
        0.7590
    };

    private static final double[] Q = {
        0.0765,
        0.0015,
        0.486,
        0.0095,
        0.714875,
        0.035625,
        0.0603,
        1.0,
        0.06385714285714286,
        0.06385714285714286,
        0.5811818181818182,
        0.0645,
        0.7532307692307694,
        0.003,
        0.8132142857142857
    };

    @Test
    void publishedExampleQValuesInInputOrder() {
        double[] q = BenjaminiHochberg.adjust(P);
        for (int i = 0; i < P.length; i++) {
            assertThat(q[i]).as("q[%d] for p=%s", i, P[i]).isCloseTo(Q[i], within(1e-12));
        }
    }

    @Test
    void rejectsTheFourSmallestAtFivePercent() {
        boolean[] r = BenjaminiHochberg.reject(P, 0.05);
        int rejected = 0;
        for (int i = 0; i < P.length; i++) {
            assertThat(r[i]).as("p=%s", P[i]).isEqualTo(P[i] <= 0.0095);
            rejected += r[i] ? 1 : 0;
        }
        assertThat(rejected).isEqualTo(4);
    }

    @Test
    void nanMeansNotTestedAndDoesNotCountInM() {
        // m = 2 for (0.01, 0.04): q = (0.02, 0.04)
        double[] q = BenjaminiHochberg.adjust(new double[] {0.04, Double.NaN, 0.01});
        assertThat(q[0]).isCloseTo(0.04, within(1e-15));
        assertThat(q[1]).isNaN();
        assertThat(q[2]).isCloseTo(0.02, within(1e-15));
        assertThat(BenjaminiHochberg.reject(new double[] {Double.NaN}, 0.05)).containsExactly(false);
        assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
        assertThatThrownBy(() -> BenjaminiHochberg.adjust(new double[] {1.2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
