package org.hrdd.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

/** Multiset comparison, hand-counted, and checked against Spark's own exceptAll. */
class TableComparisonTest {

    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("x", DataTypes.DoubleType)
            .add("run", DataTypes.StringType);

    static Dataset<Row> rows(Object[]... values) {
        return SharedSpark.session()
                .createDataFrame(Arrays.stream(values).map(RowFactory::create).toList(), SCHEMA);
    }

    @Test
    void countsRowsOnEachSideAndTheSurplusOfEachDistinctRow() {
        // a: p twice, q, the all-null row; b: p, q twice, the all-null row (other run ids: not compared)
        Dataset<Row> a = rows(
                new Object[] {"p", 1.0, "r1"},
                new Object[] {"p", 1.0, "r1"},
                new Object[] {"q", null, "r1"},
                new Object[] {null, null, "r1"});
        Dataset<Row> b = rows(
                new Object[] {"p", 1.0, "r2"},
                new Object[] {"q", null, "r2"},
                new Object[] {"q", null, "r2"},
                new Object[] {null, null, "r2"});
        List<String> cols = List.of("id", "x");
        TableComparison.Outcome o = TableComparison.compare("t", a, b, cols);
        assertThat(o).isEqualTo(new TableComparison.Outcome("t", 4, 4, 1, 1));
        assertThat(o.identical()).isFalse();
        // the same as exceptAll both ways
        assertThat(o.onlyRecorded())
                .isEqualTo(a.select("id", "x").exceptAll(b.select("id", "x")).count());
        assertThat(o.onlyRecomputed())
                .isEqualTo(b.select("id", "x").exceptAll(a.select("id", "x")).count());

        // with the run id compared, every row differs
        assertThat(TableComparison.compare("t", a, b, List.of("id", "x", "run")))
                .isEqualTo(new TableComparison.Outcome("t", 4, 4, 4, 4));
        // identical multisets in another order; an empty side
        Dataset<Row> reordered = rows(
                new Object[] {null, null, "r3"},
                new Object[] {"q", null, "r3"},
                new Object[] {"p", 1.0, "r3"},
                new Object[] {"p", 1.0, "r3"});
        assertThat(TableComparison.compare("t", a, reordered, cols).identical()).isTrue();
        assertThat(TableComparison.compare("t", a, a.limit(0), cols))
                .isEqualTo(new TableComparison.Outcome("t", 4, 0, 4, 0));
        assertThat(TableComparison.compare("t", a.limit(0), a.limit(0), cols))
                .isEqualTo(new TableComparison.Outcome("t", 0, 0, 0, 0));
    }
}
