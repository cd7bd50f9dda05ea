package org.hrdd.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The information ceiling of the score evaluation (hand-computed). */
class ScoreEvaluationTest {

    /** The collected row the evaluation works on; only the columns the ceiling reads carry values. */
    private static Row row(
            String period, String facility, double trueBurden, boolean reached, String country, String sector) {
        return RowFactory.create(
                period, false, 0.0, 0.0, 0.0, false, "low", "other", facility, trueBurden, reached, country, sector);
    }

    @Test
    void aReachedFacilityKeepsItsLastMeasuredBurdenOthersGetTheirCountrySectorPeersMean() {
        List<Row> rows = List.of(
                row("2026-Q1", "A", 5, true, "TH", "apparel"),
                row("2026-Q1", "B", 3, false, "TH", "apparel"),
                row("2026-Q1", "C", 1, false, "TH", "apparel"),
                row("2026-Q1", "D", 2, false, "VN", "seafood"),
                row("2026-Q2", "A", 4, false, "TH", "apparel"),
                row("2026-Q2", "B", 6, true, "TH", "apparel"),
                row("2026-Q2", "C", 1, false, "TH", "apparel"),
                row("2026-Q2", "D", 2, false, "VN", "seafood"));
        Map<String, Double> c = ScoreEvaluation.ceiling(rows);
        assertEquals(5.0, c.get("A\u00012026-Q1"), 1e-12);
        assertEquals(3.0, c.get("B\u00012026-Q1"), 1e-12); // (5 + 1) / 2
        assertEquals(4.0, c.get("C\u00012026-Q1"), 1e-12); // (5 + 3) / 2
        assertEquals(3.0, c.get("D\u00012026-Q1"), 1e-12); // alone in its group: (5 + 3 + 1) / 3
        assertEquals(5.0, c.get("A\u00012026-Q2"), 1e-12); // not reached now: its last measured burden
        assertEquals(6.0, c.get("B\u00012026-Q2"), 1e-12);
        assertEquals(5.0, c.get("C\u00012026-Q2"), 1e-12); // (4 + 6) / 2
        assertEquals(11.0 / 3, c.get("D\u00012026-Q2"), 1e-12);
    }
}
