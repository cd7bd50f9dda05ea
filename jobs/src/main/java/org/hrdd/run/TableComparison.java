package org.hrdd.run;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Whether two versions of a table's rows are identical, compared as multisets over the given columns. */
public final class TableComparison {

    /** Rows on each side and rows found on one side only. */
    public record Outcome(String table, long recordedRows, long recomputedRows, long onlyRecorded, long onlyRecomputed) {
        public boolean identical() {
            return onlyRecorded == 0 && onlyRecomputed == 0 && recordedRows == recomputedRows;
        }
    }

    private TableComparison() {
    }

    public static Outcome compare(String table, Dataset<Row> recorded, Dataset<Row> recomputed, List<String> columns) {
        Column[] cols = columns.stream().map(c -> col(c)).toArray(Column[]::new);
        Dataset<Row> a = recorded.select(cols);
        // the recomputed side is evaluated three times: compute it once
        Dataset<Row> b = recomputed.select(cols).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            return new Outcome(table, a.count(), b.count(), a.exceptAll(b).count(), b.exceptAll(a).count());
        } finally {
            b.unpersist();
        }
    }
}
