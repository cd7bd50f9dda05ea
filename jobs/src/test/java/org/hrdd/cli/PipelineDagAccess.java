package org.hrdd.cli;

import java.util.List;

/** Test access to the package-private Java options the DAG generator uses. */
public final class PipelineDagAccess {
    private PipelineDagAccess() {}

    public static List<String> javaOptions() {
        return PipelineCommand.javaOptions();
    }
}
