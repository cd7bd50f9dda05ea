package org.hrdd.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The peers behind a cell's prior, over the history window (hand-computed). */
class PeersTest {

    private static final double NA = Double.NaN;

    @Test
    void earlierPeriodsCountWithTheHistoryDecayAndTheCellItselfIsLeftOut() {
        // period 0: 10 covered cells summing 3.0, one of them the cell itself (0.3); period 1: none; period 2: 4
        // summing 1.0
        double[][] group = {{3.0, 10}, null, {1.0, 4}};
        double[] own = {0.3, NA, NA};
        RiskScoring.Peers p = RiskScoring.Peers.of(group, own, 2, 3, 0.5);
        // 0.25 · (3.0 − 0.3) + 1.0 = 1.675 over 0.25 · 9 + 4 = 6.25 weighted peers; 9 + 4 cells
        assertEquals(1.675, p.sum(), 1e-12);
        assertEquals(6.25, p.weight(), 1e-12);
        assertEquals(13, p.cells());
        // (5 · 0.10 + 1.675) / (5 + 6.25)
        assertEquals(2.175 / 11.25, p.prior(0.10, 5), 1e-12);
    }

    @Test
    void periodsBeforeTheWindowDoNotCount() {
        double[][] group = {{3.0, 10}, null, {1.0, 4}};
        RiskScoring.Peers p = RiskScoring.Peers.of(group, new double[] {NA, NA, NA}, 2, 1, 0.5);
        assertEquals(1.0, p.sum(), 1e-12);
        assertEquals(4.0, p.weight(), 1e-12);
        assertEquals(4, p.cells());
    }

    @Test
    void aCellThatIsItsGroupsOnlyCoveredCellHasNoPeersAndKeepsTheCalibratedMean() {
        RiskScoring.Peers p = RiskScoring.Peers.of(new double[][] {{0.2, 1}}, new double[] {0.2}, 0, 3, 0.5);
        assertSame(RiskScoring.Peers.NONE, p);
        assertEquals(0.07, p.prior(0.07, 5), 0);
    }
}
