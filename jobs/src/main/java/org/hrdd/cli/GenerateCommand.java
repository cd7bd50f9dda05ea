package org.hrdd.cli;

import picocli.CommandLine.Command;

/** Placeholder until the generate command lands in this branch. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(not yet available)")
final class GenerateCommand extends HrddCommand {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("hrdd generate is not built yet");
    }
}
