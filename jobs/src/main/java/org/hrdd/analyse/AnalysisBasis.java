package org.hrdd.analyse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.LakehouseJson;

/**
 * What the corroboration gold tables were last computed from: the request (period, all periods or one), the analysis
 * configuration hash, the code, and the state (version and Delta table id) of every silver table read; with the state
 * that run left the gold tables in. An analysis with the same inputs that finds the gold tables as that run left them
 * does nothing; any other computes every period (full or nothing: recomputing only the changed periods cost about as
 * much code as the analysis and saved little, see the bench README).
 *
 * <p>Kept as {@code <lakehouse>/_analyse_basis.json}; removed before an analysis writes and saved after every gold table
 * is written, so a failed run leaves none and the next analysis computes.
 *
 * @param silver state of each silver table read, as {@code version:table id}
 * @param gold   state of each gold table after the run, as {@code version:table id} ({@code none} when missing)
 */
public record AnalysisBasis(String request, String configHash, String codeVersion, Map<String, String> silver,
                            Map<String, String> gold) {

    public static final String FILE = "_analyse_basis.json";

    public AnalysisBasis {
        silver = java.util.Collections.unmodifiableMap(new TreeMap<>(silver));
        gold = java.util.Collections.unmodifiableMap(new TreeMap<>(gold));
    }

    /** The request as recorded: the period and whether every period is written. */
    public static String request(String period, boolean allPeriods) {
        return period + (allPeriods ? " all periods" : "");
    }

    /** The state of each silver table at the version read: {@code version:table id}. */
    public static Map<String, String> silverStates(SparkSession spark, Lakehouse lh, Map<String, Long> versionsRead) {
        Map<String, String> out = new TreeMap<>();
        versionsRead.forEach((t, v) -> out.put(t, v + ":" + DeltaTables.state(spark, lh.tablePath(t)).tableId()));
        return out;
    }

    /** The current state of each table: {@code version:table id}, or {@code none} for a missing one. */
    public static Map<String, String> states(SparkSession spark, Lakehouse lh, List<String> tables) {
        Map<String, String> out = new TreeMap<>();
        for (String t : tables) {
            String path = lh.tablePath(t);
            if (DeltaTables.exists(spark, path)) {
                DeltaTables.State s = DeltaTables.state(spark, path);
                out.put(t, s.version() + ":" + s.tableId());
            } else {
                out.put(t, "none");
            }
        }
        return out;
    }

    /** The version of each table in {@code states} ({@link #states}), -1 for a missing one. */
    public static Map<String, Long> versions(Map<String, String> states) {
        Map<String, Long> out = new TreeMap<>();
        states.forEach((t, s) -> out.put(t, s.equals("none") ? -1L : Long.parseLong(s.substring(0, s.indexOf(':')))));
        return out;
    }

    /**
     * Why an analysis with inputs {@code now} must compute, given the {@code last} basis and the gold tables' current
     * states; null when it has nothing to do.
     */
    public static String reason(AnalysisBasis last, AnalysisBasis now, Map<String, String> goldNow) {
        if (last == null) {
            return "no analysis basis (first analysis, or the last one failed)";
        }
        if (!java.util.Objects.equals(last.request(), now.request())) {
            return "another request than the last analysis (" + last.request() + ")";
        }
        if (!java.util.Objects.equals(last.configHash(), now.configHash())) {
            return "analysis configuration changed";
        }
        if (!java.util.Objects.equals(last.codeVersion(), now.codeVersion())) {
            return "code version changed";
        }
        if (!last.silver().equals(now.silver())) {
            return "silver changed since the last analysis";
        }
        if (!last.gold().equals(new TreeMap<>(goldNow))) {
            return "a gold table was written since the last analysis";
        }
        return null;
    }

    /** This basis with the gold tables' states after the run. */
    public AnalysisBasis withGold(Map<String, String> states) {
        return new AnalysisBasis(request, configHash, codeVersion, silver, states);
    }

    /** The basis recorded in the lakehouse, or null when there is none or it cannot be read. */
    public static AnalysisBasis load(SparkSession spark, Lakehouse lh) {
        try {
            Map<?, ?> m = LakehouseJson.read(spark, lh, FILE);
            if (m == null) {
                return null;
            }
            return new AnalysisBasis((String) m.get("request"), (String) m.get("config_hash"),
                    (String) m.get("code_version"), strings(m.get("silver")), strings(m.get("gold")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** Removes the recorded basis (before an analysis writes anything). */
    public static void clear(SparkSession spark, Lakehouse lh) {
        LakehouseJson.delete(spark, lh, FILE, "analysis basis");
    }

    /** Records this basis (after every gold table is written). */
    public void save(SparkSession spark, Lakehouse lh) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request", java.util.Objects.requireNonNull(request));
        m.put("config_hash", configHash);
        m.put("code_version", codeVersion);
        m.put("silver", silver);
        m.put("gold", gold);
        LakehouseJson.write(spark, lh, FILE, m, "analysis basis");
    }
}
