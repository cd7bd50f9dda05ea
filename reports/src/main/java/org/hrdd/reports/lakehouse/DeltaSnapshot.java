package org.hrdd.reports.lakehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one version of a Delta table, read from its {@code _delta_log} in plain Java: the newest
 * checkpoint at or below the version (its Parquet read through DuckDB's {@code read_parquet}), then the JSON
 * commits after it. Active files = adds − removes. No deletion vectors (hrdd tables disable them).
 *
 * @param files active data files, absolute paths, in log order
 * @param partitionColumns from the table metadata
 * @param schemaString the Spark schema JSON from the table metadata (null if the log has none)
 */
public record DeltaSnapshot(
        Path table, long version, List<Path> files, List<String> partitionColumns, String schemaString) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT =
            Pattern.compile("(\\d{20})\\.checkpoint(?:\\.(\\d{10})\\.(\\d{10}))?\\.parquet");

    public DeltaSnapshot {
        files = List.copyOf(files);
        partitionColumns = List.copyOf(partitionColumns);
    }

    public static boolean isDeltaTable(Path dir) {
        return Files.isDirectory(dir.resolve("_delta_log"));
    }

    /** The latest version. */
    public static DeltaSnapshot latest(Connection duckdb, Path table) {
        return read(duckdb, table, Long.MAX_VALUE);
    }

    /** A given version (time travel, as long as its log files are still there). */
    public static DeltaSnapshot at(Connection duckdb, Path table, long version) {
        return read(duckdb, table, version);
    }

    private static DeltaSnapshot read(Connection duckdb, Path table, long wanted) {
        Path log = table.resolve("_delta_log");
        TreeMap<Long, Path> commits = new TreeMap<>();
        TreeMap<Long, List<Path>> checkpoints = new TreeMap<>();
        Map<Long, Integer> expectedParts = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(log)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                Matcher c = COMMIT.matcher(name);
                Matcher cp = CHECKPOINT.matcher(name);
                if (c.matches()) {
                    commits.put(Long.parseLong(c.group(1)), p);
                } else if (cp.matches()) {
                    long v = Long.parseLong(cp.group(1));
                    checkpoints.computeIfAbsent(v, k -> new ArrayList<>()).add(p);
                    expectedParts.put(v, cp.group(3) == null ? 1 : Integer.parseInt(cp.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + log, e);
        }
        long latest = Math.max(
                commits.isEmpty() ? -1 : commits.lastKey(), checkpoints.isEmpty() ? -1 : checkpoints.lastKey());
        if (latest < 0) {
            throw new IllegalStateException(log + ": no Delta commits");
        }
        long version = Math.min(wanted, latest);
        if (wanted != Long.MAX_VALUE && wanted > latest) {
            throw new IllegalArgumentException(
                    table + ": version " + wanted + " does not exist (latest " + latest + ")");
        }
        State state = new State();
        long from = 0;
        Long cpVersion = checkpointAtOrBelow(log, checkpoints, expectedParts, version);
        if (cpVersion != null) {
            readCheckpoint(duckdb, checkpoints.get(cpVersion), table, state);
            from = cpVersion + 1;
        }
        for (long v = from; v <= version; v++) {
            Path commit = commits.get(v);
            if (commit == null) {
                throw new IllegalStateException(
                        log + ": commit " + v + " is missing (cannot rebuild version " + version + ")");
            }
            readCommit(commit, table, state);
        }
        return new DeltaSnapshot(
                table, version, new ArrayList<>(state.files.values()), state.partitionColumns, state.schemaString);
    }

    /** {@code _last_checkpoint} when it fits, else the newest complete checkpoint at or below the version. */
    private static Long checkpointAtOrBelow(
            Path log, TreeMap<Long, List<Path>> checkpoints, Map<Long, Integer> expectedParts, long version) {
        Path last = log.resolve("_last_checkpoint");
        if (Files.isRegularFile(last)) {
            try {
                long v = JSON.readTree(Files.readString(last)).path("version").asLong(-1);
                if (v >= 0 && v <= version && complete(checkpoints, expectedParts, v)) {
                    return v;
                }
            } catch (IOException e) {
                // a torn _last_checkpoint is only a hint; fall back to listing
            }
        }
        for (Long v : checkpoints.headMap(version, true).descendingKeySet()) {
            if (complete(checkpoints, expectedParts, v)) {
                return v;
            }
        }
        return null;
    }

    private static boolean complete(TreeMap<Long, List<Path>> checkpoints, Map<Long, Integer> parts, long v) {
        return checkpoints.containsKey(v) && checkpoints.get(v).size() == parts.get(v);
    }

    private static void readCheckpoint(Connection duckdb, List<Path> parts, Path table, State state) {
        String list = parts.stream()
                .map(p -> LakehouseSql.literal(p.toString()))
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        String sql = "SELECT \"add\".path AS add_path, \"metaData\".\"schemaString\" AS schema_string, "
                + "to_json(\"metaData\".\"partitionColumns\") AS partition_columns "
                + "FROM read_parquet([" + list + "], union_by_name = true) "
                + "WHERE \"add\" IS NOT NULL OR \"metaData\" IS NOT NULL";
        try (Statement st = duckdb.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String add = rs.getString(1);
                if (add != null) {
                    state.files.put(add, resolve(table, add));
                }
                if (rs.getString(2) != null) {
                    state.schemaString = rs.getString(2);
                    String cols = rs.getString(3);
                    state.partitionColumns = cols == null ? List.of() : textList(JSON.readTree(cols));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read Delta checkpoint " + parts + ": " + e.getMessage(), e);
        }
    }

    private static void readCommit(Path commit, Path table, State state) {
        try (BufferedReader r = Files.newBufferedReader(commit, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode action = JSON.readTree(line);
                if (action.has("add")) {
                    String p = action.get("add").get("path").asText();
                    state.files.put(p, resolve(table, p));
                } else if (action.has("remove")) {
                    state.files.remove(action.get("remove").get("path").asText());
                } else if (action.has("metaData")) {
                    JsonNode md = action.get("metaData");
                    state.schemaString = md.path("schemaString").asText(null);
                    state.partitionColumns = textList(md.path("partitionColumns"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Delta commit " + commit, e);
        }
    }

    /** Delta paths are URIs: relative to the table (percent-encoded) or absolute. */
    static Path resolve(Path table, String deltaPath) {
        try {
            URI uri = new URI(deltaPath);
            if (uri.isAbsolute()) {
                return Path.of(uri);
            }
            return table.resolve(uri.getPath()).normalize();
        } catch (URISyntaxException e) {
            return table.resolve(deltaPath).normalize();
        }
    }

    private static List<String> textList(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static final class State {
        final Map<String, Path> files = new LinkedHashMap<>();
        List<String> partitionColumns = List.of();
        String schemaString;
    }
}
