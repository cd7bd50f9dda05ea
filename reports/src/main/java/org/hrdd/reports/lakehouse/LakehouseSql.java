package org.hrdd.reports.lakehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hrdd.schemas.Column;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;

/**
 * SQL over the lakehouse without Spark: an in-memory DuckDB with schemas {@code bronze, silver, gold, ops} and
 * one view per existing Delta table over exactly the active Parquet files of its current (or a pinned) version.
 * An empty table becomes a typed empty view (types from its contract, else from the Delta schema).
 */
public final class LakehouseSql implements AutoCloseable {

    public static final List<String> SCHEMAS = List.of("bronze", "silver", "gold", "ops");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Connection connection;
    private final Map<String, DeltaSnapshot> snapshots;

    private LakehouseSql(Path root, Connection connection, Map<String, DeltaSnapshot> snapshots) {
        this.root = root;
        this.connection = connection;
        this.snapshots = Collections.unmodifiableMap(snapshots);
    }

    /** Views over the latest version of every table. */
    public static LakehouseSql open(Path lakehouse) {
        return open(lakehouse, Map.of());
    }

    /** Views over the latest version, except tables pinned to a version ({@code bronze.cap -> 3}). */
    public static LakehouseSql open(Path lakehouse, Map<String, Long> pinned) {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
        try (Statement st = c.createStatement()) {
            for (String s : SCHEMAS) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
            }
            Map<String, Contract> contracts = ContractLoader.loadAll();
            Map<String, DeltaSnapshot> snapshots = new LinkedHashMap<>();
            for (Map.Entry<String, Path> t : tables(lakehouse).entrySet()) {
                Long v = pinned.get(t.getKey());
                DeltaSnapshot snap =
                        v == null ? DeltaSnapshot.latest(c, t.getValue()) : DeltaSnapshot.at(c, t.getValue(), v);
                st.execute(
                        snap.partitionColumns().isEmpty() || snap.files().isEmpty()
                                ? viewSql(t.getKey(), snap, contracts.get(t.getKey()))
                                : inSchemaOrder(c, t.getKey(), snap, contracts.get(t.getKey())));
                snapshots.put(t.getKey(), snap);
            }
            return new LakehouseSql(lakehouse, c, snapshots);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot create lakehouse views: " + e.getMessage(), e);
        }
    }

    /** Existing Delta tables by qualified name: {@code <root>/<layer>/<name>}, and {@code <root>/_<name>} as ops. */
    public static Map<String, Path> tables(Path lakehouse) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String layer : SCHEMAS) {
            Path dir = layer.equals("ops") ? lakehouse : lakehouse.resolve(layer);
            for (Path t : children(dir)) {
                String name = t.getFileName().toString();
                boolean ops = layer.equals("ops");
                if (ops != name.startsWith("_") || !DeltaSnapshot.isDeltaTable(t)) {
                    continue;
                }
                out.put(layer + "." + (ops ? name.substring(1) : name), t);
            }
        }
        return out;
    }

    static String viewSql(String table, DeltaSnapshot snap, Contract contract) {
        String view = "CREATE OR REPLACE VIEW " + table + " AS ";
        if (snap.files().isEmpty()) {
            return view + emptySelect(table, snap, contract);
        }
        return view + "SELECT *" + missing(snap, contract) + " FROM " + parquet(snap);
    }

    /**
     * The contract's columns a table written before the contract had them lacks, as nulls ({@code , CAST(NULL AS T) AS
     * c} each): a command reading a lakehouse the pipeline has not rewritten since reads them as unknown, not fails.
     */
    static String missing(DeltaSnapshot snap, Contract contract) {
        if (contract == null) {
            return "";
        }
        java.util.Set<String> inTable = new java.util.HashSet<>();
        for (JsonNode f : schemaFields(snap)) {
            inTable.add(f.path("name").asText());
        }
        StringBuilder sb = new StringBuilder();
        for (org.hrdd.schemas.Column col : contract.columns()) {
            if (!inTable.contains(col.name())) {
                sb.append(", CAST(NULL AS ")
                        .append(DuckDbTypes.of(col.physicalType()))
                        .append(") AS ")
                        .append(identifier(col.name()));
            }
        }
        return sb.toString();
    }

    /** The table's current data files, partition columns included. */
    private static String parquet(DeltaSnapshot snap) {
        String files = snap.files().stream().map(p -> literal(p.toString())).collect(Collectors.joining(", "));
        // partition values come from the directory names, typed as the Delta schema says (not guessed: a period
        // label such as 2026 must stay a string)
        String partitions = snap.partitionColumns().isEmpty()
                ? "hive_partitioning = false"
                : "hive_partitioning = true, hive_types = {"
                        + snap.partitionColumns().stream()
                                .map(c -> literal(c) + ": " + literal(DuckDbTypes.of(deltaType(snap, c))))
                                .collect(Collectors.joining(", "))
                        + "}";
        return "read_parquet([" + files + "], " + partitions + ", union_by_name = true)";
    }

    /**
     * The view of a partitioned table with data files: its columns in the order of the Delta schema (DuckDB puts
     * partition columns last) and no others (a {@code key=value} folder above the table would add one); a column no
     * data file holds yet (added to the schema since) is null.
     */
    static String inSchemaOrder(Connection c, String table, DeltaSnapshot snap, Contract contract) throws SQLException {
        String source = parquet(snap);
        java.util.Set<String> present = new java.util.HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        List<String> cols = new ArrayList<>();
        for (JsonNode f : schemaFields(snap)) {
            String name = f.path("name").asText();
            cols.add(
                    present.contains(name)
                            ? identifier(name)
                            : "CAST(NULL AS " + DuckDbTypes.of(f.path("type").asText()) + ") AS " + identifier(name));
        }
        return "CREATE OR REPLACE VIEW " + table + " AS SELECT " + String.join(", ", cols) + missing(snap, contract)
                + " FROM " + source;
    }

    private static JsonNode schemaFields(DeltaSnapshot snap) {
        try {
            return JSON.readTree(snap.schemaString()).path("fields");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("bad Delta schema in " + snap.table() + ": " + e.getMessage(), e);
        }
    }

    /** A column's type in the table's Delta schema. */
    private static String deltaType(DeltaSnapshot snap, String column) {
        for (JsonNode f : schemaFields(snap)) {
            if (f.path("name").asText().equals(column)) {
                return f.path("type").asText();
            }
        }
        throw new IllegalStateException(snap.table() + ": partition column " + column + " is not in its schema");
    }

    private static String emptySelect(String table, DeltaSnapshot snap, Contract contract) {
        List<String> cols = new ArrayList<>();
        if (contract != null) {
            for (Column c : contract.columns()) {
                cols.add("CAST(NULL AS " + DuckDbTypes.of(c.physicalType()) + ") AS " + identifier(c.name()));
            }
        } else if (snap.schemaString() != null) {
            try {
                for (JsonNode f : JSON.readTree(snap.schemaString()).path("fields")) {
                    cols.add("CAST(NULL AS " + DuckDbTypes.of(f.path("type").asText()) + ") AS "
                            + identifier(f.path("name").asText()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("bad Delta schema in " + snap.table(), e);
            }
        }
        if (cols.isEmpty()) {
            throw new IllegalStateException(table + ": empty table with neither a contract nor a Delta schema");
        }
        return "SELECT " + String.join(", ", cols) + " WHERE false";
    }

    public Connection connection() {
        return connection;
    }

    /** The snapshot each view reads, by qualified table name. */
    public Map<String, DeltaSnapshot> snapshots() {
        return snapshots;
    }

    /**
     * What to tell a user when the lakehouse lacks one of {@code tables} (schema.table): "gold.risk_score does not
     * exist in LAKEHOUSE: run hrdd score --period P first" for the first one missing, or empty when all exist.
     */
    public java.util.Optional<String> missing(List<String> tables) {
        return missing(tables, "P");
    }

    /** As {@link #missing(List)}, naming the period the caller was given in the command to run. */
    public java.util.Optional<String> missing(List<String> tables, String period) {
        return tables.stream()
                .filter(t -> !snapshots.containsKey(t))
                .findFirst()
                .map(t -> t + " does not exist in " + root + ": run " + producer(t, period) + " first");
    }

    /** The command that writes a table. */
    static String producer(String table, String period) {
        return switch (table) {
            case "gold.facility_theme_period",
                    "gold.scheme_agreement",
                    "gold.remediation_effectiveness",
                    "gold.remediation_summary" -> "hrdd analyse --period " + period;
            case "gold.risk_score", "gold.risk_theme" -> "hrdd score --period " + period;
            case "gold.indicator_value" -> "hrdd indicators --period " + period;
            default -> table.startsWith("bronze.") ? "hrdd ingest" : "hrdd refine";
        };
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
