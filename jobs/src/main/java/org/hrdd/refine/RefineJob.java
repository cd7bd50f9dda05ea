package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.hrdd.config.AppConfig;
import org.hrdd.ingest.Feed;
import org.hrdd.ingest.SourceMapping;
import org.hrdd.ingest.SourceMappingLoader;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Columns;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.TableSync;

/**
 * {@code hrdd refine}: bronze → silver for every source, with quarantine, the quality gate and the row accounting.
 * Silver is recomputed from the current bronze snapshot and synced by key, so a rerun on the same bronze changes
 * nothing and a corrected re-export or a new override changes exactly the rows it affects.
 */
public final class RefineJob {

    /** Everything the job reads besides the lakehouse, validated up front. */
    public record Config(Map<String, Contract> contracts, Taxonomies taxonomies, Map<String, List<String>> dateFormats,
                         FxRates fx, List<FacilityResolver.Override> overrides, AppConfig.ResolutionSettings resolution,
                         double maxQuarantineShare, AppConfig.Granularity granularity, Pseudonymiser pseudonymiser,
                         String configHash, boolean forceFull) {

        public static Config of(AppConfig app, Pseudonymiser pseudonymiser) {
            Map<String, Contract> contracts = ContractLoader.loadAll();
            Map<String, List<String>> formats = new LinkedHashMap<>();
            for (SourceMapping m : SourceMappingLoader.loadAll(app.sourcesDir(), contracts)) {
                List<String> f = new ArrayList<>();
                for (Feed feed : m.feeds()) {
                    feed.dateFormats().stream().filter(x -> !f.contains(x)).forEach(f::add);
                }
                formats.put(m.system(), f);
            }
            return new Config(contracts, Taxonomies.load(app.taxonomyDir()), formats, FxRates.load(app.fxRatesFile()),
                    FacilityOverrides.load(app.facilityOverridesFile()), app.resolution(),
                    app.quality().maxQuarantineShare(), app.period().granularity(), pseudonymiser,
                    org.hrdd.run.ConfigHash.withOutside(app.confDir(), List.of(app.sourcesDir(), app.taxonomyDir(),
                            app.fxRatesFile(), app.facilityOverridesFile())), false);
        }

        /** The same configuration, refining every record even when an incremental refine would do. */
        public Config fullRefine() {
            return new Config(contracts, taxonomies, dateFormats, fx, overrides, resolution, maxQuarantineShare, granularity,
                    pseudonymiser, configHash, true);
        }

        Contract contract(String table) {
            Contract c = contracts.get(table);
            if (c == null) {
                throw new IllegalStateException("no contract for " + table);
            }
            return c;
        }
    }

    private final Config config;
    private final Progress progress;
    /** Distinct facility references of this run, for ops.facility_matches. */
    private Dataset<Row> matches;
    /** This run's plan and bronze snapshot (set by {@link #refine}). */
    private IncrementalRefine.Plan plan;
    private Map<String, Dataset<Row>> bronze;
    /** What the last refine recorded (null for a full refine asked for). */
    private RefineBasis last;

    public RefineJob(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public RefineResult run(SparkSession spark, RunContext ctx) {
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            return refine(spark, ctx, cached);
        } finally {
            // also when a step fails: a process that goes on (hrdd run, the tests' one session) keeps no cached rows;
            // the last cached first, so no cached data set is re-planned over one released before it
            for (int i = cached.size() - 1; i >= 0; i--) {
                cached.get(i).unpersist();
            }
        }
    }

