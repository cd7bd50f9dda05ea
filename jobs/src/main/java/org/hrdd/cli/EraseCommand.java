package org.hrdd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.refine.EraseJob;
import org.hrdd.refine.ErasureMatch;
import org.hrdd.refine.Pseudonymiser;
import org.hrdd.run.RunContext;
import org.hrdd.run.RunRecord;
import org.hrdd.schemas.Columns.OpsErasureLog;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd erase}: remove one worker from every table, including old Delta files. */
@Command(
        name = "erase",
        header = "Remove one worker from every table and every old Delta file.",
        mixinStandardHelpOptions = true,
        description = {
            "Remove a worker from the lakehouse: their bronze rows, then (by re-running refine) their silver",
            "and quarantine rows and every aggregate built on them; then delete all old table files (no time travel",
            "back to them). ops.erasure_log records the erasure without the identifier or its pseudonym.",
            "Needs the pseudonym key the data was refined with."
        })
final class EraseCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    LockOption lockOption = new LockOption();

    @Option(
            names = "--worker-key",
            paramLabel = "ID",
            required = true,
            description = "The worker's original identifier (phone number, app id or survey respondent key).")
    String workerKey;

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = config();
        Pseudonymiser key =
                Pseudonymiser.fromEnvironment(System.getenv(), cfg.privacy().pseudonymKeyFile());
        LocalDate date = runDate.orToday();
        RunContext ctx = redacted(startRun(cfg, date, "erase"));
        SparkSession spark = SparkSessions.create(cfg, "hrdd erase");
        Instant started = Instant.now();
        ErasureMatch match = ErasureMatch.of(workerKey);
        Map<String, Long> removed = EraseJob.eraseFromBronze(spark, ctx.lakehouse(), key, workerKey);
        // the identifier written anywhere else in bronze (another case's note, a free-text answer) goes before refine,
        // so silver and the quarantine are rebuilt without it; what refine does not rebuild is redacted after it
        Map<String, String> bronze = new java.util.LinkedHashMap<>();
        Map<String, String> rest = new java.util.LinkedHashMap<>();
        for (Contract c : ContractLoader.loadAll().values()) {
            (c.layer().equals("bronze") ? bronze : rest)
                    .put(c.table(), ctx.lakehouse().tablePath(c));
        }
        Map<String, Long> redacted = new java.util.LinkedHashMap<>(EraseJob.redact(spark, bronze, match));
        RefineCommand.refine(spark, redacted(startRun(cfg, date, "refine")), key, progress());
        redacted.putAll(EraseJob.redact(spark, rest, match));
        List<String> vacuumed = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Contract c : ContractLoader.loadAll().values()) {
            String path = ctx.lakehouse().tablePath(c);
            if (DeltaTables.exists(spark, path)) {
                vacuumed.add(c.table());
                paths.add(path);
            }
        }
        EraseJob.vacuum(spark, paths);
        int logs = EraseJob.redactLogs(org.hrdd.run.RunLog.dir(cfg.lakehouse()), match);
        ObjectMapper json = new ObjectMapper();
        Contract log = ContractLoader.loadAll().get(OpsErasureLog.TABLE);
        String logPath = ctx.lakehouse().tablePath(log);
        DeltaTables.append(
                spark,
                logPath,
                spark.createDataFrame(
                        List.of(RowFactory.create(
                                ctx.runId(),
                                Date.valueOf(date),
                                Timestamp.from(Instant.now()),
                                EraseJob.pseudonymDigest(key.pseudonym(workerKey)),
                                json.writeValueAsString(removed),
                                json.writeValueAsString(vacuumed))),
                        ContractSchemas.structType(log)));
        RunRecords.record(
                spark,
                ctx,
                started,
                RunRecord.SUCCEEDED,
                List.of(),
                removed,
                Map.of(),
                Map.of(),
                "erased one worker; vacuumed " + vacuumed.size() + " tables");
        long total = removed.values().stream().mapToLong(Long::longValue).sum();
        out().printf(
                        "erased %d bronze rows of one worker %s; the identifier redacted in %d other rows %s and %d run logs; "
                                + "silver and quarantine rebuilt; %d tables vacuumed%n",
                        total,
                        removed,
                        redacted.values().stream().mapToLong(Long::longValue).sum(),
                        redacted,
                        logs,
                        vacuumed.size());
        out().println("run " + ctx.runId());
        out().flush();
        return Hrdd.OK;
    }

    /** The run's recorded arguments without the worker's identifier. */
    private static RunContext redacted(RunContext ctx) {
        List<String> args = new ArrayList<>(ctx.args());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--worker-key") && i + 1 < args.size()) {
                args.set(i + 1, "<redacted>");
            } else if (args.get(i).startsWith("--worker-key=")) {
                args.set(i, "--worker-key=<redacted>");
            }
        }
        return new RunContext(ctx.runId(), ctx.command(), args, ctx.runDate(), ctx.config(), ctx.codeVersion());
    }
}
