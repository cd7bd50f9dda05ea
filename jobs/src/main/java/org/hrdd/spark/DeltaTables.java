package org.hrdd.spark;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.ConfigException;

/** Small Delta helpers shared by the jobs: create with hrdd's table properties, version, append. */
public final class DeltaTables {

    /** Readers that only list files (DuckDB in the reports module) would see deleted rows with deletion vectors. */
    public static final String DELETION_VECTORS = "delta.enableDeletionVectors";

    /**
     * No per-column min/max statistics in the Delta log: they would copy identifiers (a phone number, a pseudonym)
     * into log files that outlive an erasure. hrdd's tables are small enough to scan without data skipping.
     */
    public static final String STATS_COLUMNS = "delta.dataSkippingNumIndexedCols";

    private DeltaTables() {}

    /**
     * Creates the Delta table with the given schema when the path holds none; adds the columns a newer contract
     * declares that the table lacks (they are null in existing rows until rewritten). Returns the current version.
     */
    public static long ensure(SparkSession spark, String path, StructType schema) {
        return ensure(spark, path, schema, List.of());
    }

    /**
     * As {@link #ensure(SparkSession, String, StructType)}, creating the table partitioned by the given columns. A
     * table that exists keeps the partitioning it was created with: a lakehouse from before a contract partitioned its
     * table works as before, only without partition pruning (to partition its gold tables, remove them and run the
     * steps that write them again).
     */
    public static long ensure(SparkSession spark, String path, StructType schema, List<String> partitionColumns) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            DeltaTable.createIfNotExists(spark)
                    .location(path)
                    .addColumns(schema)
                    .partitionedBy(partitionColumns.toArray(String[]::new))
                    .property(DELETION_VECTORS, "false")
                    .property(STATS_COLUMNS, "0")
                    .execute();
        } else {
            java.util.Set<String> present = new java.util.HashSet<>(java.util.Arrays.asList(
                    spark.read().format("delta").load(path).columns()));
            List<String> missing = new java.util.ArrayList<>();
            for (org.apache.spark.sql.types.StructField f : schema.fields()) {
                if (!present.contains(f.name())) {
                    missing.add("`" + f.name() + "` " + f.dataType().sql());
                }
            }
            if (!missing.isEmpty()) {
                spark.sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (" + String.join(", ", missing) + ")");
            }
        }
        return version(spark, path);
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /**
     * The table's current version, from a listing of its log: about 1 ms, where reading it from the history API
     * ({@code history(1)}, which lists the log the same way and then runs Spark jobs over the commit) took about
     * 120 ms; jobs ask for it for every table they read or write.
     */
    public static long version(SparkSession spark, String path) {
        return snapshot(spark, path).version();
    }

    /**
     * A table's current version and its Delta table id: the id is made when the table is created, so a table deleted
     * and created again (or a folder replaced by another table's) has another id, whatever its version number.
     */
    public record State(long version, String tableId) {}

    /**
     * The table's {@link State}: the listing of {@link #version} and the table's metadata (which {@link #version} does
     * not need to read).
     */
    public static State state(SparkSession spark, String path) {
        org.apache.spark.sql.delta.Snapshot snapshot = snapshot(spark, path);
        return new State(snapshot.version(), snapshot.metadata().id());
    }

    /** The table's current snapshot, from a listing of its log (its state is read only when asked for). */
    private static org.apache.spark.sql.delta.Snapshot snapshot(SparkSession spark, String path) {
        org.apache.spark.sql.delta.Snapshot snapshot = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path)
                .update(false, scala.Option.empty(), scala.Option.empty());
        if (snapshot.version() < 0) {
            throw new IllegalStateException("no Delta table at " + path);
        }
        return snapshot;
    }

    /**
     * True when the table's current version holds no data files, as its Delta checksum file says: no Spark job, where
     * the query asking whether a table is empty costs a tenth of a second or more of planning on a 2-core machine and
     * a first run asks it of every table it writes. False when the table holds files or that version has no checksum.
     */
    public static boolean holdsNoFiles(SparkSession spark, String path) {
        // the checksum itself: Snapshot.numOfFilesIfKnown computes the snapshot's state (a Spark job) to answer
        scala.Option<org.apache.spark.sql.delta.VersionChecksum> found = org.apache.spark.sql.delta.DeltaLog.forTable(
                        spark, path)
                .update(false, scala.Option.empty(), scala.Option.empty())
                .checksumOpt();
        if (found.isEmpty()) {
            return false;
        }
        // a checksum without metadata or protocol is one Delta itself does not trust (an incomplete one, whose missing
        // numFiles would read as 0)
        org.apache.spark.sql.delta.VersionChecksum checksum = found.get();
        return checksum.metadata() != null && checksum.protocol() != null && checksum.numFiles() == 0L;
    }

    /**
     * Appends in one commit and returns the version written; a table that does not exist is created by that commit,
     * with hrdd's table properties (a log table: ops.runs, ops.quality_metrics, ops.erasure_log).
     */
    public static long append(SparkSession spark, String path, Dataset<Row> rows) {
        return appendCounting(spark, path, rows).version();
    }

    /** The version an append committed and the rows it wrote, as its commit recorded them. */
    public record Appended(long version, long rows) {}

    /**
     * Appends in one commit and reads back the version and the rows written from the commit's own metrics
     * ({@link #committing}); a table that does not exist is created by that commit, with hrdd's table properties, and a
     * column a newer contract added is added to an existing table (mergeSchema). An append of no rows commits nothing
     * (Delta writes no version), which is 0 rows at the version before.
     */
    public static Appended appendCounting(SparkSession spark, String path, Dataset<Row> rows) {
        TableWrite.Written w = committing(
                spark,
                path,
                rows.write()
                        .format("delta")
                        .mode("append")
                        .option(DELETION_VECTORS, "false")
                        .option(STATS_COLUMNS, "0")
                        .option("mergeSchema", "true"));
        return new Appended(w.version(), w.rows());
    }

    /**
     * Runs a Delta write (one commit) and reads back the version and the rows written from that commit's own metrics
     * ({@code operationMetrics.numOutputRows} in the log entry): no query over the written data. The caller holds the
     * lakehouse lock, so a new latest commit is this one; a write that committed nothing is 0 rows at the version
     * before.
     */
    public static TableWrite.Written committing(
            SparkSession spark, String path, org.apache.spark.sql.DataFrameWriter<Row> writer) {
        org.apache.spark.sql.delta.DeltaLog log = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path);
        long before =
                log.update(false, scala.Option.empty(), scala.Option.empty()).version();
        writer.save(path);
        long version =
                log.update(false, scala.Option.empty(), scala.Option.empty()).version();
        if (version == before) {
            return new TableWrite.Written(version, 0);
        }
        scala.collection.Iterator<scala.Tuple2<Object, scala.collection.Seq<org.apache.spark.sql.delta.actions.Action>>>
                it = log.getChanges(version, false);
        while (it.hasNext()) {
            for (org.apache.spark.sql.delta.actions.Action a : scala.collection.JavaConverters.seqAsJavaListConverter(
                            it.next()._2())
                    .asJava()) {
                if (a instanceof org.apache.spark.sql.delta.actions.CommitInfo info
                        && info.operationMetrics().isDefined()) {
                    scala.Option<String> n = info.operationMetrics().get().get("numOutputRows");
                    // an overwrite with no rows writes no file and may record no output rows
                    return new TableWrite.Written(version, n.isDefined() ? Long.parseLong(n.get()) : 0L);
                }
            }
        }
        throw new IllegalStateException(path + ": version " + version + " records no operation metrics (Delta's "
                + "history metrics are off: spark.databricks.delta.history.metricsEnabled)");
    }

    /** The columns the table is partitioned by, from its current snapshot's metadata. */
    public static List<String> partitionColumns(SparkSession spark, String path) {
        return scala.collection.JavaConverters.seqAsJavaList(
                snapshot(spark, path).metadata().partitionColumns());
    }

    /**
     * Reads each table at its current version (recorded in {@code versionsRead}), so that a job sees one consistent
     * snapshot however long it runs; a missing table is a usage error telling which command makes it.
     */
    public static Map<String, Dataset<Row>> readCurrent(
            SparkSession spark, Lakehouse lh, List<String> tables, Map<String, Long> versionsRead, String makeItWith) {
        return readCurrent(spark, lh, tables, makeItWith, (table, path) -> {
            long v = version(spark, path);
            versionsRead.put(table, v);
            return v;
        });
    }

    /**
     * As {@link #readCurrent(SparkSession, Lakehouse, List, Map, String)}, recording each table's {@link State}
     * (version and table id, from the one snapshot whose version is read) instead of its version alone.
     */
    public static Map<String, Dataset<Row>> readCurrentStates(
            SparkSession spark, Lakehouse lh, List<String> tables, Map<String, State> statesRead, String makeItWith) {
        return readCurrent(spark, lh, tables, makeItWith, (table, path) -> {
            State s = state(spark, path);
            statesRead.put(table, s);
            return s.version();
        });
    }

    /** Each table at the version {@code versionOf} (table, path) gives, after checking it exists. */
    private static Map<String, Dataset<Row>> readCurrent(
            SparkSession spark,
            Lakehouse lh,
            List<String> tables,
            String makeItWith,
            java.util.function.ToLongBiFunction<String, String> versionOf) {
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        for (String table : tables) {
            String path = lh.tablePath(table);
            if (!exists(spark, path)) {
                throw new ConfigException(table + " does not exist in " + lh.root() + ": run " + makeItWith + " first");
            }
            long v = versionOf.applyAsLong(table, path);
            out.put(table, spark.read().format("delta").option("versionAsOf", v).load(path));
        }
        return out;
    }

    /**
     * Reads each table at the version given in {@code asOf} (a recorded run's versions read), or at its current
     * version when {@code asOf} is null; the versions read go into {@code versionsRead}. A table missing from
     * {@code asOf} means the recorded run was of another kind.
     */
    public static Map<String, Dataset<Row>> readAt(
            SparkSession spark,
            Lakehouse lh,
            List<String> tables,
            Map<String, Long> asOf,
            Map<String, Long> versionsRead,
            String makeItWith) {
        if (asOf == null) {
            return readCurrent(spark, lh, tables, versionsRead, makeItWith);
        }
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        for (String table : tables) {
            Long v = asOf.get(table);
            if (v == null) {
                throw new ConfigException("the recorded run did not read " + table + " (a run of another command?)");
            }
            versionsRead.put(table, v);
            out.put(table, spark.read().format("delta").option("versionAsOf", v).load(lh.tablePath(table)));
        }
        return out;
    }
}
