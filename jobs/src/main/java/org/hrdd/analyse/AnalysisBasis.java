package org.hrdd.analyse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.LakehouseJson;
import org.hrdd.time.Periods;

/**
 * What the corroboration gold tables were last computed from, per period, so that an analysis recomputes only the
 * periods whose inputs changed.
 *
 * <p>A period's gold rows depend on silver rows of that period and of earlier ones only (priors, calibration and
 * false-discovery control are per period; history columns, audit windows and remediation windows look backwards). So
 * each analysed period gets a <em>cumulative fingerprint</em>: a SHA-256 over the facility master and brand links, the
 * rows that belong to no analysed period, and the content of every period-attributed silver row up to and including
 * the period (per table and period: row count and the sum of a 64-bit hash of every column). Worker reach, signals,
 * audits and findings are attributed by their period column; a CAP by the period of its earliest date (it affects no
 * row before it opened). When the recorded fingerprint of every period before some period {@code d} equals the current
 * one, under the same configuration and code and with the gold tables still at the versions the basis recorded, those
 * periods' gold rows are exactly what a full computation would give and are read back instead of recomputed.
 *
 * <p>Kept as {@code <lakehouse>/_analyse_basis.json}; removed before an analysis writes and saved after every gold table
 * is written, so a failed run leaves none and the next analysis is a full one.
 *
 * @param periods cumulative fingerprint of each period whose gold rows are current, by period label
 */
