package org.hrdd.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Progress of a long command: on a terminal one status line that updates in place (stage, rows, rows/s,
 * elapsed); otherwise, and always in the run log, one plain line per finished stage.
 */
public final class Progress {

    private static final Logger LOG = LogManager.getLogger(Progress.class);

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private String stage = "";
    private long stageStart = System.nanoTime();

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Terminal detection: an interactive console and not CI. */
    public static Progress forConsole(PrintStream out) {
        boolean tty = System.console() != null && System.getenv("CI") == null;
        return new Progress(out, tty);
    }

    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    public synchronized void stage(String name) {
        stage = name;
        stageStart = System.nanoTime();
        LOG.info("stage {} started", name);
        if (terminal) {
            out.print("\r\033[K" + name + " ...");
            out.flush();
        }
    }

    /** Updates the status line (terminal only); rows done so far in the current stage. */
    public synchronized void update(long rows) {
        if (terminal) {
            out.print("\r\033[K" + line(stage, rows, System.nanoTime() - stageStart));
            out.flush();
        }
    }

    /** Ends the current stage with its row count. */
    public synchronized void done(long rows) {
        finished(stage, rows, System.nanoTime() - stageStart);
    }

    /**
     * A line for finished work with its name, rows and own duration: the current stage's ({@link #done}), or work that
     * ran beside other work. Leaves the current stage as it is.
     */
    public synchronized void finished(String name, long rows, long nanos) {
        String line = line(name, rows, nanos);
        LOG.info(line);
        out.print((terminal ? "\r\033[K" : "") + line + System.lineSeparator());
        out.flush();
    }

    public synchronized void message(String text) {
        LOG.info(text);
        out.print((terminal ? "\r\033[K" : "") + text + System.lineSeparator());
        out.flush();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String line(String stage, long rows, long nanos) {
        double s = nanos / 1e9;
        double rate = s > 0 ? rows / s : 0;
        return String.format(Locale.ROOT, "%-34s %,12d rows %,10.0f rows/s %8.1f s", stage, rows, rate, s);
    }
}
