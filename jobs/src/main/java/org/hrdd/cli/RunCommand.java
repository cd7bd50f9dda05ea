package org.hrdd.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrdd.config.AppConfig;
import org.hrdd.pipeline.PipelineRunner;
import org.hrdd.pipeline.PipelineSpec;
import org.hrdd.run.RunIds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd run}: the whole pipeline of pipelines/pipeline.yaml in-process, resumable, one run per lakehouse. */
@Command(
        name = "run",
        header = "Run every step of the pipeline in dependency order.",
        mixinStandardHelpOptions = true,
        description = {
            "Run the pipeline of pipelines/pipeline.yaml (ingest, refine, analyse, score, indicators, reports,",
            "research export) in dependency order in this process; every step records itself in ops.runs and the",
            "pipeline run's state is kept in LAKEHOUSE/_pipeline/runs/. A failed run stops at the failing step;",
            "--resume RUN_ID continues from it with the recorded parameters. A second concurrent run on the same",
            "lakehouse is refused (lock in LAKEHOUSE/_pipeline/lock)."
        })
final class RunCommand extends HrddCommand {

    @Option(names = "--input", paramLabel = "DIR", description = "Directory of the source exports.")
    String input;

    @picocli.CommandLine.Mixin
    PeriodOption period = new PeriodOption();

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "pipeline-out",
            description = "Where reports and the research extract go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--resume",
            paramLabel = "RUN_ID",
            description = "Continue a failed pipeline run from its failed step.")
    String resume;

    @Option(names = "--break-lock", description = "Remove a lock left by a run that no longer runs, then run.")
    boolean breakLock;

    @Override
    public Integer call() {
        AppConfig cfg = config();
        PipelineSpec pipeline = PipelineSpec.load(cfg.pipelineSpec());
        Path lakehouse = SqlCommand.localPath(cfg.lakehouse());
        PipelineRunner runner = new PipelineRunner(
                pipeline,
                lakehouse,
                args -> step(this, args, cfg.lakehouse()),
                cfg.pipeline().failAtStep(),
                java.time.Clock.systemUTC());
        PipelineRunner.Result r;
        if (resume != null) {
            if (input != null || period.given() || runDate.given()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--resume uses the recorded --input, --period and --run-date; give none of them");
            }
            r = runner.resume(resume, breakLock);
        } else {
            if (input == null || !period.given()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--input and --period are required (or --resume)");
            }
            if (pipeline.order().stream().anyMatch(st -> st.args().get(0).equals("refine"))) {
                requirePseudonymKey(cfg);
            }
            LocalDate date = runDate.orToday();
            Map<String, String> params = new LinkedHashMap<>();
            params.put("input", Path.of(input).toAbsolutePath().normalize().toString());
            params.put("period", period.period);
            params.put("run_date", date.toString());
            params.put("out", out.toAbsolutePath().normalize().toString());
            r = runner.start("p" + RunIds.next(date, ZonedDateTime.now()).substring(1), params, breakLock);
        }
        out().println();
        out().println("pipeline " + pipeline.name() + ", run " + r.runId() + " " + r.parameters() + ":");
        for (PipelineRunner.StepOutcome s : r.steps()) {
            out().printf(
                            "  %-16s %s%s%n",
                            s.id(),
                            s.status().name().toLowerCase(java.util.Locale.ROOT),
                            s.resumed()
                                    ? " (earlier)"
                                    : s.exitCode() != null && s.exitCode() != 0 ? " (exit " + s.exitCode() + ")" : "");
        }
        if (!r.succeeded()) {
            out().println("continue with: ./hrdd run --resume " + r.runId());
        }
        out().flush();
        return r.succeeded() ? Hrdd.OK : Hrdd.ERROR;
    }

    /** One step in this process, with the calling command's global options and console. */
    static int step(HrddCommand caller, List<String> args, String lakehouse) {
        Hrdd r = caller.root();
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--conf", r.confDir().toString(), "--lakehouse", lakehouse));
        if (!Hrdd.WITHOUT_SPARK.contains(args.get(0))) {
            if (r.master != null) {
                all.addAll(List.of("--master", r.master));
            }
            r.sparkConf.forEach((k, v) -> all.addAll(List.of("--spark-conf", k + "=" + v)));
        }
        caller.out().println("== " + String.join(" ", args));
        caller.out().flush();
        CommandLine cli = Hrdd.commandLine();
        cli.setOut(caller.spec.commandLine().getOut());
        cli.setErr(caller.spec.commandLine().getErr());
        return cli.execute(all.toArray(String[]::new));
    }
}
