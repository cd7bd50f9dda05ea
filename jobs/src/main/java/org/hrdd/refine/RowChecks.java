package org.hrdd.refine;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Row-level checks as Spark expressions: every row gets the list of checks it fails (reason code + detail);
 * rows with none go on to silver, the others to quarantine, one quarantine row per reason. Nothing is dropped.
 */
public final class RowChecks {

    /** Column holding the failed checks of a row: array of struct(reason, detail). */
    public static final String FAILURES = "_failures";

    /**
     * @param reason the quarantine reason code
     * @param failing true when the row fails (null counts as passing: guard nulls in the condition)
     * @param detail what is wrong, e.g. the column and the value
     */
    public record Check(String reason, Column failing, Column detail) {}

    private RowChecks() {}

    public static Check check(String reason, Column failing, Column detail) {
        return new Check(reason, failing, detail);
    }

    /** Adds {@link #FAILURES}. */
    public static Dataset<Row> evaluate(Dataset<Row> df, List<Check> checks) {
        if (checks.isEmpty()) {
            return df.withColumn(FAILURES, array().cast("array<struct<reason:string,detail:string>>"));
        }
        Column[] items = checks.stream()
                .map(c -> when(
                        c.failing(),
                        struct(
                                lit(c.reason()).as("reason"),
                                c.detail().cast("string").as("detail"))))
                .toArray(Column[]::new);
        return df.withColumn(FAILURES, filter(array(items), x -> x.isNotNull()));
    }

    /** Rows that passed every check, without the failures column. */
    public static Dataset<Row> passing(Dataset<Row> evaluated) {
        return evaluated.filter(size(col(FAILURES)).equalTo(0)).drop(FAILURES);
    }

    /** Rows that failed at least one check, still with the failures column. */
    public static Dataset<Row> failing(Dataset<Row> evaluated) {
        return evaluated.filter(size(col(FAILURES)).gt(0));
    }

    /** One row per (failed row, reason): reason, detail and every original column. */
    public static Dataset<Row> explodeFailures(Dataset<Row> evaluated) {
        return failing(evaluated)
                .withColumn("_failure", explode(col(FAILURES)))
                .withColumn("_reason", col("_failure.reason"))
                .withColumn("_detail", col("_failure.detail"))
                .drop("_failure", FAILURES);
    }
}
