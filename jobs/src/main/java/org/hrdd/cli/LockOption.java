package org.hrdd.cli;

import picocli.CommandLine.Option;

/** {@code --break-lock} of the commands that write the lakehouse (they take its lock when their run starts). */
final class LockOption {

    @Option(
            names = "--break-lock",
            description = "Remove a lakehouse lock left by a run or command that no longer runs, then go on.")
    boolean breakLock;
}
