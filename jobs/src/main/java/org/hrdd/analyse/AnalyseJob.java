package org.hrdd.analyse;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.hrdd.config.AppConfig;
import org.hrdd.refine.Taxonomies;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.run.StepBasis;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRemediationSummary;
import org.hrdd.schemas.Columns.GoldSchemeAgreement;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverGrievance;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Joins;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.TableWrite;
import org.hrdd.time.Periods;

/**
 * {@code hrdd analyse}: silver → the corroboration gold tables for a period.
 *
 * <p>Every period from the first one in silver up to the requested period is analysed (the history columns need
 * them), each from its own cells only: priors, calibration and false-discovery control are per period, so a period's
 * rows do not depend on later data. A CAP's verdict for a period uses its after-window only up to that period (the
 * verdict row of a later period can differ, e.g. no longer INCONCLUSIVE). An analysis with the inputs of the last one
 * does nothing; any other computes every period ({@link StepBasis}). The requested period's rows then replace that
 * period's in each gold table, one commit per table (or every period's, with {@code allPeriods}); other periods' rows
 * stay as they are. Silver is read at the versions
 * current when the run starts (or at a recorded run's, for {@code --as-of} and {@code hrdd reproduce}), and those
 * versions are recorded.
 */
public final class AnalyseJob {

    /** Everything the job needs besides the lakehouse. */
    /**
     * @param configHash SHA-256 over the analysis settings, the granularity, the taxonomy and the priors: what the
     *                   gold rows of a period depend on besides silver and the code
     */
    public record Config(
            AppConfig.AnalysisSettings settings,
            AppConfig.Granularity granularity,
            ThemePriors priors,
            List<String> themes,
            Map<String, Contract> contracts,
            String configHash) {

        public static Config of(AppConfig app) {
            Taxonomies taxonomies = Taxonomies.load(app.taxonomyDir());
            List<String> themes = new ArrayList<>(new TreeMap<>(taxonomies.themes()).keySet());
            String hash = org.hrdd.run.ConfigHash.ofText(app.analysis() + "\n"
                    + app.period().granularity() + "\n" + org.hrdd.run.ConfigHash.of(app.taxonomyDir()) + "\n"
                    + org.hrdd.run.ConfigHash.of(app.priorsDir()));
            return new Config(
                    app.analysis(),
                    app.period().granularity(),
                    ThemePriors.load(app.priorsDir(), taxonomies.themes().keySet()),
                    themes,
                    ContractLoader.loadAll(),
                    hash);
        }
    }

    /**
     * What a run did.
     *
     * @param upToDate the inputs were those of the last analysis and its gold tables unchanged: nothing computed
     * @param reason   why it computed (null when up to date)
     */
    public record Result(
            String period,
            List<String> periodsWritten,
            Map<String, Long> statusCounts,
            Map<String, Long> versionsRead,
            Map<String, Long> versionsWritten,
            Map<String, Long> rowCounts,
            boolean upToDate,
            String reason) {}

    /** The step's name, as its basis records it. */
    public static final String STEP = "analyse";

    /** The gold tables the analysis writes. */
    static final List<String> OUTPUTS = List.of(
            GoldFacilityThemePeriod.TABLE,
            GoldSchemeAgreement.TABLE,
            GoldRemediationEffectiveness.TABLE,
            GoldRemediationSummary.TABLE);

    static final List<String> INPUTS = List.of(
            SilverFacility.TABLE,
            SilverBrandFacility.TABLE,
            SilverWorkerReach.TABLE,
            SilverWorkerSignal.TABLE,
            SilverAudit.TABLE,
            SilverAuditFinding.TABLE,
            SilverRemediation.TABLE,
            SilverGrievance.TABLE);

    private final Config config;
    private final Progress progress;

