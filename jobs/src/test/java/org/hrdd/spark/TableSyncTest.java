package org.hrdd.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TableSync on a small table: the first write of a table (no files, by its Delta checksum) is an append, a rerun
 * commits nothing, a changed scope is replaced (updated, inserted, deleted inside the scope only; unchanged rows keep
 * the run that wrote them), a whole table is merged into, rows outside the scope and duplicate keys fail.
 */
class TableSyncTest {

    static final Contract CONTRACT = ContractLoader.loadAll().get(GoldIndicatorValue.TABLE);

    @TempDir
    Path tmp;

    static Dataset<Row> rows(SparkSession spark, String period, double... values) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(RowFactory.create("ind", "company", "all", period, "country", "C" + i, "share", values[i], values[i], 1.0,
                    10L, false, null, null));
        }
        return spark.createDataFrame(out, ContractSchemas.structType(CONTRACT)).drop(org.hrdd.schemas.Lineage.RUN_ID);
    }

    static TableSync.Scope period(String p) {
        return new TableSync.Scope(GoldIndicatorValue.PERIOD, List.of(p));
    }

    static List<String> content(SparkSession spark, String path) {
        return spark.read().format("delta").load(path).orderBy(GoldIndicatorValue.PERIOD, GoldIndicatorValue.DIMENSION_VALUE)
                .collectAsList().stream().map(r -> r.getAs(GoldIndicatorValue.PERIOD) + "/"
                        + r.getAs(GoldIndicatorValue.DIMENSION_VALUE) + "=" + r.getAs(GoldIndicatorValue.VALUE) + "@"
                        + r.getAs(org.hrdd.schemas.Lineage.RUN_ID)).toList();
    }

    @Test
    void anAppendReportsTheRowsItsCommitWroteFromTheCommitsOwnMetrics() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("appended").toString();
        DeltaTables.Appended first = DeltaTables.appendCounting(spark, path, rows(spark, "2026-Q1", 1, 2, 3));
        DeltaTables.Appended second = DeltaTables.appendCounting(spark, path, rows(spark, "2026-Q2", 4, 5));
        assertThat(first).isEqualTo(new DeltaTables.Appended(0, 3));
        assertThat(second).isEqualTo(new DeltaTables.Appended(1, 2));
        // no rows: no commit, and not the previous commit's count
        DeltaTables.Appended none = DeltaTables.appendCounting(spark, path, rows(spark, "2026-Q3"));
        assertThat(none).isEqualTo(new DeltaTables.Appended(1, 0));
    }

    /**
     * A column a contract retired is dropped from a table that still holds it (one rewrite), the other columns keep
     * their rows, and a second call does nothing. (The rewrite leaves every column nullable: Delta 3.3 cannot set
     * NOT NULL again.)
     */
    @Test
    void aRetiredColumnIsDroppedOnceAndTheConstraintsStay() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("retired").toString();
        org.apache.spark.sql.types.StructType schema = ContractSchemas.structType(CONTRACT);
        DeltaTables.ensure(spark, path, schema.add("old_flag", org.apache.spark.sql.types.DataTypes.BooleanType, false),
                CONTRACT.partitionColumns());
        Dataset<Row> old = rows(spark, "2026-Q2", 0.1).withColumn(org.hrdd.schemas.Lineage.RUN_ID,
                org.apache.spark.sql.functions.lit("r0")).withColumn("old_flag", org.apache.spark.sql.functions.lit(true));
        old.select(java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)).withColumn("old_flag", org.apache.spark.sql.functions.lit(true))
                .write().format("delta").mode("append").save(path);
        long before = DeltaTables.version(spark, path);
        DeltaTables.dropRetired(spark, path, List.of("old_flag"));
        assertThat(spark.read().format("delta").load(path).columns()).doesNotContain("old_flag");
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.1@r0");
        assertThat(spark.read().format("delta").load(path).columns()).containsExactly(schema.fieldNames());
        long dropped = DeltaTables.version(spark, path);
        assertThat(dropped).isGreaterThan(before);
        DeltaTables.dropRetired(spark, path, List.of("old_flag"));
        assertThat(DeltaTables.version(spark, path)).isEqualTo(dropped);
    }

    @Test
    void appendsFirstMergesChangesAndCommitsNothingOnARerun() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("t").toString();
        TableSync.Outcome first = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.1, 0.2), org.hrdd.schemas.Lineage.RUN_ID,
                "r1", period("2026-Q2"));
        assertThat(first.committed()).isTrue();
        assertThat(first.changedRows()).isEqualTo(2);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.1@r1", "2026-Q2/C1=0.2@r1");

        TableSync.Outcome rerun = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.1, 0.2),
                org.hrdd.schemas.Lineage.RUN_ID, "r2", period("2026-Q2"));
        assertThat(rerun.committed()).isFalse();
        assertThat(rerun.version()).isEqualTo(first.version());

        // a new period on a non-empty table: written, the other period untouched
        TableSync.Outcome q3 = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q3", 0.5), org.hrdd.schemas.Lineage.RUN_ID,
                "r3", period("2026-Q3"));
        assertThat(q3.committed()).isTrue();
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.1@r1", "2026-Q2/C1=0.2@r1", "2026-Q3/C0=0.5@r3");

        // a changed value and a row no longer produced, inside the scope: the scope replaced; Q3 stays
        TableSync.Outcome changed = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.15),
                org.hrdd.schemas.Lineage.RUN_ID, "r4", period("2026-Q2"));
        assertThat(changed.committed()).isTrue();
        assertThat(changed.changedRows()).isEqualTo(2);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r4", "2026-Q3/C0=0.5@r3");
        // the contract partitions the table by period: the replacement removed and added files of Q2 only
        assertThat(filesCommitted(path, changed.version())).isNotEmpty()
                .allSatisfy(f -> assertThat(f).startsWith("period=2026-Q2/"));
        // a new row beside an unchanged one: the unchanged row keeps the run that wrote it; then the new row goes again
        TableSync.Outcome added = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.15, 0.25),
                org.hrdd.schemas.Lineage.RUN_ID, "r4b", period("2026-Q2"));
        assertThat(added.changedRows()).isEqualTo(1);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r4", "2026-Q2/C1=0.25@r4b", "2026-Q3/C0=0.5@r3");
        TableSync.Outcome removed = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.15),
                org.hrdd.schemas.Lineage.RUN_ID, "r4c", period("2026-Q2"));
        assertThat(removed.changedRows()).isEqualTo(1);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r4", "2026-Q3/C0=0.5@r3");

        assertThatThrownBy(() -> TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q4", 0.3),
                org.hrdd.schemas.Lineage.RUN_ID, "r5", period("2026-Q3"))).hasMessageContaining("outside");
        assertThatThrownBy(() -> TableSync.syncRun(spark, path, CONTRACT,
                rows(spark, "2026-Q3", 0.3).unionByName(rows(spark, "2026-Q3", 0.4)), org.hrdd.schemas.Lineage.RUN_ID, "r6",
                period("2026-Q3"))).hasMessageContaining("more than once");
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r4", "2026-Q3/C0=0.5@r3");

        // nothing to write in a scope that holds nothing: no commit
        TableSync.Outcome none = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q4"),
                org.hrdd.schemas.Lineage.RUN_ID, "r7", period("2026-Q4"));
        assertThat(none.committed()).isFalse();
        assertThat(none.version()).isEqualTo(removed.version());
        // nothing to write in a scope that holds a row: the row is deleted, the other period stays
        TableSync.Outcome emptied = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q3"),
                org.hrdd.schemas.Lineage.RUN_ID, "r8", period("2026-Q3"));
        assertThat(emptied.committed()).isTrue();
        assertThat(emptied.changedRows()).isEqualTo(1);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r4");
    }

    @Test
    void aScopeOnTwoColumnsReplacesTheRowsInsideBothAndNothingElse() {
        // as score's scope (a period and a model version): here a period and some dimension values
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("two").toString();
        String run = org.hrdd.schemas.Lineage.RUN_ID;
        TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.1, 0.2, 0.3), run, "r1", period("2026-Q2"));
        TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q3", 0.5), run, "r2", period("2026-Q3"));
        TableSync.Scope scope = period("2026-Q2").and(GoldIndicatorValue.DIMENSION_VALUE, List.of("C0", "C1"));

        // Q2/C0 changes and Q2/C1 is no longer produced; Q2/C2 (other dimension value) and Q3/C0 (other period) stay
        TableSync.Outcome replaced = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.15), run, "r3", scope);
        assertThat(replaced.committed()).isTrue();
        assertThat(replaced.changedRows()).isEqualTo(2);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r3", "2026-Q2/C2=0.3@r1", "2026-Q3/C0=0.5@r2");

        // a row of the period outside the second column's values is refused, and nothing is written
        assertThatThrownBy(() -> TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.15, 0.2, 0.9), run,
                "r4", scope)).hasMessageContaining("outside");
        // the same rows again: no commit
        TableSync.Outcome rerun = TableSync.syncRun(spark, path, CONTRACT, rows(spark, "2026-Q2", 0.15), run, "r5", scope);
        assertThat(rerun.committed()).isFalse();
        assertThat(rerun.version()).isEqualTo(replaced.version());
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r3", "2026-Q2/C2=0.3@r1", "2026-Q3/C0=0.5@r2");
    }

    @Test
    void aTableWithoutFilesIsAppendedToAndOneWithFilesMergedInto() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("n").toString();
        List<String> ignored = List.of(org.hrdd.schemas.Lineage.RUN_ID);
        DeltaTables.ensure(spark, path, ContractSchemas.structType(CONTRACT), CONTRACT.partitionColumns());
        assertThat(DeltaTables.holdsNoFiles(spark, path)).isTrue();
        TableSync.Outcome first = TableSync.sync(spark, path, CONTRACT, stamped(spark, "r1", "2026-Q2", 0.1, 0.2), ignored);
        assertThat(first.changedRows()).isEqualTo(2);
        assertThat(operation(spark, path)).isEqualTo("WRITE");
        assertThat(DeltaTables.holdsNoFiles(spark, path)).isFalse();
        // one row changed, one gone: a merge (an append would have kept C1 and added a second C0)
        TableSync.Outcome merged = TableSync.sync(spark, path, CONTRACT, stamped(spark, "r2", "2026-Q2", 0.15), ignored);
        assertThat(merged.changedRows()).isEqualTo(2);
        assertThat(operation(spark, path)).isEqualTo("MERGE");
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r2");
        // every row deleted: the version holds no files, and the next sync appends
        io.delta.tables.DeltaTable.forPath(spark, path).delete();
        assertThat(DeltaTables.holdsNoFiles(spark, path)).isTrue();
        TableSync.Outcome again = TableSync.sync(spark, path, CONTRACT, stamped(spark, "r3", "2026-Q3", 0.3), ignored);
        assertThat(again.committed()).isTrue();
        assertThat(again.changedRows()).isEqualTo(1);
        assertThat(operation(spark, path)).isEqualTo("WRITE");
        assertThat(content(spark, path)).containsExactly("2026-Q3/C0=0.3@r3");
    }

    /** The Delta operation of the table's last commit (WRITE for an append). */
    static String operation(SparkSession spark, String path) {
        return io.delta.tables.DeltaTable.forPath(spark, path).history(1).first().getAs("operation");
    }

    /** The data files a Delta commit added or removed, relative to the table. */
    static List<String> filesCommitted(String path, long version) {
        List<String> out = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of(path, "_delta_log", String.format("%020d.json", version)))) {
                com.fasterxml.jackson.databind.JsonNode action = json.readTree(line);
                for (String kind : List.of("add", "remove")) {
                    if (action.has(kind)) {
                        out.add(java.net.URLDecoder.decode(action.get(kind).get("path").asText(),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Rows of {@link #rows} stamped with a run id, as the contract has them. */
    static Dataset<Row> stamped(SparkSession spark, String runId, String period, double... values) {
        return rows(spark, period, values).withColumn(org.hrdd.schemas.Lineage.RUN_ID, org.apache.spark.sql.functions.lit(runId))
                .select(CONTRACT.columnNames().stream().map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    static Dataset<Row> keys(SparkSession spark, String... dimensionValues) {
        List<Row> out = new ArrayList<>();
        for (String v : dimensionValues) {
            out.add(RowFactory.create(v));
        }
        return spark.createDataFrame(out, new org.apache.spark.sql.types.StructType()
                .add(GoldIndicatorValue.DIMENSION_VALUE, org.apache.spark.sql.types.DataTypes.StringType));
    }

    @Test
    void syncWithinAKeyedSliceUpdatesInsertsAndDeletesThereOnly() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("k").toString();
        List<String> ignored = List.of(org.hrdd.schemas.Lineage.RUN_ID);
        // C0, C1, C2 in Q2
        TableSync.Outcome first = TableSync.syncWithin(spark, path, CONTRACT, stamped(spark, "r1", "2026-Q2", 0.1, 0.2, 0.3),
                ignored, keys(spark, "C0", "C1", "C2"));
        assertThat(first.committed()).isTrue();
        assertThat(first.changedRows()).isEqualTo(3);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.1@r1", "2026-Q2/C1=0.2@r1", "2026-Q2/C2=0.3@r1");

        // the same rows again: no commit
        TableSync.Outcome again = TableSync.syncWithin(spark, path, CONTRACT, stamped(spark, "r2", "2026-Q2", 0.1, 0.2, 0.3),
                ignored, keys(spark, "C0", "C1", "C2"));
        assertThat(again.committed()).isFalse();
        assertThat(again.version()).isEqualTo(first.version());

        // slice {C0, C1}: C0 changes, C1 is no longer produced (deleted), C2 lies outside and stays
        TableSync.Outcome changed = TableSync.syncWithin(spark, path, CONTRACT, stamped(spark, "r3", "2026-Q2", 0.15),
                ignored, keys(spark, "C0", "C1"));
        assertThat(changed.committed()).isTrue();
        assertThat(changed.changedRows()).isEqualTo(2);
        assertThat(changed.version()).isEqualTo(first.version() + 1);
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r3", "2026-Q2/C2=0.3@r1");

        // a row outside the slice is refused, and nothing is written
        assertThatThrownBy(() -> TableSync.syncWithin(spark, path, CONTRACT, stamped(spark, "r4", "2026-Q2", 0.9, 0.9),
                ignored, keys(spark, "C0"))).hasMessageContaining("outside the slice");
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r3", "2026-Q2/C2=0.3@r1");
    }

    @Test
    void syncWithinRewritesOnlyTheFilesOfRowsThatChange() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("f").toString();
        List<String> ignored = List.of(org.hrdd.schemas.Lineage.RUN_ID);
        // C0, C1 and C2 each in a file of its own
        List<String> fileOf = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TableSync.Outcome o = TableSync.syncWithin(spark, path, CONTRACT,
                    stamped(spark, "r" + i, "2026-Q2", 0.1, 0.2, 0.3).filter(org.apache.spark.sql.functions.col(
                            GoldIndicatorValue.DIMENSION_VALUE).equalTo("C" + i)), ignored, keys(spark, "C" + i));
            assertThat(filesCommitted(path, o.version())).hasSize(1);
            fileOf.add(filesCommitted(path, o.version()).get(0));
        }
        // slice {C0, C2}: C0 changes, C2 is written again unchanged; only C0's file is rewritten
        TableSync.Outcome changed = TableSync.syncWithin(spark, path, CONTRACT,
                stamped(spark, "r3", "2026-Q2", 0.15, 0.2, 0.3).filter(org.apache.spark.sql.functions.col(
                        GoldIndicatorValue.DIMENSION_VALUE).isin("C0", "C2")), ignored, keys(spark, "C0", "C2"));
        assertThat(changed.changedRows()).isEqualTo(1);
        assertThat(filesCommitted(path, changed.version())).contains(fileOf.get(0))
                .doesNotContain(fileOf.get(1), fileOf.get(2));
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=0.15@r3", "2026-Q2/C1=0.2@r1", "2026-Q2/C2=0.3@r2");
    }
}
