package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many partitions {@link Dedup#rank} shuffles into: from the size of the stored input, never fewer than configured. */
class DedupPartitionsTest {

    @TempDir
    Path dir;

    private static long parquetBytes(Path table) throws Exception {
        try (Stream<Path> files = Files.list(table)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    /** 3 Parquet files of bronze-like rows (key, lineage). */
    private Dataset<Row> stored(SparkSession spark) {
        String path = dir.resolve("bronze").toString();
        spark.range(3000)
                .select(
                        col("id").cast("string").as("case_id"),
                        lit("ngo_a").as(Lineage.SOURCE_SYSTEM),
                        lit("cases.csv").as(Lineage.SOURCE_FILE),
                        col("id").plus(1).as(Lineage.SOURCE_ROW),
                        lit(java.sql.Date.valueOf("2026-10-01")).as(Lineage.INGESTED_ON),
                        lit("r-1").as(Lineage.RUN_ID),
                        lit("0".repeat(64)).as(Lineage.FILE_SHA256))
                .repartition(3)
                .write()
                .parquet(path);
        return spark.read().parquet(path);
    }

    @Test
    void onePartitionPerSliceOfTheStoredInputAndTheRankingUsesThem() throws Exception {
        SparkSession spark = SharedSpark.session();
        Dataset<Row> bronze = stored(spark);
        long bytes = parquetBytes(dir.resolve("bronze"));
        int configured = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));

        long slice = bytes / 7 + 1; // the files are 7 slices, the last one partly filled
        assertThat(Dedup.rankingPartitions(bronze, slice)).isEqualTo(Math.max(configured, 7));
        assertThat(Dedup.rankingPartitions(bronze, bytes * 10)).isEqualTo(configured);

        // a joined small in-memory table (the facility lookup) adds nothing
        Dataset<Row> lookup = spark.createDataFrame(
                List.of(org.apache.spark.sql.RowFactory.create("ngo_a", "x")),
                new org.apache.spark.sql.types.StructType()
                        .add("_sys", "string")
                        .add("_x", "string"));
        Dataset<Row> joined = bronze.join(
                        org.apache.spark.sql.functions.broadcast(lookup),
                        col(Lineage.SOURCE_SYSTEM).equalTo(col("_sys")),
                        "left")
                .drop("_sys");
        assertThat(Dedup.rankingPartitions(joined, slice)).isEqualTo(Math.max(configured, 7));

        // the ranking's windows run on that partitioning, without another shuffle (the plan before it runs)
        Dataset<Row> ranked = Dedup.rank(bronze, List.of(Lineage.SOURCE_SYSTEM, "case_id"), slice);
        String plan = ranked.queryExecution().executedPlan().toString();
        assertThat(plan.split("Exchange hashpartitioning", -1)).hasSize(2);
        assertThat(plan).contains("REPARTITION_BY_NUM");
        assertThat(ranked.rdd().getNumPartitions()).isEqualTo(Math.max(configured, 7));
        assertThat(ranked.filter(col(Dedup.IS_SUPERSEDED)).count()).isZero();
        assertThat(ranked.count()).isEqualTo(3000);
    }

    @Test
    void aDeltaTableCountsWithTheFilesOfItsCurrentVersion() throws Exception {
        SparkSession spark = SharedSpark.session();
        String path = dir.resolve("delta").toString();
        Dataset<Row> source = stored(spark);
        source.write().format("delta").save(path);
        long first = parquetBytes(dir.resolve("delta"));
        source.limit(10).write().format("delta").mode("overwrite").save(path);
        long all = parquetBytes(dir.resolve("delta"));
        long current = all - first; // the overwrite removed the first version's files from the snapshot, not the disk
        Dataset<Row> delta = spark.read().format("delta").load(path);
        int configured = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));

        assertThat(Dedup.rankingPartitions(delta, current / 3 + 1)).isEqualTo(Math.max(configured, 3));
        assertThat(Dedup.rankingPartitions(delta, current)).isEqualTo(configured);
    }
}