    public AnalyseJob(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public Result run(SparkSession spark, RunContext ctx, String periodLabel, boolean allPeriods) {
        return run(spark, ctx, periodLabel, allPeriods, null);
    }

    /**
     * Analyses and writes. With {@code asOf} (the versions a recorded run read) silver is read at those versions, so
     * the run gives the answer that run gave; otherwise at the current versions.
     */
    public Result run(
            SparkSession spark, RunContext ctx, String periodLabel, boolean allPeriods, Map<String, Long> asOf) {
        Lakehouse lh = ctx.lakehouse();
        Map<String, Long> versionsRead = new LinkedHashMap<>();
        Map<String, Dataset<Row>> silver = read(spark, lh, asOf, versionsRead);
        Periods.Period requested = Periods.parse(periodLabel, config.granularity());

        StepBasis now = basis(requested, allPeriods, StepBasis.readStates(spark, lh, versionsRead));
        Map<String, String> goldBefore = StepBasis.states(spark, lh, OUTPUTS);
        String reason = StepBasis.reason(StepBasis.load(spark, lh, STEP), now, goldBefore);
        if (reason == null) {
            progress.message(
                    "nothing to analyse: silver, request, configuration and code as the last analysis had them");
            // the gold versions this run vouches for, so that `hrdd reproduce` of it compares with them
            return new Result(
                    requested.label(),
                    List.of(),
                    Map.of(),
                    versionsRead,
                    StepBasis.versions(goldBefore),
                    Map.of(),
                    true,
                    null);
        }
        progress.message("computing every period (" + reason + ")");
        AnalysisPeriods periods = AnalysisPeriods.between(firstPeriod(silver, requested), requested);
        try (Computed c = compute(spark, silver, periods, allPeriods)) {
            Map<String, Long> versionsWritten = new LinkedHashMap<>();
            StepBasis.clear(spark, lh, STEP);
            for (Map.Entry<String, Dataset<Row>> e : c.tables().entrySet()) {
                progress.stage("write " + e.getKey());
                write(spark, ctx, e.getKey(), e.getValue(), c.written(), versionsWritten);
            }
            now.withOutputs(StepBasis.states(spark, lh, OUTPUTS)).save(spark, lh);
            Map<String, Long> status = new TreeMap<>();
            for (Row r : c.cells()
                    .filter(col(GoldFacilityThemePeriod.PERIOD)
                            .equalTo(c.requested().label()))
                    .groupBy(GoldFacilityThemePeriod.CORROBORATION_STATUS)
                    .count()
                    .collectAsList()) {
                status.put(r.getString(0), r.getLong(1));
            }
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            rowCounts.put(
                    GoldFacilityThemePeriod.TABLE,
                    status.values().stream().mapToLong(Long::longValue).sum());
            return new Result(
                    c.requested().label(),
                    c.written(),
                    status,
                    versionsRead,
                    versionsWritten,
                    rowCounts,
                    false,
                    reason);
        }
    }

    /**
     * The columns of each input the analysis reads: silver is read through this projection, so a column the analysis
     * does not use (a CAP's status or overdue flag as of the refine's run date, free text, run ids) never reaches it;
     * a column the analysis uses but this list lacks fails the analysis at once.
     */
    static final Map<String, List<String>> INPUT_COLUMNS = Map.of(
            SilverFacility.TABLE,
                    List.of(
                            SilverFacility.FACILITY_ID,
                            SilverFacility.COUNTRY_CODE,
                            SilverFacility.SECTOR,
                            SilverFacility.SUPPLIER_ID),
            SilverBrandFacility.TABLE,
                    List.of(
                            SilverBrandFacility.BRAND_ID,
                            SilverBrandFacility.FACILITY_ID,
                            SilverBrandFacility.VALID_FROM,
                            SilverBrandFacility.VALID_TO),
            SilverWorkerReach.TABLE,
                    List.of(
                            SilverWorkerReach.FACILITY_ID,
                            SilverWorkerReach.PERIOD,
                            SilverWorkerReach.CHANNEL,
                            SilverWorkerReach.WORKERS_REACHED),
            SilverWorkerSignal.TABLE,
                    List.of(
                            SilverWorkerSignal.FACILITY_ID,
                            SilverWorkerSignal.PERIOD,
                            SilverWorkerSignal.THEME,
                            SilverWorkerSignal.CHANNEL,
                            SilverWorkerSignal.CONSENT_AGGREGATE,
                            SilverWorkerSignal.WORKER_PSEUDONYM,
                            Lineage.SOURCE_SYSTEM,
                            SilverWorkerSignal.SOURCE_RECORD_ID,
                            SilverWorkerSignal.RESOLVED_ON,
                            SilverWorkerSignal.IS_WORKER_CONFIRMED,
                            SilverWorkerSignal.CONSENT_CASE_SHARING),
            SilverAudit.TABLE,
                    List.of(
                            SilverAudit.AUDIT_ID,
                            SilverAudit.SCHEME,
                            SilverAudit.FACILITY_ID,
                            SilverAudit.AUDIT_DATE,
                            SilverAudit.PERIOD,
                            SilverAudit.IS_ANNOUNCED,
                            SilverAudit.LEAD_AUDITOR,
                            SilverAudit.AUDIT_FIRM,
                            SilverAudit.AUDIT_TYPE),
            SilverAuditFinding.TABLE,
                    List.of(
                            SilverAuditFinding.FINDING_ID,
                            SilverAuditFinding.AUDIT_ID,
                            SilverAuditFinding.SCHEME,
                            SilverAuditFinding.FACILITY_ID,
                            SilverAuditFinding.AUDIT_DATE,
                            SilverAuditFinding.PERIOD,
                            SilverAuditFinding.IS_ANNOUNCED,
                            SilverAuditFinding.THEME,
                            SilverAuditFinding.SEVERITY),
            SilverRemediation.TABLE,
                    List.of(
                            SilverRemediation.CAP_ID,
                            SilverRemediation.SOURCE_TYPE,
                            SilverRemediation.SOURCE_REF,
                            SilverRemediation.FACILITY_ID,
                            SilverRemediation.THEME,
                            SilverRemediation.OPENED_ON,
                            SilverRemediation.DUE_ON,
                            SilverRemediation.CLOSED_ON,
                            SilverRemediation.VERIFIED_ON,
                            SilverRemediation.VERIFICATION_METHOD,
                            SilverRemediation.AMOUNT_EUR,
                            SilverRemediation.WORKERS_COVERED),
            SilverGrievance.TABLE,
                    List.of(
                            SilverGrievance.FACILITY_ID,
                            SilverGrievance.THEME,
                            SilverGrievance.PERIOD,
                            SilverGrievance.S2_SCOPE,
                            SilverGrievance.CASE_ID,
                            Lineage.SOURCE_SYSTEM));

    /** What an analysis computes from: the request, the analysis configuration, the code and the silver read. */
    private StepBasis basis(Periods.Period requested, boolean allPeriods, Map<String, String> silver) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("request", requested.label() + (allPeriods ? " all periods" : ""));
        settings.put("configuration", config.configHash());
        settings.put("code", StepBasis.codeFingerprint());
        return StepBasis.of(STEP, settings, silver);
    }

