package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectionModelTest {

    static DetectionModel.Pair pair(String s, String t, long[] cells, long[] found) {
        return new DetectionModel.Pair(s, t, cells, found);
    }

    /** A pair audited at reference conditions only (announced, new lead auditor). */
    static DetectionModel.Pair reference(String s, String t, long cells, long found) {
        return pair(s, t, new long[] {cells, 0, 0, 0}, new long[] {found, 0, 0, 0});
    }

    @Test
    void multiplicativeTablesAreReproducedWhenThemesHavePlentyOfCells() {
        // reference conditions only: rates 0.5 / 0.2 for both schemes, a_s = 1, b_t = 0.5 / 0.2; the theme effects'
        // pull towards the overall rate (20 pseudo-cells) is small against 2,000 cells a theme
        List<DetectionModel.Pair> pairs = List.of(
                reference("S1", "T1", 1000, 500),
                reference("S1", "T2", 1000, 200),
                reference("S2", "T1", 1000, 500),
                reference("S2", "T2", 1000, 200));
        DetectionModel.Result r = DetectionModel.fit(pairs, 0.95);
        assertThat(r.unannouncedMultiplier()).isEqualTo(1.0);
        assertThat(r.repeatMultiplier()).isEqualTo(1.0);
        assertThat(r.estimate("S1", "T1").detection()).isCloseTo(0.5, within(1e-3));
        assertThat(r.estimate("S2", "T2").detection()).isCloseTo(0.2, within(1e-3));
        assertThat(r.estimate("S2", "T2").interval().contains(0.2)).isTrue();
    }

    /**
     * A theme seen on a handful of cells, all with a finding, cannot carry its pooled fit to 1 (before: an estimate
     * of 1.0 with interval [0.89, 1] from 6 cells, where the truth was 0.41); with fewer than the minimum exposure,
     * no estimate is published at all.
     */
    @Test
    void aThemeSeenOnFewCellsIsNotOverConfident() {
        List<DetectionModel.Pair> pairs = List.of(
                reference("S1", "T1", 200, 80),
                reference("S2", "T1", 200, 80),
                reference("S1", "T2", 12, 12),
                reference("S2", "T2", 6, 6));
        DetectionModel.Result r = DetectionModel.fit(pairs, 0.95);
        assertThat(r.estimate("S2", "T2"))
                .as("6 cells: below the minimum exposure")
                .isNull();
        DetectionModel.Estimate e = r.estimate("S1", "T2");
        // 12 of 12 found is strong evidence, but not of a certain detection: the old fit gave 1.0 and [0.89, 1]
        assertThat(e.detection()).isLessThan(0.95);
        assertThat(e.interval().lower()).isLessThan(0.8);
    }

    /**
     * Likely-high cells that are high only with probability 0.5 find at the false-positive rate the other half of
     * the time: counting them as surely high halves the detection rate; weighting them by their probability and
     * taking the expected false positives off recovers it.
     */
    @Test
    void cellsThatMayNotBeHighAreCountedByTheirProbability() {
        // truth 0.6, false-positive rate 0.04: 400 cells at probability 0.5 find 0.5 * 0.6 + 0.5 * 0.04 = 0.32
        long[] cells = {400, 0, 0, 0};
        long[] found = {128, 0, 0, 0};
        List<DetectionModel.Pair> naive = List.of(pair("S1", "T1", cells, found), pair("S2", "T1", cells, found));
        List<DetectionModel.Pair> weighted = List.of(
                new DetectionModel.Pair("S1", "T1", cells, found, new double[] {200, 0, 0, 0}, 200),
                new DetectionModel.Pair("S2", "T1", cells, found, new double[] {200, 0, 0, 0}, 200));
        assertThat(DetectionModel.fit(naive, 0.95, 0.04).estimate("S1", "T1").detection())
                .isCloseTo(0.32, within(0.01));
        DetectionModel.Estimate e = DetectionModel.fit(weighted, 0.95, 0.04).estimate("S1", "T1");
        assertThat(e.detection()).isCloseTo(0.6, within(0.01));
        assertThat(e.interval().contains(0.6)).isTrue();
    }

    @Test
    void unannouncedAuditsAreStandardisedWithTheirPooledMultiplier() {
        List<DetectionModel.Pair> pairs = List.of(
                pair("S1", "T1", new long[] {10, 10, 0, 0}, new long[] {5, 8, 0, 0}),
                reference("S1", "T2", 10, 2),
                reference("S2", "T1", 10, 5),
                reference("S2", "T2", 10, 2));
        DetectionModel.Result r = DetectionModel.fit(pairs, 0.95);
        // reference rate 14/40, unannounced 8/10
        assertThat(r.unannouncedMultiplier()).isCloseTo(0.8 / 0.35, within(1e-12));
        assertThat(r.estimate("S1", "T1").exposure()).isCloseTo(10 + 10 * 0.8 / 0.35, within(1e-9));
    }

    @Test
    void recoversSensitivitiesOfSimulatedWorldsBetterThanTheNaiveShare() {
        double model = 0;
        double naive = 0;
        double coverage = 0;
        int worlds = 30;
        for (int seed = 1; seed <= worlds; seed++) {
            double[] r = simulate(seed);
            model += r[0] / worlds;
            naive += r[1] / worlds;
            coverage += r[2] / worlds;
        }
        // 24 scheme x theme pairs with 8-35 audited elevated cells each (like the 1m tier)
        assertThat(model).isLessThan(0.07).isLessThan(naive * 0.85);
        assertThat(coverage).isBetween(0.80, 1.0);
    }

    /** Model MAE, naive MAE and interval coverage on one simulated world. */
    static double[] simulate(long seed) {
        Random rnd = new Random(seed);
        String[] schemes = {"A", "B", "C", "D"};
        double[] a = {1.05, 1.0, 0.9, 1.0};
        double[] b = {0.15, 0.25, 0.35, 0.5, 0.65, 0.8};
        double u = 1.35;
        double rep = 0.7;
        List<DetectionModel.Pair> pairs = new ArrayList<>();
        double[][] truth = new double[schemes.length][b.length];
        double[][] naive = new double[schemes.length][b.length];
        for (int s = 0; s < schemes.length; s++) {
            for (int t = 0; t < b.length; t++) {
                truth[s][t] = a[s] * b[t];
                long[] cells = new long[4];
                long[] found = new long[4];
                int n = 8 + rnd.nextInt(28);
                for (int i = 0; i < n; i++) {
                    int cls = (rnd.nextDouble() < 0.2 ? 1 : 0) + (rnd.nextDouble() < 0.4 ? 2 : 0);
                    double m = ((cls & 1) == 1 ? u : 1) * ((cls & 2) == 2 ? rep : 1);
                    cells[cls]++;
                    if (rnd.nextDouble() < Math.min(0.98, truth[s][t] * m)) {
                        found[cls]++;
                    }
                }
                long f = found[0] + found[1] + found[2] + found[3];
                naive[s][t] = Math.abs((double) f / n - truth[s][t]);
                pairs.add(pair(schemes[s], "T" + t, cells, found));
            }
        }
        DetectionModel.Result r = DetectionModel.fit(pairs, 0.95);
        double error = 0;
        double naiveError = 0;
        int covered = 0;
        int count = 0;
        for (int s = 0; s < schemes.length; s++) {
            for (int t = 0; t < b.length; t++) {
                DetectionModel.Estimate e = r.estimate(schemes[s], "T" + t);
                if (e == null) {
                    continue; // too little exposure: published as none, scored as none
                }
                error += Math.abs(e.detection() - truth[s][t]);
                naiveError += naive[s][t];
                covered += e.interval().contains(truth[s][t]) ? 1 : 0;
                count++;
            }
        }
        return new double[] {error / count, naiveError / count, (double) covered / count};
    }
}
