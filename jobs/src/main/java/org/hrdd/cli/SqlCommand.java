package org.hrdd.cli;

import picocli.CommandLine.Command;

/** Placeholder until the sql command lands in this branch. */
@Command(name = "sql", mixinStandardHelpOptions = true, description = "(not yet available)")
final class SqlCommand extends HrddCommand {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("hrdd sql is not built yet");
    }
}
