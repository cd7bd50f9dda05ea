package org.hrdd.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.quality.QualityRule.Level;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

class DeequChecksTest {

    static Dataset<Row> cases() {
        StructType schema = new StructType()
                .add("case_id", DataTypes.StringType)
                .add("status", DataTypes.StringType)
                .add("workers", DataTypes.LongType);
        List<Row> rows = List.of(
                RowFactory.create("c1", "open", 1L),
                RowFactory.create("c2", "resolved", 3L),
                RowFactory.create("c3", "lost", -2L),
                RowFactory.create("c3", null, 5L));
        return SharedSpark.session().createDataFrame(rows, schema);
    }

    @Test
    void reportsOneOutcomePerRuleWithTheMeasuredValue() {
        List<QualityOutcome> out = DeequChecks.verify(
                cases(),
                List.of(
                        QualityRule.complete(Level.ERROR, "case_id", 1.0),
                        QualityRule.complete(Level.WARNING, "status", 1.0),
                        QualityRule.unique(Level.ERROR, List.of("case_id")),
                        QualityRule.allowed(Level.ERROR, "status", List.of("open", "resolved"), 1.0),
                        QualityRule.nonNegative(Level.WARNING, "workers", 0.7),
                        QualityRule.rowsAtLeast(Level.ERROR, 4)));
        assertThat(out).extracting(QualityOutcome::passed).containsExactly(true, false, false, false, true, true);
        assertThat(out.get(1).metric()).isCloseTo(0.75, within(1e-9));
        // 'lost' is one of the three non-null statuses; Deequ counts nulls as passing isContainedIn.
        assertThat(out.get(3).metric()).isCloseTo(0.75, within(1e-9));
        assertThat(out.get(4).metric()).isCloseTo(0.75, within(1e-9));
        assertThat(out.get(5).metric()).isEqualTo(4.0);
        assertThat(out.get(2).message()).isNotBlank();
        assertThat(out.get(0).rule().level()).isEqualTo(Level.ERROR);
    }

    /** A table no source feeds yet (third-party grievances on the sample world) is empty, not broken. */
    @Test
    void anEmptyTableBreaksNoRuleOnItsValuesButARuleOnItsSize() {
        DeequChecks.Verification empty = DeequChecks.verifyCounting(
                cases().filter("workers > 100"),
                List.of(
                        QualityRule.complete(Level.ERROR, "case_id", 1.0),
                        QualityRule.unique(Level.ERROR, List.of("case_id")),
                        QualityRule.allowed(Level.ERROR, "status", List.of("open", "resolved"), 1.0),
                        QualityRule.rowsAtLeast(Level.ERROR, 1)));
        assertThat(empty.rows()).isZero();
        assertThat(empty.outcomes()).extracting(QualityOutcome::passed).containsExactly(true, true, true, false);
    }

    @Test
    void countsTheRowsInTheSamePassWithOrWithoutASizeRule() {
        DeequChecks.Verification withSize = DeequChecks.verifyCounting(
                cases(),
                List.of(QualityRule.complete(Level.ERROR, "case_id", 1.0), QualityRule.rowsAtLeast(Level.ERROR, 5)));
        assertThat(withSize.rows()).isEqualTo(4);
        assertThat(withSize.outcomes()).extracting(QualityOutcome::passed).containsExactly(true, false);
        assertThat(DeequChecks.verifyCounting(cases(), List.of()).rows()).isEqualTo(4);
        assertThat(DeequChecks.verifyCounting(
                                cases().filter("workers > 100"),
                                List.of(QualityRule.unique(Level.ERROR, List.of("case_id"))))
                        .rows())
                .isZero();
    }
}
