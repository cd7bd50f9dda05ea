package org.hrdd.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The agency x corridor view's disclosure control on hand-made cells (no Spark). */
class AgencyCorridorsTest {

    static Set<String> workers(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.toCollection(TreeSet::new));
    }

    static AgencyCorridors.Cell cell(
            String agency,
            String origin,
            Set<String> workers,
            Set<String> fee,
            double eur,
            long repaid,
            String... facilities) {
        return new AgencyCorridors.Cell(
                "company",
                "all",
                agency,
                origin,
                "MY",
                workers,
                fee,
                Set.of(facilities),
                Set.of(facilities[0]),
                eur,
                repaid);
    }

    @Test
    void smallAgenciesAreMergedUnnamedAndWhatWouldGiveAWithheldRowBackIsWithheldToo() {
        Set<String> shared = workers("s", 3);
        List<AgencyCorridors.Cell> cells = List.of(
                cell("alpha", "NP", workers("a", 12), workers("a", 6), 9000, 12, "F1", "F2"),
                cell("beta", "NP", workers("b", 7), workers("b", 2), 0, 0, "F3"),
                // two small agencies whose workers are the same three: merged they rest on 3 workers, not 6
                cell("gamma", "NP", shared, Set.of(), 0, 0, "F4"),
                cell("delta", "NP", shared, Set.of(), 0, 0, "F4"),
                cell("epsilon", "BD", workers("e", 8), workers("e", 5), 1500, 1, "F5"));
        Map<String, Row> rows = AgencyCorridors.publish(cells, "2026-Q3", "2025-Q4", 5).stream()
                .collect(Collectors.toMap(r -> r.getString(4) + "|" + r.getString(5), r -> r));
        assertThat(rows.keySet()).doesNotContain("gamma|NP", "delta|NP");
        Row other = rows.get(AgencyCorridors.OTHER + "|NP");
        assertThat(other.getBoolean(14))
                .as("other agencies rest on 3 distinct workers")
                .isTrue();
        assertThat(other.getString(15)).isEqualTo("K_THRESHOLD");
        assertThat(other.isNullAt(8)).isTrue();
        // NP total = alpha + beta + other: with other hidden, the smallest published row goes too
        assertThat(rows.get("beta|NP").getString(15)).isEqualTo("COMPLEMENTARY");
        Row alpha = rows.get("alpha|NP");
        assertThat(alpha.getLong(8)).isEqualTo(12);
        assertThat(alpha.getLong(9)).isEqualTo(2);
        Row total = rows.get(AgencyCorridors.ALL_AGENCIES + "|NP");
        assertThat(total.getBoolean(7)).isTrue();
        assertThat(total.getLong(8)).isEqualTo(22);
        // fee figures rest on their own workers: beta's 2 fee reporters would be hidden anyway, alpha's 6 are shown
        assertThat(alpha.getLong(10)).isEqualTo(6);
        assertThat(alpha.getDouble(11)).isEqualTo(9000.0);
        // BD: EUR 1,500 repaid to one worker: the money is withheld though the row (8 workers) is published
        Row epsilon = rows.get("epsilon|BD");
        assertThat(epsilon.getBoolean(14)).isFalse();
        assertThat(epsilon.getLong(10)).isEqualTo(5);
        assertThat(epsilon.isNullAt(11)).isTrue();
        assertThat(rows.get(AgencyCorridors.ALL_AGENCIES + "|BD").isNullAt(11)).isTrue();
    }
}
