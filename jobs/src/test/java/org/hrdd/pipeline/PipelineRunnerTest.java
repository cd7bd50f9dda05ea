package org.hrdd.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hrdd.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process runner with a recording executor: order, stop at a failure, resume, the lakehouse lock. */
class PipelineRunnerTest {

    static final Map<String, String> PARAMS =
            Map.of("period", "2026-Q3", "input", "/in", "run_date", "2026-10-15", "out", "/out");

    static final java.time.Clock CLOCK =
            java.time.Clock.fixed(java.time.Instant.parse("2026-10-15T06:00:00Z"), java.time.ZoneOffset.UTC);

    @TempDir
    Path lakehouse;

    final List<String> calls = new ArrayList<>();

    PipelineRunner runner(String failAt, String brokenStep) {
        return new PipelineRunner(
                PipelineSpecTest.repoSpec(),
                lakehouse,
                args -> {
                    calls.add(String.join(" ", args));
                    return args.get(0).equals(brokenStep) ? 1 : 0;
                },
                failAt,
                CLOCK);
    }

    @Test
    void runsEveryStepInOrderWithResolvedArguments() {
        PipelineRunner.Result r = runner(null, null).start("p1", PARAMS, false);
        assertThat(r.succeeded()).isTrue();
        assertThat(calls)
                .containsExactly(
                        "ingest --input /in --run-date 2026-10-15",
                        "refine --run-date 2026-10-15",
                        "analyse --period 2026-Q3 --all-periods --run-date 2026-10-15",
                        "score --period 2026-Q3 --run-date 2026-10-15",
                        "indicators --period 2026-Q3 --run-date 2026-10-15",
                        "report --all-brands --period 2026-Q3 --out /out/reports/2026-Q3",
                        "export research --period-from 2026-Q3 --period-to 2026-Q3 --out /out/research/2026-Q3");
        assertThat(LakehouseLock.file(lakehouse)).doesNotExist();
    }

    @Test
    void anInjectedFailureStopsTheRunAndResumeContinuesFromTheFailedStep() {
        PipelineRunner.Result failed = runner("score", null).start("p2", PARAMS, false);
        assertThat(failed.succeeded()).isFalse();
        assertThat(calls).hasSize(3);
        assertThat(failed.steps().stream()
                        .filter(s -> s.status() == PipelineRunner.Status.FAILED)
                        .map(PipelineRunner.StepOutcome::id))
                .containsExactly("score");
        assertThat(failed.steps().get(3).exitCode()).isEqualTo(PipelineRunner.INJECTED_FAILURE);
        assertThat(LakehouseLock.file(lakehouse)).as("released after a failure").doesNotExist();
        calls.clear();
        PipelineRunner.Result resumed = runner(null, null).resume("p2", false);
        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.parameters()).isEqualTo(PARAMS);
        assertThat(calls)
                .containsExactly(
                        "score --period 2026-Q3 --run-date 2026-10-15",
                        "indicators --period 2026-Q3 --run-date 2026-10-15",
                        "report --all-brands --period 2026-Q3 --out /out/reports/2026-Q3",
                        "export research --period-from 2026-Q3 --period-to 2026-Q3 --out /out/research/2026-Q3");
        assertThat(resumed.steps().stream()
                        .filter(PipelineRunner.StepOutcome::resumed)
                        .map(PipelineRunner.StepOutcome::id))
                .containsExactly("ingest", "refine", "analyse");
        assertThatThrownBy(() -> runner(null, null).start("p2", PARAMS, false)).hasMessageContaining("--resume p2");
        assertThatThrownBy(() -> runner(null, null).resume("nope", false)).hasMessageContaining("no pipeline run nope");
    }

    @Test
    void aFailingStepIsRecordedWithItsExitCodeAndTheRestStayPending() {
        PipelineRunner.Result r = runner(null, "analyse").start("p3", PARAMS, false);
        assertThat(r.steps())
                .extracting(PipelineRunner.StepOutcome::status)
                .containsExactly(
                        PipelineRunner.Status.SUCCEEDED,
                        PipelineRunner.Status.SUCCEEDED,
                        PipelineRunner.Status.FAILED,
                        PipelineRunner.Status.PENDING,
                        PipelineRunner.Status.PENDING,
                        PipelineRunner.Status.PENDING,
                        PipelineRunner.Status.PENDING);
        assertThat(PipelineRunner.stateFile(lakehouse, "p3"))
                .content()
                .contains("\"exit_code\" : 1")
                .contains("FAILED");
    }

    @Test
    void aSecondRunIsRefusedAndAStaleLockNeedsBreakLock() throws Exception {
        try (LakehouseLock held = LakehouseLock.acquire(lakehouse, "p-first", CLOCK.instant(), false)) {
            assertThatThrownBy(() -> runner(null, null).start("p4", PARAMS, false))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("in use by run p-first")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("since 2026-10-15T06:00:00Z");
            assertThat(calls).isEmpty();
        }
        // a lock left by a process that no longer exists on this host
        Path lock = LakehouseLock.file(lakehouse);
        Files.createDirectories(lock.getParent());
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(
                lock,
                "{\"run_id\":\"p-dead\",\"host\":\""
                        + java.net.InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + dead.pid()
                        + ",\"started_at\":\"2026-10-15T00:00:00Z\"}");
        assertThatThrownBy(() -> runner(null, null).start("p5", PARAMS, false))
                .hasMessageContaining("no longer runs")
                .hasMessageContaining("--break-lock");
        assertThat(runner(null, null).start("p5", PARAMS, true).succeeded()).isTrue();
        assertThat(lock).doesNotExist();
    }
}
