package org.hrdd.indicators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.refine.Taxonomies;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.run.StepBasis;
import org.hrdd.schemas.Columns.GoldAgencyCorridor;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.GoldWatchlist;
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
import org.hrdd.score.RiskModel;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.TableWrite;
import org.hrdd.time.Periods;
import org.hrdd.watchlist.WatchlistInputs;
import org.hrdd.watchlist.WatchlistItems;
import org.hrdd.watchlist.WatchlistSettings;

/**
 * {@code hrdd indicators}: silver and gold → {@code gold.indicator_value} for one period, for the company and each
 * brand, with disclosure control. The cells are aggregates (a few thousand per period): they are collected, checked
 * for small cells per indicator × scope across all its breakdowns ({@link DisclosureControl}), and written.
 */
public final class IndicatorsJob {

    /** {@code watchlist} null: no gold.watchlist (the indicators alone). */
    /**
     * @param configHash the configuration the catalogue, the watchlist settings and the model version come from (a
     *                   rerun with another one computes)
     */
    public record Config(
            IndicatorCatalogue catalogue,
            int k,
            int minWorkers,
            String modelVersion,
            AppConfig.Granularity granularity,
            Contract contract,
            WatchlistSettings watchlist,
            String configHash) {
        public static Config of(AppConfig app) {
            return new Config(
                    IndicatorCatalogue.load(app.confDir(), app.indicatorsFile()),
                    app.privacy().kThreshold(),
                    app.analysis().minWorkersReached(),
                    RiskModel.load(
                                    app.riskModelFile(),
                                    Taxonomies.load(app.taxonomyDir()).themes().keySet())
                            .version(),
                    app.period().granularity(),
                    ContractLoader.loadAll().get(GoldIndicatorValue.TABLE),
                    WatchlistSettings.of(app),
                    org.hrdd.run.ConfigHash.ofRun(app));
        }

        /** The same configuration at another k. */
        public Config withK(int otherK) {
            return new Config(
                    catalogue, otherK, minWorkers, modelVersion, granularity, contract, watchlist, configHash);
        }
    }

    /**
     * @param upToDate the inputs, period, configuration and code were those of the last indicators run and its tables
     *                 unchanged: nothing computed (versionsWritten are the tables' current versions)
     */
    public record Result(
            String period,
            long rows,
            long suppressed,
            long watchlistItems,
            Map<String, Long> versionsRead,
            Map<String, Long> versionsWritten,
            boolean upToDate) {}

    /** The step's name, as its basis records it. */
    public static final String STEP = "indicators";

    public static final List<String> INPUTS = List.of(
            SilverFacility.TABLE,
            SilverBrandFacility.TABLE,
            SilverWorkerReach.TABLE,
            SilverWorkerContact.TABLE,
            SilverWorkerSignal.TABLE,
            SilverRemediation.TABLE,
            SilverAudit.TABLE,
            SilverAuditFinding.TABLE,
            GoldFacilityThemePeriod.TABLE,
            GoldRemediationEffectiveness.TABLE,
            GoldRiskScore.TABLE,
            SilverGrievance.TABLE);

    private final Config config;
    private final Progress progress;

