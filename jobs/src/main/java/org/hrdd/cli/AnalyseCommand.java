package org.hrdd.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.hrdd.analyse.AnalyseJob;
import org.hrdd.config.AppConfig;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd analyse}: silver → corroboration gold tables. */
@Command(
        name = "analyse",
        header = "Compare worker voice with audits per facility x theme x period (gold corroboration tables).",
        aliases = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Compare worker voice with audits per facility x theme x period and write gold.facility_theme_period:",
            "worker rates with Wilson intervals and empirical-Bayes shrinkage, elevation under false-discovery control,",
            "audit findings in the window, CAPs, and the status CORROBORATED / WORKER_ONLY / AUDIT_ONLY / NO_SIGNAL /",
            "INSUFFICIENT_DATA. Settings: analysis.* in application.yaml and conf/priors/themes.yaml."
        })
final class AnalyseCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    LockOption lockOption = new LockOption();

    @picocli.CommandLine.Mixin
    PeriodOption period = new PeriodOption();

    @Option(names = "--all-periods", description = "Write every period up to --period, not only --period.")
    boolean allPeriods;

    @Option(
            names = "--evaluate",
            paramLabel = "TRUTH_DIR",
            description =
                    "After the run, score gold against a synthetic world's truth folder (hrdd generate's truth/); "
                            + "evaluation only, the analysis never reads it.")
    java.nio.file.Path truth;

    @Option(
            names = "--evaluate-only",
            description = "With --evaluate: score the gold tables already in the lakehouse against "
                    + "the truth without analysing again (every period in gold; no --period, no run recorded), e.g. after a "
                    + "benchmark run of a large tier.")
    boolean evaluateOnly;

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Option(
            names = "--as-of",
            paramLabel = "RUN_ID",
            description =
                    "Read silver at the Delta versions a recorded analyse run read (ops.runs), so the result is the "
                            + "one that run gave, whatever changed since; `hrdd reproduce RUN_ID` compares without writing.")
    String asOf;

    @Override
    public Integer call() {
        AppConfig cfg = config();
        if (evaluateOnly) {
            if (truth == null || asOf != null || allPeriods || period.given() || runDate.given()) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--evaluate-only needs --evaluate TRUTH_DIR and takes none of --period, --all-periods, --as-of, "
                                + "--run-date (it scores every period already in gold and records no run)");
            }
            SparkSession spark = SparkSessions.create(cfg, "hrdd analyse");
            evaluate(spark, new org.hrdd.spark.Lakehouse(cfg.lakehouse()), cfg);
            out().flush();
            return Hrdd.OK;
        }
        String period = this.period.required("or --evaluate-only");
        AnalyseJob.Config jobConfig = AnalyseJob.Config.of(cfg);
        RunContext ctx = startRun(cfg, runDate.orToday());
        SparkSession spark = SparkSessions.create(cfg, "hrdd analyse");
        java.util.Map<String, Long> versions = asOf == null
                ? null
                : recordedAnalyseRun(spark, ctx.lakehouse(), asOf).versionsRead();
        AnalyseJob.Result r = analyse(spark, ctx, jobConfig, period, allPeriods, versions, progress());
        print(out(), r);
        if (truth != null) {
            evaluate(spark, ctx.lakehouse(), cfg);
        }
        out().println("run " + ctx.runId());
        out().flush();
        return Hrdd.OK;
    }

    /** Scores the lakehouse's current corroboration gold tables against the truth folder. */
    private void evaluate(SparkSession spark, org.hrdd.spark.Lakehouse lh, AppConfig cfg) {
        java.util.Map<String, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> gold =
                org.hrdd.spark.DeltaTables.readCurrent(
                        spark,
                        lh,
                        java.util.List.of(
                                org.hrdd.schemas.Columns.GoldFacilityThemePeriod.TABLE,
                                org.hrdd.schemas.Columns.GoldSchemeAgreement.TABLE,
                                org.hrdd.schemas.Columns.GoldRemediationEffectiveness.TABLE),
                        new java.util.LinkedHashMap<>(),
                        "hrdd analyse");
        out().println("evaluation against " + truth + ":");
        org.hrdd.analyse.AnalyseEvaluation.evaluate(
                        spark,
                        gold.get(org.hrdd.schemas.Columns.GoldFacilityThemePeriod.TABLE),
                        gold.get(org.hrdd.schemas.Columns.GoldSchemeAgreement.TABLE),
                        gold.get(org.hrdd.schemas.Columns.GoldRemediationEffectiveness.TABLE),
                        truth,
                        cfg.analysis().minWorkersReached())
                .print(out());
    }

    /** A recorded successful analyse run (for {@code --as-of} and {@code hrdd reproduce}). */
    static org.hrdd.run.RunHistory.Recorded recordedAnalyseRun(
            SparkSession spark, org.hrdd.spark.Lakehouse lh, String runId) {
        org.hrdd.run.RunHistory.Recorded run = org.hrdd.run.RunHistory.find(spark, lh, runId);
        if (!"analyse".equals(run.command())) {
            throw new org.hrdd.config.ConfigException(
                    "run " + runId + " is a " + run.command() + " run, not an analyse run");
        }
        return run;
    }

    static AnalyseJob.Result analyse(
            SparkSession spark,
            RunContext ctx,
            AnalyseJob.Config config,
            String period,
            boolean allPeriods,
            java.util.Map<String, Long> asOf,
            Progress progress) {
        return RunRecords.run(
                spark,
                ctx,
                () -> new AnalyseJob(config, progress).run(spark, ctx, period, allPeriods, asOf),
                r -> RunRecords.Outcome.succeeded(
                        r.rowCounts(),
                        r.versionsRead(),
                        r.versionsWritten(),
                        r.upToDate()
                                ? "nothing to analyse: inputs as the last analysis had them"
                                : "analysed " + String.join(", ", r.periodsWritten()) + "; every period computed: "
                                        + r.reason()));
    }

    static void print(PrintWriter o, AnalyseJob.Result r) {
        if (r.upToDate()) {
            o.printf(
                    Locale.ROOT,
                    "gold.facility_theme_period, %s: up to date (silver, request, configuration and code as "
                            + "the last analysis had them); nothing written%n",
                    r.period());
            return;
        }
        o.printf(
                Locale.ROOT,
                "gold.facility_theme_period, %s (%d periods written)%n",
                r.period(),
                r.periodsWritten().size());
        long total =
                r.statusCounts().values().stream().mapToLong(Long::longValue).sum();
        r.statusCounts()
                .forEach((s, n) -> o.printf(
                        Locale.ROOT, "  %-18s %,9d cells  %5.1f %%%n", s, n, total == 0 ? 0.0 : 100.0 * n / total));
    }
}