    /**
     * Silver at the given versions (a recorded run's) or at the current ones, through {@link #INPUT_COLUMNS}; the
     * versions go into versionsRead.
     */
    public static Map<String, Dataset<Row>> read(
            SparkSession spark, Lakehouse lh, Map<String, Long> asOf, Map<String, Long> versionsRead) {
        Map<String, Dataset<Row>> out = new LinkedHashMap<>();
        DeltaTables.readAt(spark, lh, INPUTS, asOf, versionsRead, "hrdd refine")
                .forEach((table, rows) -> out.put(
                        table,
                        rows.select(INPUT_COLUMNS.get(table).stream()
                                .map(c -> col(c))
                                .toArray(org.apache.spark.sql.Column[]::new))));
        return out;
    }

    /**
     * The analysis of a request, not written: the rows of every gold table for the periods the run writes (the
     * requested one, or with {@code allPeriods} every period computed). Closing it releases the cached cells.
     */
    public record Computed(
            Periods.Period requested,
            List<String> written,
            Dataset<Row> cells,
            Map<String, Dataset<Row>> tables,
            List<Dataset<Row>> intermediate)
            implements AutoCloseable {
        @Override
        public void close() {
            cells.unpersist();
            tables.values().forEach(Dataset::unpersist);
            intermediate.forEach(Dataset::unpersist);
        }
    }