    public IndicatorsJob(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public Result run(SparkSession spark, RunContext ctx, String periodLabel) {
        Periods.Period period = Periods.parse(periodLabel, config.granularity());
        Map<String, Long> versionsRead = new LinkedHashMap<>();
        Map<String, Dataset<Row>> t =
                DeltaTables.readCurrent(spark, ctx.lakehouse(), INPUTS, versionsRead, "hrdd analyse and hrdd score");
        List<String> outputs = outputs();
        StepBasis now = basis(period, StepBasis.readStates(spark, ctx.lakehouse(), versionsRead));
        Map<String, String> before = StepBasis.states(spark, ctx.lakehouse(), outputs);
        String reason = StepBasis.reason(StepBasis.load(spark, ctx.lakehouse(), STEP), now, before);
        if (reason == null) {
            progress.message("nothing to publish: inputs, period, configuration and code as the last indicators run had"
                    + " them");
            return new Result(period.label(), 0, 0, 0, versionsRead, StepBasis.versions(before), true);
        }
        progress.message("publishing (" + reason + ")");
        StepBasis.clear(spark, ctx.lakehouse(), STEP);
        IndicatorMeasures.Inputs inputs = new IndicatorMeasures.Inputs(
                t.get(SilverFacility.TABLE),
                t.get(SilverBrandFacility.TABLE),
                t.get(SilverWorkerReach.TABLE),
                t.get(SilverWorkerContact.TABLE),
                t.get(SilverWorkerSignal.TABLE),
                t.get(SilverRemediation.TABLE),
                t.get(SilverAudit.TABLE),
                t.get(SilverAuditFinding.TABLE),
                t.get(GoldFacilityThemePeriod.TABLE),
                t.get(GoldRemediationEffectiveness.TABLE),
                t.get(GoldRiskScore.TABLE),
                t.get(SilverGrievance.TABLE));
        progress.stage("indicators");
        List<Row> rows = compute(spark, inputs, period);
        Dataset<Row> out = spark.createDataFrame(rows, ContractSchemas.structType(config.contract()));
        progress.stage("write gold.indicator_value");
        TableWrite.Written o = TableWrite.overwrite(
                spark,
                ctx.lakehouse().tablePath(config.contract()),
                config.contract(),
                out,
                Lineage.RUN_ID,
                ctx.runId(),
                new TableWrite.Scope(GoldIndicatorValue.PERIOD, List.of(period.label())));
        long suppressed = rows.stream().filter(r -> r.getBoolean(11)).count();
        Map<String, Long> versionsWritten = new LinkedHashMap<>();
        versionsWritten.put(GoldIndicatorValue.TABLE, o.version());
        long items = 0;
        if (config.watchlist() != null) {
            progress.stage("watchlist");
            List<WatchlistItems.Item> list = watchlist(spark, ctx.lakehouse(), inputs, period, versionsRead);
            Contract c = config.watchlist().contract();
            progress.stage("write gold.watchlist");
            TableWrite.Written w = TableWrite.overwrite(
                    spark,
                    ctx.lakehouse().tablePath(c),
                    c,
                    spark.createDataFrame(watchlistRows(list), ContractSchemas.structType(c)),
                    Lineage.RUN_ID,
                    ctx.runId(),
                    new TableWrite.Scope(GoldWatchlist.PERIOD, List.of(period.label())));
            versionsWritten.put(GoldWatchlist.TABLE, w.version());
            items = list.size();
            progress.stage("agencies by corridor");
            Periods.Period from = historyFrom(period);
            List<Row> corridors = AgencyCorridors.publish(
                    AgencyCorridors.cells(
                            inputs,
                            IndicatorMeasures.members(inputs.facilities(), inputs.brandFacilities(), period),
                            period,
                            from,
                            config.modelVersion()),
                    period.label(),
                    from.label(),
                    config.k());
            Contract ac = ContractLoader.loadAll().get(GoldAgencyCorridor.TABLE);
            TableWrite.Written a = TableWrite.overwrite(
                    spark,
                    ctx.lakehouse().tablePath(ac),
                    ac,
                    spark.createDataFrame(corridors, ContractSchemas.structType(ac)),
                    Lineage.RUN_ID,
                    ctx.runId(),
                    new TableWrite.Scope(GoldAgencyCorridor.PERIOD, List.of(period.label())));
            versionsWritten.put(GoldAgencyCorridor.TABLE, a.version());
        }
        now.withOutputs(StepBasis.states(spark, ctx.lakehouse(), outputs)).save(spark, ctx.lakehouse());
        return new Result(period.label(), rows.size(), suppressed, items, versionsRead, versionsWritten, false);
    }

    /** The gold tables this run writes (the watchlist and agency corridors only with watchlist settings). */
    private List<String> outputs() {
        return config.watchlist() == null
                ? List.of(GoldIndicatorValue.TABLE)
                : List.of(GoldIndicatorValue.TABLE, GoldWatchlist.TABLE, GoldAgencyCorridor.TABLE);
    }

    /**
     * What an indicators run computes from: the period, k, the configuration, the code and the tables read (the
     * previous period's watchlist, read too, is one of the tables written, whose state the basis checks as such).
     */
    private StepBasis basis(Periods.Period period, Map<String, String> inputs) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("period", period.label());
        settings.put("k", Integer.toString(config.k()));
        settings.put(
                "configuration",
                config.configHash() + " min workers " + config.minWorkers() + " model " + config.modelVersion()
                        + (config.watchlist() == null ? " no watchlist" : ""));
        settings.put("code", StepBasis.codeFingerprint());
        return StepBasis.of(STEP, settings, inputs);
    }

