package org.hrdd.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hrdd.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipelines/pipeline.yaml, its strict loader, and the generated Airflow DAG. */
class PipelineSpecTest {

    static final Path PIPELINES = Path.of(System.getProperty("hrdd.repo.root", ".."), "pipelines");

    @TempDir
    Path tmp;

    static PipelineSpec repoSpec() {
        return PipelineSpec.load(PIPELINES.resolve(PipelineSpec.FILE));
    }

    @Test
    void theRepositorySpecOrdersEveryStepAfterItsDependencies() {
        PipelineSpec spec = repoSpec();
        List<String> order = spec.order().stream().map(PipelineSpec.Step::id).toList();
        assertThat(order)
                .containsExactly("ingest", "refine", "analyse", "score", "indicators", "reports", "research_export");
        for (PipelineSpec.Step s : spec.steps()) {
            for (String a : s.after()) {
                assertThat(order.indexOf(a)).as(s.id() + " after " + a).isLessThan(order.indexOf(s.id()));
            }
        }
        assertThat(spec.step("reports").retries()).isEqualTo(1);
        assertThat(spec.step("score").timeoutMinutes()).isEqualTo(240);
        assertThat(spec.runTimeoutHours()).isEqualTo(24);
        assertThat(spec.startDelayDays()).isEqualTo(7);
        assertThat(spec.step("score").retries()).isEqualTo(2);
        assertThat(spec.step("score")
                        .resolve(Map.of("period", "2026-Q3", "run_date", "2026-10-15", "input", "x", "out", "o")))
                .containsExactly("score", "--period", "2026-Q3", "--run-date", "2026-10-15");
        assertThat(spec.step("reports")
                        .resolve(Map.of("period", "2026-Q3", "run_date", "d", "input", "x", "out", "/o")))
                .contains("/o/reports/2026-Q3");
    }

    @Test
    void cyclesUnknownStepsAndUndeclaredParametersAreErrors() throws Exception {
        String base = Files.readString(PIPELINES.resolve(PipelineSpec.FILE));
        Path cycle = write(
                "cycle.yaml",
                base.replace(
                        "args: [ingest, --input, \"${input}\", --run-date, \"${run_date}\"]",
                        "args: [ingest, --input, \"${input}\", --run-date, \"${run_date}\"]\n    after: [score]"));
        assertThatThrownBy(() -> PipelineSpec.load(cycle))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cycle");
        Path unknown = write("unknown.yaml", base.replace("after: [indicators]", "after: [indicatorz]"));
        assertThatThrownBy(() -> PipelineSpec.load(unknown)).hasMessageContaining("unknown step indicatorz");
        Path param = write(
                "param.yaml",
                base.replace("--period, \"${period}\", --run-date", "--period, \"${quarter}\", --run-date"));
        assertThatThrownBy(() -> PipelineSpec.load(param)).hasMessageContaining("${quarter}");
        Path typo = write(
                "typo.yaml",
                base.replace("    retries: 1\n  - id: research_export", "    retrys: 1\n  - id: research_export"));
        assertThatThrownBy(() -> PipelineSpec.load(typo))
                .hasMessageContaining("unknown key")
                .hasMessageContaining("retrys");
        Path longer = write("longer.yaml", base.replace("  timeout_minutes: 240", "  timeout_minutes: 600"));
        assertThatThrownBy(() -> PipelineSpec.load(longer))
                .hasMessageContaining("timeout_minutes")
                .hasMessageContaining("longer than the whole run may (run_timeout_hours 24)");
    }

    @Test
    void theCommittedDagIsTheGeneratedOneAndItsStructureMatchesTheSpec() throws Exception {
        String generated = AirflowDag.render(repoSpec(), org.hrdd.cli.PipelineDagAccess.javaOptions());
        assertThat(Files.readString(PIPELINES.resolve(AirflowDag.FILE), StandardCharsets.UTF_8))
                .as("pipelines/airflow/hrdd_pipeline.py is stale: run ./hrdd pipeline dag")
                .isEqualTo(generated);
        assertThat(generated)
                .contains("schedule=\"0 0 8 1,4,7,10 *\",  # 7 days after each quarter ends")
                .contains("{{ data_interval_start.year }}")
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                .contains("dagrun_timeout=timedelta(hours=24)")
                .contains("execution_timeout=timedelta(minutes=240)")
                .contains("NO_RETRY_EXIT_CODES = (2, 3)")
                .doesNotContain("\"spark.driver.extraJavaOptions\"");
        Process p = new ProcessBuilder(
                        "python3",
                        PIPELINES.resolve("airflow/test_dag_structure.py").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("ok: 7 tasks, 6 dependencies");
    }

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
