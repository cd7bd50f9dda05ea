package org.hrdd.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Whether two versions of a table's rows are identical, compared as multisets over the given columns. */
public final class TableComparison {

    private static final String RECORDED = "_hrdd_recorded";
    private static final String RECOMPUTED = "_hrdd_recomputed";

    /** Rows on each side and rows found on one side only. */
    public record Outcome(
            String table, long recordedRows, long recomputedRows, long onlyRecorded, long onlyRecomputed) {
        public boolean identical() {
            return onlyRecorded == 0 && onlyRecomputed == 0 && recordedRows == recomputedRows;
        }
    }

    private TableComparison() {}

    /**
     * Compares in one query: every distinct row (nulls equal to nulls, as in {@code exceptAll}) with how often each
     * side has it; a row found n times on one side and m on the other counts max(n - m, 0) towards "only" on the first,
     * as {@code a.exceptAll(b).count()} would (that and the two counts were four queries).
     */
    public static Outcome compare(String table, Dataset<Row> recorded, Dataset<Row> recomputed, List<String> columns) {
        Column[] cols = columns.stream().map(c -> col(c)).toArray(Column[]::new);
        Dataset<Row> a = recorded.select(cols).withColumn(RECORDED, lit(1L)).withColumn(RECOMPUTED, lit(0L));
        Dataset<Row> b = recomputed.select(cols).withColumn(RECORDED, lit(0L)).withColumn(RECOMPUTED, lit(1L));
        Column n = col(RECORDED);
        Column m = col(RECOMPUTED);
        Row r = a.unionByName(b)
                .groupBy(cols)
                .agg(sum(n).as(RECORDED), sum(m).as(RECOMPUTED))
                .agg(sum(n), sum(m), sum(greatest(n.minus(m), lit(0L))), sum(greatest(m.minus(n), lit(0L))))
                .first();
        return new Outcome(table, orZero(r, 0), orZero(r, 1), orZero(r, 2), orZero(r, 3));
    }

    /** A sum over no rows is null: none. */
    private static long orZero(Row r, int i) {
        return r.isNullAt(i) ? 0 : r.getLong(i);
    }
}
