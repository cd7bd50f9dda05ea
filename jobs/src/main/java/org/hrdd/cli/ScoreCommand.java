package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.run.RunHistory;
import org.hrdd.score.ScoreEvaluation;
import org.hrdd.score.ScoreJob;
import org.hrdd.spark.SparkSessions;
import org.hrdd.time.Periods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd score}: corroboration gold → supplier risk scores. */
@Command(
        name = "score",
        header = "Score facility and supplier risk (CSDDD Art. 9: severity x likelihood).",
        mixinStandardHelpOptions = true,
        description = {
            "Score supplier risk (CSDDD Art. 9: severity x likelihood) per facility and supplier and write",
            "gold.risk_score (score 0-100, tier, confidence, trend, top drivers) and gold.risk_theme (the",
            "decomposition by theme and evidence type). Model: conf/risk-model.yaml (versioned) and conf/priors/.",
            "Needs hrdd analyse for the period (best with --all-periods, for the history and the trend)."
        })
final class ScoreCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    LockOption lockOption = new LockOption();

    @picocli.CommandLine.Mixin
    PeriodOption period = new PeriodOption();

    @Option(names = "--all-periods", description = "Write every analysed period up to --period, not only --period.")
    boolean allPeriods;

    @Option(
            names = "--as-of",
            paramLabel = "RUN_ID",
            description =
                    "Read the inputs at the Delta versions a recorded score run read: reproduces that run's scores.")
    String asOf;

    @Option(
            names = "--evaluate",
            description = "After the run, compare the model and two baselines (audit only, "
                    + "inherent prior only) with a synthetic world's facility truth (needs --truth).")
    boolean evaluate;

    @Option(names = "--truth", paramLabel = "DIR", description = "The truth/ folder of hrdd generate, for --evaluate.")
    Path truth;

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Override
    public Integer call() {
        String period = this.period.required();
        if (evaluate && truth == null) {
            throw new ConfigException("--evaluate needs --truth DIR (the truth/ folder of hrdd generate)");
        }
        AppConfig cfg = config();
        ScoreJob.Config jobConfig = ScoreJob.Config.of(cfg);
        RunContext ctx = startRun(cfg, runDate.orToday());
        SparkSession spark = SparkSessions.create(cfg, "hrdd score");
        Map<String, Long> versions = null;
        if (asOf != null) {
            versions = recordedScoreRun(spark, ctx.lakehouse(), asOf, jobConfig).versionsRead();
        }
        ScoreJob.Result r = score(spark, ctx, jobConfig, period, allPeriods, versions, progress());
        print(out(), r);
        if (evaluate) {
            ScoreJob job = new ScoreJob(jobConfig, Progress.silent());
            Map<String, Dataset<Row>> inputs =
                    ScoreJob.read(spark, ctx.lakehouse(), r.versionsRead(), new LinkedHashMap<>());
            ScoreEvaluation.evaluate(
                            spark,
                            job,
                            inputs,
                            Periods.parse(period, cfg.period().granularity()),
                            truth)
                    .print(out());
        }
        out().println("run " + ctx.runId());
        out().flush();
        return Hrdd.OK;
    }

    /**
     * A recorded successful score run, scored with the model version configured now (another version's scores can
     * only be reproduced with that version's configuration): for {@code --as-of} and {@code hrdd reproduce}.
     */
    static RunHistory.Recorded recordedScoreRun(
            SparkSession spark, org.hrdd.spark.Lakehouse lh, String runId, ScoreJob.Config config) {
        RunHistory.Recorded run = RunHistory.find(spark, lh, runId);
        if (!"score".equals(run.command())) {
            throw new ConfigException("run " + runId + " is a " + run.command() + " run, not a score run");
        }
        if (run.modelVersion() != null
                && !run.modelVersion().equals(config.model().version())) {
            throw new ConfigException("run " + runId + " scored with model " + run.modelVersion()
                    + ", " + config.modelFile() + " is " + config.model().version()
                    + ": check out the configuration of that version to reproduce it");
        }
        return run;
    }

    static ScoreJob.Result score(
            SparkSession spark,
            RunContext ctx,
            ScoreJob.Config config,
            String period,
            boolean allPeriods,
            Map<String, Long> asOf,
            Progress progress) {
        return RunRecords.run(
                spark,
                ctx,
                () -> new ScoreJob(config, progress).run(spark, ctx, period, allPeriods, asOf),
                r -> RunRecords.Outcome.succeeded(
                                r.rowCounts(),
                                r.versionsRead(),
                                r.versionsWritten(),
                                r.upToDate()
                                        ? "up to date with model " + r.modelVersion() + ": nothing written"
                                        : "scored " + String.join(", ", r.periodsWritten()) + " with model "
                                                + r.modelVersion())
                        .withModelVersion(r.modelVersion()));
    }

    static void print(PrintWriter o, ScoreJob.Result r) {
        if (r.upToDate()) {
            o.printf(
                    Locale.ROOT,
                    "gold.risk_score, %s, model %s: up to date (inputs, request, model and code as the last"
                            + " score had them); nothing written%n",
                    r.period(),
                    r.modelVersion());
            return;
        }
        o.printf(
                Locale.ROOT,
                "gold.risk_score, %s, model %s (%d periods written)%n",
                r.period(),
                r.modelVersion(),
                r.periodsWritten().size());
        long total = r.tierCounts().values().stream().mapToLong(Long::longValue).sum();
        for (String tier : List.of("critical", "high", "medium", "low")) {
            long n = r.tierCounts().getOrDefault(tier, 0L);
            o.printf(Locale.ROOT, "  %-9s %,7d facilities  %5.1f %%%n", tier, n, total == 0 ? 0.0 : 100.0 * n / total);
        }
    }
}