    /** The refine; every data set it caches goes into {@code cached} for {@link #run} to release. */
    private RefineResult refine(SparkSession spark, RunContext ctx, List<Dataset<Row>> cached) {
        Lakehouse lh = ctx.lakehouse();
        matches = null;
        Map<String, Long> versionsRead = new LinkedHashMap<>();
        Map<String, DeltaTables.State> bronzeStates = new LinkedHashMap<>();
        bronze = DeltaTables.readCurrentStates(spark, lh, List.of(Columns.BronzeFacility.TABLE,
                Columns.BronzeBrandFacility.TABLE, Columns.BronzeAudit.TABLE, Columns.BronzeAuditFinding.TABLE,
                Columns.BronzeHelplineCase.TABLE, Columns.BronzeSurveyQuestion.TABLE, Columns.BronzeSurveyResponse.TABLE,
                Columns.BronzeCap.TABLE), bronzeStates, "hrdd ingest");
        // each bronze table's version and Delta table id from the one snapshot it is read at
        Map<String, String> bronzeIds = new LinkedHashMap<>();
        bronzeStates.forEach((table, state) -> {
            versionsRead.put(table, state.version());
            bronzeIds.put(table, state.tableId());
        });
        RefineBasis now = new RefineBasis(versionsRead, config.configHash(),
                ctx.codeVersion() + "+" + RefineBasis.codeFingerprint(),
                RefineBasis.fingerprint(config.pseudonymiser()), ctx.runDate()).withBronzeIds(bronzeIds);
        last = config.forceFull() ? null : RefineBasis.load(spark, lh);
        if (IncrementalRefine.nothingToRefine(spark, lh, last, now)) {
            // silver was refined from these very bronze versions, configuration, code, key and run date and is as that
            // refine left it, and a refine is deterministic: it would commit nothing (a full rerun on the same bronze is
            // checked to), so do nothing
            plan = IncrementalRefine.upToDate();
            progress.message("refine " + IncrementalRefine.describe(plan));
            return new RefineResult(Map.of(), Map.of(), versionsRead, Map.of(), List.of(), true,
                    IncrementalRefine.describe(plan), Map.of());
        }
        SourceDatesUdf dates = new SourceDatesUdf(config.dateFormats(), ctx.runDate());
        plan = config.forceFull() ? IncrementalRefine.full("asked for a full refine")
                : IncrementalRefine.plan(spark, lh, last, now, bronze, dates);
        // from here on silver may change: until this run has written every table, there is no basis to start from
        RefineBasis.clear(spark, lh);
        Map<String, Dataset<Row>> input = new LinkedHashMap<>(bronze);
        plan.touched().forEach((table, rows) -> input.put(table, cache(cached, rows, StorageLevel.MEMORY_AND_DISK())));
        progress.message("refine " + IncrementalRefine.describe(plan));

        CrosswalkColumns crosswalks = new CrosswalkColumns(config.taxonomies());
        PrivacyColumns privacy = new PrivacyColumns(config.pseudonymiser());
        String runId = ctx.runId();
        Map<String, Refined> refined = new LinkedHashMap<>();
        // each bronze table counted once (progress and the row accounting)
        Map<String, Long> bronzeCounts = new LinkedHashMap<>();
        java.util.function.ToLongFunction<String> bronzeRows = t -> bronzeCounts.computeIfAbsent(t, x -> input.get(x).count());

        progress.stage("refine facilities");
        // a source the plan carries over is not refined: later sources read its silver table, which holds what
        // refining it again would give
        Dataset<Row> facilityRows;
        if (plan.carries(Columns.BronzeFacility.TABLE)) {
            facilityRows = cache(cached, readSilver(spark, lh, Columns.SilverFacility.TABLE), StorageLevel.MEMORY_AND_DISK());
        } else {
            facilityRows = cache(cached, keep(cached, refined, Columns.BronzeFacility.TABLE, FacilityRefiner.facilities(
                    bronze.get(Columns.BronzeFacility.TABLE), contract(Columns.BronzeFacility.TABLE),
                    contract(Columns.SilverFacility.TABLE), runId)).silver(), StorageLevel.MEMORY_AND_DISK());
        }
        if (!plan.carries(Columns.BronzeBrandFacility.TABLE)) {
            keep(cached, refined, Columns.BronzeBrandFacility.TABLE, FacilityRefiner.brandFacilities(
                    bronze.get(Columns.BronzeBrandFacility.TABLE), contract(Columns.BronzeBrandFacility.TABLE),
                    contract(Columns.SilverBrandFacility.TABLE), facilityRows, dates, runId));
        }
        FacilityResolver resolver = new FacilityResolver(FacilityResolution.master(facilityRows), config.overrides(),
                config.resolution().fuzzyThreshold(), config.resolution().minMargin());
        progress.done(facilityRows.count());

        progress.stage("refine audits");
        Dataset<Row> auditRows = null;
        if (!plan.carries(Columns.BronzeAudit.TABLE)) {
            auditRows = cache(cached, keep(cached, refined, Columns.BronzeAudit.TABLE, AuditRefiner.audits(
                    resolve(spark, Columns.BronzeAudit.TABLE, bronze.get(Columns.BronzeAudit.TABLE), Columns.BronzeAudit.FACILITY_NAME,
                            Columns.BronzeAudit.FACILITY_OS_ID, Columns.BronzeAudit.COUNTRY_CODE, resolver),
                    contract(Columns.BronzeAudit.TABLE), contract(Columns.SilverAudit.TABLE), dates, config.granularity(),
                    runId)).silver(), StorageLevel.MEMORY_AND_DISK());
        }
        if (!plan.carries(Columns.BronzeAuditFinding.TABLE)) {
            if (auditRows == null) {
                auditRows = cache(cached, readSilver(spark, lh, Columns.SilverAudit.TABLE), StorageLevel.MEMORY_AND_DISK());
            }
            keep(cached, refined, Columns.BronzeAuditFinding.TABLE, AuditRefiner.findings(
                    bronze.get(Columns.BronzeAuditFinding.TABLE), contract(Columns.BronzeAuditFinding.TABLE),
                    contract(Columns.SilverAuditFinding.TABLE), auditRows, crosswalks, runId));
        }
        progress.done(auditRows == null ? 0 : auditRows.count());

        progress.stage("refine helpline cases");
        Refined helpline = keep(cached, refined, Columns.BronzeHelplineCase.TABLE, HelplineRefiner.refine(
                resolve(spark, Columns.BronzeHelplineCase.TABLE, input.get(Columns.BronzeHelplineCase.TABLE), Columns.BronzeHelplineCase.FACILITY_NAME,
                        Columns.BronzeHelplineCase.FACILITY_OS_ID, Columns.BronzeHelplineCase.COUNTRY_CODE, resolver),
                contract(Columns.BronzeHelplineCase.TABLE), contract(Columns.SilverWorkerSignal.TABLE), crosswalks, dates,
                privacy, config.granularity(), runId));
        progress.done(bronzeRows.applyAsLong(Columns.BronzeHelplineCase.TABLE));

        progress.stage("refine survey responses");
        Refined catalogue = keep(cached, refined, Columns.BronzeSurveyQuestion.TABLE, SurveyRefiner.catalogue(
                bronze.get(Columns.BronzeSurveyQuestion.TABLE), contract(Columns.BronzeSurveyQuestion.TABLE), crosswalks, runId));
        Refined survey = keep(cached, refined, Columns.BronzeSurveyResponse.TABLE, SurveyRefiner.responses(
                resolve(spark, Columns.BronzeSurveyResponse.TABLE, input.get(Columns.BronzeSurveyResponse.TABLE), Columns.BronzeSurveyResponse.FACILITY_NAME,
                        Columns.BronzeSurveyResponse.FACILITY_OS_ID, Columns.BronzeSurveyResponse.COUNTRY_CODE, resolver),
                contract(Columns.BronzeSurveyResponse.TABLE), contract(Columns.SilverWorkerSignal.TABLE),
                SurveyRefiner.questions(catalogue, crosswalks), dates, privacy, config.granularity(), runId));
        progress.done(bronzeRows.applyAsLong(Columns.BronzeSurveyResponse.TABLE));

        progress.stage("refine remediation");
        if (!plan.carries(Columns.BronzeCap.TABLE)) {
            keep(cached, refined, Columns.BronzeCap.TABLE, CapRefiner.refine(bronze.get(Columns.BronzeCap.TABLE),
                    contract(Columns.BronzeCap.TABLE), contract(Columns.SilverRemediation.TABLE), facilityRows, crosswalks,
                    dates, config.fx(), ctx.runDate(), runId));
        }
        progress.done(plan.carries(Columns.BronzeCap.TABLE) ? 0 : bronzeRows.applyAsLong(Columns.BronzeCap.TABLE));

        progress.stage("account and gate");
        Map<String, Refined.Accounting> accounting = new LinkedHashMap<>();
        List<String> gateFailures = new ArrayList<>();
        Dataset<Row> quarantine = null;
        Map<String, Map<String, Map<String, Long>>> conversions = new LinkedHashMap<>();
        for (Map.Entry<String, Refined> e : refined.entrySet()) {
            Refined.Tally tally = e.getValue().tally();
            Refined.Accounting a = tally.accounting();
            if (!tally.conversionsByFile().isEmpty()) {
                conversions.put(e.getKey(), tally.conversionsByFile());
            }
            long n = bronzeRows.applyAsLong(e.getKey());
            if (a.bronzeRows() != n || !a.balanced()) {
                throw new IllegalStateException(e.getKey() + ": row accounting does not balance: bronze " + n
                        + ", " + a + " (a refine step lost or duplicated rows)");
            }
            accounting.put(e.getKey(), a);
            quarantine = quarantine == null ? e.getValue().quarantine() : quarantine.unionByName(e.getValue().quarantine());
            if (!plan.touched().containsKey(e.getKey()) && a.quarantineShare() > config.maxQuarantineShare()) {
                gateFailures.add(gateMessage(e.getKey(), a.quarantined(), a.bronzeRows(), config.maxQuarantineShare(),
                        e.getValue().quarantine(), bronze.get(e.getKey()), contract(e.getKey())));
            }
        }
        Map<String, Long> versionsWritten = new LinkedHashMap<>();
        Contract quarantineContract = contract(Columns.OpsQuarantine.TABLE);
        Dataset<Row> matchRows = matches.withColumn(Columns.OpsFacilityMatches.RUN_ID, lit(runId));
        if (plan.incremental()) {
            // the slice of quarantine this run decides: every row of the small sources, the touched worker-voice rows
            Dataset<Row> decided = null;
            for (String table : refined.keySet()) {
                Dataset<Row> rows = IncrementalRefine.lineage(input.get(table)).withColumn(Columns.OpsQuarantine.TABLE_NAME, lit(table));
                decided = decided == null ? rows : decided.unionByName(rows);
            }
            versionsWritten.put(Columns.OpsQuarantine.TABLE, TableSync.syncWithin(spark, lh.tablePath(quarantineContract),
                    quarantineContract, quarantine, List.of(Columns.OpsQuarantine.RUN_ID), decided.select(
                            col(Columns.OpsQuarantine.TABLE_NAME), col(Lineage.SOURCE_SYSTEM).as(Columns.OpsQuarantine.SOURCE_SYSTEM),
                            col(Lineage.SOURCE_FILE).as(Columns.OpsQuarantine.SOURCE_FILE),
                            col(Lineage.SOURCE_ROW).as(Columns.OpsQuarantine.SOURCE_ROW))).version());
            // references of every bronze row are already there (bronze only grew): add the new ones, keep the rest
            Contract matchContract = contract(Columns.OpsFacilityMatches.TABLE);
            versionsWritten.put(Columns.OpsFacilityMatches.TABLE, TableSync.syncWithin(spark, lh.tablePath(matchContract),
                    matchContract, matchRows, List.of(Columns.OpsFacilityMatches.RUN_ID),
                    matchRows.select(col(Columns.OpsFacilityMatches.MATCH_KEY))).version());
        } else {
            versionsWritten.put(Columns.OpsQuarantine.TABLE, write(spark, lh, quarantineContract, quarantine,
                    List.of(Columns.OpsQuarantine.RUN_ID)));
            versionsWritten.put(Columns.OpsFacilityMatches.TABLE, write(spark, lh, contract(Columns.OpsFacilityMatches.TABLE),
                    matchRows, List.of(Columns.OpsFacilityMatches.RUN_ID)));
        }
        // An incremental refine gates a worker-voice source as a whole, as a full refine would (a slice of a few late
        // records, half of them FUTURE_DATE rows checked again, says little about the export): its quarantined rows now
        // in ops.quarantine against all its bronze rows.
        for (String table : plan.touched().keySet()) {
            Dataset<Row> held = spark.read().format("delta").load(lh.tablePath(quarantineContract))
                    .filter(col(Columns.OpsQuarantine.TABLE_NAME).equalTo(table));
            long quarantined = held.select(Columns.OpsQuarantine.SOURCE_SYSTEM, Columns.OpsQuarantine.SOURCE_FILE,
                    Columns.OpsQuarantine.SOURCE_ROW).distinct().count();
            long rows = bronze.get(table).count();
            if (rows > 0 && (double) quarantined / rows > config.maxQuarantineShare()) {
                gateFailures.add(gateMessage(table, quarantined, rows, config.maxQuarantineShare(), held,
                        bronze.get(table), contract(table)));
            }
        }
        progress.done(accounting.values().stream().mapToLong(Refined.Accounting::bronzeRows).sum());

        Map<String, Long> silverRows = new LinkedHashMap<>();
        List<String> errorRules = new ArrayList<>();
        if (gateFailures.isEmpty()) {
            progress.stage("write silver");
            List<String> written = new ArrayList<>();
            for (Map.Entry<String, String> small : IncrementalRefine.SMALL.entrySet()) {
                String source = small.getKey();
                String table = small.getValue();
                written.add(table);
                if (!plan.carries(source)) {
                    versionsWritten.put(table, write(spark, lh, contract(table), refined.get(source).silver(),
                            List.of(Lineage.RUN_ID)));
                } else if (source.equals(Columns.BronzeCap.TABLE) && plan.overdueSince() != null) {
                    // the one change the moved run date makes to carried-over actions, as a sync would write it
                    io.delta.tables.DeltaTable.forPath(spark, lh.tablePath(table)).update(
                            IncrementalRefine.turningOverdue(plan.overdueSince(), ctx.runDate()),
                            Map.of(Columns.SilverRemediation.IS_OVERDUE, lit(true), Lineage.RUN_ID, lit(runId)));
                    versionsWritten.put(table, DeltaTables.version(spark, lh.tablePath(table)));
                } else {
                    // a carried-over table is where the last refine left it (the plan checked its version)
                    versionsWritten.put(table, last.outputTables().get(table).version());
                }
            }
            versionsWritten.putAll(writeWorkerVoice(spark, lh, plan, input, helpline, survey, runId));
            written.addAll(List.of(Columns.SilverWorkerSignal.TABLE, Columns.SilverWorkerContact.TABLE,
                    Columns.SilverWorkerReach.TABLE));
            long total = 0;
            List<Row> metrics = new ArrayList<>();
            for (String table : written) {
                Dataset<Row> rows = spark.read().format("delta").load(lh.tablePath(table));
                // the rules and the row count in one Deequ pass
                org.hrdd.quality.DeequChecks.Verification checked = org.hrdd.quality.DeequChecks.verifyCounting(rows,
                        org.hrdd.quality.ContractRules.forContract(contract(table)));
                List<org.hrdd.quality.QualityOutcome> outcomes = checked.outcomes();
                long n = checked.rows();
                silverRows.put(table, n);
                total += n;
                for (org.hrdd.quality.QualityOutcome o : outcomes) {
                    metrics.add(org.apache.spark.sql.RowFactory.create(runId, table, o.rule().name(),
                            o.rule().level().name().toLowerCase(Locale.ROOT), o.passed(), o.metric(), o.message()));
                    if (!o.passed() && o.rule().level() == org.hrdd.quality.QualityRule.Level.ERROR) {
                        errorRules.add(table + " " + o.rule().name() + ": " + o.message());
                    }
                }
            }
            Contract metricsContract = contract(Columns.OpsQualityMetrics.TABLE);
            DeltaTables.ensure(spark, lh.tablePath(metricsContract), org.hrdd.spark.ContractSchemas.structType(metricsContract));
            versionsWritten.put(Columns.OpsQualityMetrics.TABLE, DeltaTables.append(spark, lh.tablePath(metricsContract),
                    spark.createDataFrame(metrics, org.hrdd.spark.ContractSchemas.structType(metricsContract))));
            if (!errorRules.isEmpty()) {
                throw new IllegalStateException("silver breaks its contract after refine (a refine bug): " + errorRules);
            }
            now.withOutputTables(IncrementalRefine.trackedTables(spark, lh)).save(spark, lh);
            progress.done(total);
        }
        return new RefineResult(accounting, silverRows, versionsRead, versionsWritten, gateFailures, plan.incremental(),
                IncrementalRefine.describe(plan), conversions);
    }

