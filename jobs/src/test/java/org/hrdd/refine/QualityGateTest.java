package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hrdd.ingest.SourceMapping;
import org.junit.jupiter.api.Test;

/** The gate's limit per source: a mapping's own, else the default; the rows the mapping leaves out are not counted. */
class QualityGateTest {

    private static SourceMapping mapping(String system, Double limit) {
        return new SourceMapping(Path.of("conf/sources/" + system + ".yaml"), system, null, limit, List.of());
    }

    @Test
    void aMappingsOwnLimitAppliesToItsSourceOnly() {
        QualityGate gate = QualityGate.of(0.05, List.of(mapping("messy", 0.20), mapping("plain", null)));
        Refined.Accounting tenPercent = new Refined.Accounting(100, 90, 10, 0);
        assertThat(gate.fails("messy", tenPercent)).isFalse();
        assertThat(gate.fails("plain", tenPercent)).isTrue();
        assertThat(gate.fails("unmapped", tenPercent)).isTrue();
        assertThat(gate.setting("messy")).isEqualTo("max_quarantine_share in conf/sources/messy.yaml");
        assertThat(gate.setting("plain")).isEqualTo("quality.max_quarantine_share");
        assertThat(gate.limit("plain")).isEqualTo(0.05);
    }

    @Test
    void rowsTheMappingLeavesOutAreNotDefects() {
        QualityGate gate = QualityGate.of(0.05);
        // 1,000 rows, 600 left out by keep_rows: 20 defects among the 400 in scope = 5 %, at the limit: passes
        assertThat(gate.fails("s", new Refined.Accounting(1000, 380, 620, 0, 600)))
                .isFalse();
        // 30 defects among the 400 in scope = 7.5 % (lower bound 5.3 %): fails, though 3 % of all rows
        assertThat(gate.fails("s", new Refined.Accounting(1000, 370, 630, 0, 600)))
                .isTrue();
        // a source wholly left out has no row in scope: nothing to gate
        assertThat(gate.fails("s", new Refined.Accounting(10, 0, 10, 0, 10))).isFalse();
    }

    /** Above the limit beyond sampling noise: one or two rows of a small delivery do not stop silver, a dead source does. */
    @Test
    void aSmallSourceFailsOnlyWhenItsShareIsAboveTheLimitBeyondChance() {
        QualityGate gate = QualityGate.of(0.05);
        // the sample world's SA8000 audits: 2 of 29 quarantined (6.9 %, lower bound 1.9 %)
        assertThat(gate.fails("s", new Refined.Accounting(29, 27, 2, 0))).isFalse();
        assertThat(gate.fails("s", new Refined.Accounting(1, 0, 1, 0)))
                .as("1 of 1")
                .isTrue();
        assertThat(gate.fails("s", new Refined.Accounting(5, 0, 5, 0)))
                .as("5 of 5")
                .isTrue();
        assertThat(gate.fails("s", new Refined.Accounting(29, 22, 7, 0)))
                .as("7 of 29: 24 %, bound 12 %")
                .isTrue();
        // thousands of rows: the bound is within a point of the share
        assertThat(gate.fails("s", new Refined.Accounting(3000, 2808, 192, 0)))
                .as("6.4 %")
                .isTrue();
        assertThat(gate.fails("s", new Refined.Accounting(3000, 2835, 165, 0)))
                .as("5.5 %")
                .isFalse();
    }
}
