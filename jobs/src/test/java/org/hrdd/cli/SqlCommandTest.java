package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hrdd sql} over Delta tables Spark wrote: only the current snapshot's files, also past a checkpoint. */
class SqlCommandTest {

    @TempDir
    Path lakehouse;

    @Test
    void overwrittenTableShowsOnlyTheNewRows() {
        SparkSession spark = SharedSpark.session();
        String path = lakehouse.resolve("silver/example").toString();
        rows(spark, "a", "b").write().format("delta").save(path);
        rows(spark, "c").write().format("delta").mode("overwrite").save(path);

        String[] result = sql("SELECT k, n FROM silver.example ORDER BY k", "--format", "csv");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).isEqualTo("k,n\r\nc,1\r\n");
        assertThat(sql("SELECT k FROM silver.example", "--format", "json")[1])
                .isEqualTo("{\"k\":\"c\"}" + System.lineSeparator());
    }

    @Test
    void tableWithACheckpointAndRemovesOnBothSidesOfIt() throws Exception {
        SparkSession spark = SharedSpark.session();
        String path = lakehouse.resolve("gold/many").toString();
        List<String> expected = new ArrayList<>();
        for (int v = 0; v <= 12; v++) {
            String k = "k" + v;
            if (v == 4 || v == 11) {
                rows(spark, k).write().format("delta").mode("overwrite").save(path);
                expected.clear();
            } else {
                rows(spark, k).write().format("delta").mode("append").save(path);
            }
            expected.add(k);
        }
        assertThat(lakehouse.resolve("gold/many/_delta_log/00000000000000000010.checkpoint.parquet"))
                .exists();
        assertThat(Files.readString(lakehouse.resolve("gold/many/_delta_log/_last_checkpoint")))
                .contains("\"version\":10");
        assertThat(expected).containsExactly("k11", "k12");
        long sparkCount = spark.read().format("delta").load(path).count();

        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            assertThat(strings(sql, "SELECT k FROM gold.many ORDER BY k")).containsExactlyElementsOf(expected);
            assertThat(sql.snapshots().get("gold.many").version()).isEqualTo(12);
            assertThat((long) sql.snapshots().get("gold.many").files().size()).isEqualTo(sparkCount);
        }
        try (LakehouseSql sql = LakehouseSql.open(lakehouse, Map.of("gold.many", 10L))) {
            assertThat(strings(sql, "SELECT k FROM gold.many ORDER BY k"))
                    .containsExactly("k10", "k4", "k5", "k6", "k7", "k8", "k9");
        }
        try (LakehouseSql sql = LakehouseSql.open(lakehouse, Map.of("gold.many", 2L))) {
            assertThat(strings(sql, "SELECT k FROM gold.many ORDER BY k")).containsExactly("k0", "k1", "k2");
        }
        assertThat(sql("SELECT k FROM gold.many ORDER BY k", "--max-rows", "1")[1])
                .isEqualTo("k\n---\nk11\n".replace("\n", System.lineSeparator()));
    }

    /**
     * CSV and JSON write the whole result however long (they stopped at 1,000 rows and said so only on stderr); a
     * --max-rows that cuts one exits 1 and says the rows are not the whole result; a table stops at 1,000 by default.
     */
    @Test
    void csvAndJsonWriteEveryRowOrFailWhenALimitCutsThem() {
        String[] keys = java.util.stream.IntStream.range(0, 1500)
                .mapToObj(i -> String.format("k%04d", i))
                .toArray(String[]::new);
        rows(SharedSpark.session(), keys)
                .write()
                .format("delta")
                .save(lakehouse.resolve("silver/long").toString());
        String query = "SELECT k FROM silver.long ORDER BY k";

        String[] csv = sql(query, "--format", "csv");
        assertThat(csv[0]).isEqualTo("0");
        assertThat(csv[1].split("\r\n")).hasSize(1501).endsWith("k1499");
        assertThat(csv[2]).isEmpty();
        String[] json = sql(query, "--format", "json");
        assertThat(json[0]).isEqualTo("0");
        assertThat(json[1].lines()).hasSize(1500).endsWith("{\"k\":\"k1499\"}");

        String[] cut = sql(query, "--format", "csv", "--max-rows", "10");
        assertThat(cut[0]).isEqualTo(String.valueOf(Hrdd.ERROR));
        assertThat(cut[1].split("\r\n")).hasSize(11);
        assertThat(cut[2])
                .contains("stopped after 10 rows")
                .contains("not the whole result")
                .contains("LIMIT");
        String[] exact = sql(query, "--format", "json", "--max-rows", "1500");
        assertThat(exact[0]).isEqualTo("0");
        assertThat(exact[2]).isEmpty();

        String[] table = sql(query);
        assertThat(table[0]).isEqualTo("0");
        assertThat(table[1].lines()).hasSize(2 + 1000);
        assertThat(table[2]).contains("first 1000 rows");
        assertThat(sql(query, "--max-rows", "0")[1].lines()).hasSize(2 + 1500);
    }

    @Test
    void badQueryIsAUsageError() {
        // an empty folder is no lakehouse: said as such, not as an empty answer
        String[] none = sql("SELECT 1");
        assertThat(none[0]).isEqualTo(String.valueOf(Hrdd.USAGE));
        assertThat(none[2]).contains("no lakehouse at");
        rows(SharedSpark.session(), "a")
                .write()
                .format("delta")
                .save(lakehouse.resolve("silver/example").toString());
        String[] r = sql("SELECT * FROM gold.nothing");
        assertThat(r[0]).isEqualTo(String.valueOf(Hrdd.USAGE));
        assertThat(r[2]).contains("query failed").contains("nothing");
    }

    @TempDir
    Path elsewhere;

    /**
     * Every write form DuckDB knows is refused before it runs (exit 2, saying nothing was run), reading a file outside
     * the lakehouse is refused by the locked connection, and afterwards every file of the lakehouse is byte for byte
     * what it was and nothing appeared elsewhere. Read forms still answer.
     */
    @Test
    void onlyReadStatementsRunAndTheLakehouseStaysByteForByte() throws Exception {
        SparkSession spark = SharedSpark.session();
        rows(spark, "a", "b")
                .write()
                .format("delta")
                .save(lakehouse.resolve("silver/example").toString());
        rows(spark, "c")
                .write()
                .format("delta")
                .save(lakehouse.resolve("bronze/helpline_case").toString());
        Path dataFile;
        try (java.util.stream.Stream<Path> files = Files.list(lakehouse.resolve("bronze/helpline_case"))) {
            dataFile = files.filter(f -> f.toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        Path secret = Files.writeString(elsewhere.resolve("secret.csv"), "a,b\n1,2\n");
        Map<String, String> before = digests(lakehouse);
        String out = elsewhere.toString();
        List<String> writes = List.of(
                "COPY (SELECT 1 AS x) TO '" + dataFile + "' (FORMAT parquet)",
                "COPY (SELECT 1 AS x) TO '" + out + "/x.parquet' (FORMAT parquet)",
                "COPY silver.example TO '" + out + "/x.csv'",
                "ATTACH '" + out + "/x.db' AS x",
                "ATTACH '" + lakehouse + "/x.db' AS x",
                "CREATE TABLE t AS SELECT 1",
                "CREATE OR REPLACE VIEW silver.example AS SELECT 1",
                "INSERT INTO silver.example VALUES ('z', 1)",
                "UPDATE silver.example SET n = 2",
                "DELETE FROM silver.example",
                "DROP VIEW silver.example",
                "EXPORT DATABASE '" + out + "/export'",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SET enable_external_access = true",
                "CALL pragma_version()",
                "SELECT 1; COPY (SELECT 1 AS x) TO '" + out + "/y.csv'",
                "EXPLAIN COPY (SELECT 1 AS x) TO '" + out + "/z.csv'",
                "PRAGMA table_info('silver.example')); COPY (SELECT 1 AS x) TO '" + out + "/w.csv'; SELECT (1");
        for (String w : writes) {
            String[] r = sql(w);
            assertThat(r[0]).as(w).isEqualTo(String.valueOf(Hrdd.USAGE));
            assertThat(r[2]).as(w).contains("hrdd sql runs one read statement").contains("nothing was run");
        }
        // a write inside a SELECT's query() is DuckDB's own refusal
        String[] inner = sql("SELECT * FROM query('COPY (SELECT 1 AS x) TO ''" + dataFile + "'' (FORMAT parquet)')");
        assertThat(inner[0]).isEqualTo(String.valueOf(Hrdd.USAGE));
        assertThat(inner[2]).contains("query failed").contains("Expected a single SELECT statement");
        // a read statement cannot read a file outside the lakehouse either
        String[] outside = sql("SELECT * FROM read_csv('" + secret + "')");
        assertThat(outside[0]).isEqualTo(String.valueOf(Hrdd.USAGE));
        assertThat(outside[2]).contains("query failed").contains("disabled by configuration");
        assertThat(digests(lakehouse)).isEqualTo(before);
        try (java.util.stream.Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("secret.csv");
        }
        // the read forms answer
        for (String read : List.of(
                "SELECT count(*) AS n FROM silver.example;",
                "WITH a AS (SELECT k FROM silver.example) " + "SELECT * FROM a",
                "FROM silver.example",
                "DESCRIBE silver.example",
                "SHOW TABLES",
                "SUMMARIZE silver.example",
                "EXPLAIN SELECT * FROM silver.example",
                "explain analyze SELECT 1",
                "PRAGMA table_info('silver.example')",
                "VALUES (1)")) {
            String[] r = sql(read, "--format", "csv");
            assertThat(r[0]).as(read + " " + r[2]).isEqualTo("0");
        }
        assertThat(sql("SELECT count(*) AS n FROM silver.example", "--format", "csv")[1])
                .isEqualTo("n\r\n2\r\n");
        assertThat(sql("PRAGMA table_info('silver.example')", "--format", "csv")[1])
                .contains(",k,VARCHAR,");
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                out.put(root.relativize(f).toString(), java.util.HexFormat.of().formatHex(d));
            }
        }
        return out;
    }

    private static Dataset<Row> rows(SparkSession spark, String... keys) {
        return spark.createDataFrame(
                java.util.Arrays.stream(keys)
                        .map(k -> org.apache.spark.sql.RowFactory.create(k, 1L))
                        .toList(),
                new org.apache.spark.sql.types.StructType().add("k", "string").add("n", "long"));
    }

    private String[] sql(String query, String... options) {
        CommandLine cli = Hrdd.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of(
                "--conf",
                Path.of(System.getProperty("hrdd.repo.root", ".."), "conf").toString(),
                "--lakehouse",
                lakehouse.toString(),
                "sql",
                query));
        args.addAll(List.of(options));
        int exit = cli.execute(args.toArray(String[]::new));
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    private static List<String> strings(LakehouseSql sql, String q) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = sql.connection().createStatement();
                ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
