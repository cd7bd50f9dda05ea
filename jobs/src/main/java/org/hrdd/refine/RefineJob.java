package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.hrdd.config.AppConfig;
import org.hrdd.ingest.Feed;
import org.hrdd.ingest.SourceMapping;
import org.hrdd.ingest.SourceMappingLoader;
import org.hrdd.quality.ContractRules;
import org.hrdd.quality.DeequChecks;
import org.hrdd.quality.QualityOutcome;
import org.hrdd.quality.QualityRule;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.run.StepBasis;
import org.hrdd.schemas.Columns.BronzeAudit;
import org.hrdd.schemas.Columns.BronzeAuditFinding;
import org.hrdd.schemas.Columns.BronzeBrandFacility;
import org.hrdd.schemas.Columns.BronzeCap;
import org.hrdd.schemas.Columns.BronzeFacility;
import org.hrdd.schemas.Columns.BronzeGrievanceCase;
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
import org.hrdd.schemas.Columns.SilverGrievance;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.TableWrite;

/**
 * {@code hrdd refine}: bronze → silver for every source, with quarantine, the quality gate and the row accounting.
 * Full or nothing: when bronze, configuration, code, pseudonym key and run date are those of the last refine and its
 * tables are as it left them, the refine does nothing; otherwise it refines every record from one snapshot of bronze and
 * writes each table with one overwrite.
 */
public final class RefineJob {

    /** The step's name, as its basis records it. */
    public static final String STEP = "refine";

    /** The bronze tables, in the order they are refined (a source after those whose silver rows it reads). */
    static final List<String> INPUTS = List.of(
            BronzeFacility.TABLE,
            BronzeBrandFacility.TABLE,
            BronzeAudit.TABLE,
            BronzeAuditFinding.TABLE,
            BronzeHelplineCase.TABLE,
            BronzeGrievanceCase.TABLE,
            BronzeSurveyQuestion.TABLE,
            BronzeSurveyResponse.TABLE,
            BronzeCap.TABLE);

    /** The silver tables, each with the bronze tables it is refined from. */
    static final Map<String, List<String>> SILVER;

    static {
        Map<String, List<String>> silver = new LinkedHashMap<>();
        silver.put(SilverFacility.TABLE, List.of(BronzeFacility.TABLE));
        silver.put(SilverBrandFacility.TABLE, List.of(BronzeBrandFacility.TABLE));
        silver.put(SilverAudit.TABLE, List.of(BronzeAudit.TABLE));
        silver.put(SilverAuditFinding.TABLE, List.of(BronzeAuditFinding.TABLE));
        silver.put(SilverRemediation.TABLE, List.of(BronzeCap.TABLE));
        silver.put(SilverGrievance.TABLE, List.of(BronzeGrievanceCase.TABLE));
        silver.put(SilverWorkerSignal.TABLE, List.of(BronzeHelplineCase.TABLE, BronzeSurveyResponse.TABLE));
        silver.put(SilverWorkerContact.TABLE, List.of(BronzeHelplineCase.TABLE, BronzeSurveyResponse.TABLE));
        silver.put(SilverWorkerReach.TABLE, List.of(BronzeHelplineCase.TABLE, BronzeSurveyResponse.TABLE));
        SILVER = java.util.Collections.unmodifiableMap(silver);
    }

    /** Every table a refine replaces (ops.quality_metrics, a log it appends to, aside). */
    static final List<String> OUTPUTS = java.util.stream.Stream.concat(
                    SILVER.keySet().stream(), java.util.stream.Stream.of(OpsQuarantine.TABLE, OpsFacilityMatches.TABLE))
            .toList();