    /**
     * The period's watchlist, each scope's items from {@link WatchlistItems}; the previous period's list (gold.watchlist
     * at its current version) says since when each item has been listed, or, when it holds none (a first run), the
     * rules replayed over the earlier periods of the score's history window from their gold rows.
     */
    List<WatchlistItems.Item> watchlist(
            SparkSession spark,
            org.hrdd.spark.Lakehouse lh,
            IndicatorMeasures.Inputs inputs,
            Periods.Period period,
            Map<String, Long> versionsRead) {
        WatchlistSettings ws = config.watchlist();
        String path = lh.tablePath(ws.contract());
        Dataset<Row> previous = null;
        if (DeltaTables.exists(spark, path)) {
            long v = DeltaTables.version(spark, path);
            versionsRead.put(GoldWatchlist.TABLE, v);
            previous = spark.read().format("delta").option("versionAsOf", v).load(path);
        }
        Periods.Period from = historyFrom(period);
        WatchlistInputs.Gathered g = WatchlistInputs.gather(
                new WatchlistInputs.Tables(inputs, previous),
                period,
                from,
                config.modelVersion(),
                ws.rules().minDaysOverdue());
        WatchlistItems items = new WatchlistItems(ws.rules(), config.k(), ws.themeNames(), ws.tierFloors());
        Map<String, WatchlistItems.Listed> before = g.previousStored()
                ? g.previous()
                : items.replay(g.earlierPeriods(), g.scopes(), g.earlierScores(), g.earlierCells(), g.previous());
        return items.items(period.label(), g.scopes(), g.scores(), g.cells(), g.caps(), g.agencies(), before);
    }

    /** The first period of the score's history window ending with {@code period}. */
    Periods.Period historyFrom(Periods.Period period) {
        Periods.Period from = period;
        for (int i = 0; i < config.watchlist().historyPeriods(); i++) {
            from = from.previous();
        }
        return from;
    }

    /** Items as rows of gold.watchlist in contract order, the run id left to the sync. */
    static List<Row> watchlistRows(List<WatchlistItems.Item> items) {
        List<Row> out = new ArrayList<>();
        for (WatchlistItems.Item i : items) {
            out.add(RowFactory.create(
                    i.scopeType(),
                    i.scopeId(),
                    i.period(),
                    i.itemKey(),
                    i.kind(),
                    i.priority(),
                    i.facilityId(),
                    i.theme(),
                    i.themeWithheld(),
                    i.subject(),
                    i.reason(),
                    i.evidence(),
                    i.nextStep(),
                    i.owner(),
                    i.csddd(),
                    i.firstListedPeriod(),
                    i.periodsListed(),
                    null));
        }
        return out;
    }

    /** Every indicator's rows for the period (run id left null), suppression applied. */
    public List<Row> compute(SparkSession spark, IndicatorMeasures.Inputs inputs, Periods.Period period) {
        return publish(cells(inputs, period), period);
    }

    /**
     * Every indicator's cells before disclosure control, in catalogue order: indicator id → the cells of each scope
     * (company, then each brand). Aggregates only: a few thousand rows per period.
     */
    public Map<String, List<List<Row>>> cells(IndicatorMeasures.Inputs inputs, Periods.Period period) {
        // every indicator in one query: one plan shares the scans and exchanges the indicators have in common, where a
        // collect per indicator cost 29 queries and 132 Spark jobs on the sample world
        Map<String, Map<String, List<Row>>> byIndicator = new LinkedHashMap<>();
        try (IndicatorMeasures m = new IndicatorMeasures(inputs, period, config.minWorkers(), config.modelVersion())) {
            Map<String, Function<List<String>, Dataset<Row>>> measures = m.all();
            Dataset<Row> all = null;
            for (IndicatorCatalogue.Indicator indicator : config.catalogue().indicators()) {
                Function<List<String>, Dataset<Row>> measure = measures.get(indicator.id());
                if (measure == null) {
                    throw new IllegalStateException("indicator " + indicator.id() + " of the catalogue has no measure");
                }
                byIndicator.put(indicator.id(), new TreeMap<>());
                Dataset<Row> rows = measure.apply(indicator.disaggregations());
                all = all == null ? rows : all.unionByName(rows);
            }
            for (Row r : all == null ? List.<Row>of() : all.collectAsList()) {
                byIndicator
                        .get(r.<String>getAs(GoldIndicatorValue.INDICATOR_ID))
                        .computeIfAbsent(
                                r.<String>getAs(GoldIndicatorValue.SCOPE_TYPE) + "\u0001"
                                        + r.<String>getAs(GoldIndicatorValue.SCOPE_ID),
                                x -> new ArrayList<>())
                        .add(r);
            }
        }
        Map<String, List<List<Row>>> out = new LinkedHashMap<>();
        byIndicator.forEach((id, byScope) -> out.put(id, new ArrayList<>(byScope.values())));
        return out;
    }

