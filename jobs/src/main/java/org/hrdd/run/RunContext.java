package org.hrdd.run;

import java.time.LocalDate;
import java.util.List;
import org.hrdd.config.AppConfig;
import org.hrdd.spark.Lakehouse;

/**
 * Everything a job needs to know about the run it is part of. Logic takes the run date from here,
 * never from the wall clock.
 */
public record RunContext(
        String runId, String command, List<String> args, LocalDate runDate, AppConfig config, String codeVersion) {

    public RunContext {
        args = List.copyOf(args);
    }

    public Lakehouse lakehouse() {
        return new Lakehouse(config.lakehouse());
    }
}
