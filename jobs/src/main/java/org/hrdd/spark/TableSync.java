package org.hrdd.spark;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.hrdd.schemas.Contract;

/**
 * Makes a Delta table hold exactly the given rows: for a whole table one MERGE on the table's key (update changed
 * rows, insert new ones, delete rows no longer produced); for a scope (e.g. the analysed periods) its rows replaced
 * in one overwrite with replaceWhere; an append when the table holds no files (as its Delta checksum says). When
 * nothing changed there is no commit at all, so a rerun on the same input leaves the table's
 * version and files as they were. Columns that only say which run wrote a row are not compared, so unchanged rows keep
 * the run that first wrote them.
 */
public final class TableSync {

    /**
     * Columns a contract removed, per table: a table that still holds them is rewritten once without them
     * ({@link DeltaTables#dropRetired}). silver.remediation.is_worker_confirmed came from the CAP log's stated method;
     * the worker's own confirmation is read from the case (issue 35).
     */
    static final java.util.Map<String, List<String>> RETIRED_COLUMNS = java.util.Map.of(
            org.hrdd.schemas.Columns.SilverRemediation.TABLE, List.of("is_worker_confirmed"));

    /** What a sync did. */
    public record Outcome(long version, boolean committed, long changedRows) {
    }

    private TableSync() {
    }