    /**
     * silver.worker_signal, silver.worker_contact and silver.worker_reach. A full refine syncs the whole tables; an
     * incremental one syncs the rows of the bronze rows it refined, and recomputes the reach of the facility x period x
     * channel cells their contacts were in before or are in now, from the whole contact table.
     */
    private Map<String, Long> writeWorkerVoice(SparkSession spark, Lakehouse lh, IncrementalRefine.Plan plan,
                                               Map<String, Dataset<Row>> input, Refined helpline, Refined survey, String runId) {
        Contract signalContract = contract(Columns.SilverWorkerSignal.TABLE);
        Contract contactContract = contract(Columns.SilverWorkerContact.TABLE);
        Contract reachContract = contract(Columns.SilverWorkerReach.TABLE);
        Dataset<Row> signals = helpline.silver().unionByName(survey.silver());
        Dataset<Row> contacts = WorkerReach.contacts(helpline, contactContract, runId)
                .unionByName(WorkerReach.contacts(survey, contactContract, runId));
        Map<String, Long> versions = new LinkedHashMap<>();
        if (!plan.incremental()) {
            versions.put(Columns.SilverWorkerSignal.TABLE, write(spark, lh, signalContract, signals, List.of(Lineage.RUN_ID)));
            versions.put(Columns.SilverWorkerContact.TABLE, write(spark, lh, contactContract, contacts, List.of(Lineage.RUN_ID)));
            versions.put(Columns.SilverWorkerReach.TABLE, write(spark, lh, reachContract,
                    WorkerReach.compute(contacts, reachContract, runId), List.of(Lineage.RUN_ID)));
            return versions;
        }
        Dataset<Row> slice = IncrementalRefine.lineage(input.get(Columns.BronzeHelplineCase.TABLE))
                .unionByName(IncrementalRefine.lineage(input.get(Columns.BronzeSurveyResponse.TABLE)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            String contactPath = lh.tablePath(contactContract);
            DeltaTables.ensure(spark, contactPath, org.hrdd.spark.ContractSchemas.structType(contactContract));
            // the cells the slice's contacts were in before this run (read at the version before it writes)
            Dataset<Row> before = spark.read().format("delta").option("versionAsOf", DeltaTables.version(spark, contactPath))
                    .load(contactPath);
            before = org.hrdd.spark.Joins.semi(before, slice, Lineage.SOURCE_SYSTEM, Lineage.SOURCE_FILE, Lineage.SOURCE_ROW);
            Dataset<Row> cells = WorkerReach.cells(before).unionByName(WorkerReach.cells(contacts)).distinct()
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                cells.count();
                versions.put(Columns.SilverWorkerSignal.TABLE, TableSync.syncWithin(spark, lh.tablePath(signalContract),
                        signalContract, signals, List.of(Lineage.RUN_ID), slice).version());
                versions.put(Columns.SilverWorkerContact.TABLE, TableSync.syncWithin(spark, contactPath, contactContract,
                        contacts, List.of(Lineage.RUN_ID), slice).version());
                Dataset<Row> reach = WorkerReach.compute(org.hrdd.spark.Joins.semi(spark.read().format("delta").load(contactPath),
                        cells, Columns.SilverWorkerReach.FACILITY_ID, Columns.SilverWorkerReach.PERIOD,
                        Columns.SilverWorkerReach.CHANNEL), reachContract, runId);
                versions.put(Columns.SilverWorkerReach.TABLE, TableSync.syncWithin(spark, lh.tablePath(reachContract),
                        reachContract, reach, List.of(Lineage.RUN_ID), cells).version());
            } finally {
                cells.unpersist();
            }
        } finally {
            slice.unpersist();
        }
        return versions;
    }

