package org.hrdd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.pipeline.AirflowDag;
import org.hrdd.pipeline.PipelineSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd pipeline}: the pipeline spec's generated artefacts. */
@Command(
        name = "pipeline",
        header = "The pipeline spec: generate the Airflow DAG.",
        mixinStandardHelpOptions = true,
        description = "The pipeline spec: generate the Airflow DAG.",
        subcommands = {PipelineCommand.Dag.class})
final class PipelineCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "a subcommand is required: dag");
    }

    @Command(
            name = "dag",
            header = "Generate the Airflow DAG from pipelines/pipeline.yaml.",
            mixinStandardHelpOptions = true,
            description = {
                "Generate the Apache Airflow 2.x DAG (one SparkSubmitOperator per step, the cluster jar, the",
                "period from the data interval) from pipelines/pipeline.yaml into pipelines/airflow/hrdd_pipeline.py.",
                "--check: exit 1 when the file differs from what the spec generates."
            })
    static final class Dag extends HrddCommand {

        @Option(
                names = "--out",
                paramLabel = "FILE",
                description = "Output file (default: next to the spec, airflow/hrdd_pipeline.py).")
        Path out;

        @Option(names = "--check", description = "Compare instead of writing.")
        boolean check;

        @Override
        public Integer call() {
            AppConfig cfg = config();
            Path specFile = cfg.pipelineSpec();
            String dag = AirflowDag.render(PipelineSpec.load(specFile), javaOptions());
            Path file = out != null ? out : specFile.resolveSibling(AirflowDag.FILE);
            try {
                if (check) {
                    boolean same = Files.exists(file)
                            && Files.readString(file, StandardCharsets.UTF_8).equals(dag);
                    out().println(
                                    same
                                            ? file + " is up to date"
                                            : file + " differs from the spec: run hrdd pipeline dag");
                    out().flush();
                    return same ? Hrdd.OK : Hrdd.ERROR;
                }
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, dag, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            out().println("wrote " + file);
            out().flush();
            return Hrdd.OK;
        }
    }

    /** The module openings Spark needs on Java 17 (the launcher's list), for the submitted driver and executors. */
    static List<String> javaOptions() {
        try (var in = PipelineCommand.class.getResourceAsStream("/hrdd/java-options.txt")) {
            if (in == null) {
                throw new ConfigException("the build did not package hrdd/java-options.txt");
            }
            return List.of(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