    /** Every period computed from silver (what {@code hrdd reproduce} checks against). */
    public Computed compute(
            SparkSession spark, Map<String, Dataset<Row>> silver, String periodLabel, boolean allPeriods) {
        Periods.Period requested = Periods.parse(periodLabel, config.granularity());
        return compute(spark, silver, AnalysisPeriods.between(firstPeriod(silver, requested), requested), allPeriods);
    }

    /** Every period computed from silver; periods written: all with {@code allPeriods}, else the requested one. */
    Computed compute(
            SparkSession spark, Map<String, Dataset<Row>> silver, AnalysisPeriods periods, boolean allPeriods) {
        Periods.Period requested = periods.last();
        List<String> written = allPeriods ? periods.labels() : List.of(requested.label());
        org.apache.spark.sql.Column inWritten = col(AnalysisPeriods.PERIOD).isin(written.toArray());

        progress.stage("analyse cells");
        List<Dataset<Row>> intermediate = new ArrayList<>();
        Dataset<Row> gold =
                facilityThemePeriod(spark, silver, periods, intermediate).persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(GoldFacilityThemePeriod.TABLE, gold.filter(inWritten));
        Dataset<Row> auditCells = SchemeAgreement.auditCells(
                spark,
                silver.get(SilverAudit.TABLE),
                silver.get(SilverAuditFinding.TABLE),
                gold,
                config.themes(),
                config.settings().minWorkersReached());
        tables.put(
                GoldSchemeAgreement.TABLE,
                SchemeAgreement.compute(
                        spark,
                        auditCells,
                        gold,
                        periods,
                        written,
                        config.settings(),
                        config.contracts().get(GoldSchemeAgreement.TABLE)));
        Dataset<Row> verdicts = RemediationEffectiveness.compute(
                        spark,
                        silver.get(SilverRemediation.TABLE),
                        silver.get(SilverWorkerSignal.TABLE),
                        gold,
                        periods,
                        written,
                        config.settings(),
                        config.granularity())
                .persist(StorageLevel.MEMORY_AND_DISK());
        tables.put(GoldRemediationEffectiveness.TABLE, verdicts);
        tables.put(
                GoldRemediationSummary.TABLE,
                RemediationSummary.compute(
                                spark,
                                verdicts,
                                silver.get(SilverFacility.TABLE),
                                silver.get(SilverBrandFacility.TABLE),
                                periods)
                        .filter(inWritten));
        return new Computed(requested, written, gold, tables, intermediate);
    }

    /**
     * Replaces the rows of the written periods of a gold table (every gold table of the analysis is keyed by period) in
     * one commit, stamped with the run id; other periods' rows stay as they are.
     */
    private void write(
            SparkSession spark,
            RunContext ctx,
            String table,
            Dataset<Row> rows,
            List<String> written,
            Map<String, Long> versionsWritten) {
        Contract contract = config.contracts().get(table);
        TableWrite.Written out = TableWrite.overwrite(
                spark,
                ctx.lakehouse().tablePath(contract),
                contract,
                rows.filter(col(AnalysisPeriods.PERIOD).isin(written.toArray())),
                Lineage.RUN_ID,
                ctx.runId(),
                new TableWrite.Scope(AnalysisPeriods.PERIOD, written));
        versionsWritten.put(table, out.version());
    }

