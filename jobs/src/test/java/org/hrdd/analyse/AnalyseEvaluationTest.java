package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The detection-rate evaluation scores every published pair, hand-computed. */
class AnalyseEvaluationTest {

    /** (period, estimate, lower, upper, naive, reference cells, truth). */
    static Row pair(double estimate, double lower, double upper, Double naive, long cells, double truth) {
        return RowFactory.create("2026-Q3", estimate, lower, upper, naive, cells, truth);
    }

    /**
     * Pairs without a naive share are scored too (the evaluation once kept only pairs with both, and on a world with
     * thin worker voice scored 1 of 43 published pairs); the constant baseline is the median truth of the pairs.
     */
    @Test
    void everyPublishedPairIsScoredBesideTheBestConstant() {
        List<Row> rows = List.of(
                pair(0.30, 0.20, 0.40, 0.10, 10, 0.35),
                pair(0.60, 0.55, 0.65, null, 30, 0.40),
                pair(1.00, 0.89, 1.00, null, 6, 0.41));
        AnalyseEvaluation.Detection d = AnalyseEvaluation.detection("2026-Q3", rows);
        assertThat(d.pairs()).isEqualTo(3);
        assertThat(d.cells()).isEqualTo(46);
        // |0.30-0.35| + |0.60-0.40| + |1.00-0.41| = 0.05 + 0.20 + 0.59
        assertThat(d.mae()).isCloseTo(0.84 / 3, within(1e-12));
        assertThat(d.weightedMae()).isCloseTo((0.05 * 10 + 0.20 * 30 + 0.59 * 6) / 46, within(1e-12));
        // median truth 0.40: |0.40-0.35| + 0 + |0.40-0.41|
        assertThat(d.constantMae()).isCloseTo(0.06 / 3, within(1e-12));
        assertThat(d.naivePairs()).isEqualTo(1);
        assertThat(d.naiveMae()).isCloseTo(0.25, within(1e-12));
        // only the first interval holds its truth
        assertThat(d.coverage()).isCloseTo(1.0 / 3, within(1e-12));
    }
}