    /** The published rows of {@link #cells}: disclosure control per indicator × scope at this job's k. */
    public List<Row> publish(Map<String, List<List<Row>>> cells, Periods.Period period) {
        Map<String, List<Row>> published = new LinkedHashMap<>();
        cells.forEach((id, scopes) -> {
            IndicatorCatalogue.Indicator indicator = config.catalogue().get(id);
            for (List<Row> scope : scopes) {
                published.put(id + "\u0001" + scopeOf(scope.get(0)), publish(indicator, period, scope, Set.of()));
            }
        });
        for (List<String> family : FAMILIES) {
            jointly(family, cells, published, period);
        }
        List<Row> out = new ArrayList<>();
        published.values().forEach(out::addAll);
        return out;
    }

    /**
     * Indicators whose breakdown cells add up across indicators: worker-elevated cells = corroborated + audited and
     * missed + not audited, per theme, country and total. A cell withheld in one of them could be worked back from the
     * others, so a breakdown value withheld in any is withheld in all, and each one's own complementary suppression runs
     * again, until nothing changes.
     */
    static final List<List<String>> FAMILIES = List.of(List.of(
            "worker_elevated_cells", "corroboration_rate", "audit_blind_spot_rate", "worker_elevated_unaudited_cells"));

    private void jointly(
            List<String> family,
            Map<String, List<List<Row>>> cells,
            Map<String, List<Row>> published,
            Periods.Period period) {
        if (!family.stream().allMatch(cells::containsKey)) {
            return;
        }
        Set<String> scopes = new java.util.TreeSet<>();
        for (String id : family) {
            cells.get(id).forEach(scope -> scopes.add(scopeOf(scope.get(0))));
        }
        for (String scope : scopes) {
            Set<String> hidden = new HashSet<>();
            boolean grew = true;
            while (grew) {
                for (String id : family) {
                    for (Row r : published.getOrDefault(id + "\u0001" + scope, List.of())) {
                        if (r.getBoolean(11)) {
                            hidden.add(r.getString(4) + "\u0001" + r.getString(5));
                        }
                    }
                }
                grew = false;
                for (String id : family) {
                    for (List<Row> c : cells.get(id)) {
                        if (!scopeOf(c.get(0)).equals(scope)) {
                            continue;
                        }
                        List<Row> again = publish(config.catalogue().get(id), period, c, hidden);
                        long before = published.get(id + "\u0001" + scope).stream()
                                .filter(r -> r.getBoolean(11))
                                .count();
                        if (again.stream().filter(r -> r.getBoolean(11)).count() > before) {
                            grew = true;
                        }
                        published.put(id + "\u0001" + scope, again);
                    }
                }
            }
        }
    }

    private static String scopeOf(Row cell) {
        return cell.<String>getAs(GoldIndicatorValue.SCOPE_TYPE) + "\u0001"
                + cell.<String>getAs(GoldIndicatorValue.SCOPE_ID);
    }

    /** As {@link #publish(IndicatorCatalogue.Indicator, Periods.Period, List, Set)} with nothing hidden beforehand. */
    List<Row> publish(IndicatorCatalogue.Indicator indicator, Periods.Period period, List<Row> cells) {
        return publish(indicator, period, cells, Set.of());
    }

    /**
     * The rows of one indicator × scope, suppressed where they rest on too few workers, and where
     * {@code forcedKeys} (dimension \u0001 value) says another indicator withheld the same breakdown value. Every
     * indicator goes through disclosure control; one the catalogue says rests on no worker record must count none.
     */
    List<Row> publish(
            IndicatorCatalogue.Indicator indicator, Periods.Period period, List<Row> cells, Set<String> forcedKeys) {
        if (!indicator.restsOnWorkers()) {
            for (Row c : cells) {
                if (workers(c) > 0) {
                    throw new IllegalStateException("indicator " + indicator.id() + " is declared in the catalogue as "
                            + "resting on no worker record (workers: none), but its cell "
                            + c.getAs(GoldIndicatorValue.DIMENSION)
                            + "=" + c.getAs(GoldIndicatorValue.DIMENSION_VALUE) + " of "
                            + c.getAs(GoldIndicatorValue.SCOPE_ID)
                            + " counts " + workers(c) + " workers");
                }
            }
        }
        Map<Row, DisclosureControl.Reason> reasons = suppression(cells, config.k(), forcedKeys);
        List<Row> out = new ArrayList<>();
        for (Row c : cells) {
            DisclosureControl.Reason reason = reasons.get(c);
            Double num = c.isNullAt(c.fieldIndex(GoldIndicatorValue.NUMERATOR))
                    ? null
                    : c.getAs(GoldIndicatorValue.NUMERATOR);
            Double den = c.isNullAt(c.fieldIndex(GoldIndicatorValue.DENOMINATOR))
                    ? null
                    : c.getAs(GoldIndicatorValue.DENOMINATOR);
            Long workers =
                    c.isNullAt(c.fieldIndex(GoldIndicatorValue.WORKERS)) ? null : c.getAs(GoldIndicatorValue.WORKERS);
            Double value = indicator.unit().equals("share")
                    ? (num == null || den == null || den == 0 ? null : num / den)
                    : num;
            boolean hidden = reason != null;
            out.add(RowFactory.create(
                    indicator.id(),
                    c.getAs(GoldIndicatorValue.SCOPE_TYPE),
                    c.getAs(GoldIndicatorValue.SCOPE_ID),
                    period.label(),
                    c.getAs(GoldIndicatorValue.DIMENSION),
                    c.getAs(GoldIndicatorValue.DIMENSION_VALUE),
                    indicator.unit(),
                    hidden ? null : value,
                    hidden ? null : num,
                    hidden ? null : den,
                    hidden ? null : workers,
                    hidden,
                    hidden ? reason.name() : null,
                    null));
        }
        return out;
    }