    private Contract contract(String table) {
        return config.contract(table);
    }

    /** A silver table's rows as the last refine left them (a source this run carries over), at the version it recorded. */
    private Dataset<Row> readSilver(SparkSession spark, Lakehouse lh, String table) {
        return spark.read().format("delta").option("versionAsOf", last.outputTables().get(table).version())
                .load(lh.tablePath(table));
    }

    /**
     * Caches a source's evaluated rows (the accounting, quarantine, silver rows and worker reach all read them) on
     * disk only. In local mode executors live in the driver's heap, where cached rows compete with execution memory:
     * with MEMORY_AND_DISK the 10m tier's refine thrashed in a 4 GiB heap ("Failed to allocate a page") and did not
     * finish in 28 min; on disk it finished in 21 min. On the 1m tier both levels take the same time (218 s against
     * 239 s) and disk needs 4.9 instead of 7.0 GB resident.
     */
    private static Refined keep(List<Dataset<Row>> cached, Map<String, Refined> refined, String table, Refined r) {
        cache(cached, r.evaluated(), StorageLevel.DISK_ONLY());
        refined.put(table, r);
        return r;
    }

    /** Persists rows at the level and notes them for release at the end of the run. */
    private static Dataset<Row> cache(List<Dataset<Row>> cached, Dataset<Row> rows, StorageLevel level) {
        cached.add(rows);
        return rows.persist(level);
    }

