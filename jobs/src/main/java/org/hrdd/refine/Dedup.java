package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.hrdd.schemas.Lineage;

/**
 * Versions of a source record: the latest export of a key wins (a corrected re-export replaces the old row;
 * Delta keeps the history). Within one delivery (a file as ingested: its name and content hash), a key that appears
 * again after its first record is a {@code DUPLICATE}; an older version from an earlier delivery is superseded, which
 * is not an error, whether that delivery was another file or an earlier content of the same file name (a corrected
 * re-export delivered under the old name). A key absent from a re-delivery keeps its last version: an export that
 * leaves a record out does not retract evidence (see the README's Data flow).
 */
public final class Dedup {

    /** 1 for the latest version of the key, 2.. for older ones. */
    public static final String VERSION_RANK = "_version_rank";
    /** Set by {@link #rank}: null for a row with a complete key, else the row's own file#row (it stands alone). */
    public static final String VERSION_GROUP = "_version_group";
    /** True for an older version that a later file replaced. */
    public static final String IS_SUPERSEDED = "_is_superseded";
    /** For a repeated key in the same file: the record number of the version that was kept. */
    public static final String KEPT_ROW = "_kept_row";

    private Dedup() {}

    /**
     * Ranks versions per key: newest ingest first, then the later file name, then the earlier record in the file.
     * Adds {@link #VERSION_RANK}, {@link #IS_SUPERSEDED}, {@link #KEPT_ROW}.
     */
    public static Dataset<Row> rank(Dataset<Row> bronze, List<String> key) {
        return rank(bronze, key, INPUT_BYTES_PER_PARTITION);
    }

    static Dataset<Row> rank(Dataset<Row> bronze, List<String> key, long bytesPerPartition) {
        // A row without a complete key (a broken record) is nobody's version: it stands alone.
        Column incomplete =
                key.stream().map(k -> col(k).isNull()).reduce(Column::or).orElseThrow();
        Column alone = when(
                incomplete,
                concat_ws("#", col(Lineage.SOURCE_FILE), col(Lineage.SOURCE_ROW).cast("string")));
        // One column, not an expression per window: Spark would alias the expression anew in each window and shuffle
        // the rows once per window (three times here, four with the consent window) instead of once.
        Column[] keyCols = versionGroup(key);
        // Newest export first (run date, then the ingest run: run ids sort by start time within a run date); within one
        // delivery the first record wins (a repeated key later in the file is the duplicate).
        Column[] order = {
            col(Lineage.INGESTED_ON).desc(),
            col(Lineage.RUN_ID).desc(),
            col(Lineage.SOURCE_FILE).desc(),
            col(Lineage.FILE_SHA256).desc(),
            col(Lineage.SOURCE_ROW).asc()
        };
        Column delivery = concat_ws("\u001f", col(Lineage.SOURCE_FILE), col(Lineage.FILE_SHA256));
        WindowSpec w = Window.partitionBy(keyCols).orderBy(order);
        WindowSpec all = Window.partitionBy(keyCols)
                .orderBy(order)
                .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        // The ranking's shuffle is refine's largest (every bronze row with its raw JSON): its partitions follow the
        // input's size; the windows below and the consent window reuse this partitioning without another shuffle.
        Dataset<Row> ranked = bronze.withColumn(VERSION_GROUP, alone)
                .repartition(rankingPartitions(bronze, bytesPerPartition), keyCols)
                .withColumn(VERSION_RANK, row_number().over(w))
                .withColumn("_latest_file", first(delivery).over(all))
                .withColumn("_latest_row", first(col(Lineage.SOURCE_ROW)).over(all));
        return ranked.withColumn(IS_SUPERSEDED, col(VERSION_RANK).gt(1).and(delivery.notEqual(col("_latest_file"))))
                .withColumn(
                        KEPT_ROW,
                        when(col(VERSION_RANK).gt(1).and(delivery.equalTo(col("_latest_file"))), col("_latest_row")))
                .drop("_latest_file", "_latest_row");
    }

    /** Bytes of stored input per partition of the ranking shuffle (see {@link #rankingPartitions}). */
    static final long INPUT_BYTES_PER_PARTITION = 8L << 20;

    /**
     * Partitions for ranking the rows of a plan: one per {@link #INPUT_BYTES_PER_PARTITION} of the stored tables it reads
     * (the size of their files, as the plan's leaves report it), at least {@code spark.sql.shuffle.partitions}; more
     * than 4,096 only if that many are configured. A row of bronze Parquet becomes about eight times as many bytes in
     * this shuffle (uncompressed text, the raw row as JSON beside the bronze columns), so a partition holds about 64 MB.
     * With the session's fixed partition count, the 10m tier's survey responses (665 MB of Parquet) came out of this
     * shuffle in partitions of 1-2 GB that a 4 GiB driver could not cache or read back; with 64 partitions for every
     * shuffle instead, the 1m tier's analysis took 238 s against 199 s with 8.
     */
    static int rankingPartitions(Dataset<Row> input, long bytesPerPartition) {
        int configured = Integer.parseInt(input.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        java.math.BigInteger bytes = java.math.BigInteger.ZERO;
        for (org.apache.spark.sql.catalyst.plans.logical.LogicalPlan leaf :
                scala.collection.JavaConverters.seqAsJavaList(
                        input.queryExecution().optimizedPlan().collectLeaves())) {
            // stored tables only: a cached plan's estimate can be a product of its joins' sizes
            if (leaf instanceof org.apache.spark.sql.execution.datasources.LogicalRelation) {
                bytes = bytes.add(leaf.stats().sizeInBytes().bigInteger());
            }
        }
        long wanted = bytes.add(java.math.BigInteger.valueOf(bytesPerPartition - 1))
                .divide(java.math.BigInteger.valueOf(bytesPerPartition))
                .min(java.math.BigInteger.valueOf(4096))
                .longValue();
        return (int) Math.max(configured, wanted);
    }

    /**
     * The columns a key's versions are grouped by after {@link #rank}: the key, and {@link #VERSION_GROUP} (null for a
     * complete key, the row's own file and row for a row without one). Windows over a key's versions partition by
     * these, so that they share {@link #rank}'s partitioning.
     */
    public static Column[] versionGroup(List<String> key) {
        return java.util.stream.Stream.concat(key.stream(), java.util.stream.Stream.of(VERSION_GROUP))
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
    }

    /** The duplicate-in-the-same-file check for {@link RowChecks}. */
    public static RowChecks.Check duplicateCheck(String... key) {
        Column[] parts = Arrays.stream(key).map(k -> col(k).cast("string")).toArray(Column[]::new);
        return RowChecks.check(
                "DUPLICATE",
                col(KEPT_ROW).isNotNull(),
                org.apache.spark.sql.functions.concat(
                        lit("key ("),
                        concat_ws(", ", parts),
                        lit(") appears again in the same file; kept record "),
                        col(KEPT_ROW).cast("string")));
    }
}