    /**
     * Suppression across every breakdown of one indicator × scope: each breakdown is a one-row table with the shared
     * total; a total hidden in one breakdown is hidden in all, which can hide more cells, until nothing changes.
     */
    static Map<Row, DisclosureControl.Reason> suppression(List<Row> cells, int k) {
        return suppression(cells, k, Set.of());
    }

    /** As above, the cells whose dimension \u0001 value is in {@code forcedKeys} hidden from the start. */
    static Map<Row, DisclosureControl.Reason> suppression(List<Row> cells, int k, Set<String> forcedKeys) {
        Row total = cells.stream()
                .filter(r -> IndicatorCells.TOTAL_DIMENSION.equals(r.getAs(GoldIndicatorValue.DIMENSION)))
                .findFirst()
                .orElse(null);
        Map<String, List<Row>> byDimension = new TreeMap<>();
        for (Row r : cells) {
            String d = r.getAs(GoldIndicatorValue.DIMENSION);
            if (!d.equals(IndicatorCells.TOTAL_DIMENSION)) {
                byDimension.computeIfAbsent(d, x -> new ArrayList<>()).add(r);
            }
        }
        long totalWorkers = total == null ? 0 : workers(total);
        boolean totalForced = forcedKeys.contains(IndicatorCells.TOTAL_DIMENSION + "\u0001" + DisclosureControl.TOTAL);
        while (true) {
            Map<Row, DisclosureControl.Reason> out = new LinkedHashMap<>();
            boolean totalHidden = totalForced;
            if (total != null && totalWorkers > 0 && totalWorkers < k) {
                out.put(total, DisclosureControl.Reason.K_THRESHOLD);
                totalHidden = true;
            }
            for (Map.Entry<String, List<Row>> e : byDimension.entrySet()) {
                List<DisclosureControl.Cell> table = new ArrayList<>();
                Map<DisclosureControl.Cell, Row> rowOf = new LinkedHashMap<>();
                Set<DisclosureControl.Cell> forced = new HashSet<>();
                for (Row r : e.getValue()) {
                    DisclosureControl.Cell c = new DisclosureControl.Cell(
                            e.getKey(), r.getAs(GoldIndicatorValue.DIMENSION_VALUE), workers(r));
                    table.add(c);
                    rowOf.put(c, r);
                    if (forcedKeys.contains(e.getKey() + "\u0001" + r.getAs(GoldIndicatorValue.DIMENSION_VALUE))) {
                        forced.add(c);
                    }
                }
                if (total != null) {
                    DisclosureControl.Cell t =
                            new DisclosureControl.Cell(e.getKey(), DisclosureControl.TOTAL, totalWorkers);
                    table.add(t);
                    rowOf.put(t, total);
                    if (totalForced) {
                        forced.add(t);
                    }
                }
                DisclosureControl.suppress(table, k, forced).forEach((c, reason) -> {
                    Row r = rowOf.get(c);
                    out.merge(r, reason, (a, b) -> a == DisclosureControl.Reason.K_THRESHOLD ? a : b);
                });
            }
            if (total != null && out.containsKey(total)) {
                totalHidden = true;
            }
            if (totalHidden == totalForced || total == null) {
                return out;
            }
            totalForced = true;
        }
    }

    private static long workers(Row r) {
        return r.isNullAt(r.fieldIndex(GoldIndicatorValue.WORKERS)) ? 0L : r.<Long>getAs(GoldIndicatorValue.WORKERS);
    }
}