public record AnalysisBasis(String configHash, String codeVersion, Map<String, Long> goldVersions,
                            Map<String, String> periods) {

    public static final String FILE = "_analyse_basis.json";
    /** Group of the rows that belong to no analysed period (before the first, after the last, or undated). */
    static final String OTHER = "_other";

    public AnalysisBasis {
        goldVersions = java.util.Collections.unmodifiableMap(new TreeMap<>(goldVersions));
        periods = java.util.Collections.unmodifiableMap(new TreeMap<>(periods));
    }

    /**
     * The leading periods of {@code analysed} whose gold rows can be reused: the longest prefix whose recorded
     * fingerprints equal the current ones, never including the last (requested) period, which is always computed.
     * Empty when there is no basis, or configuration, code or any gold table's version differ from the recorded ones.
     */
    public static List<String> reusable(AnalysisBasis basis, String configHash, String codeVersion,
            Map<String, Long> currentGoldVersions, Map<String, String> current, List<String> analysed) {
        List<String> out = new ArrayList<>();
        if (basis == null || !basis.configHash().equals(configHash) || !basis.codeVersion().equals(codeVersion)
                || !basis.goldVersions().equals(new TreeMap<>(currentGoldVersions))) {
            return out;
        }
        for (String p : analysed.subList(0, analysed.size() - 1)) {
            String recorded = basis.periods().get(p);
            if (recorded == null || !recorded.equals(current.get(p))) {
                break;
            }
            out.add(p);
        }
        return out;
    }

    /** Why nothing can be reused, for the console and the run record; null when some period can. */
    public static String fullReason(AnalysisBasis basis, String configHash, String codeVersion,
            Map<String, Long> currentGoldVersions) {
        if (basis == null) {
            return "no analysis basis (first analysis, or the last one failed)";
        }
        if (!basis.configHash().equals(configHash)) {
            return "analysis configuration changed";
        }
        if (!basis.codeVersion().equals(codeVersion)) {
            return "code version changed";
        }
        if (!basis.goldVersions().equals(new TreeMap<>(currentGoldVersions))) {
            return "a gold table was written since the last analysis";
        }
        return null;
    }

    /**
     * The cumulative fingerprint of every analysed period, from silver as read (the period-attributed tables grouped
     * by period, the facility master and brand links hashed whole, all in one aggregation).
     *
     * @param silver the analysis inputs ({@link AnalyseJob#INPUTS})
     */
    public static Map<String, String> fingerprints(Map<String, Dataset<Row>> silver, AnalysisPeriods analysed) {
        List<String> labels = analysed.labels();
        Map<String, Column> attribution = new LinkedHashMap<>();
        attribution.put(SilverWorkerReach.TABLE, byLabel(col(SilverWorkerReach.PERIOD), labels));
        attribution.put(SilverWorkerSignal.TABLE, byLabel(col(SilverWorkerSignal.PERIOD), labels));
        attribution.put(SilverAudit.TABLE, byLabel(col(SilverAudit.PERIOD), labels));
        attribution.put(SilverAuditFinding.TABLE, byLabel(col(SilverAuditFinding.PERIOD), labels));
        attribution.put(SilverRemediation.TABLE, byDate(least(col(SilverRemediation.OPENED_ON),
                col(SilverRemediation.DUE_ON), col(SilverRemediation.CLOSED_ON), col(SilverRemediation.VERIFIED_ON)),
                analysed));
        // table → group → "count:hashsum", every table in one aggregation (one Spark job instead of one per table)
        Dataset<Row> hashed = null;
        for (String table : AnalyseJob.INPUTS) {
            Dataset<Row> h = hashes(silver.get(table), table, attribution.getOrDefault(table, lit(OTHER)));
            hashed = hashed == null ? h : hashed.union(h);
        }
        Map<String, Map<String, String>> parts = new TreeMap<>();
        AnalyseJob.INPUTS.forEach(t -> parts.put(t, new TreeMap<>()));
        for (Row r : hashed.groupBy(col("_table"), col("_group"))
                .agg(count(lit(1)).as("_n"), sum(col("_hash")).as("_sum"))
                .collectAsList()) {
            parts.get(r.getString(0)).put(r.getString(1), r.getLong(2) + ":" + r.getDecimal(3).toPlainString());
        }
        Map<String, String> out = new LinkedHashMap<>();
        MessageDigest md = sha256();
        for (Map.Entry<String, Map<String, String>> t : parts.entrySet()) {
            update(md, t.getKey(), OTHER, t.getValue().get(OTHER));
        }
        for (String label : labels) {
            for (Map.Entry<String, Map<String, String>> t : parts.entrySet()) {
                update(md, t.getKey(), label, t.getValue().get(label));
            }
            out.put(label, hex(clone(md).digest()));
        }
        return out;
    }

    /** Current version of each gold table the analysis writes, or -1 for one that does not exist. */
    public static Map<String, Long> goldVersions(SparkSession spark, Lakehouse lh, List<String> tables) {
        Map<String, Long> out = new TreeMap<>();
        for (String t : tables) {
            String path = lh.tablePath(t);
            out.put(t, DeltaTables.exists(spark, path) ? DeltaTables.version(spark, path) : -1L);
        }
        return out;
    }

    private static Column byLabel(Column period, List<String> labels) {
        return when(period.isin(labels.toArray()), period).otherwise(lit(OTHER));
    }

    /** The analysed period a date falls in, else {@link #OTHER} (also for no date). */
    private static Column byDate(Column date, AnalysisPeriods analysed) {
        Column out = null;
        for (Periods.Period p : analysed.periods()) {
            Column in = date.geq(lit(Date.valueOf(p.start()))).and(date.leq(lit(Date.valueOf(p.end()))));
            out = out == null ? when(in, lit(p.label())) : out.when(in, lit(p.label()));
        }
        return out.otherwise(lit(OTHER));
    }

    /** One row per input row: the table, the row's group and its hash (each value with its null flag). */
    private static Dataset<Row> hashes(Dataset<Row> rows, String table, Column group) {
        // xxhash64 skips nulls: each value goes with its null flag, so (D, null) and (null, D) hash differently
        Column[] all = Arrays.stream(rows.columns())
                .flatMap(c -> java.util.stream.Stream.of(col("`" + c + "`"), col("`" + c + "`").isNull()))
                .toArray(Column[]::new);
        return rows.select(lit(table).as("_table"), group.as("_group"), xxhash64(all).cast("decimal(38,0)").as("_hash"));
    }

    private static void update(MessageDigest md, String table, String group, String part) {
        md.update((table + '\u0001' + group + '\u0001' + (part == null ? "0" : part) + '\n')
                .getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest clone(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** The basis recorded in the lakehouse, or null when there is none or it cannot be read. */
    public static AnalysisBasis load(SparkSession spark, Lakehouse lh) {
        try {
            Map<?, ?> m = LakehouseJson.read(spark, lh, FILE);
            if (m == null) {
                return null;
            }
            Map<String, Long> versions = new TreeMap<>();
            ((Map<?, ?>) m.get("gold_versions")).forEach((k, v) -> versions.put((String) k, ((Number) v).longValue()));
            Map<String, String> periods = new TreeMap<>();
            ((Map<?, ?>) m.get("periods")).forEach((k, v) -> periods.put((String) k, (String) v));
            return new AnalysisBasis((String) m.get("config_hash"), (String) m.get("code_version"), versions, periods);
        } catch (RuntimeException e) {
            // an unreadable basis is no basis: the analysis computes every period
            return null;
        }
    }

    /** Removes the recorded basis (before an analysis writes anything). */
    public static void clear(SparkSession spark, Lakehouse lh) {
        LakehouseJson.delete(spark, lh, FILE, "analysis basis");
    }

    /** Records this basis (after every gold table is written). */
    public void save(SparkSession spark, Lakehouse lh) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config_hash", configHash);
        m.put("code_version", codeVersion);
        m.put("gold_versions", goldVersions);
        m.put("periods", periods);
        LakehouseJson.write(spark, lh, FILE, m, "analysis basis");
    }
}