    private Dataset<Row> resolve(SparkSession spark, String table, Dataset<Row> rows, String name, String osId,
                                 String country, FacilityResolver resolver) {
        // an incremental refine resolves the rows it touches; a reference's occurrences are still those of all bronze
        FacilityResolution.Resolved r = FacilityResolution.resolveWithMatches(spark, rows, name, osId, country, resolver, table,
                plan.touched().containsKey(table) ? bronze.get(table) : null);
        matches = matches == null ? r.matches() : matches.unionByName(r.matches());
        return r.rows();
    }

    private static long write(SparkSession spark, Lakehouse lh, Contract contract, Dataset<Row> rows, List<String> ignored) {
        return TableSync.sync(spark, lh.tablePath(contract), contract, rows, ignored).version();
    }

    /** The file, top reasons with counts, and an example row of a source that failed the gate. */
    static String gateMessage(String table, long quarantined, long bronzeRows, double limit, Dataset<Row> quarantine,
                              Dataset<Row> bronze, Contract bronzeContract) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s: %.1f %% of %,d rows quarantined (quality.max_quarantine_share is %.1f %%)",
                table, 100.0 * quarantined / bronzeRows, bronzeRows, 100 * limit));
        // The file that carries most of it: the delivery to look at first (on a tie, the later file name)
        List<Row> worst = quarantine.select(Columns.OpsQuarantine.SOURCE_FILE, Columns.OpsQuarantine.SOURCE_ROW).distinct()
                .groupBy(Columns.OpsQuarantine.SOURCE_FILE).agg(count(lit(1)).as("n"))
                .orderBy(col("n").desc(), col(Columns.OpsQuarantine.SOURCE_FILE).desc()).limit(1).collectAsList();
        if (worst.isEmpty()) {
            return sb.toString();
        }
        String file = worst.get(0).getString(0);
        long held = worst.get(0).getLong(1);
        long fileRows = bronze.filter(col(Lineage.SOURCE_FILE).equalTo(file)).count();
        sb.append(String.format(Locale.ROOT, "%n    most in %s: %,d of its %,d rows (%.1f %%)", file, held, fileRows,
                fileRows == 0 ? 0.0 : 100.0 * held / fileRows));
        Dataset<Row> inFile = quarantine.filter(col(Columns.OpsQuarantine.SOURCE_FILE).equalTo(file));
        List<Row> reasons = inFile.groupBy(Columns.OpsQuarantine.REASON).agg(count(lit(1)).as("n"))
                .orderBy(col("n").desc(), col(Columns.OpsQuarantine.REASON)).limit(3).collectAsList();
        sb.append("\n    top reasons there: ").append(String.join(", ", reasons.stream()
                .map(r -> String.format(Locale.ROOT, "%s %,d", r.getString(0), r.getLong(1))).toList()));
        Row example = inFile.filter(col(Columns.OpsQuarantine.REASON).equalTo(reasons.get(0).getString(0)))
                .orderBy(Columns.OpsQuarantine.SOURCE_ROW).limit(1).collectAsList().get(0);
        sb.append(String.format(Locale.ROOT, "%n    e.g. row %d, %s: %s", example.<Long>getAs(Columns.OpsQuarantine.SOURCE_ROW),
                example.<String>getAs(Columns.OpsQuarantine.REASON), example.<String>getAs(Columns.OpsQuarantine.DETAIL)));
        String raw = example.getAs(Columns.OpsQuarantine.RAW_ROW);
        if (raw != null) {
            sb.append("\n    the row: ").append(withheldRestricted(raw, bronzeContract));
        }
        return sb.toString();
    }

    /**
     * A quarantined row's JSON for the console and ops.runs: business columns as they came, restricted ones (caller id,
     * names, free text) shown as withheld, lineage and rescued or corrupt text left out; ops.quarantine keeps the whole row for `hrdd quality`.
     */
    static String withheldRestricted(String rawJson, Contract bronzeContract) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode row = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(rawJson);
            com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode();
            row.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("_")) {
                    return; // lineage, and the rescued or corrupt text that may hold anything
                }
                boolean restricted = bronzeContract.columns().stream().anyMatch(c -> c.name().equals(e.getKey())
                        && "restricted".equals(c.classification()));
                out.set(e.getKey(), restricted && !e.getValue().isNull()
                        ? com.fasterxml.jackson.databind.node.TextNode.valueOf("(withheld)") : e.getValue());
            });
            return json.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
            return "(not shown)";
        }
    }
}
