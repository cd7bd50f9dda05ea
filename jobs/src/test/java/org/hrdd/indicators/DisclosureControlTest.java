package org.hrdd.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hrdd.indicators.DisclosureControl.TOTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrdd.indicators.DisclosureControl.Cell;
import org.hrdd.indicators.DisclosureControl.Reason;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {

    static Cell cell(String r, String c, long w) {
        return new Cell(r, c, w);
    }

    @Test
    void aSingleSmallCellWouldBeRecoverableFromTheTotalSoASecondCellIsSuppressed() {
        // workers reporting by nationality: MM 120, KH 3, LA 40, total 163. Hiding KH alone: 163 - 120 - 40 = 3.
        List<Cell> table =
                List.of(cell("all", "MM", 120), cell("all", "KH", 3), cell("all", "LA", 40), cell("all", TOTAL, 163));
        Map<Cell, Reason> s = DisclosureControl.suppress(table, 5);
        assertThat(s)
                .containsOnly(
                        Map.entry(cell("all", "KH", 3), Reason.K_THRESHOLD),
                        Map.entry(cell("all", "LA", 40), Reason.COMPLEMENTARY));
        assertNoEquationHasOneUnknown(table, s);
    }

    @Test
    void withNoOtherCellLeftTheTotalIsSuppressed() {
        List<Cell> table = List.of(cell("all", "MM", 0), cell("all", "KH", 3), cell("all", TOTAL, 3));
        Map<Cell, Reason> s = DisclosureControl.suppress(table, 5);
        assertThat(s)
                .containsOnly(
                        Map.entry(cell("all", "KH", 3), Reason.K_THRESHOLD),
                        Map.entry(cell("all", TOTAL, 3), Reason.K_THRESHOLD));
        // a breakdown that covers only part of the total: hiding KH alone would leave it in total - MM, and MM (a cell
        // resting on no worker, e.g. audit-only CAPs) may hold a value: it is hidden with KH, the total stays
        List<Cell> partial = List.of(cell("all", "MM", 0), cell("all", "KH", 3), cell("all", TOTAL, 9));
        assertThat(DisclosureControl.suppress(partial, 5))
                .containsOnly(
                        Map.entry(cell("all", "KH", 3), Reason.K_THRESHOLD),
                        Map.entry(cell("all", "MM", 0), Reason.COMPLEMENTARY));
        // cells resting on workers are chosen before those resting on none
        List<Cell> mixed =
                List.of(cell("all", "MM", 0), cell("all", "KH", 3), cell("all", "LA", 40), cell("all", TOTAL, 43));
        assertThat(DisclosureControl.suppress(mixed, 5))
                .containsOnly(
                        Map.entry(cell("all", "KH", 3), Reason.K_THRESHOLD),
                        Map.entry(cell("all", "LA", 40), Reason.COMPLEMENTARY));
    }

    @Test
    void twoWayTablesAreProtectedAlongRowsAndColumns() {
        // country x theme, every margin published
        long[][] w = {{50, 2, 30}, {40, 60, 8}, {25, 35, 45}};
        String[] rows = {"TH", "MY", "VN"};
        String[] cols = {"fees", "overtime", "wages"};
        List<Cell> table = new ArrayList<>();
        long grand = 0;
        long[] colSums = new long[3];
        for (int i = 0; i < 3; i++) {
            long rowSum = 0;
            for (int j = 0; j < 3; j++) {
                table.add(cell(rows[i], cols[j], w[i][j]));
                rowSum += w[i][j];
                colSums[j] += w[i][j];
            }
            table.add(cell(rows[i], TOTAL, rowSum));
            grand += rowSum;
        }
        for (int j = 0; j < 3; j++) {
            table.add(cell(TOTAL, cols[j], colSums[j]));
        }
        table.add(cell(TOTAL, TOTAL, grand));
        Map<Cell, Reason> s = DisclosureControl.suppress(table, 5);
        assertThat(s)
                .containsEntry(cell("TH", "overtime", 2), Reason.K_THRESHOLD)
                .doesNotContainKey(cell(TOTAL, TOTAL, grand));
        assertThat(s.values()).contains(Reason.COMPLEMENTARY);
        assertNoEquationHasOneUnknown(table, s);
    }

    @Test
    void nothingIsSuppressedWhenEveryCellHasEnoughWorkers() {
        List<Cell> table = List.of(cell("all", "a", 5), cell("all", "b", 0), cell("all", TOTAL, 5));
        assertThat(DisclosureControl.suppress(table, 5)).isEmpty();
    }

    /** Independent check: every row and column equation has zero or at least two suppressed terms. */
    static void assertNoEquationHasOneUnknown(List<Cell> table, Map<Cell, Reason> s) {
        java.util.Set<String> rows = new java.util.TreeSet<>();
        java.util.Set<String> cols = new java.util.TreeSet<>();
        table.forEach(c -> {
            rows.add(c.row());
            cols.add(c.column());
        });
        for (String r : rows) {
            long hidden = table.stream()
                    .filter(c -> c.row().equals(r) && s.containsKey(c))
                    .count();
            boolean hasTotal =
                    table.stream().anyMatch(c -> c.row().equals(r) && c.column().equals(TOTAL));
            if (hasTotal) {
                assertThat(hidden).as("row " + r).isNotEqualTo(1);
            }
        }
        for (String col : cols) {
            long hidden = table.stream()
                    .filter(c -> c.column().equals(col) && s.containsKey(c))
                    .count();
            boolean hasTotal = table.stream()
                    .anyMatch(c -> c.column().equals(col) && c.row().equals(TOTAL));
            if (hasTotal) {
                assertThat(hidden).as("column " + col).isNotEqualTo(1);
            }
        }
    }
}