    /**
     * Every computed period's cells with all columns of the contract except the run id. The worker counts, read by
     * the prior fits, the calibration and the cell statistics, are cached once; the cache goes into
     * {@code intermediate} for the caller to release.
     */
    Dataset<Row> facilityThemePeriod(
            SparkSession spark,
            Map<String, Dataset<Row>> silver,
            AnalysisPeriods periods,
            List<Dataset<Row>> intermediate) {
        AppConfig.AnalysisSettings s = config.settings();
        Dataset<Row> periodTable = periods.table(spark);
        Dataset<Row> cells = WorkerCounts.cells(
                        spark,
                        silver.get(SilverFacility.TABLE),
                        config.themes(),
                        periodTable,
                        silver.get(SilverWorkerReach.TABLE),
                        silver.get(SilverWorkerSignal.TABLE))
                .persist(StorageLevel.MEMORY_AND_DISK());
        intermediate.add(cells);
        Dataset<Row> worker = new WorkerEvidence(s, config.priors()).apply(spark, cells);
        Dataset<Row> windows = periods.windows(spark, s.auditWindowPeriods());
        Dataset<Row> withAudits = Joins.left(
                Joins.left(
                        worker,
                        AuditEvidence.audits(silver.get(SilverAudit.TABLE), windows),
                        GoldFacilityThemePeriod.FACILITY_ID,
                        GoldFacilityThemePeriod.PERIOD),
                AuditEvidence.findings(silver.get(SilverAuditFinding.TABLE), windows),
                GoldFacilityThemePeriod.FACILITY_ID,
                GoldFacilityThemePeriod.THEME,
                GoldFacilityThemePeriod.PERIOD);
        Dataset<Row> withCaps = Joins.left(
                AuditEvidence.complete(withAudits),
                RemediationEvidence.caps(silver.get(SilverRemediation.TABLE), periodTable),
                GoldFacilityThemePeriod.FACILITY_ID,
                GoldFacilityThemePeriod.THEME,
                GoldFacilityThemePeriod.PERIOD);
        Dataset<Row> withGrievances = GrievanceEvidence.complete(Joins.left(
                RemediationEvidence.complete(withCaps),
                GrievanceEvidence.grievances(silver.get(SilverGrievance.TABLE)),
                GoldFacilityThemePeriod.FACILITY_ID,
                GoldFacilityThemePeriod.THEME,
                GoldFacilityThemePeriod.PERIOD));
        // the contract's columns only, without the status and first-signal periods: those are computed over the whole
        // history below
        List<String> kept =
                config.contracts().get(GoldFacilityThemePeriod.TABLE).columnNames();
        org.apache.spark.sql.Column[] cols = java.util.Arrays.stream(withGrievances.columns())
                .filter(c -> kept.contains(c) && !Corroboration.COLUMNS.contains(c))
                .map(c -> col(c))
                .toArray(org.apache.spark.sql.Column[]::new);
        Dataset<Row> evidence = withGrievances.select(cols);
        return Corroboration.apply(evidence, s.minWorkersReached());
    }

    /** The first period with worker reach or an audit, but not after the requested one. */
    static Periods.Period firstPeriod(Map<String, Dataset<Row>> silver, Periods.Period requested) {
        Dataset<Row> labels = silver.get(SilverWorkerReach.TABLE)
                .select(col(SilverWorkerReach.PERIOD))
                .union(silver.get(SilverAudit.TABLE).select(col(SilverAudit.PERIOD)));
        Row r = labels.agg(org.apache.spark.sql.functions.min(col(SilverWorkerReach.PERIOD)))
                .first();
        if (r.isNullAt(0)) {
            return requested;
        }
        Periods.Period first = Periods.parse(r.getString(0), requested.granularity());
        return first.start().isAfter(requested.start()) ? requested : first;
    }
}