    /** Everything the job reads besides the lakehouse, validated up front. */
    public record Config(
            Map<String, Contract> contracts,
            Taxonomies taxonomies,
            Map<String, List<String>> dateFormats,
            FxRates fx,
            List<FacilityResolver.Override> overrides,
            AppConfig.ResolutionSettings resolution,
            QualityGate gate,
            AppConfig.Granularity granularity,
            Pseudonymiser pseudonymiser,
            String configHash) {

        public static Config of(AppConfig app, Pseudonymiser pseudonymiser) {
            Map<String, Contract> contracts = ContractLoader.loadAll();
            Map<String, List<String>> formats = new LinkedHashMap<>();
            List<SourceMapping> mappings = SourceMappingLoader.loadAll(app.sourcesDir(), contracts);
            for (SourceMapping m : mappings) {
                List<String> f = new ArrayList<>();
                for (Feed feed : m.feeds()) {
                    feed.dateFormats().stream().filter(x -> !f.contains(x)).forEach(f::add);
                }
                formats.put(m.system(), f);
            }
            Taxonomies taxonomies = Taxonomies.load(app.taxonomyDir());
            outOfScopeOnlyForGrievances(mappings, taxonomies);
            return new Config(
                    contracts,
                    taxonomies,
                    formats,
                    FxRates.load(app.fxRatesFile()),
                    FacilityOverrides.load(app.facilityOverridesFile()),
                    app.resolution(),
                    QualityGate.of(app.quality().maxQuarantineShare(), mappings),
                    app.period().granularity(),
                    pseudonymiser,
                    org.hrdd.run.ConfigHash.withOutside(
                            app.confDir(),
                            List.of(
                                    app.sourcesDir(),
                                    app.taxonomyDir(),
                                    app.fxRatesFile(),
                                    app.facilityOverridesFile())));
        }

        /**
         * Codes labelled out of scope for ESRS S2 are kept only by the third-party grievance refiner: a worker-voice or
         * audit source whose taxonomy has them would quarantine them as unknown codes, so such a setup is refused.
         */
        static void outOfScopeOnlyForGrievances(List<SourceMapping> mappings, Taxonomies taxonomies) {
            for (SourceMapping m : mappings) {
                for (Feed f : m.feeds()) {
                    String t = f.constants().get("taxonomy");
                    Taxonomies.Crosswalk c =
                            t == null ? null : taxonomies.crosswalks().get(t);
                    if (c != null && !c.outOfScope().isEmpty() && !f.table().equals(BronzeGrievanceCase.TABLE)) {
                        throw new org.hrdd.config.ConfigException(m.displayName() + ": feeds " + f.table()
                                + " with taxonomy '" + t + "', whose codes "
                                + new java.util.TreeSet<>(c.outOfScope().keySet())
                                + " are out_of_scope: only third-party grievances (grievance_case) keep such codes");
                    }
                }
            }
        }

        Contract contract(String table) {
            Contract c = contracts.get(table);
            if (c == null) {
                throw new IllegalStateException("no contract for " + table);
            }
            return c;
        }
    }

    /** One snapshot of bronze: each table read at one version, with its state. */
    record Bronze(Map<String, Dataset<Row>> tables, Map<String, DeltaTables.State> states) {
        Map<String, Long> versions() {
            Map<String, Long> out = new LinkedHashMap<>();
            states.forEach((t, s) -> out.put(t, s.version()));
            return out;
        }

        Dataset<Row> get(String table) {
            return tables.get(table);
        }
    }

    /** What refining every source gave: per bronze table its refined rows, and the facility references resolved. */
    record Refining(Map<String, Refined> sources, Dataset<Row> matches) {}

    private final Config config;
    private final Progress progress;

