package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.generate.GenerateResult;
import org.hrdd.ingest.IngestResult;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd demo}: the whole path on the sample world, on the embedded local Spark. */
@Command(
        name = "demo",
        header = "Run the pipeline end to end on the sample synthetic world and write a report.",
        mixinStandardHelpOptions = true,
        description = {
            "Generate the sample synthetic world, ingest and refine it into the lakehouse, analyse the last complete",
            "period before the run date (audits against worker voice), score supplier risk, print what was produced.",
            "Rerunning is safe: the same world is generated again and files already ingested are skipped."
        })
final class DemoCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    LockOption lockOption = new LockOption();

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "demo-data",
            description = "Where the synthetic exports and truth go (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the synthetic world (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = config();
        Progress progress = progress();
        PrintWriter o = out();
        GenerateResult world = GenerateCommand.generate(cfg, "sample", seed, data, null, progress);
        RunContext ctx = startRun(cfg, runDate.orToday(), "ingest");
        SparkSession spark = SparkSessions.create(cfg, "hrdd demo");
        IngestResult ingested = IngestCommand.ingest(spark, ctx, data.resolve("exports"), progress);
        if (!ingested.refused().isEmpty()) {
            throw new ConfigException(IngestCommand.refusals(ingested));
        }
        RunContext refineCtx = startRun(cfg, ctx.runDate(), "refine");
        org.hrdd.refine.RefineResult refined = RefineCommand.refine(spark, refineCtx, DemoKey.ensure(), progress);
        // the last complete period before the run date (the sample world ends with 2026-Q3)
        String period = org.hrdd.time.Periods.of(ctx.runDate(), cfg.period().granularity())
                .previous()
                .label();
        RunContext analyseCtx = startRun(cfg, ctx.runDate(), "analyse");
        org.hrdd.analyse.AnalyseJob.Result analysed = AnalyseCommand.analyse(
                spark, analyseCtx, org.hrdd.analyse.AnalyseJob.Config.of(cfg), period, true, null, progress);
        RunContext scoreCtx = startRun(cfg, ctx.runDate(), "score");
        org.hrdd.score.ScoreJob.Result scored = ScoreCommand.score(
                spark, scoreCtx, org.hrdd.score.ScoreJob.Config.of(cfg), period, true, null, progress);
        RunContext indicatorsCtx = startRun(cfg, ctx.runDate(), "indicators");
        org.hrdd.indicators.IndicatorsJob.Result indicators = IndicatorsCommand.indicators(
                spark, indicatorsCtx, org.hrdd.indicators.IndicatorsJob.Config.of(cfg), period, progress);
        String brand = spark.read()
                .format("delta")
                .load(ctx.lakehouse().tablePath(org.hrdd.schemas.Columns.SilverBrandFacility.TABLE))
                .agg(org.apache.spark.sql.functions.min(org.hrdd.schemas.Columns.SilverBrandFacility.BRAND_ID))
                .first()
                .getString(0);
        progress.message("writing the due-diligence report for brand " + brand);
        org.hrdd.reports.publish.DueDiligenceReport.Output report =
                ReportCommand.generate(cfg, brand, period, ReportCommand.defaultOut(brand, period));

        o.println();
        o.printf(
                Locale.ROOT,
                "synthetic world: %s/exports (%,d worker-voice records), hidden truth in %s/truth%n",
                data,
                world.workerVoiceRecords(),
                data);
        o.printf(Locale.ROOT, "lakehouse:       %s%n", cfg.lakehouse());
        for (Map.Entry<String, IngestResult.TableOutcome> t : ingested.tables().entrySet()) {
            o.printf(
                    Locale.ROOT,
                    "  %-24s %,9d rows landed this run (%d new files, %d skipped)%n",
                    t.getKey(),
                    t.getValue().rows(),
                    t.getValue().newFiles(),
                    t.getValue().skippedFiles());
        }
        o.println();
        RefineCommand.print(o, refined);
        o.println();
        AnalyseCommand.print(o, analysed);
        o.println();
        ScoreCommand.print(o, scored);
        if (indicators.upToDate()) {
            o.printf(
                    Locale.ROOT,
                    "gold.indicator_value, gold.watchlist, %s: up to date (nothing new since the last run)%n",
                    period);
        } else {
            o.printf(
                    Locale.ROOT,
                    "gold.indicator_value, %s: %,d values, %,d withheld (fewer than %d workers)%n",
                    period,
                    indicators.rows(),
                    indicators.suppressed(),
                    cfg.privacy().kThreshold());
            o.printf(
                    Locale.ROOT,
                    "gold.watchlist, %s: %,d items for the company and the brands%n",
                    period,
                    indicators.watchlistItems());
        }
        o.printf(
                Locale.ROOT,
                "runs:            ingest %s, refine %s, analyse %s, score %s, indicators %s (recorded in ops.runs; "
                        + "logs in %s/_logs/)%n",
                ctx.runId(),
                refineCtx.runId(),
                analyseCtx.runId(),
                scoreCtx.runId(),
                indicatorsCtx.runId(),
                cfg.lakehouse());
        o.printf(
                Locale.ROOT,
                "pseudonym key:   %s (the demo's own; real runs set HRDD_PSEUDONYM_KEY)%n",
                DemoKey.file());
        o.println();
        o.println("try:");
        o.println(
                "  ./hrdd sql \"SELECT channel, count(*) AS cases FROM bronze.helpline_case GROUP BY 1 ORDER BY 2 DESC\"");
        o.println(
                "  ./hrdd sql \"SELECT theme, count(DISTINCT worker_pseudonym) AS workers FROM silver.worker_signal GROUP BY 1 ORDER BY 2 DESC\"");
        o.println("  ./hrdd sql \"SELECT reason, count(*) AS n FROM ops.quarantine GROUP BY 1 ORDER BY 2 DESC\"");
        o.println("  ./hrdd sql \"SELECT run_id, command, status, row_counts FROM ops.runs ORDER BY started_at\"");
        o.printf(
                Locale.ROOT,
                "  ./hrdd sql \"SELECT facility_id, theme, shrunk_rate, audits_in_window FROM gold.facility_theme_period "
                        + "WHERE period = '%s' AND corroboration_status = 'WORKER_ONLY' ORDER BY shrunk_rate DESC\"%n",
                period);
        o.printf(
                Locale.ROOT,
                "  ./hrdd sql \"SELECT scheme, theme, cells, kappa, detection_rate, blind_spot_rate FROM gold.scheme_agreement "
                        + "WHERE period = '%s' AND scope = 'history' ORDER BY detection_rate\"%n",
                period);
        o.printf(
                Locale.ROOT,
                "  ./hrdd sql \"SELECT scope_id AS supplier, round(score, 1) AS score, tier, trend, driver_1_theme, "
                        + "driver_1_evidence FROM gold.risk_score WHERE period = '%s' AND scope_type = 'supplier' ORDER BY score DESC "
                        + "LIMIT 10\"%n",
                period);
        o.printf(Locale.ROOT, "  ./hrdd reproduce %s%n", scoreCtx.runId());
        java.util.List<org.apache.spark.sql.Row> blindSpot = spark.read()
                .format("delta")
                .load(analyseCtx.lakehouse().tablePath(org.hrdd.schemas.Columns.GoldFacilityThemePeriod.TABLE))
                .filter(org.apache
                        .spark
                        .sql
                        .functions
                        .col("period")
                        .equalTo(period)
                        .and(org.apache
                                .spark
                                .sql
                                .functions
                                .col("corroboration_status")
                                .equalTo("WORKER_ONLY")))
                .select("facility_id")
                .orderBy("facility_id")
                .limit(1)
                .collectAsList();
        o.printf(
                Locale.ROOT,
                "  ./hrdd explain --facility %s --period %s%n",
                blindSpot.isEmpty() ? "F000001" : blindSpot.get(0).getString(0),
                period);
        o.printf(Locale.ROOT, "  ./hrdd watchlist --period %s --brand %s%n", period, brand);
        o.printf(Locale.ROOT, "  ./hrdd watchlist --evaluate %s/truth%n", data);
        o.printf(Locale.ROOT, "  ./hrdd report --company --period %s%n", period);
        o.printf(Locale.ROOT, "  ./hrdd report --brand <another brand> --period %s%n", period);
        o.println();
        ReportCommand.print(o, brand, period, report);
        o.flush();
        return Hrdd.OK;
    }
}
