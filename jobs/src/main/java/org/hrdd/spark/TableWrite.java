package org.hrdd.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Contract;

/**
 * Writes a step's output table in one Delta commit: an overwrite of the whole table, or of a {@link Scope} (e.g. the
 * periods a step recomputes) with {@code replaceWhere}. A table that does not exist yet is created by that same commit,
 * with hrdd's table properties and the contract's partitioning; no create-then-append, no compare-then-MERGE. The rows
 * written come from the commit's own metrics, not from a query.
 *
 * <p>A step writes only when its inputs changed ({@link org.hrdd.run.StepBasis}): a rerun on unchanged inputs never
 * gets here, so it commits nothing.
 *
 * <p>Delta creates a table from a DataFrame with every column nullable, so the contract's {@code required} columns
 * are the writers' own checks (refine's Deequ rules on silver; the pipeline tests on gold), not a table constraint.
 */
public final class TableWrite {

    /** What a write committed: the table version and the rows written (from the commit's metrics). */
    public record Written(long version, long rows) {}

    /** A slice of a table: the rows whose {@code column} holds one of {@code values}, optionally narrowed. */
    public record Scope(String column, List<String> values, Scope and) {
        public Scope {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a scope needs at least one value of " + column);
            }
        }

        public Scope(String column, List<String> values) {
            this(column, values, null);
        }

        /** This slice narrowed to the rows whose {@code column} also holds one of {@code values}. */
        public Scope and(String column, List<String> values) {
            return new Scope(
                    this.column, this.values, and == null ? new Scope(column, values) : and.and(column, values));
        }

        /** The slice as a SQL predicate (the replaceWhere condition). */
        public String predicate() {
            String here = "`" + column + "` IN ("
                    + values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "))
                    + ")";
            return and == null ? here : "(" + here + " AND " + and.predicate() + ")";
        }
    }

    private TableWrite() {}

    /**
     * Replaces the table's rows (all of them, or those inside {@code scope}) with {@code rows}, each stamped with the run
     * id in {@code runIdColumn}, in the contract's column order. Delta refuses, and nothing is committed, when a row to
     * write lies outside the scope.
     */
    public static Written overwrite(
            SparkSession spark,
            String path,
            Contract contract,
            Dataset<Row> rows,
            String runIdColumn,
            String runId,
            Scope scope) {
        return overwrite(spark, path, contract, rows.withColumn(runIdColumn, lit(runId)), scope);
    }

    /** As {@link #overwrite(SparkSession, String, Contract, Dataset, String, String, Scope)}, rows already stamped. */
    public static Written overwrite(
            SparkSession spark, String path, Contract contract, Dataset<Row> rows, Scope scope) {
        Dataset<Row> ordered = rows.select(contract.columnNames().stream()
                .map(c -> col("`" + c + "`"))
                .toArray(org.apache.spark.sql.Column[]::new));
        boolean exists = DeltaTables.exists(spark, path);
        DataFrameWriter<Row> w = ordered.write()
                .format("delta")
                .mode("overwrite")
                .option(DeltaTables.DELETION_VECTORS, "false")
                .option(DeltaTables.STATS_COLUMNS, "0");
        if (!exists) {
            w = w.partitionBy(contract.partitionColumns().toArray(String[]::new));
        } else if (scope == null) {
            // the whole table is replaced: its schema becomes the contract's (columns a contract added or retired),
            // keeping the partitioning it has
            w = w.option("overwriteSchema", "true")
                    .partitionBy(DeltaTables.partitionColumns(spark, path).toArray(String[]::new));
        } else {
            // rows outside the slice stay; a column a newer contract added is added to the table
            w = w.option("replaceWhere", scope.predicate()).option("mergeSchema", "true");
        }
        return DeltaTables.committing(spark, path, w);
    }
}
