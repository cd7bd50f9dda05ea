package org.hrdd.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.hrdd.analyse.ThemePriors;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.refine.Taxonomies;
import org.hrdd.run.ConfigHash;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.run.StepBasis;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.GoldRiskTheme;
import org.hrdd.schemas.Columns.GoldSchemeAgreement;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.TableWrite;
import org.hrdd.time.Periods;

/**
 * {@code hrdd score}: the corroboration gold tables → gold.risk_theme and gold.risk_score.
 *
 * <p>Every period of gold.facility_theme_period up to the requested one is read (a cell's risk reads its history);
 * the requested period and the one before it (for the trend) are scored and the requested period's rows written, or
 * with {@code allPeriods} every period scored and written, as rows of the model version in
 * {@code conf/risk-model.yaml}: rows of other versions and other periods stay as they are. Inputs are read at their
 * current versions, or at the versions a recorded run read ({@code asOf}), which reproduces that run's scores.
 */
public final class ScoreJob {

    /** Everything the job needs besides the lakehouse. */
    public record Config(
            RiskModel model,
            InherentRisk inherent,
            ThemePriors priors,
            int minWorkers,
            AppConfig.Granularity granularity,
            Map<String, Contract> contracts,
            String modelHash,
            Path modelFile,
            Path priorsDir) {

        public static Config of(AppConfig app) {
            Taxonomies taxonomies = Taxonomies.load(app.taxonomyDir());
            ThemePriors priors =
                    ThemePriors.load(app.priorsDir(), taxonomies.themes().keySet());
            Path modelFile = app.riskModelFile();
            Path priorsDir = app.priorsDir();
            RiskModel model = RiskModel.load(modelFile, taxonomies.themes().keySet());
            return new Config(
                    model,
                    InherentRisk.load(priorsDir, priors, model.prior()),
                    priors,
                    app.analysis().minWorkersReached(),
                    app.period().granularity(),
                    ContractLoader.loadAll(),
                    ConfigHash.ofUsed(app.confDir(), List.of(modelFile, priorsDir)),
                    modelFile,
                    priorsDir);
        }
    }

    /**
     * What a run did.
     *
     * @param upToDate the inputs, request, model and code were those of the last score and its tables unchanged:
     *                 nothing computed (versionsWritten are the tables' current versions)
     */
    public record Result(
            String period,
            String modelVersion,
            List<String> periodsWritten,
            Map<String, Long> tierCounts,
            Map<String, Long> versionsRead,
            Map<String, Long> versionsWritten,
            Map<String, Long> rowCounts,
            boolean upToDate) {}

    /** The step's name, as its basis records it. */
    public static final String STEP = "score";

    /** The gold tables a score writes. */
    static final List<String> OUTPUTS = List.of(GoldRiskTheme.TABLE, GoldRiskScore.TABLE);

