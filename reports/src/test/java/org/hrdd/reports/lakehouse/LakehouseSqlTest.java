package org.hrdd.reports.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written Delta logs (the shape Spark writes) over Parquet files written by DuckDB: the views must read
 * exactly the active files of the chosen version.
 */
class LakehouseSqlTest {

    @TempDir
    Path lakehouse;

    @Test
    void missingNamesTheFirstAbsentTableAndTheCommandThatWritesIt() throws Exception {
        Path t = table("gold/example");
        parquet(t.resolve("part-a.parquet"), "SELECT 'a' AS k, 1::BIGINT AS n");
        commit(t, 0, metaData("[]"), add("part-a.parquet"));

        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            assertThat(sql.missing(List.of("gold.example"))).isEmpty();
            assertThat(sql.missing(List.of("gold.example", "gold.risk_theme", "silver.facility")))
                    .contains("gold.risk_theme does not exist in " + lakehouse + ": run hrdd score --period P first");
            assertThat(sql.missing(List.of("silver.brand_facility")))
                    .contains("silver.brand_facility does not exist in " + lakehouse + ": run hrdd refine first");
            assertThat(sql.missing(List.of("bronze.cap"))).get().asString().endsWith("run hrdd ingest first");
            assertThat(sql.missing(List.of("gold.remediation_summary")))
                    .get()
                    .asString()
                    .endsWith("run hrdd analyse --period P first");
            assertThat(sql.missing(List.of("gold.facility_theme_period"), "2026-Q3"))
                    .get()
                    .asString()
                    .endsWith("run hrdd analyse --period 2026-Q3 first");
        }
    }

    @Test
    void viewReadsOnlyTheActiveFilesOfTheLatestVersion() throws Exception {
        Path t = table("gold/example");
        parquet(t.resolve("part-a.parquet"), "SELECT 'a' AS k, 1::BIGINT AS n");
        parquet(t.resolve("part-b.parquet"), "SELECT 'b' AS k, 2::BIGINT AS n");
        parquet(t.resolve("part%20c.parquet"), "SELECT 'c' AS k, 3::BIGINT AS n");
        commit(t, 0, metaData("[]"), add("part-a.parquet"));
        commit(t, 1, add("part-b.parquet"));
        commit(t, 2, remove("part-a.parquet"), add("part%2520c.parquet"));

        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            assertThat(strings(sql.connection(), "SELECT k FROM gold.example ORDER BY k"))
                    .containsExactly("b", "c");
            assertThat(sql.snapshots().get("gold.example").version()).isEqualTo(2);
        }
        try (LakehouseSql sql = LakehouseSql.open(lakehouse, java.util.Map.of("gold.example", 1L))) {
            assertThat(strings(sql.connection(), "SELECT k FROM gold.example ORDER BY k"))
                    .containsExactly("a", "b");
        }
    }

    @Test
    void emptyTableIsATypedEmptyViewFromItsContractAndOpsTablesLiveUnderUnderscore() throws Exception {
        Path facility = table("bronze/facility");
        commit(facility, 0, metaData("[]"));
        Path runs = table("_runs");
        parquet(runs.resolve("part-0.parquet"), "SELECT 'r1' AS run_id, 'ingest' AS command");
        commit(runs, 0, metaData("[]"), add("part-0.parquet"));
        Files.createDirectories(lakehouse.resolve("_logs"));

        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            assertThat(sql.snapshots().keySet()).containsExactly("bronze.facility", "ops.runs");
            assertThat(strings(sql.connection(), "SELECT count(*)::VARCHAR FROM bronze.facility"))
                    .containsExactly("0");
            assertThat(
                            strings(
                                    sql.connection(),
                                    "SELECT column_name || ' ' || column_type FROM "
                                            + "(DESCRIBE bronze.facility) WHERE column_name IN ('facility_id', '_source_row', '_ingested_on')"))
                    .containsExactly("facility_id VARCHAR", "_source_row BIGINT", "_ingested_on DATE");
            assertThat(strings(sql.connection(), "SELECT command FROM ops.runs"))
                    .containsExactly("ingest");
        }
    }

    @Test
    void partitionedTableGetsItsPartitionColumnFromThePath() throws Exception {
        Path t = table("silver/p");
        Files.createDirectories(t.resolve("country=TH"));
        parquet(t.resolve("country=TH/part-0.parquet"), "SELECT 1::BIGINT AS n");
        commit(
                t,
                0,
                metaData("[\"country\"]", field("country", "string") + "," + field("n", "long")),
                add("country=TH/part-0.parquet"));
        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            assertThat(strings(sql.connection(), "SELECT country || n FROM silver.p"))
                    .containsExactly("TH1");
        }
    }

    @Test
    void partitionColumnsKeepTheirSchemaTypeAndPlace() throws Exception {
        Path t = table("gold/by_year");
        Files.createDirectories(t.resolve("period=2026"));
        parquet(t.resolve("period=2026/part-0.parquet"), "SELECT 'F1' AS facility_id, 2.5::DOUBLE AS x");
        // the schema puts the partition column between the others; y was added later and is in no file yet
        commit(
                t,
                0,
                metaData(
                        "[\"period\"]",
                        field("facility_id", "string") + "," + field("period", "string") + "," + field("x", "double")
                                + "," + field("y", "long")),
                add("period=2026/part-0.parquet"));
        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            // a label like 2026 stays a string (DuckDB would guess a number), in the schema's position
            assertThat(strings(
                            sql.connection(),
                            "SELECT string_agg(column_name || ' ' || column_type, ', ') FROM "
                                    + "(DESCRIBE gold.by_year)"))
                    .containsExactly("facility_id VARCHAR, period VARCHAR, x DOUBLE, y BIGINT");
            assertThat(strings(
                            sql.connection(),
                            "SELECT concat_ws('|', facility_id, period, x, coalesce(y, -1)) " + "FROM gold.by_year"))
                    .containsExactly("F1|2026|2.5|-1");
        }
    }

    @Test
    void formatsTableCsvAndJsonLines() throws Exception {
        Path t = table("gold/example");
        parquet(
                t.resolve("part-a.parquet"),
                "SELECT * FROM (VALUES ('a,b', 1::BIGINT, 2.5::DOUBLE), ('line\nbreak', NULL, 10.0)) v(k, n, x)");
        commit(t, 0, metaData("[]"), add("part-a.parquet"));
        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            String q = "SELECT * FROM gold.example ORDER BY k";
            assertThat(run(sql, q, ResultFormat.CSV, 10))
                    .isEqualTo("k,n,x\r\n\"a,b\",1,2.5\r\n\"line\nbreak\",,10.0\r\n");
            assertThat(run(sql, q, ResultFormat.JSON, 10))
                    .isEqualTo("{\"k\":\"a,b\",\"n\":1,\"x\":2.5}\n{\"k\":\"line\\nbreak\",\"n\":null,\"x\":10.0}\n");
            assertThat(run(sql, q, ResultFormat.TABLE, 10))
                    .isEqualTo(
                            "k           |    n |    x\n------------+------+-----\na,b         |    1 |  2.5\nline\\nbreak | NULL | 10.0\n");
            assertThat(run(sql, q, ResultFormat.JSON, 1)).isEqualTo("{\"k\":\"a,b\",\"n\":1,\"x\":2.5}\n");
        }
    }

    @Test
    void missingCommitIsAnError() throws Exception {
        Path t = table("gold/broken");
        commit(t, 0, metaData("[]"));
        commit(t, 2, metaData("[]"));
        assertThatThrownBy(() -> LakehouseSql.open(lakehouse)).hasMessageContaining("commit 1 is missing");
    }

    private String run(LakehouseSql sql, String q, ResultFormat f, int max) throws SQLException, IOException {
        StringWriter w = new StringWriter();
        try (Statement st = sql.connection().createStatement();
                ResultSet rs = st.executeQuery(q)) {
            ResultWriter.write(rs, f, max, new PrintWriter(w));
        }
        return w.toString().replace(System.lineSeparator(), "\n").replace("\n\n", "\n");
    }

    private Path table(String rel) throws IOException {
        Path t = lakehouse.resolve(rel);
        Files.createDirectories(t.resolve("_delta_log"));
        return t;
    }

    private static void parquet(Path file, String select) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
    }

    private static void commit(Path table, long version, String... actions) throws IOException {
        Files.writeString(
                table.resolve("_delta_log").resolve(String.format("%020d.json", version)),
                String.join("\n", actions) + "\n");
    }

    private static String metaData(String partitionColumns) {
        return metaData(partitionColumns, "");
    }

    /** A metaData action whose schema has the given fields (see {@link #field}). */
    private static String metaData(String partitionColumns, String fields) {
        return "{\"metaData\":{\"id\":\"x\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[" + fields
                + "]}\",\"partitionColumns\":"
                + partitionColumns + ",\"configuration\":{}}}";
    }

    /** A field of a Delta schema string, escaped for the metaData action's JSON. */
    private static String field(String name, String type) {
        return "{\\\"name\\\":\\\"" + name + "\\\",\\\"type\\\":\\\"" + type
                + "\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}";
    }

    private static String add(String path) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":1,\"modificationTime\":0,"
                + "\"dataChange\":true}}";
    }

    private static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":0,\"dataChange\":true}}";
    }

    private static List<String> strings(Connection c, String q) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
