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
        // 100 rows: 60 left out by keep_rows, 2 defects among the 40 in scope = 5 %: at the limit, passes
        assertThat(gate.fails("s", new Refined.Accounting(100, 38, 62, 0, 60))).isFalse();
        // 3 defects among the 40 in scope = 7.5 %: fails, though 3 % of all rows
        assertThat(gate.fails("s", new Refined.Accounting(100, 37, 63, 0, 60))).isTrue();
        // a source wholly left out has no row in scope: nothing to gate
        assertThat(gate.fails("s", new Refined.Accounting(10, 0, 10, 0, 10))).isFalse();
    }
}
