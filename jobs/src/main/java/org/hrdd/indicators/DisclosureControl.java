package org.hrdd.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Small-cell suppression for a published table with row totals, column totals and a grand total.
 *
 * <p><b>Primary</b>: a cell (or total) resting on 1 to k − 1 distinct workers is suppressed: publishing it could point
 * at the workers who reported. <b>Complementary</b>: a row is an equation {@code row total = Σ its cells}, a column
 * likewise, and the row of column totals sums to the grand total; an equation with exactly one suppressed term would
 * give that term back by subtraction, so another term of it is suppressed too — the published cell resting on the
 * fewest workers (ties by key), or the total when no cell is left. This repeats until no equation has exactly one
 * suppressed term. A cell resting on no worker (an audit-only count, a facility with too few workers reached) is never
 * suppressed for itself, but it may hold a value a reader could subtract, so it is the second one hidden when no cell
 * resting on workers is left (those come first: hiding a zero protects less).
 *
 * <p>A one-dimensional breakdown is the one-row case: its cells and the total.
 */
public final class DisclosureControl {

    /** Key of a row or column total. */
    public static final String TOTAL = "*";

    /** Why a cell is not published. */
    public enum Reason {
        K_THRESHOLD,
        COMPLEMENTARY
    }

    /** A cell of the table, or a total ({@link #TOTAL} as its row or column key), and the workers behind it. */
    public record Cell(String row, String column, long workers) {
        String key() {
            return row + "\u0001" + column;
        }
    }

    private DisclosureControl() {}

    /**
     * Decides which cells to suppress. {@code cells} holds every inner cell and every total (row totals
     * {@code (row, TOTAL)}, column totals {@code (TOTAL, column)}, the grand total {@code (TOTAL, TOTAL)}); a table
     * without some totals simply omits them (a missing total is not published, so it adds no equation).
     *
     * @return the suppressed cells with the reason, by cell
     */
    public static Map<Cell, Reason> suppress(List<Cell> cells, int k) {
        return suppress(cells, k, Set.of());
    }

    /**
     * As {@link #suppress(List, int)}, with cells already suppressed elsewhere (e.g. a total shared with another
     * breakdown of the same indicator): they count as hidden, with reason {@link Reason#COMPLEMENTARY} unless they
     * are below k themselves.
     */
    public static Map<Cell, Reason> suppress(List<Cell> cells, int k, Set<Cell> forced) {
        Map<String, Cell> byKey = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (byKey.put(c.key(), c) != null) {
                throw new IllegalArgumentException("cell (" + c.row() + ", " + c.column() + ") given twice");
            }
        }
        Map<Cell, Reason> suppressed = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (c.workers() > 0 && c.workers() < k) {
                suppressed.put(c, Reason.K_THRESHOLD);
            } else if (forced.contains(c)) {
                suppressed.put(c, Reason.COMPLEMENTARY);
            }
        }
        List<List<Cell>> equations = equations(byKey);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Cell> eq : equations) {
                long hidden = eq.stream().filter(suppressed::containsKey).count();
                if (hidden != 1) {
                    continue;
                }
                Comparator<Cell> fewest = Comparator.comparingLong(Cell::workers)
                        .thenComparing(Cell::row)
                        .thenComparing(Cell::column);
                Cell partner = eq.stream()
                        .filter(c -> !suppressed.containsKey(c) && !isTotalOf(c, eq) && c.workers() > 0)
                        .min(fewest)
                        .or(() -> eq.stream()
                                .filter(c -> !suppressed.containsKey(c) && !isTotalOf(c, eq))
                                .min(fewest))
                        .or(() -> eq.stream()
                                .filter(c -> isTotalOf(c, eq) && !suppressed.containsKey(c))
                                .findFirst())
                        .orElse(null);
                if (partner != null) {
                    suppressed.put(partner, Reason.COMPLEMENTARY);
                    changed = true;
                }
            }
        }
        return suppressed;
    }

    /** The first cell of every equation is its total; the others are its terms. */
    private static boolean isTotalOf(Cell c, List<Cell> eq) {
        return eq.get(0) == c;
    }

    private static List<List<Cell>> equations(Map<String, Cell> byKey) {
        Set<String> rows = new TreeSet<>();
        Set<String> columns = new TreeSet<>();
        for (Cell c : byKey.values()) {
            rows.add(c.row());
            columns.add(c.column());
        }
        List<List<Cell>> out = new ArrayList<>();
        for (String r : rows) {
            addEquation(out, byKey.get(r + "\u0001" + TOTAL), collect(byKey, r, columns, true));
        }
        for (String col : columns) {
            addEquation(out, byKey.get(TOTAL + "\u0001" + col), collect(byKey, col, rows, false));
        }
        return out;
    }

    private static List<Cell> collect(Map<String, Cell> byKey, String fixed, Set<String> others, boolean fixedIsRow) {
        Map<String, Cell> terms = new TreeMap<>();
        for (String o : others) {
            if (o.equals(TOTAL)) {
                continue;
            }
            Cell c = byKey.get(fixedIsRow ? fixed + "\u0001" + o : o + "\u0001" + fixed);
            if (c != null) {
                terms.put(o, c);
            }
        }
        return new ArrayList<>(terms.values());
    }

    private static void addEquation(List<List<Cell>> out, Cell total, List<Cell> terms) {
        if (total == null || terms.isEmpty()) {
            return;
        }
        List<Cell> eq = new ArrayList<>();
        eq.add(total);
        eq.addAll(terms);
        out.add(eq);
    }
}
