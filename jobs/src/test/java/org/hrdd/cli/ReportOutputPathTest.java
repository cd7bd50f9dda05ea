package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.hrdd.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A brand id or period never becomes a path of its own: every report folder stays inside its output folder. */
class ReportOutputPathTest {

    @TempDir
    Path out;

    @Test
    void idsThatWouldLeaveTheOutputFolderAreRefused() {
        for (String bad : List.of("..", ".", "../../x", "/abs", "a/b", "a\\b", "a\0b", "", " ", "x\n")) {
            assertThatThrownBy(() -> ReportCommand.inside(out, "brand id", bad))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("brand id '")
                    .hasMessageContaining("cannot name a folder inside "
                            + out.toAbsolutePath().normalize());
        }
        assertThatThrownBy(() -> ReportCommand.inside(out, "brand id", "B01", ".."))
                .isInstanceOf(ConfigException.class);
        assertThat(ReportCommand.inside(out, "brand id", "B01", "2026-Q3"))
                .isEqualTo(out.toAbsolutePath().normalize().resolve("B01").resolve("2026-Q3"));
        assertThat(ReportCommand.defaultOut("B01", "2026-Q3"))
                .isEqualTo(Path.of("reports-out", "B01", "2026-Q3")
                        .toAbsolutePath()
                        .normalize());
        assertThatThrownBy(() -> ReportCommand.defaultOut("../../etc", "2026-Q3"))
                .isInstanceOf(ConfigException.class);
    }

    /** The command line refuses it too, before anything is written (exit 2). */
    @Test
    void reportWithAPathAsBrandIsAUsageError() {
        picocli.CommandLine cli = Hrdd.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        int exit = cli.execute(
                "--conf",
                Path.of(System.getProperty("hrdd.repo.root", ".."), "conf").toString(),
                "--lakehouse",
                out.toString(),
                "report",
                "--brand",
                "../../escape",
                "--period",
                "2026-Q3");
        assertThat(exit).isEqualTo(Hrdd.USAGE);
        assertThat(err.toString()).contains("brand id '../../escape' cannot name a folder");
        assertThat(out.resolveSibling("escape")).doesNotExist();
    }
}
