package org.hrdd.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigLoader;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.run.RunIds;
import org.hrdd.run.RunLog;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every subcommand: global options, configuration with CLI overrides, run context and console. */
abstract class HrddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    Hrdd root() {
        return (Hrdd) spec.root().userObject();
    }

    /** application.yaml with --lakehouse, --master and --spark-conf applied. */
    AppConfig config() {
        Hrdd r = root();
        AppConfig cfg = ConfigLoader.load(r.confDir());
        cfg = cfg.withLakehouse(absolute(r.lakehouse != null ? r.lakehouse : cfg.lakehouse()));
        if (r.master != null || !r.sparkConf.isEmpty()) {
            var settings = new java.util.LinkedHashMap<>(cfg.spark().settings());
            settings.putAll(r.sparkConf);
            cfg = cfg.withSpark(new AppConfig.SparkSettings(
                    r.master != null ? r.master : cfg.spark().master(), settings));
        }
        return cfg;
    }

    /** A local lakehouse path resolves against the working directory; URIs (s3a://, abfss://, file:) stay as given. */
    static String absolute(String lakehouse) {
        if (lakehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !lakehouse.matches("^[a-zA-Z]:[\\\\/].*")) {
            return lakehouse;
        }
        return java.nio.file.Path.of(lakehouse).toAbsolutePath().normalize().toString();
    }

    /** Starts a run: id, log file under the lakehouse, context handed to the jobs. */
    RunContext startRun(AppConfig cfg, LocalDate runDate) {
        return startRun(cfg, runDate, spec.name());
    }

    /** The lakehouse lock this command took (see {@link #startRun}), released when the command ends. */
    private org.hrdd.pipeline.LakehouseLock lock;

    /**
     * A run of the named step (a command like demo runs several steps, each its own run). A run writes the lakehouse:
     * the command takes its lock first (once; re-entrant under {@code hrdd run}), refused while another writer holds it.
     */
    RunContext startRun(AppConfig cfg, LocalDate runDate, String step) {
        String runId = RunIds.next(runDate, ZonedDateTime.now());
        if (lock == null) {
            CommandLine.Model.OptionSpec breakLock = spec.findOption("--break-lock");
            lock = org.hrdd.pipeline.LakehouseLock.acquire(
                    cfg.lakehouse(),
                    runId,
                    java.time.Instant.now(),
                    breakLock != null && Boolean.TRUE.equals(breakLock.getValue()));
        }
        RunLog.start(cfg.lakehouse(), runId);
        List<String> args = spec.commandLine().getParseResult() == null
                ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        return new RunContext(runId, step, args, runDate, cfg, Hrdd.codeVersion());
    }

    /**
     * Refuses to start a multi-step command whose refine step would refuse the pseudonym key (missing, unreadable or
     * too short): better before a long ingest than after it.
     */
    static void requirePseudonymKey(AppConfig cfg) {
        org.hrdd.refine.Pseudonymiser.fromEnvironment(
                System.getenv(), cfg.privacy().pseudonymKeyFile());
    }

    /** Releases the lakehouse lock if this command took it; called when the command ends, however it ends. */
    void releaseLakehouse() {
        if (lock != null) {
            try {
                lock.close();
            } finally {
                lock = null;
            }
        }
    }

    /** Where a command prints its results (picocli's writer, so tests can capture it). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Progress progress() {
        return Progress.forConsole(System.err);
    }
}
