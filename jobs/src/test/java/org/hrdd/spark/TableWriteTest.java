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
 * TableWrite on a small table: a first write creates the table in one commit (hrdd's table properties, the contract's
 * partitioning); a scoped overwrite replaces the scope's rows only, in one commit; a whole overwrite replaces the
 * table and takes the contract's schema (a retired column goes); rows outside the scope are refused with nothing
 * committed; the rows written come from the commit.
 */
class TableWriteTest {

    static final Contract CONTRACT = ContractLoader.loadAll().get(GoldIndicatorValue.TABLE);

    @TempDir
    Path tmp;

    static Dataset<Row> rows(SparkSession spark, String period, double... values) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(RowFactory.create(
                    "ind", "company", "all", period, "country", "C" + i, "share", values[i], values[i], 1.0, 10L, false,
                    null, null));
        }
        return spark.createDataFrame(out, ContractSchemas.structType(CONTRACT)).drop(org.hrdd.schemas.Lineage.RUN_ID);
    }

    static TableWrite.Scope period(String p) {
        return new TableWrite.Scope(GoldIndicatorValue.PERIOD, List.of(p));
    }

    static long commits(SparkSession spark, String path) {
        return DeltaTables.version(spark, path) + 1;
    }

    static List<String> content(SparkSession spark, String path) {
        return spark
                .read()
                .format("delta")
                .load(path)
                .orderBy(GoldIndicatorValue.PERIOD, GoldIndicatorValue.DIMENSION_VALUE)
                .collectAsList()
                .stream()
                .map(r -> r.getAs(GoldIndicatorValue.PERIOD) + "/"
                        + r.getAs(GoldIndicatorValue.DIMENSION_VALUE) + "=" + r.getAs(GoldIndicatorValue.VALUE) + "@"
                        + r.getAs(org.hrdd.schemas.Lineage.RUN_ID))
                .toList();
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

    @Test
    void aFirstWriteCreatesTheTableInOneCommitWithTheContractsPartitioningAndProperties() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("created").toString();
        TableWrite.Written w = TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q1", 1, 2, 3),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r1",
                period("2026-Q1"));
        assertThat(w).isEqualTo(new TableWrite.Written(0, 3));
        assertThat(commits(spark, path)).isEqualTo(1);
        assertThat(DeltaTables.partitionColumns(spark, path)).isEqualTo(CONTRACT.partitionColumns());
        java.util.Map<String, String> props =
                scala.collection.JavaConverters.mapAsJavaMap(org.apache.spark.sql.delta.DeltaLog.forTable(spark, path)
                        .update(false, scala.Option.empty(), scala.Option.empty())
                        .metadata()
                        .configuration());
        assertThat(props)
                .containsEntry(DeltaTables.DELETION_VECTORS, "false")
                .containsEntry(DeltaTables.STATS_COLUMNS, "0");
        assertThat(content(spark, path)).containsExactly("2026-Q1/C0=1.0@r1", "2026-Q1/C1=2.0@r1", "2026-Q1/C2=3.0@r1");
    }

    @Test
    void aScopedOverwriteReplacesTheScopesRowsOnlyInOneCommit() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("scoped").toString();
        TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q1", 1, 2),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r1",
                period("2026-Q1"));
        TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q2", 5, 6, 7),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r2",
                period("2026-Q2"));
        // Q2 again with one row fewer and one changed: Q1 untouched, Q2 exactly the new rows
        TableWrite.Written w = TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q2", 5, 9),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r3",
                period("2026-Q2"));
        assertThat(w).isEqualTo(new TableWrite.Written(2, 2));
        assertThat(commits(spark, path)).isEqualTo(3);
        assertThat(content(spark, path))
                .containsExactly("2026-Q1/C0=1.0@r1", "2026-Q1/C1=2.0@r1", "2026-Q2/C0=5.0@r3", "2026-Q2/C1=9.0@r3");
        // an empty scope's rows: the scope is emptied, the rest stays
        TableWrite.Written emptied = TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q2"),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r4",
                period("2026-Q2"));
        assertThat(emptied.rows()).isZero();
        assertThat(content(spark, path)).containsExactly("2026-Q1/C0=1.0@r1", "2026-Q1/C1=2.0@r1");
    }

    @Test
    void aScopeOnTwoColumnsReplacesTheRowsInsideBothAndNothingElse() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("two").toString();
        TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q1", 1, 2),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r1",
                period("2026-Q1"));
        // C1 only, within Q1: C0 stays
        TableWrite.Scope c1 = period("2026-Q1").and(GoldIndicatorValue.DIMENSION_VALUE, List.of("C1"));
        TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q1", 8, 4).filter("dimension_value = 'C1'"),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r2",
                c1);
        assertThat(content(spark, path)).containsExactly("2026-Q1/C0=1.0@r1", "2026-Q1/C1=4.0@r2");
    }

    @Test
    void rowsOutsideTheScopeAreRefusedAndNothingIsCommitted() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("outside").toString();
        TableWrite.overwrite(
                spark,
                path,
                CONTRACT,
                rows(spark, "2026-Q1", 1),
                org.hrdd.schemas.Lineage.RUN_ID,
                "r1",
                period("2026-Q1"));
        assertThatThrownBy(() -> TableWrite.overwrite(
                        spark,
                        path,
                        CONTRACT,
                        rows(spark, "2026-Q2", 1),
                        org.hrdd.schemas.Lineage.RUN_ID,
                        "r2",
                        period("2026-Q1")))
                .hasStackTraceContaining("replaceWhere");
        assertThat(commits(spark, path)).isEqualTo(1);
        assertThat(content(spark, path)).containsExactly("2026-Q1/C0=1.0@r1");
    }

    /** A whole overwrite gives the table the contract's schema: a column a contract retired goes, rows are replaced. */
    @Test
    void aWholeOverwriteDropsARetiredColumnAndReplacesEveryRow() {
        SparkSession spark = SharedSpark.session();
        String path = tmp.resolve("whole").toString();
        rows(spark, "2026-Q1", 1, 2)
                .withColumn(org.hrdd.schemas.Lineage.RUN_ID, org.apache.spark.sql.functions.lit("r0"))
                .withColumn("old_flag", org.apache.spark.sql.functions.lit(true))
                .write()
                .format("delta")
                .partitionBy(GoldIndicatorValue.PERIOD)
                .save(path);
        TableWrite.Written w = TableWrite.overwrite(
                spark, path, CONTRACT, rows(spark, "2026-Q2", 3), org.hrdd.schemas.Lineage.RUN_ID, "r1", null);
        assertThat(w).isEqualTo(new TableWrite.Written(1, 1));
        assertThat(spark.read().format("delta").load(path).columns())
                .doesNotContain("old_flag")
                .containsExactlyElementsOf(CONTRACT.columnNames());
        assertThat(content(spark, path)).containsExactly("2026-Q2/C0=3.0@r1");
        assertThat(DeltaTables.partitionColumns(spark, path)).containsExactly(GoldIndicatorValue.PERIOD);
    }
}
