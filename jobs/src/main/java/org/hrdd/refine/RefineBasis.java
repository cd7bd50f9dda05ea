package org.hrdd.refine;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.LakehouseJson;

/**
 * What the silver tables were last refined from: the bronze versions read, the configuration hash, the code version,
 * a fingerprint of the pseudonym key and the run date; and the state (version, table id) that refine left its tables
 * in. An incremental refine starts from it; a refine removes it before it writes anything and writes it again only
 * when every silver table is written, so a failed or gated run leaves none and the next refine is a full one. Kept as
 * {@code <lakehouse>/_refine_basis.json} (any Hadoop file system).
 *
 * @param keyFingerprint the pseudonym of a fixed label under the key (changes with the key, reveals nothing of it)
 * @param outputTables   the version and Delta table id of each table in {@link IncrementalRefine#TRACKED} after the
 *                       refine wrote it (empty in a basis being compared, and in one recorded before these were
 *                       kept): a table in another state was changed by something else (a Delta RESTORE, a folder
 *                       restored from a backup or replaced), and only a full refine makes it whole again
 * @param bronzeIds      the Delta table id of each bronze table read (a bronze folder deleted and ingested anew, or
 *                       restored from a backup, can come back at the version read last time, holding other rows)
 */
public record RefineBasis(Map<String, Long> bronzeVersions, String configHash, String codeVersion, String keyFingerprint,
                          LocalDate runDate, Map<String, DeltaTables.State> outputTables, Map<String, String> bronzeIds) {

    public static final String FILE = "_refine_basis.json";

    public RefineBasis {
        bronzeVersions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bronzeVersions));
        outputTables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputTables));
        bronzeIds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bronzeIds));
    }

    /** A basis of what a refine reads, before it has written anything (without the bronze table ids). */
    public RefineBasis(Map<String, Long> bronzeVersions, String configHash, String codeVersion, String keyFingerprint,
                       LocalDate runDate) {
        this(bronzeVersions, configHash, codeVersion, keyFingerprint, runDate, Map.of(), Map.of());
    }

    /** This basis with the table ids of the bronze tables read. */
    public RefineBasis withBronzeIds(Map<String, String> ids) {
        return new RefineBasis(bronzeVersions, configHash, codeVersion, keyFingerprint, runDate, outputTables, ids);
    }

    /** The same inputs: bronze versions, configuration, code, key and run date (the output tables aside). */
    public boolean sameInputs(RefineBasis other) {
        return other != null && withOutputTables(Map.of()).equals(other.withOutputTables(Map.of()));
    }

    /** This basis with the state the refine left its tables in. */
    public RefineBasis withOutputTables(Map<String, DeltaTables.State> tables) {
        return new RefineBasis(bronzeVersions, configHash, codeVersion, keyFingerprint, runDate, tables, bronzeIds);
    }

    /** The key's fingerprint: a pseudonym of a label no worker identifier can equal. */
    public static String fingerprint(Pseudonymiser key) {
        return key.pseudonym("hrdd:pseudonym-key-fingerprint");
    }

    /**
     * SHA-256 (first 16 hex digits) of the code that refines and of the contracts: the jar or class folder each was
     * loaded from. A version string such as 0.1.0-SNAPSHOT does not change with every build; this does. The libraries
     * whose upgrade can change a computed value (Spark, Delta, Commons Math) count by the name of the jar they were
     * loaded from, which carries their version (inside a shaded job jar they are part of the jar's bytes).
     */
    public static synchronized String codeFingerprint() {
        if (codeFingerprint == null) {
            try {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                for (Class<?> c : List.of(RefineJob.class, org.hrdd.schemas.ContractLoader.class)) {
                    java.nio.file.Path where = java.nio.file.Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                    List<java.nio.file.Path> files;
                    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(where)) {
                        files = s.filter(java.nio.file.Files::isRegularFile).sorted().toList();
                    }
                    for (java.nio.file.Path f : files) {
                        md.update(where.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        md.update(java.nio.file.Files.readAllBytes(f));
                    }
                }
                for (Class<?> c : LIBRARIES) {
                    java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
                    String jar = source == null || source.getLocation() == null ? "bootstrap"
                            : java.nio.file.Path.of(source.getLocation().toURI()).getFileName().toString();
                    md.update((c.getName() + "@" + jar).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                codeFingerprint = java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
            } catch (java.net.URISyntaxException | java.security.NoSuchAlgorithmException | IOException | RuntimeException e) {
                // unknown code: a value no basis holds, so every refine is a full one
                codeFingerprint = "unknown-" + System.nanoTime();
            }
        }
        return codeFingerprint;
    }

    private static String codeFingerprint;

    /** One class of each library whose version is part of {@link #codeFingerprint()}. */
    private static final List<Class<?>> LIBRARIES = List.of(org.apache.spark.sql.SparkSession.class,
            io.delta.tables.DeltaTable.class, org.apache.commons.math3.distribution.BetaDistribution.class);

    /** The basis recorded in the lakehouse, or null when there is none (never refined, or the last refine failed). */
    public static RefineBasis load(SparkSession spark, Lakehouse lh) {
        try {
            Map<?, ?> m = LakehouseJson.read(spark, lh, FILE);
            if (m == null) {
                return null;
            }
            Map<String, Long> versions = new LinkedHashMap<>();
            ((Map<?, ?>) m.get("bronze_versions")).forEach((k, v) -> versions.put((String) k, ((Number) v).longValue()));
            Map<String, DeltaTables.State> outputs = new LinkedHashMap<>();
            if (m.get("output_tables") instanceof Map<?, ?> o) {
                o.forEach((k, v) -> outputs.put((String) k, new DeltaTables.State(
                        ((Number) ((Map<?, ?>) v).get("version")).longValue(), (String) ((Map<?, ?>) v).get("table_id"))));
            }
            Map<String, String> ids = new LinkedHashMap<>();
            if (m.get("bronze_table_ids") instanceof Map<?, ?> b) {
                b.forEach((k, v) -> ids.put((String) k, (String) v));
            }
            return new RefineBasis(versions, (String) m.get("config_hash"), (String) m.get("code_version"),
                    (String) m.get("key_fingerprint"), LocalDate.parse((String) m.get("run_date")), outputs, ids);
        } catch (RuntimeException e) {
            // an unreadable basis is no basis: the refine is a full one (and says why)
            return null;
        }
    }

    /** Removes the recorded basis (before a refine writes anything). */
    public static void clear(SparkSession spark, Lakehouse lh) {
        LakehouseJson.delete(spark, lh, FILE, "refine basis");
    }

    /** Records this basis (after every silver table is written). */
    public void save(SparkSession spark, Lakehouse lh) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bronze_versions", bronzeVersions);
        m.put("bronze_table_ids", bronzeIds);
        m.put("config_hash", configHash);
        m.put("code_version", codeVersion);
        m.put("key_fingerprint", keyFingerprint);
        m.put("run_date", runDate.toString());
        Map<String, Object> tables = new LinkedHashMap<>();
        outputTables.forEach((t, state) -> tables.put(t, Map.of("version", state.version(), "table_id", state.tableId())));
        m.put("output_tables", tables);
        LakehouseJson.write(spark, lh, FILE, m, "refine basis");
    }
}
