package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's "rerun commits nothing" check: every table's version from its log, ops.runs (the run log) aside. */
class BenchRerunCommitsTest {

    @TempDir
    Path tmp;

    @Test
    void aCommitToAnyTableButTheRunLogIsNamed() throws Exception {
        SparkSession spark = SharedSpark.session();
        Lakehouse lh = new Lakehouse(tmp.toString());
        String signals = lh.tablePath("silver.worker_signal");
        String quarantine = lh.tablePath("ops.quarantine");
        String runs = lh.tablePath("ops.runs");
        for (String path : List.of(signals, quarantine, runs)) {
            DeltaTables.append(spark, path, spark.range(3).toDF());
        }
        Map<String, Long> before = BenchCommand.tableVersions(tmp);
        assertThat(before)
                .containsOnlyKeys("silver/worker_signal", "_quarantine")
                .containsValues(0L);
        DeltaTables.append(spark, runs, spark.range(1).toDF());
        assertThat(BenchCommand.committed(before, BenchCommand.tableVersions(tmp)))
                .isEmpty();
        DeltaTables.append(spark, quarantine, spark.range(1).toDF());
        DeltaTables.append(spark, lh.tablePath("gold.watchlist"), spark.range(1).toDF());
        assertThat(BenchCommand.committed(before, BenchCommand.tableVersions(tmp)))
                .containsExactly("_quarantine", "gold/watchlist");
    }
}
