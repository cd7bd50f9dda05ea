package org.hrdd.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The full log of one run, written to {@code <lakehouse>/_logs/<run id>.log} (local lakehouses) or to the
 * temp folder (remote ones). The console stays quiet; the log has everything, including stack traces.
 */
public final class RunLog {

    private static final String APPENDER = "hrdd-run";
    private static volatile Path current;

    private RunLog() {}

    /** Starts logging this process's run to a file; returns the file. */
    public static synchronized Path start(String lakehouseRoot, String runId) {
        Path dir = dir(lakehouseRoot);
        return attach(dir.resolve(runId + ".log"));
    }

    /** The current run's log file, or a fresh one in the temp folder when no run has started. */
    public static synchronized Path currentOrFallback(String label) {
        if (current != null) {
            return current;
        }
        return attach(Path.of(
                System.getProperty("java.io.tmpdir"),
                "hrdd-logs",
                label + "-" + ProcessHandle.current().pid() + ".log"));
    }

    private static Path attach(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log folder " + file.getParent(), e);
        }
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        if (cfg.getAppender(APPENDER) != null) {
            cfg.getRootLogger().removeAppender(APPENDER);
            cfg.getLoggerConfig("org.hrdd").removeAppender(APPENDER);
            cfg.getAppender(APPENDER).stop();
        }
        FileAppender appender = FileAppender.newBuilder()
                .setName(APPENDER)
                .withFileName(file.toString())
                .withAppend(true)
                .setLayout(PatternLayout.newBuilder()
                        .withPattern("%d{ISO8601} %-5p [%t] %c{1.} - %m%n%ex")
                        .build())
                .setConfiguration(cfg)
                .build();
        appender.start();
        cfg.addAppender(appender);
        cfg.getRootLogger().addAppender(appender, Level.ALL, null);
        cfg.getLoggerConfig("org.hrdd").addAppender(appender, Level.ALL, null);
        ctx.updateLoggers();
        current = file;
        return file;
    }

    /** The folder a lakehouse's run logs go to: {@code <lakehouse>/_logs} when local, else the temp folder's. */
    public static Path dir(String lakehouseRoot) {
        return isLocal(lakehouseRoot)
                ? Path.of(stripFileScheme(lakehouseRoot), "_logs")
                : Path.of(System.getProperty("java.io.tmpdir"), "hrdd-logs");
    }

    static boolean isLocal(String root) {
        return !root.contains("://") || root.startsWith("file:");
    }

    static String stripFileScheme(String root) {
        return root.startsWith("file://")
                ? root.substring("file://".length())
                : root.startsWith("file:") ? root.substring("file:".length()) : root;
    }
}
