package org.hrdd.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/**
 * {@code --run-date} of the commands that record a run. The run date is the one clock a step reads: it is recorded
 * with the run, and refine judges dates by it (after it: FUTURE_DATE; CAPs due before it: overdue).
 */
final class RunDateOption {

    @Option(
            names = "--run-date",
            paramLabel = "YYYY-MM-DD",
            description = "Run date recorded with the run (default: today); refine judges dates by it (after it: "
                    + "FUTURE_DATE; CAPs due before it: overdue).")
    LocalDate runDate;

    boolean given() {
        return runDate != null;
    }

    /** The given date, else today: the only place the CLI reads the clock for a run. */
    LocalDate orToday() {
        return runDate != null ? runDate : LocalDate.now();
    }
}