    public RefineJob(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public RefineResult run(SparkSession spark, RunContext ctx) {
        Lakehouse lh = ctx.lakehouse();
        Bronze bronze = readBronze(spark, lh);
        StepBasis now = basis(bronze, ctx);
        String reason = StepBasis.reason(StepBasis.load(spark, lh, STEP), now, StepBasis.states(spark, lh, OUTPUTS));
        if (reason == null) {
            progress.message("nothing to refine: bronze, configuration, code, pseudonym key and run date as the last"
                    + " refine had them, and silver as it left it");
            return RefineResult.upToDate(bronze.versions(), StepBasis.versions(StepBasis.states(spark, lh, OUTPUTS)));
        }
        progress.message("refining every record (" + reason + ")");
        StepBasis.clear(spark, lh, STEP);
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            progress.stage("refine and account");
            Refining refining = refineAll(spark, bronze, ctx, cached);
            Map<String, Refined.Tally> tallies = account(bronze, refining);
            List<String> gateFailures = gate(bronze, refining, tallies);
            Map<String, Long> versionsWritten = writeQuarantineAndMatches(spark, lh, refining, ctx.runId());
            progress.done(tallies.values().stream()
                    .mapToLong(t -> t.accounting().bronzeRows())
                    .sum());
            if (!gateFailures.isEmpty()) {
                return new RefineResult(
                        accountingOf(tallies),
                        Map.of(),
                        bronze.versions(),
                        versionsWritten,
                        gateFailures,
                        false,
                        reason,
                        conversionsOf(tallies));
            }
            progress.stage("write silver");
            versionsWritten.putAll(writeSilver(spark, lh, refining, ctx.runId()));
            Map<String, Long> silverRows = new LinkedHashMap<>();
            versionsWritten.put(OpsQualityMetrics.TABLE, checkSilver(spark, lh, ctx.runId(), silverRows));
            now.withOutputs(StepBasis.states(spark, lh, OUTPUTS)).save(spark, lh);
            progress.done(
                    silverRows.values().stream().mapToLong(Long::longValue).sum());
            return new RefineResult(
                    accountingOf(tallies),
                    silverRows,
                    bronze.versions(),
                    versionsWritten,
                    List.of(),
                    false,
                    reason,
                    conversionsOf(tallies));
        } finally {
            // also when a step fails: a process that goes on (hrdd run, the tests' one session) keeps no cached rows;
            // the last cached first, so no cached data set is re-planned over one released before it
            for (int i = cached.size() - 1; i >= 0; i--) {
                cached.get(i).unpersist();
            }
        }
    }

    /** Every bronze table at its current version (one snapshot each, for the whole run). */
    private Bronze readBronze(SparkSession spark, Lakehouse lh) {
        Map<String, DeltaTables.State> states = new LinkedHashMap<>();
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        DeltaTables.readCurrentStates(spark, lh, INPUTS, states, "hrdd ingest")
                .forEach((table, rows) -> tables.put(table, withContractColumns(rows, contract(table))));
        return new Bronze(tables, states);
    }

    /**
     * The bronze rows with every column of the contract: one a newer contract added reads as null until the next
     * ingest appends to the table (which adds it).
     */
    static Dataset<Row> withContractColumns(Dataset<Row> rows, Contract contract) {
        java.util.Set<String> present = java.util.Set.of(rows.columns());
        Dataset<Row> out = rows;
        for (org.hrdd.schemas.Column c : contract.columns()) {
            if (!present.contains(c.name())) {
                out = out.withColumn(
                        c.name(), lit(null).cast(org.hrdd.spark.ContractSchemas.sparkType(c.physicalType())));
            }
        }
        return out;
    }

