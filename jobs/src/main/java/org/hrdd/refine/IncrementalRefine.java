package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.BronzeAudit;
import org.hrdd.schemas.Columns.BronzeAuditFinding;
import org.hrdd.schemas.Columns.BronzeBrandFacility;
import org.hrdd.schemas.Columns.BronzeCap;
import org.hrdd.schemas.Columns.BronzeFacility;
import org.hrdd.schemas.Columns.BronzeHelplineCase;
import org.hrdd.schemas.Columns.BronzeSurveyQuestion;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.schemas.Columns.OpsFacilityMatches;
import org.hrdd.schemas.Columns.OpsQualityMetrics;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Joins;
import org.hrdd.spark.Lakehouse;

/**
 * Whether a refine may be incremental, and if so which worker-voice bronze rows it refines.
 *
 * <p>A worker-voice record's silver rows, quarantine rows and contact depend only on the bronze versions of its own
 * key (the ranking, the duplicate check and the consent window all look at one key), on the configuration, the
 * facility master, the survey catalogue, the pseudonym key and the run date. So when only new worker-voice rows have
 * arrived since the last refine, refining every version of the keys they carry (and, when the run date moved on, of the
 * keys quarantined as FUTURE_DATE) and syncing exactly those rows gives the tables a full refine would give. Anything
 * else makes the refine a full one, and the plan says why: no recorded basis, another configuration, code version or
 * pseudonym key, an earlier run date, a bronze table replaced (another Delta table id), a table the refine writes
 * missing or not as the last refine left it, a changed
 * facility master or survey catalogue, or a worker-voice table that lost rows (an erasure rewrites bronze). The other
 * sources are small: an incremental refine refines each in full, or carries it over when refining it again would give
 * what the last refine left ({@link #carried}).
 */
public final class IncrementalRefine {

    /** The worker-voice bronze tables and the key their versions are ranked by. */
    public static final Map<String, List<String>> KEYS = Map.of(
            BronzeHelplineCase.TABLE, HelplineRefiner.KEY,
            BronzeSurveyResponse.TABLE, SurveyRefiner.RESPONSE_KEY);

    /** Bronze tables whose change makes every worker-voice row's refinement change (resolution, the catalogue). */
    static final List<String> SHARED = List.of(BronzeFacility.TABLE, BronzeSurveyQuestion.TABLE);

    /**
     * The small sources an incremental refine may carry over, each with the silver table it refines into, in the order
     * they are refined (a source after those whose silver rows it reads).
     */
    static final Map<String, String> SMALL;

    static {
        Map<String, String> small = new LinkedHashMap<>();
        small.put(BronzeFacility.TABLE, SilverFacility.TABLE);
        small.put(BronzeBrandFacility.TABLE, SilverBrandFacility.TABLE);
        small.put(BronzeAudit.TABLE, SilverAudit.TABLE);
        small.put(BronzeAuditFinding.TABLE, SilverAuditFinding.TABLE);
        small.put(BronzeCap.TABLE, SilverRemediation.TABLE);
        SMALL = java.util.Collections.unmodifiableMap(small);
    }

    /** The sources whose silver rows each small source reads (its refinement changes when theirs does). */
    private static final Map<String, List<String>> UPSTREAM = Map.of(BronzeFacility.TABLE, List.of(),
            BronzeBrandFacility.TABLE, List.of(BronzeFacility.TABLE), BronzeAudit.TABLE, List.of(BronzeFacility.TABLE),
            BronzeAuditFinding.TABLE, List.of(BronzeAudit.TABLE), BronzeCap.TABLE, List.of(BronzeFacility.TABLE));

    /**
     * @param touched per worker-voice bronze table, the rows to refine (every version of a touched key, and the new
     *                rows without a complete key); empty for a full refine
     * @param carried the small sources ({@link #SMALL}) this refine does not refine: their silver table, quarantine
     *                rows and facility matches are those the last refine left, which refining them again would give
     *                (see {@link #carried}); empty for a full refine
     * @param overdueSince when the corrective actions are carried over and open ones fell due on or after this day
     *                (the last refine's run date) and before this run's: their overdue flag is to be set
     *                ({@link #overdueTurns}), the one change the moved run date makes to them; else null
     */
    public record Plan(boolean incremental, String reason, Map<String, Dataset<Row>> touched, List<String> carried,
                       java.time.LocalDate overdueSince) {
        public Plan {
            touched = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(touched));
            carried = List.copyOf(carried);
        }

