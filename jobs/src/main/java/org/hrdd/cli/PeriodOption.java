package org.hrdd.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --period} of the commands that work on one period. Optional to picocli, since a command may do without it in
 * one mode (e.g. {@code analyse --evaluate-only}); a command that needs it asks {@link #required}, which fails as a
 * usage error (exit 2) naming the option.
 */
final class PeriodOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--period",
            paramLabel = "PERIOD",
            description = "Period in the configured granularity (period.granularity), e.g. 2026-Q3.")
    String period;

    boolean given() {
        return period != null;
    }

    /** The period given, or a usage error naming what else would do ({@code orElse}, e.g. "or --resume"). */
    String required(String orElse) {
        if (period == null) {
            throw new ParameterException(
                    mixee.commandLine(),
                    "Missing required option: '--period=PERIOD'" + (orElse == null ? "" : " (" + orElse + ")"));
        }
        return period;
    }

    String required() {
        return required(null);
    }
}
