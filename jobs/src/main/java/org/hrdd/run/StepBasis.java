package org.hrdd.run;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.LakehouseJson;

/**
 * What a step (refine, analyse, score, indicators) last computed its tables from, so that a step whose inputs are
 * unchanged does nothing and any other recomputes fully (full or nothing).
 *
 * <p>The basis holds the step's settings (request, configuration hash, code fingerprint, and where they matter the
 * pseudonym key's fingerprint and the run date), the state of every table it read (version and Delta table id: a table
 * deleted and created again, or restored from a backup, has another id whatever its version) and the state it left
 * every table it writes in. A table it writes in any other state was changed by something else (a Delta RESTORE, an
 * erasure, another step), and only a recomputation makes it whole again.
 *
 * <p>Kept as {@code <lakehouse>/_<step>_basis.json} (any Hadoop file system); removed before the step writes anything
 * and saved once every table is written, so a failed run leaves none and the next run recomputes.
 *
 * @param settings what the step was asked and configured with, by name (compared as a whole, reported by name)
 * @param inputs   state of each table read, as {@code version:table id}
 * @param outputs  state of each table written, as {@code version:table id} ({@link #MISSING} when absent)
 */
public record StepBasis(
        String step, Map<String, String> settings, Map<String, String> inputs, Map<String, String> outputs) {

    /** The state of a table that does not exist. */
    public static final String MISSING = "none";

    public StepBasis {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        inputs = java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new TreeMap<>(outputs));
    }

    /** The basis of a step about to run: its settings and the tables it reads, before it has written anything. */
    public static StepBasis of(String step, Map<String, String> settings, Map<String, String> inputs) {
        return new StepBasis(step, settings, inputs, Map.of());
    }

    /** The file a step's basis is kept in. */
    public static String file(String step) {
        return "_" + step + "_basis.json";
    }

    /** A table state as recorded: {@code version:table id}. */
    public static String state(DeltaTables.State s) {
        return s.version() + ":" + s.tableId();
    }

    /** The current state of each table ({@link #state}), or {@link #MISSING}. */
    public static Map<String, String> states(SparkSession spark, Lakehouse lh, List<String> tables) {
        Map<String, String> out = new TreeMap<>();
        for (String t : tables) {
            String path = lh.tablePath(t);
            out.put(t, DeltaTables.exists(spark, path) ? state(DeltaTables.state(spark, path)) : MISSING);
        }
        return out;
    }

    /**
     * The state of each table read at the version in {@code versionsRead} ({@link #state}; the table id is the
     * table's current one, which a table keeps across versions).
     */
    public static Map<String, String> readStates(SparkSession spark, Lakehouse lh, Map<String, Long> versionsRead) {
        Map<String, String> out = new TreeMap<>();
        versionsRead.forEach((t, v) ->
                out.put(t, v + ":" + DeltaTables.state(spark, lh.tablePath(t)).tableId()));
        return out;
    }

    /** The version of each table in {@code states} ({@link #states}), -1 for a missing one. */
    public static Map<String, Long> versions(Map<String, String> states) {
        Map<String, Long> out = new TreeMap<>();
        states.forEach((t, s) -> out.put(t, s.equals(MISSING) ? -1L : Long.parseLong(s.substring(0, s.indexOf(':')))));
        return out;
    }

    /**
     * Why the step with basis {@code now} must compute, given the {@code last} basis recorded and the current state of
     * the tables it writes; null when it has nothing to do.
     */
    public static String reason(StepBasis last, StepBasis now, Map<String, String> outputsNow) {
        if (last == null) {
            return "no " + now.step() + " basis (first " + now.step() + ", or the last one failed)";
        }
        for (Map.Entry<String, String> e : now.settings().entrySet()) {
            if (!Objects.equals(last.settings().get(e.getKey()), e.getValue())) {
                return e.getKey() + " changed since the last " + now.step();
            }
        }
        if (!last.settings().keySet().equals(now.settings().keySet())) {
            return "settings changed since the last " + now.step();
        }
        for (Map.Entry<String, String> e : now.inputs().entrySet()) {
            if (!Objects.equals(last.inputs().get(e.getKey()), e.getValue())) {
                return e.getKey() + " changed since the last " + now.step();
            }
        }
        if (!last.inputs().keySet().equals(now.inputs().keySet())) {
            return "the tables read changed since the last " + now.step();
        }
        if (last.outputs().isEmpty()) {
            return "the last " + now.step() + " recorded no tables written";
        }
        for (Map.Entry<String, String> e : new TreeMap<>(outputsNow).entrySet()) {
            if (!Objects.equals(last.outputs().get(e.getKey()), e.getValue())) {
                return e.getKey() + (e.getValue().equals(MISSING) ? " is missing" : " was written by something else")
                        + " since the last " + now.step();
            }
        }
        return null;
    }

    /** This basis with the state of the tables after the step wrote them. */
    public StepBasis withOutputs(Map<String, String> states) {
        return new StepBasis(step, settings, inputs, states);
    }

    /** The basis recorded for {@code step}, or null when there is none or it cannot be read. */
    public static StepBasis load(SparkSession spark, Lakehouse lh, String step) {
        try {
            Map<?, ?> m = LakehouseJson.read(spark, lh, file(step));
            if (m == null) {
                return null;
            }
            return new StepBasis(
                    step,
                    strings(m.get("settings"), new LinkedHashMap<>()),
                    strings(m.get("inputs"), new TreeMap<>()),
                    strings(m.get("outputs"), new TreeMap<>()));
        } catch (RuntimeException e) {
            // an unreadable basis is no basis: the step recomputes (and says why)
            return null;
        }
    }

    private static Map<String, String> strings(Object o, Map<String, String> out) {
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** Removes the recorded basis of {@code step} (before it writes anything). */
    public static void clear(SparkSession spark, Lakehouse lh, String step) {
        LakehouseJson.delete(spark, lh, file(step), step + " basis");
    }

    /** Records this basis (after every table of the step is written). */
    public void save(SparkSession spark, Lakehouse lh) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("settings", settings);
        m.put("inputs", inputs);
        m.put("outputs", outputs);
        LakehouseJson.write(spark, lh, file(step), m, step + " basis");
    }

    /**
     * SHA-256 (first 16 hex digits) of hrdd's code, contracts and report code: the jar or class folders they were loaded
     * from. A version string such as 0.1.0-SNAPSHOT does not change with every build; this does. The libraries whose upgrade
     * can change a computed value (Spark, Delta, Commons Math) count by the name of the jar they were loaded from, which
     * carries their version (inside a shaded job jar they are part of the jar's bytes).
     */
    public static synchronized String codeFingerprint() {
        if (codeFingerprint == null) {
            try {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                for (Class<?> c : List.of(
                        StepBasis.class,
                        org.hrdd.schemas.ContractLoader.class,
                        org.hrdd.reports.publish.DueDiligenceReport.class)) {
                    java.nio.file.Path where = java.nio.file.Path.of(c.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
                    List<java.nio.file.Path> files;
                    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(where)) {
                        files = s.filter(java.nio.file.Files::isRegularFile)
                                .sorted()
                                .toList();
                    }
                    for (java.nio.file.Path f : files) {
                        md.update(where.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        md.update(java.nio.file.Files.readAllBytes(f));
                    }
                }
                for (Class<?> c : LIBRARIES) {
                    java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
                    String jar = source == null || source.getLocation() == null
                            ? "bootstrap"
                            : java.nio.file.Path.of(source.getLocation().toURI())
                                    .getFileName()
                                    .toString();
                    md.update((c.getName() + "@" + jar).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                codeFingerprint = java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
            } catch (java.net.URISyntaxException
                    | java.security.NoSuchAlgorithmException
                    | IOException
                    | RuntimeException e) {
                // unknown code: a value no basis holds, so every step computes
                codeFingerprint = "unknown-" + System.nanoTime();
            }
        }
        return codeFingerprint;
    }

    private static String codeFingerprint;

    /** One class of each library whose version is part of {@link #codeFingerprint()}. */
    private static final List<Class<?>> LIBRARIES = List.of(
            org.apache.spark.sql.SparkSession.class,
            io.delta.tables.DeltaTable.class,
            org.apache.commons.math3.distribution.BetaDistribution.class);
}