    /**
     * A slice of a table: the rows whose {@code column} holds one of {@code values} (e.g. the analysed periods).
     */
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
            return new Scope(this.column, this.values, and == null ? new Scope(column, values)
                    : and.and(column, values));
        }

        String predicate(String alias) {
            String c = alias == null ? "`" + column + "`" : alias + ".`" + column + "`";
            String here = c + " IN (" + values.stream().map(v -> "'" + v.replace("'", "''") + "'")
                    .collect(Collectors.joining(", ")) + ")";
            return and == null ? here : "(" + here + " AND " + and.predicate(alias) + ")";
        }
    }

    /**
     * Syncs a job's output slice: stamps every row with the run id (a column named by {@code runIdColumn}, not
     * compared, so unchanged rows keep the run that first wrote them), keeps the contract's columns in its order,
     * and syncs the rows inside {@code scope}.
     */
    public static Outcome syncRun(SparkSession spark, String path, Contract contract, Dataset<Row> rows,
            String runIdColumn, String runId, Scope scope) {
        Dataset<Row> stamped = rows.withColumn(runIdColumn, org.apache.spark.sql.functions.lit(runId))
                .select(contract.columnNames().stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
        return sync(spark, path, contract, stamped, List.of(runIdColumn), scope);
    }

    public static Outcome sync(SparkSession spark, String path, Contract contract, Dataset<Row> rows, List<String> ignored) {
        return sync(spark, path, contract, rows, ignored, null);
    }

    /**
     * As {@link #sync(SparkSession, String, Contract, Dataset, List)}, but only the target rows inside {@code scope}
     * are compared and may be deleted, and every row to write must lie inside it; rows outside stay as they are.
     */
    public static Outcome sync(SparkSession spark, String path, Contract contract, Dataset<Row> rows, List<String> ignored,
            Scope scope) {
        List<String> key = primaryKey(contract);
        DeltaTables.ensure(spark, path, ContractSchemas.structType(contract), contract.partitionColumns());
        List<String> retired = RETIRED_COLUMNS.get(contract.table());
        if (retired != null) {
            DeltaTables.dropRetired(spark, path, retired);
        }
        boolean cachedHere = rows.storageLevel().equals(StorageLevel.NONE());
        Dataset<Row> source = cachedHere ? rows.persist(StorageLevel.MEMORY_AND_DISK()) : rows;
        try {
            String on = onKey(key);
            String same = unchanged(contract, key, ignored);
            SourceCheck checked = check(source, contract, key, scope == null ? null
                    : org.apache.spark.sql.functions.coalesce(org.apache.spark.sql.functions.expr(scope.predicate(null)),
                            org.apache.spark.sql.functions.lit(false)), scope == null ? null : scope.predicate(null));
            Dataset<Row> target = spark.read().format("delta").load(path);
            if (scope != null) {
                target = target.filter(org.apache.spark.sql.functions.expr(scope.predicate(null)));
            }
            // Nothing to compare with or delete in a table without files (its Delta checksum says so, without a query):
            // an append commits what the MERGE or the replacement would. A table with files (or without a checksum)
            // is compared: were its files, or its scope, empty, every row would count as changed and the MERGE insert
            // every row, or the replacement remove nothing and add them, as the append would.
            if (DeltaTables.holdsNoFiles(spark, path)) {
                if (checked.rows() == 0) {
                    return new Outcome(DeltaTables.version(spark, path), false, 0);
                }
                source.write().format("delta").mode("append").save(path);
                return new Outcome(DeltaTables.version(spark, path), true, checked.rows());
            }
            long changed = changedRows(source, target, key, same);
            if (changed == 0) {
                return new Outcome(DeltaTables.version(spark, path), false, 0);
            }
            if (scope == null) {
                DeltaTable.forPath(spark, path).as("t")
                        .merge(source.as("s"), on)
                        .whenMatched("NOT (" + same + ")").updateAll()
                        .whenNotMatched().insertAll()
                        .whenNotMatchedBySource().delete()
                        .execute();
            } else {
                replace(source.as("s"), target.as("t"), contract, key, ignored, same)
                        .write().format("delta").mode("overwrite").option("replaceWhere", scope.predicate(null)).save(path);
            }
            return new Outcome(DeltaTables.version(spark, path), true, changed);
        } finally {
            if (cachedHere) {
                source.unpersist();
            }
        }
    }

    /**
     * The rows that replace a scope: the rows to write, in the contract's column order, where a row equal to the
     * target's (compared columns) keeps the target's ignored columns (the run that first wrote it). Written with Delta's
     * replaceWhere, which removes the scope's files and adds these rows in one commit: one write where a MERGE (whose
     * deletes would need tombstones, as a not-matched-by-source clause rewrote every partition's files) materialised
     * its source, joined it with the target to find the files to touch and joined again to rewrite them. A scope on
     * the partition column (the gold tables' period) touches only that partition's files; a scope that also names a
     * data column (score's model version) has Delta rewrite the partition's files, keeping the rows outside it.
     */
    private static Dataset<Row> replace(Dataset<Row> source, Dataset<Row> target, Contract contract, List<String> key,
                                        List<String> ignored, String same) {
        org.apache.spark.sql.Column kept = org.apache.spark.sql.functions.expr("t.`" + key.get(0) + "` IS NOT NULL AND ("
                + same + ")");
        org.apache.spark.sql.Column[] columns = contract.columnNames().stream()
                .map(c -> ignored.contains(c)
                        ? org.apache.spark.sql.functions.when(kept, col("t.`" + c + "`")).otherwise(col("s.`" + c + "`")).as(c)
                        : col("s.`" + c + "`").as(c))
                .toArray(org.apache.spark.sql.Column[]::new);
        return source.join(target, org.apache.spark.sql.functions.expr(onKey(key)), "left_outer").select(columns);
    }

    /** Marks a row of {@link #syncWithin}'s merge source that deletes its key instead of writing it. */
    private static final String DELETE = "_hrdd_sync_delete";

    /**
     * Makes the target rows that match {@code scopeKeys} (on the columns {@code scopeKeys} has, none of them null) hold
     * exactly the given rows, in one MERGE; target rows outside that slice stay as they are, and every row to write must
     * lie inside it. A slice named by keys rather than by a predicate: e.g. the bronze rows an incremental refine
     * recomputed (thousands of (file, row) pairs), or the facility x period x channel cells whose reach changed. Rows of
     * the slice that are no longer produced are deleted through tombstones in the merge source (a MERGE's
     * not-matched-by-source clause takes a predicate, not a join), so unchanged rows are neither rewritten nor deleted.
     * As in {@link #sync(SparkSession, String, Contract, Dataset, List, Scope)}, nothing changed means no commit.
     */
    public static Outcome syncWithin(SparkSession spark, String path, Contract contract, Dataset<Row> rows,
            List<String> ignored, Dataset<Row> scopeKeys) {
        List<String> key = primaryKey(contract);
        String[] scopeColumns = scopeKeys.columns();
        DeltaTables.ensure(spark, path, ContractSchemas.structType(contract), contract.partitionColumns());
        boolean cachedHere = rows.storageLevel().equals(StorageLevel.NONE());
        Dataset<Row> source = cachedHere ? rows.persist(StorageLevel.MEMORY_AND_DISK()) : rows;
        Dataset<Row> scope = scopeKeys.distinct().persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // the rows to write marked with whether the slice holds them, checked in one pass
            check(Joins.left(source, scope.withColumn(IN_SLICE, org.apache.spark.sql.functions.lit(true)), scopeColumns),
                    contract, key, col(IN_SLICE).isNotNull(), "the slice " + List.of(scopeColumns) + " being synced");
            Dataset<Row> inScope = Joins.semi(spark.read().format("delta").load(path), scope, scopeColumns)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                org.apache.spark.sql.Column[] keyCols = key.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new);
                Dataset<Row> tombstones = Joins.anti(inScope.select(keyCols), source.select(keyCols), key.toArray(String[]::new));
                String same = unchanged(contract, key, ignored);
                long changed = changedRows(source, inScope, key, same);
                if (changed == 0) {
                    return new Outcome(DeltaTables.version(spark, path), false, 0);
                }
                // Only the rows that change go into the MERGE: Delta rewrites every file holding a row its source
                // matches, changed or not (an incremental refine's quarantine sync rewrote 48 of 50 files to insert 147
                // rows, since the slice matched a row in each).
                Dataset<Row> changing = source.as("s").join(inScope.as("t"), org.apache.spark.sql.functions.expr(onKey(key)),
                                "left_outer")
                        .filter(org.apache.spark.sql.functions.expr("t.`" + key.get(0) + "` IS NULL OR NOT (" + same + ")"))
                        .select(contract.columnNames().stream().map(c -> col("s.`" + c + "`"))
                                .toArray(org.apache.spark.sql.Column[]::new));
                merge(spark, path, contract, changing, tombstones, key, ignored);
                return new Outcome(DeltaTables.version(spark, path), true, changed);
            } finally {
                inScope.unpersist();
            }
        } finally {
            scope.unpersist();
            if (cachedHere) {
                source.unpersist();
            }
        }
    }

    /**
     * One MERGE that writes {@code source} (changed rows updated, new ones inserted) and deletes the target rows whose
     * keys {@code tombstones} lists.
     */
    private static void merge(SparkSession spark, String path, Contract contract, Dataset<Row> source,
                              Dataset<Row> tombstones, List<String> key, List<String> ignored) {
        String same = unchanged(contract, key, ignored);
        java.util.Map<String, String> assign = new java.util.LinkedHashMap<>();
        contract.columnNames().forEach(c -> assign.put("`" + c + "`", "s.`" + c + "`"));
        Dataset<Row> mergeSource = source.withColumn(DELETE, org.apache.spark.sql.functions.lit(false))
                .unionByName(tombstones.withColumn(DELETE, org.apache.spark.sql.functions.lit(true)), true);
        DeltaTable.forPath(spark, path).as("t")
                .merge(mergeSource.as("s"), onKey(key))
                .whenMatched("s.`" + DELETE + "`").delete()
                .whenMatched("NOT (" + same + ")").updateExpr(assign)
                .whenNotMatched("NOT s.`" + DELETE + "`").insertExpr(assign)
                .execute();
    }

    private static List<String> primaryKey(Contract contract) {
        List<String> key = contract.primaryKey();
        if (key.isEmpty()) {
            throw new IllegalArgumentException(contract.table() + " has no primary key to merge on");
        }
        return key;
    }

    /** What {@link #check} found in the rows to write. */
    private record SourceCheck(long rows, long duplicateKeys, long outside) {
    }

    /** Marks, in {@link #syncWithin}'s check, a row to write that lies inside the slice. */
    private static final String IN_SLICE = "_hrdd_in_slice";

    /**
     * Counts the rows to write, their keys that occur more than once and the rows outside what is being synced, in
     * one pass (one Spark job, not three: on the sample tables each job costs more in planning than in running), and
     * fails on duplicate keys or rows outside.
     *
     * @param inside true for a row inside the scope or slice being synced (null: the whole table)
     * @param where  the scope or slice, for the error message
     */
    private static SourceCheck check(Dataset<Row> source, Contract contract, List<String> key,
                                     org.apache.spark.sql.Column inside, String where) {
        org.apache.spark.sql.Column outsideRow = inside == null ? org.apache.spark.sql.functions.lit(0L)
                : org.apache.spark.sql.functions.when(inside, 0L).otherwise(1L);
        Row r = source.groupBy(key.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                .agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)).as("n"),
                        org.apache.spark.sql.functions.sum(outsideRow).as("outside"))
                .agg(org.apache.spark.sql.functions.sum("n"),
                        org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col("n").gt(1), 1L)
                                .otherwise(0L)),
                        org.apache.spark.sql.functions.sum("outside"))
                .first();
        SourceCheck c = new SourceCheck(r.isNullAt(0) ? 0 : r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1),
                r.isNullAt(2) ? 0 : r.getLong(2));
        if (c.duplicateKeys() > 0) {
            throw new IllegalStateException(contract.table() + ": " + c.duplicateKeys() + " keys " + key
                    + " occur more than once in the rows to write");
        }
        if (c.outside() > 0) {
            throw new IllegalStateException(contract.table() + ": " + c.outside() + " rows to write lie outside " + where);
        }
        return c;
    }

    /** Rows to write (new or changed) plus target rows no longer produced, in one full outer join on the key. */
    private static long changedRows(Dataset<Row> source, Dataset<Row> target, List<String> key, String same) {
        return source.as("s").join(target.as("t"), org.apache.spark.sql.functions.expr(onKey(key)), "full_outer")
                .filter(org.apache.spark.sql.functions.expr("s.`" + key.get(0) + "` IS NULL OR t.`" + key.get(0)
                        + "` IS NULL OR NOT (" + same + ")"))
                .count();
    }

    /** MERGE condition: target {@code t} and source {@code s} share the key. */
    private static String onKey(List<String> key) {
        return key.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
    }

    /** True when a matched row's compared columns (neither key nor ignored) are equal, nulls included. */
    private static String unchanged(Contract contract, List<String> key, List<String> ignored) {
        List<String> compared = contract.columnNames().stream().filter(c -> !ignored.contains(c) && !key.contains(c))
                .toList();
        return compared.isEmpty() ? "true"
                : compared.stream().map(c -> "t.`" + c + "` <=> s.`" + c + "`").collect(Collectors.joining(" AND "));
    }
}