    /** What a score computes from: the request, the model and its configuration, the code and the tables read. */
    private StepBasis basis(Periods.Period requested, boolean allPeriods, Map<String, String> inputs) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("request", requested.label() + (allPeriods ? " all periods" : ""));
        settings.put("model", config.model().version() + " " + config.modelHash());
        settings.put("configuration", "min workers " + config.minWorkers() + ", " + config.granularity());
        settings.put("code", StepBasis.codeFingerprint());
        return StepBasis.of(STEP, settings, inputs);
    }

    /**
     * Scored rows of every computed period, not yet written (contract columns except the run id). {@link #close()}
     * releases the intermediate results cached while computing them.
     */
    public record Scores(Dataset<Row> themes, Dataset<Row> scores, List<String> periods, List<Dataset<Row>> cached)
            implements AutoCloseable {
        @Override
        public void close() {
            cached.forEach(Dataset::unpersist);
        }
    }

    public static final List<String> INPUTS = List.of(
            GoldFacilityThemePeriod.TABLE,
            GoldSchemeAgreement.TABLE,
            GoldRemediationEffectiveness.TABLE,
            SilverFacility.TABLE);

    private final Config config;
    private final Progress progress;

    public ScoreJob(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public Config config() {
        return config;
    }

    /**
     * @param asOf versions to read the inputs at (from a recorded run), or null for the current ones
     */
    public Result run(
            SparkSession spark, RunContext ctx, String periodLabel, boolean allPeriods, Map<String, Long> asOf) {
        Lakehouse lh = ctx.lakehouse();
        Periods.Period requested = Periods.parse(periodLabel, config.granularity());
        Map<String, Long> versionsRead = new LinkedHashMap<>();
        Map<String, Dataset<Row>> inputs = read(spark, lh, asOf, versionsRead);
        StepBasis now = basis(requested, allPeriods, StepBasis.readStates(spark, lh, versionsRead));
        Map<String, String> before = StepBasis.states(spark, lh, OUTPUTS);
        String reason = StepBasis.reason(StepBasis.load(spark, lh, STEP), now, before);
        if (reason == null) {
            progress.message("nothing to score: inputs, request, model and code as the last score had them");
            return new Result(
                    requested.label(),
                    config.model().version(),
                    List.of(),
                    Map.of(),
                    versionsRead,
                    StepBasis.versions(before),
                    Map.of(),
                    true);
        }
        progress.message("scoring (" + reason + ")");
        guardModelVersion(spark, lh);
        StepBasis.clear(spark, lh, STEP);
        progress.stage("score cells");
        Scores scores = compute(inputs, requested, RiskScoring.Mode.FULL, !allPeriods);
        Dataset<Row> themes = scores.themes().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> facilityScores = scores.scores().persist(StorageLevel.MEMORY_AND_DISK());
        try (scores) {
            List<String> written = allPeriods ? scores.periods() : List.of(requested.label());
            Map<String, Long> versionsWritten = new LinkedHashMap<>();
            progress.stage("write gold.risk_theme");
            long themeRows = write(spark, ctx, GoldRiskTheme.TABLE, themes, written, versionsWritten);
            progress.stage("write gold.risk_score");
            long scoreRows = write(spark, ctx, GoldRiskScore.TABLE, facilityScores, written, versionsWritten);
            Map<String, Long> tiers = new TreeMap<>();
            for (Row r : facilityScores
                    .filter(col(GoldRiskScore.PERIOD)
                            .equalTo(requested.label())
                            .and(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility")))
                    .groupBy(GoldRiskScore.TIER)
                    .count()
                    .collectAsList()) {
                tiers.put(r.getString(0), r.getLong(1));
            }
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            // the rows each commit wrote, from its metrics
            rowCounts.put(GoldRiskScore.TABLE, scoreRows);
            rowCounts.put(GoldRiskTheme.TABLE, themeRows);
            now.withOutputs(StepBasis.states(spark, lh, OUTPUTS)).save(spark, lh);
            return new Result(
                    requested.label(),
                    config.model().version(),
                    written,
                    tiers,
                    versionsRead,
                    versionsWritten,
                    rowCounts,
                    false);
        } finally {
            themes.unpersist();
            facilityScores.unpersist();
        }
    }

    /** Reads the inputs at the given versions (a recorded run's) or at their current ones. */
    public static Map<String, Dataset<Row>> read(
            SparkSession spark, Lakehouse lh, Map<String, Long> asOf, Map<String, Long> versionsRead) {
        return DeltaTables.readAt(spark, lh, INPUTS, asOf, versionsRead, "hrdd analyse");
    }

    /** Scores every period of the corroboration table up to {@code requested}, with the evidence {@code mode} allows. */
    public Scores compute(Map<String, Dataset<Row>> inputs, Periods.Period requested, RiskScoring.Mode mode) {
        return compute(inputs, requested, mode, false);
    }

    /**
     * As {@link #compute(Map, Periods.Period, RiskScoring.Mode)}; with {@code requestedOnly} the rows of
     * {@code requested} are the only ones to use (the period before it is scored too, for the trend, and its rows lack
     * their own trend), the earlier periods being read as history only.
     */
    public Scores compute(
            Map<String, Dataset<Row>> inputs, Periods.Period requested, RiskScoring.Mode mode, boolean requestedOnly) {
        Dataset<Row> cells = inputs.get(GoldFacilityThemePeriod.TABLE);
        List<String> periods = periods(cells, requested);
        RiskScoring scoring = new RiskScoring(
                config.model(),
                config.inherent(),
                config.priors(),
                config.minWorkers(),
                periods,
                mode,
                requestedOnly ? Math.max(0, periods.size() - 2) : 0);
        Dataset<Row> cellInputs = scoring.cellInputs(
                cells, inputs.get(GoldRemediationEffectiveness.TABLE), inputs.get(SilverFacility.TABLE));
        Dataset<Row> themes = scoring.themes(cellInputs, scoring.schemeRates(inputs.get(GoldSchemeAgreement.TABLE)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> facilities = scoring.facilities(themes).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> withContributions = RiskScoring.withContributions(themes, facilities);
        Dataset<Row> suppliers = scoring.suppliers(withContributions, facilities);
        TierCalibration tiers = TierCalibration.of(
                facilities, config.model(), RiskScoring.P_CRITICAL, RiskScoring.P_HIGH, RiskScoring.P_MEDIUM);
        Dataset<Row> scores = scoring.withTrend(
                        tiers.apply(facilities.unionByName(suppliers)),
                        RiskScoring.newEvidence(
                                cells.filter(col(GoldFacilityThemePeriod.PERIOD).isin(periods.toArray())),
                                config.granularity()))
                .withColumn(GoldRiskScore.MODEL_VERSION, lit(config.model().version()))
                .withColumn(GoldRiskScore.CONFIG_HASH, lit(config.modelHash()));
        Dataset<Row> themeRows = withContributions.withColumn(
                GoldRiskTheme.MODEL_VERSION, lit(config.model().version()));
        return new Scores(
                select(themeRows, GoldRiskTheme.TABLE),
                select(scores, GoldRiskScore.TABLE),
                periods,
                List.of(themes, facilities));
    }

    private Dataset<Row> select(Dataset<Row> rows, String table) {
        return rows.select(config.contracts().get(table).columnNames().stream()
                .filter(c -> !c.equals(Lineage.RUN_ID))
                .map(c -> col(c))
                .toArray(Column[]::new));
    }

    /** The consecutive periods from the first one of the corroboration table to the requested one. */
    static List<String> periods(Dataset<Row> cells, Periods.Period requested) {
        List<String> present = new ArrayList<>();
        for (Row r :
                cells.select(col(GoldFacilityThemePeriod.PERIOD)).distinct().collectAsList()) {
            present.add(r.getString(0));
        }
        if (!present.contains(requested.label())) {
            throw new ConfigException("gold.facility_theme_period has no rows for " + requested.label()
                    + ": run hrdd analyse --period " + requested.label() + " first");
        }
        Periods.Period first = requested;
        for (String label : present) {
            Periods.Period p = Periods.parse(label, requested.granularity());
            if (p.start().isBefore(first.start())) {
                first = p;
            }
        }
        List<String> out = new ArrayList<>();
        for (Periods.Period p = first; !p.start().isAfter(requested.start()); p = p.next()) {
            out.add(p.label());
        }
        return out;
    }

    /**
     * A model version names one configuration: scoring with a changed configuration under a version that already
     * has rows would silently rewrite past scores, so it is refused.
     */
    void guardModelVersion(SparkSession spark, Lakehouse lh) {
        String path = lh.tablePath(GoldRiskScore.TABLE);
        if (!DeltaTables.exists(spark, path)) {
            return;
        }
        List<Row> other = spark.read()
                .format("delta")
                .load(path)
                .filter(col(GoldRiskScore.MODEL_VERSION)
                        .equalTo(config.model().version())
                        .and(col(GoldRiskScore.CONFIG_HASH).notEqual(config.modelHash())))
                .select(col(GoldRiskScore.CONFIG_HASH))
                .limit(1)
                .collectAsList();
        if (!other.isEmpty()) {
            throw new ConfigException(config.modelFile() + " or " + config.priorsDir() + " changed since model version "
                    + config.model().version() + " was scored (configuration "
                    + other.get(0).getString(0).substring(0, 12)
                    + "…, now " + config.modelHash().substring(0, 12) + "…): change `version` in "
                    + config.modelFile() + " so that past scores stay as they were");
        }
    }

    /** Writes the periods {@code written} of a table in one commit; returns the rows written. */
    private long write(
            SparkSession spark,
            RunContext ctx,
            String table,
            Dataset<Row> rows,
            List<String> written,
            Map<String, Long> versionsWritten) {
        Contract contract = config.contracts().get(table);
        TableWrite.Scope scope = new TableWrite.Scope(GoldRiskScore.PERIOD, written)
                .and(GoldRiskScore.MODEL_VERSION, List.of(config.model().version()));
        TableWrite.Written out = TableWrite.overwrite(
                spark,
                ctx.lakehouse().tablePath(contract),
                contract,
                rows.filter(col(GoldRiskScore.PERIOD).isin(written.toArray())),
                Lineage.RUN_ID,
                ctx.runId(),
                scope);
        versionsWritten.put(table, out.version());
        return out.rows();
    }
}
