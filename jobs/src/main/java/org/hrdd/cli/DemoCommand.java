package org.hrdd.cli;

import picocli.CommandLine.Command;

/** Placeholder until the demo command lands in this branch. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "(not yet available)")
final class DemoCommand extends HrddCommand {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("hrdd demo is not built yet");
    }
}
