package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What refining one bronze table produces.
 *
 * @param evaluated every bronze row with its failures ({@link RowChecks#FAILURES}) and whether it was superseded
 *                  ({@link Dedup#IS_SUPERSEDED}); the basis of the bronze = silver-bound + quarantined + superseded check
 * @param silver the silver rows (a multi-issue case gives several)
 * @param quarantine one {@code ops.quarantine} row per failed bronze row and reason
 */
public record Refined(Dataset<Row> evaluated, Dataset<Row> silver, Dataset<Row> quarantine) {

    /** Row accounting of one bronze table in one run. */
    public record Accounting(long bronzeRows, long silverBound, long quarantined, long superseded) {
        public boolean balanced() {
            return bronzeRows == silverBound + quarantined + superseded;
        }

        public double quarantineShare() {
            return bronzeRows == 0 ? 0 : (double) quarantined / bronzeRows;
        }
    }

    /** Counts in one pass: a superseded row is never counted as quarantined or silver-bound. */
    public Accounting accounting() {
        Row r = evaluated.agg(
                count("*"),
                sum(when(col(Dedup.IS_SUPERSEDED), 1).otherwise(0)),
                sum(when(col(Dedup.IS_SUPERSEDED).unary_$bang().and(size(col(RowChecks.FAILURES)).gt(0)), 1).otherwise(0)),
                sum(when(col(Dedup.IS_SUPERSEDED).unary_$bang().and(size(col(RowChecks.FAILURES)).equalTo(0)), 1).otherwise(0)))
                .first();
        long total = r.getLong(0);
        return new Accounting(total, r.isNullAt(3) ? 0 : r.getLong(3), r.isNullAt(2) ? 0 : r.getLong(2),
                r.isNullAt(1) ? 0 : r.getLong(1));
    }
}
