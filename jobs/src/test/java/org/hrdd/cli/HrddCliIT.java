package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HrddCliIT {

    static final String CONF =
            Path.of(System.getProperty("hrdd.repo.root", ".."), "conf").toString();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cli = Hrdd.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everySubcommandHasHelpAndTheGlobalOptions() {
        Result root = run("--help");
        assertThat(root.code()).isZero();
        for (String sub : new String[] {
            "generate",
            "ingest",
            "refine",
            "analyse",
            "explain",
            "report",
            "export",
            "run",
            "pipeline",
            "bench",
            "quality",
            "facilities",
            "erase",
            "sql",
            "schemas",
            "demo"
        }) {
            assertThat(root.out()).contains(sub);
            Result r = run(sub, "--help");
            assertThat(r.code()).as(sub).isZero();
            assertThat(r.out())
                    .as(sub)
                    .contains("--lakehouse=DIR")
                    .contains("--conf=DIR")
                    .contains("--verbose");
        }
    }

    /** The command list shows each command's one-sentence header, whole; DuckDB-only commands offer no Spark options. */
    @Test
    void helpSummariesAreWholeSentencesAndDuckDbCommandsShowNoSparkOptions() {
        CommandLine cli = Hrdd.commandLine();
        cli.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                String[] header = sub.getCommandSpec().usageMessage().header();
                assertThat(header).as(name).hasSize(1);
                assertThat(header[0]).as(name).endsWith(".").hasSizeLessThan(100);
            }
        });
        for (String sub : Hrdd.WITHOUT_SPARK) {
            Result r = run(sub, "--help");
            assertThat(r.out()).as(sub).doesNotContain("--spark-conf").doesNotContain("--master");
        }
        assertThat(run("refine", "--help").out()).contains("--spark-conf").contains("--master");
        Result unknown = run("sql", "--master", "local[2]", "SELECT 1");
        assertThat(unknown.code()).isEqualTo(Hrdd.USAGE);
    }

    /** Every command that reads the lakehouse says clearly when there is none (exit 2), not an empty answer. */
    @Test
    void aMissingLakehouseIsAUsageErrorForEveryCommandThatReadsIt() {
        String none = dir.resolve("no-lakehouse").toString();
        for (String[] args : List.of(
                new String[] {"sql", "SELECT 1"},
                new String[] {"quality"},
                new String[] {
                    "report",
                    "--brand",
                    "B01",
                    "--period",
                    "2026-Q3",
                    "--out",
                    dir.resolve("r").toString()
                },
                new String[] {"explain", "--facility", "F000001", "--period", "2026-Q3"},
                new String[] {"facilities", "review"},
                new String[] {
                    "export",
                    "research",
                    "--period-from",
                    "2026-Q3",
                    "--period-to",
                    "2026-Q3",
                    "--out",
                    dir.resolve("x").toString()
                })) {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--conf", CONF, "--lakehouse", none));
            Result r = run(all.toArray(String[]::new));
            assertThat(r.code()).as(args[0]).isEqualTo(Hrdd.USAGE);
            assertThat(r.err()).as(args[0]).contains("no lakehouse at").contains("no-lakehouse");
        }
    }

    @Test
    void usageErrorsExitTwoAndNameTheArgument() {
        Result r = run("no-such-command");
        assertThat(r.code()).isEqualTo(Hrdd.USAGE);
        assertThat(r.err()).contains("no-such-command");
        Result missing = run("schemas", "docs", "--bogus");
        assertThat(missing.code()).isEqualTo(Hrdd.USAGE);
        assertThat(missing.err()).contains("--bogus");
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        CommandLine cli = Hrdd.commandLine();
        cli.parseArgs("schemas", "list", "--lakehouse", "/x/after");
        assertThat(((Hrdd) cli.getCommand()).lakehouse).isEqualTo("/x/after");
        CommandLine cli2 = Hrdd.commandLine();
        cli2.parseArgs("--lakehouse", "/x/before", "schemas", "list");
        assertThat(((Hrdd) cli2.getCommand()).lakehouse).isEqualTo("/x/before");
    }

    @Test
    void schemasDocsWritesTheCommittedDictionary() throws Exception {
        Path out = dir.resolve("dd.md");
        Result r = run("schemas", "docs", "--out", out.toString(), "--conf", CONF);
        assertThat(r.code()).isZero();
        Path committed = Path.of(System.getProperty("hrdd.repo.root", ".."), "schemas", "data-dictionary.md");
        assertThat(Files.readString(out)).isEqualTo(Files.readString(committed));
    }

    @Test
    void benchAndRunRefuseAPseudonymKeyRefineWouldRefuseBeforeTheirFirstStep() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("HRDD_PSEUDONYM_KEY") == null,
                "HRDD_PSEUDONYM_KEY is set in this environment and beats the configured key file");
        Path conf = dir.resolve("conf");
        org.hrdd.testing.SampleLakehouse.copyTree(Path.of(CONF), conf);
        org.hrdd.testing.SampleLakehouse.copyTree(Path.of(CONF).resolveSibling("pipelines"), dir.resolve("pipelines"));
        Path key = Files.writeString(dir.resolve("short.key"), "fifteen-bytes!!");
        Path yaml = conf.resolve("application.yaml");
        Files.writeString(
                yaml,
                Files.readString(yaml).replace("pseudonym_key_file: null", "pseudonym_key_file: \"" + key + "\""));

        Path work = dir.resolve("bench-work");
        Result bench = run("bench", "--tier", "sample", "--work", work.toString(), "--conf", conf.toString());
        assertThat(bench.code()).isEqualTo(Hrdd.USAGE);
        assertThat(bench.err()).contains("pseudonym key is too short: 15 bytes, at least 16");
        assertThat(work).doesNotExist(); // nothing generated

        Path lakehouse = dir.resolve("lakehouse");
        Result pipeline = run(
                "run",
                "--input",
                dir.resolve("no-exports").toString(),
                "--period",
                "2026-Q3",
                "--conf",
                conf.toString(),
                "--lakehouse",
                lakehouse.toString());
        assertThat(pipeline.code()).isEqualTo(Hrdd.USAGE);
        assertThat(pipeline.err()).contains("pseudonym key is too short");
        assertThat(lakehouse).doesNotExist(); // no lock, no run record
    }

    @Test
    void exitCodesFollowTheExceptionKind() {
        assertThat(Hrdd.exitCode(new org.hrdd.config.ConfigException("x"))).isEqualTo(2);
        assertThat(Hrdd.exitCode(new org.hrdd.schemas.ContractException("x"))).isEqualTo(2);
        assertThat(Hrdd.exitCode(new org.hrdd.run.QualityGateException("x"))).isEqualTo(3);
        assertThat(Hrdd.exitCode(new IllegalStateException("x"))).isEqualTo(1);
    }

    /** The gate's message is written for the user: the console shows all of it, not its first line. */
    @Test
    void aQualityGateFailureIsPrintedWholeAndAnUnexpectedErrorByItsFirstLine() {
        CommandLine cli = Hrdd.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = Hrdd.handle(
                new org.hrdd.run.QualityGateException(
                        "quality gate failed, silver not written:\n"
                                + "  bronze.cap: 9.0 % of 100 rows quarantined\n    most in remediation/cap_log.xlsx: 9 of its 100 rows"),
                cli,
                false);
        assertThat(code).isEqualTo(Hrdd.QUALITY_GATE);
        assertThat(err.toString())
                .contains("  bronze.cap: 9.0 % of 100 rows quarantined\n"
                        + "    most in remediation/cap_log.xlsx: 9 of its 100 rows");
        StringWriter err2 = new StringWriter();
        cli.setErr(new PrintWriter(err2));
        assertThat(Hrdd.handle(new IllegalStateException("boom\n\tat somewhere"), cli, false))
                .isEqualTo(Hrdd.ERROR);
        assertThat(err2.toString()).contains("IllegalStateException: boom").doesNotContain("somewhere");
    }
}