        public boolean carries(String bronzeTable) {
            return carried.contains(bronzeTable);
        }
    }

    private IncrementalRefine() {
    }

    /**
     * True when there is nothing to refine: the last refine read the same bronze versions with the same configuration,
     * code, key and run date (a refine is deterministic: it would commit nothing), and every table it writes is still
     * where that refine left it.
     */
    public static boolean nothingToRefine(SparkSession spark, Lakehouse lh, RefineBasis last, RefineBasis now) {
        return now.sameInputs(last) && outputChange(spark, lh, last) == null;
    }

    /** The plan of a refine with nothing to refine ({@link #nothingToRefine}). */
    public static Plan upToDate() {
        return new Plan(true, "nothing to refine: silver was refined from these bronze versions with this configuration,"
                + " code, pseudonym key and run date, and is as that refine left it", Map.of(), List.of(), null);
    }

    /** The full-refine plan, with its reason. */
    public static Plan full(String reason) {
        return new Plan(false, reason, Map.of(), List.of(), null);
    }

    /**
     * @param basis    what silver was last refined from (null: none recorded)
     * @param now      this run's basis (bronze versions being read, configuration, code, key, run date)
     * @param bronze   the bronze tables as this run reads them
     * @param dates    the date parser at this run's date
     */
    public static Plan plan(SparkSession spark, Lakehouse lh, RefineBasis basis, RefineBasis now,
                            Map<String, Dataset<Row>> bronze, SourceDatesUdf dates) {
        Map<String, Dataset<Row>> touched = new LinkedHashMap<>();
        boolean later;
        List<String> carried;
        java.time.LocalDate overdueSince;
        try {
            String why = fullReason(spark, lh, basis, now, bronze);
            if (why != null) {
                return full(why);
            }
            later = now.runDate().isAfter(basis.runDate());
            Dataset<Row> future = later ? futureDated(spark, lh) : null;
            for (Map.Entry<String, List<String>> e : KEYS.entrySet()) {
                String table = e.getKey();
                Column unseen = ingestedSince(spark, lh.tablePath(table), basis.bronzeVersions().get(table));
                touched.put(table, touchedRows(bronze.get(table), e.getValue(), unseen, future == null ? null
                        : future.filter(col(OpsQuarantine.TABLE_NAME).equalTo(table))));
            }
            carried = carried(spark, lh, basis, now, dates);
            overdueSince = later && carried.contains(BronzeCap.TABLE)
                    && overdueTurns(spark, lh, basis.runDate(), now.runDate()) ? basis.runDate() : null;
        } catch (RuntimeException e) {
            // e.g. the basis version's log entries are gone (log retention): no way to tell what is new
            return full("the Delta history since the last refine could not be read (" + e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        return new Plan(true, "only new worker-voice rows since the last refine"
                + (later ? " (run date moved on from " + basis.runDate() + ": FUTURE_DATE rows checked again)" : "")
                + (carried.isEmpty() ? "" : "; carried over unchanged: " + String.join(", ", carried))
                + (overdueSince == null ? "" : " (open actions falling due since " + overdueSince + " marked overdue)"),
                touched, carried, overdueSince);
    }

    /**
     * The small sources whose refinement would give what the last refine left, so an incremental refine need not
     * refine them (the plan's checks already hold: same configuration, code and key, facility master unchanged,
     * every table as the last refine left it). A source qualifies when its bronze table is at the version the last
     * refine read, every source it reads the silver rows of ({@link #UPSTREAM}) qualifies, and the run date, when it
     * moved, changes none of its rows: every date the last refine quarantined as FUTURE_DATE is still after the new
     * run date (every other checked date was on or before the earlier one). An open corrective action falling due
     * between the two run dates turns overdue: that flag is the plan's to set ({@link Plan#overdueSince}).
     *
     * @param dates the date parser at this run's date (and each source system's formats)
     */
    static List<String> carried(SparkSession spark, Lakehouse lh, RefineBasis basis, RefineBasis now, SourceDatesUdf dates) {
        boolean moved = now.runDate().isAfter(basis.runDate());
        java.util.Set<String> datesTurn = new java.util.HashSet<>();
        if (moved) {
            for (Row r : spark.read().format("delta").load(lh.tablePath(OpsQuarantine.TABLE))
                    .filter(col(OpsQuarantine.REASON).equalTo(SourceDates.FUTURE_DATE)
                            .and(col(OpsQuarantine.TABLE_NAME).isin(SMALL.keySet().toArray())))
                    .select(OpsQuarantine.TABLE_NAME, OpsQuarantine.SOURCE_SYSTEM, OpsQuarantine.DETAIL).distinct()
                    .collectAsList()) {
                List<String> values = SourceDates.futureValues(r.getString(2));
                // a detail it cannot read back (none named) counts as a date that may have turned
                if (values.isEmpty() || values.stream().anyMatch(v -> !dates.isFuture(v, r.getString(1)))) {
                    datesTurn.add(r.getString(0));
                }
            }
        }
        List<String> carried = new ArrayList<>();
        for (String table : SMALL.keySet()) {
            boolean same = now.bronzeVersions().get(table).equals(basis.bronzeVersions().get(table))
                    && carried.containsAll(UPSTREAM.get(table)) && !datesTurn.contains(table);
            if (same) {
                carried.add(table);
            }
        }
        return carried;
    }

    /**
     * Whether an action in silver.remediation that is not closed falls due on or after {@code from} and before
     * {@code to}: not overdue on the earlier run date, overdue on the later one.
     */
    static boolean overdueTurns(SparkSession spark, Lakehouse lh, java.time.LocalDate from, java.time.LocalDate to) {
        return !spark.read().format("delta").load(lh.tablePath(SilverRemediation.TABLE)).filter(turningOverdue(from, to))
                .limit(1).collectAsList().isEmpty();
    }

    /**
     * Actions of silver.remediation not closed that fall due on or after {@code from} and before {@code to}: not
     * overdue on the earlier run date (due on or after it), overdue on the later one (due before it).
     */
    static Column turningOverdue(java.time.LocalDate from, java.time.LocalDate to) {
        return col(SilverRemediation.CLOSED_ON).isNull()
                .and(col(SilverRemediation.DUE_ON).geq(org.apache.spark.sql.functions.lit(java.sql.Date.valueOf(from))))
                .and(col(SilverRemediation.DUE_ON).lt(org.apache.spark.sql.functions.lit(java.sql.Date.valueOf(to))));
    }

    /** Null when an incremental refine is sound, else why not. */
    static String fullReason(SparkSession spark, Lakehouse lh, RefineBasis basis, RefineBasis now,
                             Map<String, Dataset<Row>> bronze) {
        if (basis == null) {
            return "no record of the last refine (first refine, or the last one failed)";
        }
        if (!now.configHash().equals(basis.configHash())) {
            return "the configuration changed since the last refine";
        }
        if (!now.codeVersion().equals(basis.codeVersion())) {
            return "the code changed since the last refine (" + basis.codeVersion() + " -> " + now.codeVersion() + ")";
        }
        if (!now.keyFingerprint().equals(basis.keyFingerprint())) {
            return "the pseudonym key changed since the last refine";
        }
        if (now.runDate().isBefore(basis.runDate())) {
            return "the run date " + now.runDate() + " is before the last refine's " + basis.runDate();
        }
        String changed = outputChange(spark, lh, basis);
        if (changed != null) {
            return changed;
        }
        for (Map.Entry<String, String> e : now.bronzeIds().entrySet()) {
            String then = basis.bronzeIds().get(e.getKey());
            if (then == null) {
                return "the last refine did not record which " + e.getKey() + " table it read";
            }
            if (!then.equals(e.getValue())) {
                return e.getKey() + " is another Delta table than the one the last refine read (its table id changed:"
                        + " the folder was replaced, e.g. ingested anew or restored from a backup)";
            }
        }
        for (String table : SHARED) {
            if (!now.bronzeVersions().get(table).equals(basis.bronzeVersions().get(table))) {
                return table + " changed since the last refine";
            }
        }
        for (String table : KEYS.keySet()) {
            Long then = basis.bronzeVersions().get(table);
            long current = now.bronzeVersions().get(table);
            if (then == null || current < then) {
                return table + " is not at or after the version the last refine read";
            }
            String op = nonAppend(spark, lh.tablePath(table), then);
            if (op != null) {
                return table + " was rewritten since the last refine (" + op + "): rows may have left it";
            }
            // A slice is named by the bronze rows' (system, file, row): a file ingested again under the same name (a
            // corrected export with another checksum) gives two rows that lineage, which only a full refine tells apart.
            List<Row> twice = bronze.get(table).groupBy(col(Lineage.SOURCE_SYSTEM), col(Lineage.SOURCE_FILE),
                    col(Lineage.SOURCE_ROW)).count().filter(col("count").gt(1)).limit(1).collectAsList();
            if (!twice.isEmpty()) {
                return table + ": " + twice.get(0).getString(1) + " was ingested more than once under the same name";
            }
        }
        return null;
    }

    /**
     * Why the tables a refine writes are not as the last refine left them, or null when they are: one is missing (a
     * folder deleted by hand), or one of {@link #TRACKED} is at another version than the basis recorded (a Delta
     * RESTORE) or is another table (its Delta table id differs: a folder replaced or restored from an older backup), or
     * the basis does not say (recorded before hrdd kept this). Either way an incremental refine would mend only part of
     * it.
     */
    static String outputChange(SparkSession spark, Lakehouse lh, RefineBasis basis) {
        Map<String, DeltaTables.State> now = tableStates(spark, lh, OUTPUT);
        for (String table : OUTPUT) {
            if (!now.containsKey(table)) {
                return table + " is missing (an incremental refine would rebuild only part of it)";
            }
        }
        for (String table : TRACKED) {
            DeltaTables.State then = basis.outputTables().get(table);
            DeltaTables.State current = now.get(table);
            if (then == null) {
                return "the last refine did not record the state it left " + table + " in";
            }
            if (!then.tableId().equals(current.tableId())) {
                return table + " is another Delta table than the one the last refine left (its table id changed: the"
                        + " folder was replaced, e.g. restored from a backup)";
            }
            if (then.version() != current.version()) {
                return table + " is at version " + current.version() + ", not at version " + then.version()
                        + " where the last refine left it (changed by something else, e.g. a Delta RESTORE)";
            }
        }
        return null;
    }

    /** The state of each of the given tables that is there (a table that is not, or not readable, is left out). */
    static Map<String, DeltaTables.State> tableStates(SparkSession spark, Lakehouse lh, List<String> tables) {
        Map<String, DeltaTables.State> states = new LinkedHashMap<>();
        for (String table : tables) {
            try {
                states.put(table, DeltaTables.state(spark, lh.tablePath(table)));
            } catch (RuntimeException e) {
                // not there (or not a Delta table): left out
            }
        }
        return states;
    }

    /** The tables a refine writes. */
    private static final List<String> OUTPUT = List.of(SilverFacility.TABLE, SilverBrandFacility.TABLE, SilverAudit.TABLE,
            SilverAuditFinding.TABLE, SilverRemediation.TABLE, SilverWorkerSignal.TABLE, SilverWorkerContact.TABLE,
            SilverWorkerReach.TABLE, OpsQuarantine.TABLE, OpsFacilityMatches.TABLE, OpsQualityMetrics.TABLE);

    /**
     * The tables whose rows an incremental refine builds on, and whose state the basis records: all a refine writes
     * but the metrics log, which every refine appends to and no refine reads.
     */
    public static final List<String> TRACKED = OUTPUT.stream().filter(t -> !t.equals(OpsQualityMetrics.TABLE)).toList();

    /** The state of {@link #TRACKED} now (after a refine wrote them, for its basis). */
    public static Map<String, DeltaTables.State> trackedTables(SparkSession spark, Lakehouse lh) {
        return tableStates(spark, lh, TRACKED);
    }

    /** The first commit after {@code since} that is not a plain append, or null when all are appends. */
    static String nonAppend(SparkSession spark, String path, long since) {
        List<Row> commits = io.delta.tables.DeltaTable.forPath(spark, path).history()
                .filter(col("version").gt(since)).select(col("version"), col("operation"), col("operationParameters"))
                .orderBy(col("version")).collectAsList();
        for (Row r : commits) {
            String op = r.getString(1);
            Map<String, String> params = r.isNullAt(2) ? Map.of() : r.getJavaMap(2);
            boolean append = "WRITE".equals(op) && "Append".equals(params.get("mode"));
            if (!append && !"CREATE TABLE".equals(op)) {
                return "version " + r.getLong(0) + ": " + op;
            }
        }
        return null;
    }

    /** Quarantine rows whose reason is FUTURE_DATE (their lineage and table). */
    private static Dataset<Row> futureDated(SparkSession spark, Lakehouse lh) {
        String path = lh.tablePath(OpsQuarantine.TABLE);
        if (!DeltaTables.exists(spark, path)) {
            return null;
        }
        // pinned: this run rewrites ops.quarantine before the touched rows (cached lazily) are all computed
        return spark.read().format("delta").option("versionAsOf", DeltaTables.version(spark, path)).load(path)
                .filter(col(OpsQuarantine.REASON).equalTo(SourceDates.FUTURE_DATE))
                .select(col(OpsQuarantine.TABLE_NAME), col(OpsQuarantine.SOURCE_SYSTEM).as(Lineage.SOURCE_SYSTEM),
                        col(OpsQuarantine.SOURCE_FILE).as(Lineage.SOURCE_FILE),
                        col(OpsQuarantine.SOURCE_ROW).as(Lineage.SOURCE_ROW));
    }

    /** True for a bronze row landed by an ingest run that the table's basis version had not seen. */
    static Column ingestedSince(SparkSession spark, String path, long basisVersion) {
        List<Object> seenRuns = new ArrayList<>();
        for (Row r : spark.read().format("delta").option("versionAsOf", basisVersion).load(path)
                .select(Lineage.RUN_ID).distinct().collectAsList()) {
            seenRuns.add(r.get(0));
        }
        return seenRuns.isEmpty() ? org.apache.spark.sql.functions.lit(true)
                : col(Lineage.RUN_ID).isin(seenRuns.toArray()).unary_$bang();
    }

    /**
     * Rows ingested since the basis ({@code unseen}), plus the FUTURE_DATE rows to check again, are the seeds; the
     * result is every version of a seed's key, and the seeds without a complete key (they stand alone).
     */
    static Dataset<Row> touchedRows(Dataset<Row> current, List<String> key, Column unseen, Dataset<Row> futureDated) {
        Dataset<Row> seeds = current.filter(unseen);
        if (futureDated != null) {
            seeds = seeds.unionByName(Joins.semi(current, futureDated.drop(OpsQuarantine.TABLE_NAME).distinct(),
                    Lineage.SOURCE_SYSTEM, Lineage.SOURCE_FILE, Lineage.SOURCE_ROW));
        }
        Column complete = key.stream().map(k -> col(k).isNotNull()).reduce(Column::and).orElseThrow();
        Dataset<Row> keys = seeds.filter(complete).select(key.stream().map(k -> col(k)).toArray(Column[]::new)).distinct();
        Dataset<Row> versions = Joins.semi(current, keys, key.toArray(String[]::new));
        return versions.unionByName(seeds.filter(complete.unary_$bang())
                .dropDuplicates(Lineage.SOURCE_SYSTEM, Lineage.SOURCE_FILE, Lineage.SOURCE_ROW));
    }

    /** The (system, file, row) of the given bronze rows: the slice an incremental refine syncs. */
    static Dataset<Row> lineage(Dataset<Row> rows) {
        return rows.select(col(Lineage.SOURCE_SYSTEM), col(Lineage.SOURCE_FILE), col(Lineage.SOURCE_ROW));
    }

    /** For logs and the run manifest. */
    static String describe(Plan p) {
        return (p.incremental() ? "incremental: " : "full: ") + p.reason();
    }
}
