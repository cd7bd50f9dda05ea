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
                         double maxQuarantineShare, AppConfig.Granularity granularity, Pseudonymiser pseudonymiser) {

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
                    app.quality().maxQuarantineShare(), app.period().granularity(), pseudonymiser);
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

    public RefineJob(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public RefineResult run(SparkSession spark, RunContext ctx) {
        Lakehouse lh = ctx.lakehouse();
        Map<String, Long> versionsRead = new LinkedHashMap<>();
        Map<String, Dataset<Row>> bronze = DeltaTables.readCurrent(spark, lh, List.of(Columns.BronzeFacility.TABLE,
                Columns.BronzeBrandFacility.TABLE, Columns.BronzeAudit.TABLE, Columns.BronzeAuditFinding.TABLE,
                Columns.BronzeHelplineCase.TABLE, Columns.BronzeSurveyQuestion.TABLE, Columns.BronzeSurveyResponse.TABLE,
                Columns.BronzeCap.TABLE), versionsRead, "hrdd ingest");

        SourceDatesUdf dates = new SourceDatesUdf(config.dateFormats(), ctx.runDate());
        CrosswalkColumns crosswalks = new CrosswalkColumns(config.taxonomies());
        PrivacyColumns privacy = new PrivacyColumns(config.pseudonymiser());
        String runId = ctx.runId();
        Map<String, Refined> refined = new LinkedHashMap<>();
        // each bronze table counted once (progress and the row accounting)
        Map<String, Long> bronzeCounts = new LinkedHashMap<>();
        java.util.function.ToLongFunction<String> bronzeRows = t -> bronzeCounts.computeIfAbsent(t, x -> bronze.get(x).count());

        progress.stage("refine facilities");
        Refined facilities = keep(refined, Columns.BronzeFacility.TABLE, FacilityRefiner.facilities(
                bronze.get(Columns.BronzeFacility.TABLE), contract(Columns.BronzeFacility.TABLE),
                contract(Columns.SilverFacility.TABLE), runId));
        Dataset<Row> facilityRows = facilities.silver().persist(StorageLevel.MEMORY_AND_DISK());
        keep(refined, Columns.BronzeBrandFacility.TABLE, FacilityRefiner.brandFacilities(
                bronze.get(Columns.BronzeBrandFacility.TABLE), contract(Columns.BronzeBrandFacility.TABLE),
                contract(Columns.SilverBrandFacility.TABLE), facilityRows, dates, runId));
        FacilityResolver resolver = new FacilityResolver(FacilityResolution.master(facilityRows), config.overrides(),
                config.resolution().fuzzyThreshold(), config.resolution().minMargin());
        progress.done(facilityRows.count());

        progress.stage("refine audits");
        Refined audits = keep(refined, Columns.BronzeAudit.TABLE, AuditRefiner.audits(
                resolve(spark, Columns.BronzeAudit.TABLE, bronze.get(Columns.BronzeAudit.TABLE), Columns.BronzeAudit.FACILITY_NAME,
                        Columns.BronzeAudit.FACILITY_OS_ID, Columns.BronzeAudit.COUNTRY_CODE, resolver),
                contract(Columns.BronzeAudit.TABLE), contract(Columns.SilverAudit.TABLE), dates, config.granularity(), runId));
        Dataset<Row> auditRows = audits.silver().persist(StorageLevel.MEMORY_AND_DISK());
        keep(refined, Columns.BronzeAuditFinding.TABLE, AuditRefiner.findings(bronze.get(Columns.BronzeAuditFinding.TABLE),
                contract(Columns.BronzeAuditFinding.TABLE), contract(Columns.SilverAuditFinding.TABLE), auditRows,
                crosswalks, runId));
        progress.done(auditRows.count());

        progress.stage("refine helpline cases");
        Refined helpline = keep(refined, Columns.BronzeHelplineCase.TABLE, HelplineRefiner.refine(
                resolve(spark, Columns.BronzeHelplineCase.TABLE, bronze.get(Columns.BronzeHelplineCase.TABLE), Columns.BronzeHelplineCase.FACILITY_NAME,
                        Columns.BronzeHelplineCase.FACILITY_OS_ID, Columns.BronzeHelplineCase.COUNTRY_CODE, resolver),
                contract(Columns.BronzeHelplineCase.TABLE), contract(Columns.SilverWorkerSignal.TABLE), crosswalks, dates,
                privacy, config.granularity(), runId));
        progress.done(bronzeRows.applyAsLong(Columns.BronzeHelplineCase.TABLE));

        progress.stage("refine survey responses");
        Refined catalogue = keep(refined, Columns.BronzeSurveyQuestion.TABLE, SurveyRefiner.catalogue(
                bronze.get(Columns.BronzeSurveyQuestion.TABLE), contract(Columns.BronzeSurveyQuestion.TABLE), crosswalks, runId));
        Refined survey = keep(refined, Columns.BronzeSurveyResponse.TABLE, SurveyRefiner.responses(
                resolve(spark, Columns.BronzeSurveyResponse.TABLE, bronze.get(Columns.BronzeSurveyResponse.TABLE), Columns.BronzeSurveyResponse.FACILITY_NAME,
                        Columns.BronzeSurveyResponse.FACILITY_OS_ID, Columns.BronzeSurveyResponse.COUNTRY_CODE, resolver),
                contract(Columns.BronzeSurveyResponse.TABLE), contract(Columns.SilverWorkerSignal.TABLE),
                SurveyRefiner.questions(catalogue, crosswalks), dates, privacy, config.granularity(), runId));
        progress.done(bronzeRows.applyAsLong(Columns.BronzeSurveyResponse.TABLE));

        progress.stage("refine remediation");
        keep(refined, Columns.BronzeCap.TABLE, CapRefiner.refine(bronze.get(Columns.BronzeCap.TABLE),
                contract(Columns.BronzeCap.TABLE), contract(Columns.SilverRemediation.TABLE), facilityRows, crosswalks,
                dates, config.fx(), ctx.runDate(), runId));
        progress.done(bronzeRows.applyAsLong(Columns.BronzeCap.TABLE));

        progress.stage("account and gate");
        Map<String, Refined.Accounting> accounting = new LinkedHashMap<>();
        List<String> gateFailures = new ArrayList<>();
        Dataset<Row> quarantine = null;
        for (Map.Entry<String, Refined> e : refined.entrySet()) {
            Refined.Accounting a = e.getValue().accounting();
            long n = bronzeRows.applyAsLong(e.getKey());
            if (a.bronzeRows() != n || !a.balanced()) {
                throw new IllegalStateException(e.getKey() + ": row accounting does not balance: bronze " + n
                        + ", " + a + " (a refine step lost or duplicated rows)");
            }
            accounting.put(e.getKey(), a);
            quarantine = quarantine == null ? e.getValue().quarantine() : quarantine.unionByName(e.getValue().quarantine());
            if (a.quarantineShare() > config.maxQuarantineShare()) {
                gateFailures.add(gateMessage(e.getKey(), a, config.maxQuarantineShare(), e.getValue().quarantine()));
            }
        }
        Map<String, Long> versionsWritten = new LinkedHashMap<>();
        Contract quarantineContract = contract(Columns.OpsQuarantine.TABLE);
        versionsWritten.put(Columns.OpsQuarantine.TABLE, write(spark, lh, quarantineContract, quarantine,
                List.of(Columns.OpsQuarantine.RUN_ID)));
        versionsWritten.put(Columns.OpsFacilityMatches.TABLE, write(spark, lh, contract(Columns.OpsFacilityMatches.TABLE),
                matches.withColumn(Columns.OpsFacilityMatches.RUN_ID, lit(runId)), List.of(Columns.OpsFacilityMatches.RUN_ID)));
        progress.done(accounting.values().stream().mapToLong(Refined.Accounting::bronzeRows).sum());

        Map<String, Long> silverRows = new LinkedHashMap<>();
        List<String> errorRules = new ArrayList<>();
        if (gateFailures.isEmpty()) {
            progress.stage("write silver");
            Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
            silver.put(Columns.SilverFacility.TABLE, facilityRows);
            silver.put(Columns.SilverBrandFacility.TABLE, refined.get(Columns.BronzeBrandFacility.TABLE).silver());
            silver.put(Columns.SilverAudit.TABLE, auditRows);
            silver.put(Columns.SilverAuditFinding.TABLE, refined.get(Columns.BronzeAuditFinding.TABLE).silver());
            silver.put(Columns.SilverWorkerSignal.TABLE, helpline.silver().unionByName(survey.silver()));
            silver.put(Columns.SilverWorkerReach.TABLE, WorkerReach.compute(
                    WorkerReach.contacts(helpline).unionByName(WorkerReach.contacts(survey)),
                    contract(Columns.SilverWorkerReach.TABLE), runId));
            silver.put(Columns.SilverRemediation.TABLE, refined.get(Columns.BronzeCap.TABLE).silver());
            long total = 0;
            List<Row> metrics = new ArrayList<>();
            for (Map.Entry<String, Dataset<Row>> e : silver.entrySet()) {
                versionsWritten.put(e.getKey(), write(spark, lh, contract(e.getKey()), e.getValue(), List.of(Lineage.RUN_ID)));
                Dataset<Row> written = spark.read().format("delta").load(lh.tablePath(e.getKey()));
                List<org.hrdd.quality.QualityOutcome> outcomes = org.hrdd.quality.DeequChecks.verify(written,
                        org.hrdd.quality.ContractRules.forContract(contract(e.getKey())));
                long n = written.count();
                silverRows.put(e.getKey(), n);
                total += n;
                for (org.hrdd.quality.QualityOutcome o : outcomes) {
                    metrics.add(org.apache.spark.sql.RowFactory.create(runId, e.getKey(), o.rule().name(),
                            o.rule().level().name().toLowerCase(Locale.ROOT), o.passed(), o.metric(), o.message()));
                    if (!o.passed() && o.rule().level() == org.hrdd.quality.QualityRule.Level.ERROR) {
                        errorRules.add(e.getKey() + " " + o.rule().name() + ": " + o.message());
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
            progress.done(total);
        }
        refined.values().forEach(r -> r.evaluated().unpersist());
        facilityRows.unpersist();
        auditRows.unpersist();
        return new RefineResult(accounting, silverRows, versionsRead, versionsWritten, gateFailures);
    }

    private Contract contract(String table) {
        return config.contract(table);
    }

    /**
     * Caches a source's evaluated rows (the accounting, quarantine, silver rows and worker reach all read them) on
     * disk only. In local mode executors live in the driver's heap, where cached rows compete with execution memory:
     * with MEMORY_AND_DISK the 10m tier's refine thrashed in a 4 GiB heap ("Failed to allocate a page") and did not
     * finish in 28 min; on disk it finished in 21 min. On the 1m tier both levels take the same time (218 s against
     * 239 s) and disk needs 4.9 instead of 7.0 GB resident.
     */
    private static Refined keep(Map<String, Refined> refined, String table, Refined r) {
        r.evaluated().persist(StorageLevel.DISK_ONLY());
        refined.put(table, r);
        return r;
    }

    private Dataset<Row> resolve(SparkSession spark, String table, Dataset<Row> rows, String name, String osId,
                                 String country, FacilityResolver resolver) {
        FacilityResolution.Resolved r = FacilityResolution.resolveWithMatches(spark, rows, name, osId, country, resolver, table);
        matches = matches == null ? r.matches() : matches.unionByName(r.matches());
        return r.rows();
    }

    private static long write(SparkSession spark, Lakehouse lh, Contract contract, Dataset<Row> rows, List<String> ignored) {
        return TableSync.sync(spark, lh.tablePath(contract), contract, rows, ignored).version();
    }

    /** The file, top reasons with counts, and an example row of a source that failed the gate. */
    static String gateMessage(String table, Refined.Accounting a, double limit, Dataset<Row> quarantine) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s: %.1f %% of %,d rows quarantined (quality.max_quarantine_share is %.1f %%)",
                table, 100 * a.quarantineShare(), a.bronzeRows(), 100 * limit));
        List<Row> reasons = quarantine.groupBy(Columns.OpsQuarantine.REASON)
                .agg(count(lit(1)).as("n"), min(col(Columns.OpsQuarantine.SOURCE_FILE)).as("file"))
                .orderBy(col("n").desc()).limit(3).collectAsList();
        for (Row r : reasons) {
            Row example = quarantine.filter(col(Columns.OpsQuarantine.REASON).equalTo(r.getString(0))
                            .and(col(Columns.OpsQuarantine.SOURCE_FILE).equalTo(r.getString(2))))
                    .agg(min(Columns.OpsQuarantine.SOURCE_ROW)).first();
            sb.append(String.format(Locale.ROOT, "; %s %,d (e.g. %s row %d)", r.getString(0), r.getLong(1), r.getString(2),
                    example.getLong(0)));
        }
        return sb.toString();
    }
}
