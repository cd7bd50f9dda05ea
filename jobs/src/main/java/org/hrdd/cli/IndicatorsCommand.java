package org.hrdd.cli;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.indicators.IndicatorsJob;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.spark.SparkSessions;
import picocli.CommandLine.Command;

/** {@code hrdd indicators}: the indicator catalogue computed for a period, with disclosure control. */
@Command(
        name = "indicators",
        header = "Compute the CSDDD / ESRS S2 indicators with small-cell suppression.",
        mixinStandardHelpOptions = true,
        description = {
            "Compute the indicators of conf/indicators.yaml (CSDDD, ESRS S2, LkSG, UNGP 31) for a period, for",
            "the company and for each brand (only the facilities linked to it in the period), with their breakdowns,",
            "and write gold.indicator_value. Cells resting on fewer than privacy.k_threshold workers are suppressed,",
            "whatever their unit, with complementary suppression. Also writes gold.watchlist (conf/watchlist.yaml):",
            "what needs attention now. Needs hrdd analyse and hrdd score for the period."
        })
final class IndicatorsCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    LockOption lockOption = new LockOption();

    @picocli.CommandLine.Mixin
    PeriodOption period = new PeriodOption();

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Override
    public Integer call() {
        String period = this.period.required();
        AppConfig cfg = config();
        IndicatorsJob.Config jobConfig = IndicatorsJob.Config.of(cfg);
        RunContext ctx = startRun(cfg, runDate.orToday());
        SparkSession spark = SparkSessions.create(cfg, "hrdd indicators");
        IndicatorsJob.Result r = indicators(spark, ctx, jobConfig, period, progress());
        print(out(), r, jobConfig);
        out().println("run " + ctx.runId());
        out().flush();
        return Hrdd.OK;
    }

    static void print(java.io.PrintWriter o, IndicatorsJob.Result r, IndicatorsJob.Config jobConfig) {
        if (r.upToDate()) {
            o.printf(
                    Locale.ROOT,
                    "gold.indicator_value, gold.watchlist, %s: up to date (inputs, period, configuration and"
                            + " code as the last indicators run had them); nothing written%n",
                    r.period());
            return;
        }
        o.printf(
                Locale.ROOT,
                "gold.indicator_value, %s: %,d values of %d indicators, %,d suppressed (k = %d)%n",
                r.period(),
                r.rows(),
                jobConfig.catalogue().indicators().size(),
                r.suppressed(),
                jobConfig.k());
        o.printf(
                Locale.ROOT,
                "gold.watchlist, %s: %,d items for the company and the brands (hrdd watchlist --period %s)%n",
                r.period(),
                r.watchlistItems(),
                r.period());
    }

    static IndicatorsJob.Result indicators(
            SparkSession spark, RunContext ctx, IndicatorsJob.Config config, String period, Progress progress) {
        return RunRecords.run(
                spark,
                ctx,
                () -> new IndicatorsJob(config, progress).run(spark, ctx, period),
                r -> RunRecords.Outcome.succeeded(
                        r.upToDate()
                                ? Map.of()
                                : Map.of(
                                        org.hrdd.schemas.Columns.GoldIndicatorValue.TABLE,
                                        r.rows(),
                                        org.hrdd.schemas.Columns.GoldWatchlist.TABLE,
                                        r.watchlistItems()),
                        r.versionsRead(),
                        r.versionsWritten(),
                        "indicators " + r.period() + (r.upToDate() ? ": up to date, nothing written" : "")));
    }
}
