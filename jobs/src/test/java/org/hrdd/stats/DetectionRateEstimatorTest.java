package org.hrdd.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.hrdd.stats.DetectionRateEstimator.Estimate;
import org.hrdd.stats.DetectionRateEstimator.WorkerSignal;
import org.junit.jupiter.api.Test;

/**
 * Hand computation (/usr/bin/python3) for π=0.3, s_w=0.6, f_w=0.1, f_a=0.05, d=0.4:
 * <pre>
 *   h1 = PPV = 0.18/(0.18+0.07) = 0.72        h0 = 0.12/(0.12+0.63) = 0.16
 *   q1 = (π s_w d + (1−π) f_w f_a)/(π s_w + (1−π) f_w) = (0.072+0.0035)/0.25 = 0.302
 *   q0 = h0 d + (1−h0) f_a = 0.064 + 0.042 = 0.106
 *   known f_a, 302 of 1000: Wilson(302,1000) mapped by (q − 0.28·0.05)/0.72 → (0.361591302607285, 0.44051341455977033)
 *   joint, 302/1000 and 106/1000: d = 0.4, f_a = 0.05,
 *     Var = ((1−h0)²·AC(302,1000) + (1−h1)²·AC(106,1000))/(h1−h0)², AC(k,m) = c(1−c)/(m+z²), c = (k+z²/2)/(m+z²)
 *     → 95 % (0.3563036631995085, 0.4436963368004914)
 *   clamping: 5 of 1000 → (0.005 − 0.014)/0.72 = −0.0125 → 0;  990 of 1000 → 1.3556 → 1
 * </pre>
 */
class DetectionRateEstimatorTest {

    private static final WorkerSignal WORKER = new WorkerSignal(0.3, 0.6, 0.1);

    @Test
    void forwardModelMatchesTheUnsimplifiedFormula() {
        assertThat(WORKER.ppv()).isCloseTo(0.72, within(1e-15));
        assertThat(WORKER.highGivenNotElevated()).isCloseTo(0.16, within(1e-15));
        assertThat(DetectionRateEstimator.expectedFindingRate(0.4, 0.05, WORKER))
                .isCloseTo(0.302, within(1e-15));
        assertThat(DetectionRateEstimator.expectedFindingRateNotElevated(0.4, 0.05, WORKER))
                .isCloseTo(0.106, within(1e-15));
    }

    @Test
    void recoversKnownDetectionExactlyWithKnownFalsePositiveRate() {
        Estimate e = DetectionRateEstimator.estimate(302, 1000, WORKER, 0.05, 0.95);
        assertThat(e.identified()).isTrue();
        assertThat(e.naive()).isCloseTo(0.302, within(1e-15));
        assertThat(e.detection()).isCloseTo(0.4, within(1e-12));
        assertThat(e.clamped()).isFalse();
        assertThat(e.interval().lower()).isCloseTo(0.361591302607285, within(1e-12));
        assertThat(e.interval().upper()).isCloseTo(0.44051341455977033, within(1e-12));
        // every d on a grid, from the forward model
        for (int i = 0; i <= 20; i++) {
            double d = i / 20.0;
            long k = Math.round(DetectionRateEstimator.expectedFindingRate(d, 0.05, WORKER) * 1_000_000);
            assertThat(DetectionRateEstimator.estimate(k, 1_000_000, WORKER, 0.05, 0.95)
                            .detection())
                    .as("d=%s", d)
                    .isCloseTo(d, within(2e-6));
        }
    }

    @Test
    void recoversDetectionAndFalsePositiveRateJointly() {
        Estimate e = DetectionRateEstimator.estimateJointly(302, 1000, 106, 1000, WORKER, 0.95);
        assertThat(e.detection()).isCloseTo(0.4, within(1e-12));
        assertThat(e.auditFalsePositive()).isCloseTo(0.05, within(1e-12));
        assertThat(e.interval().lower()).isCloseTo(0.3563036631995085, within(1e-12));
        assertThat(e.interval().upper()).isCloseTo(0.4436963368004914, within(1e-12));
    }

    @Test
    void clampsAndFlags() {
        Estimate low = DetectionRateEstimator.estimate(5, 1000, WORKER, 0.05, 0.95);
        assertThat(low.unclampedDetection()).isCloseTo(-0.0125, within(1e-12));
        assertThat(low.detection()).isEqualTo(0.0);
        assertThat(low.clamped()).isTrue();
        assertThat(low.interval().lower()).isEqualTo(0.0);
        Estimate high = DetectionRateEstimator.estimate(990, 1000, WORKER, 0.05, 0.95);
        assertThat(high.unclampedDetection()).isCloseTo(1.3555555555555556, within(1e-12));
        assertThat(high.detection()).isEqualTo(1.0);
        assertThat(high.interval().upper()).isEqualTo(1.0);
    }

    @Test
    void notIdentifiedIsFlaggedNotThrown() {
        Estimate none = DetectionRateEstimator.estimate(0, 0, WORKER, 0.05, 0.95);
        assertThat(none.identified()).isFalse();
        assertThat(none.detection()).isNaN();
        assertThat(none.naive()).isNaN();
        // worker elevation independent of the truth: s_w = f_w, so h1 = h0 = π
        Estimate blind =
                DetectionRateEstimator.estimateJointly(30, 100, 30, 100, new WorkerSignal(0.3, 0.2, 0.2), 0.95);
        assertThat(blind.identified()).isFalse();
        assertThat(blind.interval().isDefined()).isFalse();
        assertThat(DetectionRateEstimator.estimate(3, 10, new WorkerSignal(0, 0.5, 0.1), 0.05, 0.95)
                        .identified())
                .isFalse();
    }

    /**
     * Monte Carlo of the generative model (not of the formula): 200,000 cells, truly high with π, elevated with
     * s_w or f_w, audit finding with d or f_a. The naive share is far from d; both corrected estimators are close.
     */
    @Test
    void correctedEstimatorBeatsNaiveOnSimulatedCells() {
        Random rng = new Random(7);
        double d = 0.4, fa = 0.05;
        long k1 = 0, m1 = 0, k0 = 0, m0 = 0;
        for (int i = 0; i < 200_000; i++) {
            boolean high = rng.nextDouble() < WORKER.prevalence();
            boolean elevated = rng.nextDouble() < (high ? WORKER.sensitivity() : WORKER.falseElevation());
            boolean finding = rng.nextDouble() < (high ? d : fa);
            if (elevated) {
                m1++;
                k1 += finding ? 1 : 0;
            } else {
                m0++;
                k0 += finding ? 1 : 0;
            }
        }
        Estimate known = DetectionRateEstimator.estimate(k1, m1, WORKER, fa, 0.95);
        Estimate joint = DetectionRateEstimator.estimateJointly(k1, m1, k0, m0, WORKER, 0.95);
        assertThat(Math.abs(known.naive() - d)).isGreaterThan(0.09);
        assertThat(known.detection()).isCloseTo(d, within(0.01));
        assertThat(known.interval().contains(d)).isTrue();
        assertThat(joint.detection()).isCloseTo(d, within(0.015));
        assertThat(joint.auditFalsePositive()).isCloseTo(fa, within(0.01));
        assertThat(joint.interval().contains(d)).isTrue();
    }
}