    /** What this refine computes from: bronze states, configuration, code, pseudonym key and run date. */
    private StepBasis basis(Bronze bronze, RunContext ctx) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("configuration", config.configHash());
        settings.put("code", ctx.codeVersion() + "+" + StepBasis.codeFingerprint());
        settings.put("pseudonym key", config.pseudonymiser().fingerprint());
        // the run date decides future-dated rows, consent windows and overdue actions
        settings.put("run date", ctx.runDate().toString());
        Map<String, String> inputs = new LinkedHashMap<>();
        bronze.states().forEach((t, s) -> inputs.put(t, StepBasis.state(s)));
        return StepBasis.of(STEP, settings, inputs);
    }

    /** Refines every source, in {@link #INPUTS} order; each source's evaluated rows are cached for the steps after. */
    private Refining refineAll(SparkSession spark, Bronze bronze, RunContext ctx, List<Dataset<Row>> cached) {
        SourceDatesUdf dates = new SourceDatesUdf(config.dateFormats(), ctx.runDate());
        CrosswalkColumns crosswalks = new CrosswalkColumns(config.taxonomies());
        PrivacyColumns privacy = new PrivacyColumns(config.pseudonymiser());
        String runId = ctx.runId();
        Map<String, Refined> refined = new LinkedHashMap<>();
        List<Dataset<Row>> matches = new ArrayList<>();

        Dataset<Row> facilities = cache(
                cached,
                keep(
                                cached,
                                refined,
                                BronzeFacility.TABLE,
                                FacilityRefiner.facilities(
                                        bronze.get(BronzeFacility.TABLE),
                                        contract(BronzeFacility.TABLE),
                                        contract(SilverFacility.TABLE),
                                        runId))
                        .silver(),
                StorageLevel.MEMORY_AND_DISK());
        keep(
                cached,
                refined,
                BronzeBrandFacility.TABLE,
                FacilityRefiner.brandFacilities(
                        bronze.get(BronzeBrandFacility.TABLE),
                        contract(BronzeBrandFacility.TABLE),
                        contract(SilverBrandFacility.TABLE),
                        facilities,
                        dates,
                        runId));
        FacilityResolver resolver = new FacilityResolver(
                FacilityResolution.master(facilities),
                config.overrides(),
                config.resolution().fuzzyThreshold(),
                config.resolution().minMargin());

        Dataset<Row> audits = cache(
                cached,
                keep(
                                cached,
                                refined,
                                BronzeAudit.TABLE,
                                AuditRefiner.audits(
                                        resolve(
                                                spark,
                                                bronze,
                                                BronzeAudit.TABLE,
                                                BronzeAudit.FACILITY_NAME,
                                                BronzeAudit.FACILITY_OS_ID,
                                                BronzeAudit.COUNTRY_CODE,
                                                BronzeAudit.FACILITY_ADDRESS,
                                                resolver,
                                                matches),
                                        contract(BronzeAudit.TABLE),
                                        contract(SilverAudit.TABLE),
                                        dates,
                                        config.granularity(),
                                        runId))
                        .silver(),
                StorageLevel.MEMORY_AND_DISK());
        keep(
                cached,
                refined,
                BronzeAuditFinding.TABLE,
                AuditRefiner.findings(
                        bronze.get(BronzeAuditFinding.TABLE),
                        contract(BronzeAuditFinding.TABLE),
                        contract(SilverAuditFinding.TABLE),
                        audits,
                        crosswalks,
                        runId));

        keep(
                cached,
                refined,
                BronzeHelplineCase.TABLE,
                HelplineRefiner.refine(
                        resolve(
                                spark,
                                bronze,
                                BronzeHelplineCase.TABLE,
                                BronzeHelplineCase.FACILITY_NAME,
                                BronzeHelplineCase.FACILITY_OS_ID,
                                BronzeHelplineCase.COUNTRY_CODE,
                                null,
                                resolver,
                                matches),
                        contract(BronzeHelplineCase.TABLE),
                        contract(SilverWorkerSignal.TABLE),
                        crosswalks,
                        dates,
                        privacy,
                        config.granularity(),
                        runId));

        // third-party grievances: their own evidence, never worker voice (no pseudonym, no worker reached)
        FacilityResolution.Resolved grievances = FacilityResolution.resolvePartsWithMatches(
                spark,
                bronze.get(BronzeGrievanceCase.TABLE),
                BronzeGrievanceCase.FACILITY_NAME,
                BronzeGrievanceCase.FACILITY_OS_ID,
                BronzeGrievanceCase.COUNTRY_CODE,
                BronzeGrievanceCase.FACILITY_ADDRESS,
                resolver,
                BronzeGrievanceCase.TABLE);
        matches.add(grievances.matches());
        keep(
                cached,
                refined,
                BronzeGrievanceCase.TABLE,
                GrievanceRefiner.refine(
                        grievances.rows(),
                        contract(BronzeGrievanceCase.TABLE),
                        contract(SilverGrievance.TABLE),
                        crosswalks,
                        dates,
                        config.granularity(),
                        runId));

        Refined catalogue = keep(
                cached,
                refined,
                BronzeSurveyQuestion.TABLE,
                SurveyRefiner.catalogue(
                        bronze.get(BronzeSurveyQuestion.TABLE),
                        contract(BronzeSurveyQuestion.TABLE),
                        crosswalks,
                        runId));
        keep(
                cached,
                refined,
                BronzeSurveyResponse.TABLE,
                SurveyRefiner.responses(
                        resolve(
                                spark,
                                bronze,
                                BronzeSurveyResponse.TABLE,
                                BronzeSurveyResponse.FACILITY_NAME,
                                BronzeSurveyResponse.FACILITY_OS_ID,
                                BronzeSurveyResponse.COUNTRY_CODE,
                                null,
                                resolver,
                                matches),
                        contract(BronzeSurveyResponse.TABLE),
                        contract(SilverWorkerSignal.TABLE),
                        SurveyRefiner.questions(catalogue, crosswalks),
                        dates,
                        privacy,
                        config.granularity(),
                        runId));

        keep(
                cached,
                refined,
                BronzeCap.TABLE,
                CapRefiner.refine(
                        bronze.get(BronzeCap.TABLE),
                        contract(BronzeCap.TABLE),
                        contract(SilverRemediation.TABLE),
                        facilities,
                        crosswalks,
                        dates,
                        config.fx(),
                        ctx.runDate(),
                        runId));
        return new Refining(
                refined, matches.stream().reduce(Dataset::unionByName).orElseThrow());
    }

    /**
     * Each source's tally (bronze = silver-bound + quarantined + superseded, and the dates converted) from one query
     * over the rows the refine already materialised and bronze; fails when a source's accounting does not balance or
     * does not cover its bronze rows (a refine step lost or duplicated rows).
     */
    private static Map<String, Refined.Tally> account(Bronze bronze, Refining refining) {
        Map<String, Refined.Tally> tallies = new LinkedHashMap<>();
        Refined.tallies(refining.sources(), bronze.tables()).forEach((table, counted) -> {
            Refined.Accounting a = counted.tally().accounting();
            if (a.bronzeRows() != counted.bronzeRows() || !a.balanced()) {
                throw new IllegalStateException(table + ": row accounting does not balance: bronze "
                        + counted.bronzeRows() + ", " + a + " (a refine step lost or duplicated rows)");
            }
            tallies.put(table, counted.tally());
        });
        return tallies;
    }

    /**
     * One message per source (bronze table and source system) whose quarantined share exceeds its limit: its
     * mapping's {@code max_quarantine_share}, else {@code quality.max_quarantine_share}. Per source, so a small source
     * that is wholly quarantined does not pass unseen beside a large clean one, and a known-messy source can be given
     * its own limit without loosening the others'.
     */
    private List<String> gate(Bronze bronze, Refining refining, Map<String, Refined.Tally> tallies) {
        List<String> failures = new ArrayList<>();
        tallies.forEach((table, t) -> t.bySystem().forEach((system, a) -> {
            if (config.gate().fails(system, a)) {
                // the rows the mapping leaves out are neither counted nor shown: they are not defects
                Column ofSystem = col(OpsQuarantine.SOURCE_SYSTEM).equalTo(system);
                failures.add(gateMessage(
                        table,
                        system,
                        a.defects(),
                        a.inScope(),
                        config.gate().limit(system),
                        config.gate().setting(system),
                        QualityGate.lowerBound(a),
                        refining.sources()
                                .get(table)
                                .quarantine()
                                .filter(ofSystem.and(
                                        col(OpsQuarantine.REASON).notEqual(RefineSteps.EXCLUDED_BY_MAPPING))),
                        bronze.get(table).filter(col(Lineage.SOURCE_SYSTEM).equalTo(system)),
                        contract(table)));
            }
        }));
        return failures;
    }

    /** ops.quarantine and ops.facility_matches, written whether or not the gate passed (for {@code hrdd quality}). */
    private Map<String, Long> writeQuarantineAndMatches(
            SparkSession spark, Lakehouse lh, Refining refining, String runId) {
        Map<String, Long> versions = new LinkedHashMap<>();
        Dataset<Row> quarantine = refining.sources().values().stream()
                .map(Refined::quarantine)
                .reduce(Dataset::unionByName)
                .orElseThrow();
        versions.put(OpsQuarantine.TABLE, write(spark, lh, OpsQuarantine.TABLE, quarantine));
        versions.put(
                OpsFacilityMatches.TABLE,
                write(
                        spark,
                        lh,
                        OpsFacilityMatches.TABLE,
                        refining.matches().withColumn(OpsFacilityMatches.RUN_ID, lit(runId))));
        return versions;
    }

    /** Every silver table, one overwrite each; worker reach from the contacts of both worker-voice channels. */
    private Map<String, Long> writeSilver(SparkSession spark, Lakehouse lh, Refining refining, String runId) {
        Map<String, Refined> sources = refining.sources();
        Map<String, Long> versions = new LinkedHashMap<>();
        for (String table : List.of(
                SilverFacility.TABLE,
                SilverBrandFacility.TABLE,
                SilverAudit.TABLE,
                SilverAuditFinding.TABLE,
                SilverRemediation.TABLE,
                SilverGrievance.TABLE)) {
            versions.put(
                    table,
                    write(
                            spark,
                            lh,
                            table,
                            sources.get(SILVER.get(table).get(0)).silver()));
        }
        Refined helpline = sources.get(BronzeHelplineCase.TABLE);
        Refined survey = sources.get(BronzeSurveyResponse.TABLE);
        versions.put(
                SilverWorkerSignal.TABLE,
                write(spark, lh, SilverWorkerSignal.TABLE, helpline.silver().unionByName(survey.silver())));
        Contract contactContract = contract(SilverWorkerContact.TABLE);
        Dataset<Row> contacts = WorkerReach.contacts(helpline, contactContract, runId)
                .unionByName(WorkerReach.contacts(survey, contactContract, runId));
        versions.put(SilverWorkerContact.TABLE, write(spark, lh, SilverWorkerContact.TABLE, contacts));
        versions.put(
                SilverWorkerReach.TABLE,
                write(
                        spark,
                        lh,
                        SilverWorkerReach.TABLE,
                        WorkerReach.compute(contacts, contract(SilverWorkerReach.TABLE), runId)));
        return versions;
    }

    /**
     * Each silver table's contract rules (Deequ) and row count in one pass over the table as written, recorded in
     * ops.quality_metrics (one append); returns the version appended. A broken error rule is a refine bug: the run
     * fails after recording it.
     */
    private long checkSilver(SparkSession spark, Lakehouse lh, String runId, Map<String, Long> silverRows) {
        List<Row> metrics = new ArrayList<>();
        List<String> errorRules = new ArrayList<>();
        for (String table : SILVER.keySet()) {
            DeequChecks.Verification checked = DeequChecks.verifyCounting(
                    spark.read().format("delta").load(lh.tablePath(table)), ContractRules.forContract(contract(table)));
            silverRows.put(table, checked.rows());
            for (QualityOutcome o : checked.outcomes()) {
                metrics.add(RowFactory.create(
                        runId,
                        table,
                        o.rule().name(),
                        o.rule().level().name().toLowerCase(Locale.ROOT),
                        o.passed(),
                        o.metric(),
                        o.message()));
                if (!o.passed() && o.rule().level() == QualityRule.Level.ERROR) {
                    errorRules.add(table + " " + o.rule().name() + ": " + o.message());
                }
            }
        }
        Contract metricsContract = contract(OpsQualityMetrics.TABLE);
        long version = DeltaTables.append(
                spark,
                lh.tablePath(metricsContract),
                spark.createDataFrame(metrics, ContractSchemas.structType(metricsContract)));
        if (!errorRules.isEmpty()) {
            throw new IllegalStateException("silver breaks its contract after refine (a refine bug): " + errorRules);
        }
        return version;
    }

    private static Map<String, Refined.Accounting> accountingOf(Map<String, Refined.Tally> tallies) {
        Map<String, Refined.Accounting> out = new LinkedHashMap<>();
        tallies.forEach((t, tally) -> out.put(t, tally.accounting()));
        return out;
    }

    /** Per bronze table, file → kind of date conversion → dates converted (tables without any left out). */
    private static Map<String, Map<String, Map<String, Long>>> conversionsOf(Map<String, Refined.Tally> tallies) {
        Map<String, Map<String, Map<String, Long>>> out = new LinkedHashMap<>();
        tallies.forEach((t, tally) -> {
            if (!tally.conversionsByFile().isEmpty()) {
                out.put(t, tally.conversionsByFile());
            }
        });
        return out;
    }

    private Contract contract(String table) {
        return config.contract(table);
    }

    /** One overwrite of the whole table (rows already stamped with the run id). */
    private long write(SparkSession spark, Lakehouse lh, String table, Dataset<Row> rows) {
        Contract contract = contract(table);
        return TableWrite.overwrite(spark, lh.tablePath(contract), contract, rows, null)
                .version();
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

    /** A bronze table's rows with their facility resolved; its references go into {@code matches}. */
    private static Dataset<Row> resolve(
            SparkSession spark,
            Bronze bronze,
            String table,
            String name,
            String osId,
            String country,
            String address,
            FacilityResolver resolver,
            List<Dataset<Row>> matches) {
        FacilityResolution.Resolved r = FacilityResolution.resolveWithMatches(
                spark, bronze.get(table), name, osId, country, address, resolver, table);
        matches.add(r.matches());
        return r.rows();
    }

    /** The source, its file, top reasons with counts, and an example row of a source that failed the gate. */
    static String gateMessage(
            String table,
            String system,
            long quarantined,
            long bronzeRows,
            double limit,
            String setting,
            double lowerBound,
            Dataset<Row> quarantine,
            Dataset<Row> bronze,
            Contract bronzeContract) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "%s from source %s: %.1f %% of %,d rows quarantined (%s is %.1f %%; the share's 95 %% lower bound,"
                        + " %.1f %%, is above it)",
                table,
                system,
                100.0 * quarantined / bronzeRows,
                bronzeRows,
                setting,
                100 * limit,
                100 * lowerBound));
        // The file that carries most of it: the delivery to look at first (on a tie, the later file name)
        List<Row> worst = quarantine
                .select(OpsQuarantine.SOURCE_FILE, OpsQuarantine.SOURCE_ROW)
                .distinct()
                .groupBy(OpsQuarantine.SOURCE_FILE)
                .agg(count(lit(1)).as("n"))
                .orderBy(col("n").desc(), col(OpsQuarantine.SOURCE_FILE).desc())
                .limit(1)
                .collectAsList();
        if (worst.isEmpty()) {
            return sb.toString();
        }
        String file = worst.get(0).getString(0);
        long held = worst.get(0).getLong(1);
        // the file's rows in the mapping's scope: those its row filters leave out are no defects, as in the share
        Row counted = bronze.filter(col(Lineage.SOURCE_FILE).equalTo(file))
                .agg(
                        count(lit(1)),
                        count(org.apache.spark.sql.functions.when(
                                col(Lineage.EXCLUDED_BY).isNull(), lit(1))))
                .first();
        long fileRows = counted.getLong(1);
        sb.append(String.format(
                Locale.ROOT,
                "%n    most in %s: %,d of its %,d rows%s (%.1f %%)",
                file,
                held,
                fileRows,
                counted.getLong(0) > fileRows ? " in the mapping's scope" : "",
                fileRows == 0 ? 0.0 : 100.0 * held / fileRows));
        Dataset<Row> inFile = quarantine.filter(col(OpsQuarantine.SOURCE_FILE).equalTo(file));
        List<Row> reasons = inFile.groupBy(OpsQuarantine.REASON)
                .agg(count(lit(1)).as("n"))
                .orderBy(col("n").desc(), col(OpsQuarantine.REASON))
                .limit(3)
                .collectAsList();
        sb.append("\n    top reasons there: ")
                .append(String.join(
                        ", ",
                        reasons.stream()
                                .map(r -> String.format(Locale.ROOT, "%s %,d", r.getString(0), r.getLong(1)))
                                .toList()));
        Row example = inFile.filter(
                        col(OpsQuarantine.REASON).equalTo(reasons.get(0).getString(0)))
                .orderBy(OpsQuarantine.SOURCE_ROW)
                .limit(1)
                .collectAsList()
                .get(0);
        sb.append(String.format(
                Locale.ROOT,
                "%n    e.g. row %d, %s: %s",
                example.<Long>getAs(OpsQuarantine.SOURCE_ROW),
                example.<String>getAs(OpsQuarantine.REASON),
                example.<String>getAs(OpsQuarantine.DETAIL)));
        String raw = example.getAs(OpsQuarantine.RAW_ROW);
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
            com.fasterxml.jackson.databind.node.ObjectNode row =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(rawJson);
            com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode();
            row.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("_")) {
                    return; // lineage, and the rescued or corrupt text that may hold anything
                }
                boolean restricted = bronzeContract.columns().stream()
                        .anyMatch(c -> c.name().equals(e.getKey()) && "restricted".equals(c.classification()));
                out.set(
                        e.getKey(),
                        restricted && !e.getValue().isNull()
                                ? com.fasterxml.jackson.databind.node.TextNode.valueOf("(withheld)")
                                : e.getValue());
            });
            return json.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
            return "(not shown)";
        }
    }
}
