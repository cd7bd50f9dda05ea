package org.hrdd.cli;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
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
import org.hrdd.run.RunHistory;
import org.hrdd.run.TableComparison;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.score.RiskScoring;
import org.hrdd.score.ScoreJob;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.SparkSessions;
import org.hrdd.time.Periods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hrdd reproduce RUN_ID}: recompute a recorded run from the Delta versions it read and compare. */
@Command(
        name = "reproduce",
        header = "Re-run a recorded analyse or score run and compare what it wrote.",
        mixinStandardHelpOptions = true,
        description = {
            "Re-run a recorded analyse or score run from the Delta versions it read (ops.runs) and report whether",
            "every gold table it wrote is identical to what it wrote then (compared as of the versions it wrote, for",
            "the periods it wrote). Writes nothing. Exit code 0 when identical, 1 when not."
        })
final class ReproduceCommand extends HrddCommand {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "Run id as printed by the run and kept in ops.runs.")
    String runId;

    @Override
    public Integer call() {
        AppConfig cfg = config();
        SparkSession spark = SparkSessions.create(cfg, "hrdd reproduce");
        Lakehouse lh = new Lakehouse(cfg.lakehouse());
        RunHistory.Recorded run = RunHistory.find(spark, lh, runId);
        List<TableComparison.Outcome> outcomes;
        if ("analyse".equals(run.command())) {
            outcomes = reproduceAnalyse(spark, lh, org.hrdd.analyse.AnalyseJob.Config.of(cfg), run);
        } else {
            ScoreJob.Config jobConfig = ScoreJob.Config.of(cfg);
            outcomes = reproduceScore(spark, lh, jobConfig, ScoreCommand.recordedScoreRun(spark, lh, runId, jobConfig));
        }
        out().printf(
                        Locale.ROOT,
                        "run %s (%s %s)%s:%n",
                        run.runId(),
                        run.command(),
                        String.join(" ", run.args()),
                        run.modelVersion() == null ? "" : ", model " + run.modelVersion());
        boolean identical = true;
        for (TableComparison.Outcome o : outcomes) {
            identical &= o.identical();
            out().printf(
                            Locale.ROOT,
                            "  %-18s %s: %,d rows then, %,d now, %,d only then, %,d only now%n",
                            o.table(),
                            o.identical() ? "identical" : "DIFFERENT",
                            o.recordedRows(),
                            o.recomputedRows(),
                            o.onlyRecorded(),
                            o.onlyRecomputed());
        }
        out().println(identical ? "reproduced: every table identical" : "NOT reproduced");
        out().flush();
        return identical ? Hrdd.OK : Hrdd.ERROR;
    }

    static List<TableComparison.Outcome> reproduceScore(
            SparkSession spark, Lakehouse lh, ScoreJob.Config config, RunHistory.Recorded run) {
        Periods.Period period = Periods.parse(argument(run.args(), "--period"), config.granularity());
        boolean all = run.args().contains("--all-periods");
        ScoreJob job = new ScoreJob(config, Progress.silent());
        Map<String, Dataset<Row>> inputs = ScoreJob.read(spark, lh, run.versionsRead(), new LinkedHashMap<>());
        try (ScoreJob.Scores scores = job.compute(inputs, period, RiskScoring.Mode.FULL)) {
            return compare(spark, lh, config, run, scores, all ? scores.periods() : List.of(period.label()));
        }
    }

    /** Recomputes a recorded analyse run from the silver versions it read and compares its four gold tables. */
    static List<TableComparison.Outcome> reproduceAnalyse(
            SparkSession spark, Lakehouse lh, org.hrdd.analyse.AnalyseJob.Config config, RunHistory.Recorded run) {
        if (!"analyse".equals(run.command())) {
            throw new ConfigException("run " + run.runId() + " is a " + run.command() + " run, not an analyse run");
        }
        org.hrdd.analyse.AnalyseJob job = new org.hrdd.analyse.AnalyseJob(config, Progress.silent());
        Map<String, Dataset<Row>> silver =
                org.hrdd.analyse.AnalyseJob.read(spark, lh, run.versionsRead(), new LinkedHashMap<>());
        List<TableComparison.Outcome> out = new ArrayList<>();
        try (org.hrdd.analyse.AnalyseJob.Computed c = job.compute(
                spark, silver, argument(run.args(), "--period"), run.args().contains("--all-periods"))) {
            for (Map.Entry<String, Dataset<Row>> e : c.tables().entrySet()) {
                Long version = run.versionsWritten().get(e.getKey());
                if (version == null) {
                    throw new ConfigException("run " + run.runId() + " recorded no version written for " + e.getKey());
                }
                List<String> columns = config.contracts().get(e.getKey()).columnNames().stream()
                        .filter(name -> !name.equals(Lineage.RUN_ID))
                        .toList();
                Dataset<Row> then = spark.read()
                        .format("delta")
                        .option("versionAsOf", version)
                        .load(lh.tablePath(e.getKey()))
                        .filter(col(org.hrdd.analyse.AnalysisPeriods.PERIOD)
                                .isin(c.written().toArray()));
                out.add(TableComparison.compare(e.getKey(), then, e.getValue(), columns));
            }
        }
        return out;
    }

    private static List<TableComparison.Outcome> compare(
            SparkSession spark,
            Lakehouse lh,
            ScoreJob.Config config,
            RunHistory.Recorded run,
            ScoreJob.Scores scores,
            List<String> written) {
        List<TableComparison.Outcome> out = new ArrayList<>();
        Map<String, Dataset<Row>> recomputed = Map.of(
                org.hrdd.schemas.Columns.GoldRiskTheme.TABLE, scores.themes(), GoldRiskScore.TABLE, scores.scores());
        for (String table : List.of(GoldRiskScore.TABLE, org.hrdd.schemas.Columns.GoldRiskTheme.TABLE)) {
            Long version = run.versionsWritten().get(table);
            if (version == null) {
                throw new ConfigException("run " + run.runId() + " recorded no version written for " + table);
            }
            Contract contract = config.contracts().get(table);
            List<String> columns = contract.columnNames().stream()
                    .filter(c -> !c.equals(Lineage.RUN_ID))
                    .toList();
            Dataset<Row> then = spark.read()
                    .format("delta")
                    .option("versionAsOf", version)
                    .load(lh.tablePath(table))
                    .filter(col(GoldRiskScore.PERIOD)
                            .isin(written.toArray())
                            .and(col(GoldRiskScore.MODEL_VERSION).equalTo(run.modelVersion())));
            Dataset<Row> now =
                    recomputed.get(table).filter(col(GoldRiskScore.PERIOD).isin(written.toArray()));
            out.add(TableComparison.compare(table, then, now, columns));
        }
        return out;
    }

    /** The value of {@code --name V} or {@code --name=V} in a recorded command line. */
    static String argument(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (args.get(i).startsWith(name + "=")) {
                return args.get(i).substring(name.length() + 1);
            }
        }
        throw new ConfigException("the recorded command line has no " + name + ": " + args);
    }
}
