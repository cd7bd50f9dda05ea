package org.hrdd.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrdd.config.ConfigException;

/**
 * Runs a {@link PipelineSpec} in-process, step by step in dependency order, each step an hrdd subcommand (which records
 * itself in ops.runs). The pipeline run's state — parameters and each step's status — is written after every step to
 * {@code <lakehouse>/_pipeline/runs/<run-id>.json} (atomically), so {@code --resume RUN_ID} continues with the first
 * step that did not succeed, with the recorded parameters. A run stops at the first failure (retries are the
 * scheduler's job: the spec's retry policy goes into the Airflow DAG).
 */
public final class PipelineRunner {

    /** Runs {@code hrdd <args>} and returns its exit code. */
    @FunctionalInterface
    public interface Executor {
        int run(List<String> args);
    }

    public enum Status {
        PENDING,
        SUCCEEDED,
        FAILED
    }

    /** One step's outcome in this run. */
    public record StepOutcome(String id, Status status, Integer exitCode, boolean resumed) {}

    public record Result(String runId, Map<String, String> parameters, List<StepOutcome> steps) {
        public boolean succeeded() {
            return steps.stream().allMatch(s -> s.status() == Status.SUCCEEDED);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PipelineSpec spec;
    private final Path lakehouse;
    private final Executor executor;
    private final String failAtStep;
    private final Clock clock;

    /**
     * @param failAtStep testing only: the step that fails when it starts (config {@code pipeline.fail_at_step}), or null
     * @param clock      when the lock says the run started (the caller's clock; not used for any decision)
     */
    public PipelineRunner(PipelineSpec spec, Path lakehouse, Executor executor, String failAtStep, Clock clock) {
        this.spec = spec;
        this.lakehouse = lakehouse;
        this.executor = executor;
        this.failAtStep = failAtStep;
        this.clock = clock;
        if (failAtStep != null) {
            spec.step(failAtStep);
        }
    }

    public static Path stateFile(Path lakehouse, String runId) {
        return lakehouse.resolve("_pipeline").resolve("runs").resolve(runId + ".json");
    }

    /** A new run with the given parameters (every declared parameter must have a value). */
    public Result start(String runId, Map<String, String> parameters, boolean breakLock) {
        for (String p : spec.parameters()) {
            if (parameters.get(p) == null) {
                throw new ConfigException("pipeline " + spec.name() + " needs a value for " + p);
            }
        }
        if (Files.exists(stateFile(lakehouse, runId))) {
            throw new ConfigException("pipeline run " + runId + " exists already; use --resume " + runId);
        }
        Map<String, Status> status = new LinkedHashMap<>();
        spec.order().forEach(s -> status.put(s.id(), Status.PENDING));
        return execute(runId, new LinkedHashMap<>(parameters), status, breakLock);
    }

    /** Continues a recorded run from its first step that did not succeed, with its recorded parameters. */
    public Result resume(String runId, boolean breakLock) {
        Path f = stateFile(lakehouse, runId);
        if (!Files.exists(f)) {
            throw new ConfigException("no pipeline run " + runId + " in " + lakehouse + " (" + f + " does not exist)");
        }
        JsonNode state;
        try {
            state = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        if (!spec.name().equals(state.path("pipeline").asText())) {
            throw new ConfigException(
                    "run " + runId + " is of pipeline " + state.path("pipeline").asText() + ", not " + spec.name());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        state.path("parameters")
                .fields()
                .forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        Map<String, Status> status = new LinkedHashMap<>();
        spec.order().forEach(s -> status.put(s.id(), Status.PENDING));
        for (JsonNode s : state.path("steps")) {
            if (status.containsKey(s.path("id").asText())
                    && Status.SUCCEEDED.name().equals(s.path("status").asText())) {
                status.put(s.path("id").asText(), Status.SUCCEEDED);
            }
        }
        return execute(runId, parameters, status, breakLock);
    }

    private Result execute(
            String runId, Map<String, String> parameters, Map<String, Status> status, boolean breakLock) {
        List<StepOutcome> outcomes = new ArrayList<>();
        Map<String, Integer> codes = new LinkedHashMap<>();
        try (LakehouseLock lock = LakehouseLock.acquire(lakehouse, runId, clock.instant(), breakLock)) {
            write(runId, parameters, status, codes);
            boolean failed = false;
            for (PipelineSpec.Step s : spec.order()) {
                if (status.get(s.id()) == Status.SUCCEEDED) {
                    outcomes.add(new StepOutcome(s.id(), Status.SUCCEEDED, null, true));
                    continue;
                }
                if (failed) {
                    outcomes.add(new StepOutcome(s.id(), Status.PENDING, null, false));
                    continue;
                }
                int code = s.id().equals(failAtStep)
                        ? INJECTED_FAILURE
                        : lock.lend(() -> executor.run(s.resolve(parameters)));
                codes.put(s.id(), code);
                Status st = code == 0 ? Status.SUCCEEDED : Status.FAILED;
                status.put(s.id(), st);
                outcomes.add(new StepOutcome(s.id(), st, code, false));
                write(runId, parameters, status, codes);
                failed = st == Status.FAILED;
            }
        }
        return new Result(runId, parameters, outcomes);
    }

    /** Exit code of a step failed on purpose by {@code pipeline.fail_at_step}. */
    public static final int INJECTED_FAILURE = 70;

    private void write(
            String runId, Map<String, String> parameters, Map<String, Status> status, Map<String, Integer> codes) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run_id", runId);
        o.put("pipeline", spec.name());
        ObjectNode p = o.putObject("parameters");
        parameters.forEach(p::put);
        ArrayNode steps = o.putArray("steps");
        status.forEach((id, st) -> {
            ObjectNode s = steps.addObject().put("id", id).put("status", st.name());
            if (codes.containsKey(id)) {
                s.put("exit_code", codes.get(id));
            }
        });
        Path f = stateFile(lakehouse, runId);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), o);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pipeline state " + f, e);
        }
    }
}
