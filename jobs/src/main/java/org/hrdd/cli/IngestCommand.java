package org.hrdd.cli;

import picocli.CommandLine.Command;

/** Placeholder until the ingest command lands in this branch. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "(not yet available)")
final class IngestCommand extends HrddCommand {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("hrdd ingest is not built yet");
    }
}
