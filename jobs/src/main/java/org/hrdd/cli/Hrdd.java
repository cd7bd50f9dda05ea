package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.hrdd.config.ConfigException;
import org.hrdd.run.QualityGateException;
import org.hrdd.run.RunLog;
import org.hrdd.schemas.ContractException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code hrdd} command line: one entry point, one subcommand per job. */
@Command(
        name = "hrdd",
        mixinStandardHelpOptions = true,
        versionProvider = Hrdd.Version.class,
        sortOptions = false,
        description = {
            "Human-rights due diligence lakehouse: worker voice and social audits, corroborated and scored.",
            ""
        },
        footer = {
            "",
            "Exit codes: 0 ok; 1 unexpected error (the message names the full log);",
            "2 usage or configuration error; 3 data-quality gate failed."
        },
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            IngestCommand.class,
            RefineCommand.class,
            AnalyseCommand.class,
            ScoreCommand.class,
            IndicatorsCommand.class,
            ReportCommand.class,
            ExportCommand.class,
            RunCommand.class,
            PipelineCommand.class,
            BenchCommand.class,
            ReproduceCommand.class,
            ExplainCommand.class,
            WatchlistCommand.class,
            QualityCommand.class,
            FacilitiesCommand.class,
            EraseCommand.class,
            SqlCommand.class,
            SchemasCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Hrdd implements Runnable {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int QUALITY_GATE = 3;

    @Option(
            names = "--lakehouse",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description =
                    "Lakehouse root, a local folder or a Hadoop URI (overrides `lakehouse` in application.yaml; default ./lakehouse).")
    String lakehouse;

    @Option(
            names = "--conf",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description =
                    "Configuration folder holding application.yaml (default: ./conf, else the conf/ beside the launcher).")
    Path conf;

    @Option(
            names = "--master",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "Spark master (overrides `spark.master`; e.g. local[2], spark://127.0.0.1:7077).")
    String master;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            scope = ScopeType.INHERIT,
            description = "Extra Spark setting (overrides `spark.settings`); repeatable.")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print stack traces on the console (they always go to the run log).")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required (see hrdd --help)");
    }

    /** The conf folder: --conf, else ./conf, else the conf/ next to the launcher (hrdd.home). */
    Path confDir() {
        if (conf != null) {
            return conf;
        }
        Path local = Path.of("conf");
        if (Files.isRegularFile(local.resolve("application.yaml"))) {
            return local;
        }
        String home = System.getProperty("hrdd.home");
        return home != null ? Path.of(home, "conf") : local;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Commands that read the lakehouse with DuckDB or run no job: Spark's options mean nothing to them. */
    static final java.util.Set<String> WITHOUT_SPARK = java.util.Set.of(
            "generate",
            "report",
            "export",
            "pipeline",
            "explain",
            "watchlist",
            "quality",
            "facilities",
            "sql",
            "schemas");

    public static CommandLine commandLine() {
        Hrdd root = new Hrdd();
        CommandLine cli = new CommandLine(root);
        for (String name : WITHOUT_SPARK) {
            withoutSparkOptions(cli.getSubcommands().get(name));
        }
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd, root.verbose));
        // a command that took the lakehouse lock releases it when it ends, whether it succeeded or failed
        cli.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                List<CommandLine> chain = parseResult.asCommandLineList();
                if (chain.get(chain.size() - 1).getCommand() instanceof HrddCommand command) {
                    command.releaseLakehouse();
                }
            }
        });
        return cli;
    }

    private static void withoutSparkOptions(CommandLine cmd) {
        for (CommandLine.Model.OptionSpec o :
                new java.util.ArrayList<>(cmd.getCommandSpec().options())) {
            if (o.longestName().equals("--master") || o.longestName().equals("--spark-conf")) {
                cmd.getCommandSpec().remove(o);
            }
        }
        cmd.getSubcommands().values().forEach(Hrdd::withoutSparkOptions);
    }

    static int handle(Exception ex, CommandLine cmd, boolean verbose) {
        PrintWriter err = cmd.getErr();
        Throwable t = unwrap(ex);
        int code = exitCode(t);
        Path log = RunLog.currentOrFallback("hrdd-" + cmd.getCommandName());
        LogManager.getLogger(Hrdd.class).error("{} failed: {}", cmd.getCommandName(), t.getMessage(), t);
        String message = "hrdd " + cmd.getCommandName() + ": " + oneLine(t);
        if (code == ERROR) {
            message += " (full log: " + log + ")";
        }
        err.println(message);
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable t) {
        if (t instanceof ConfigException
                || t instanceof ContractException
                || t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (t instanceof QualityGateException) {
            return QUALITY_GATE;
        }
        return ERROR;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof java.util.concurrent.ExecutionException
                        || cur instanceof java.lang.reflect.InvocationTargetException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String oneLine(Throwable t) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (exitCode(t) == ERROR && t.getMessage() != null) {
            msg = t.getClass().getSimpleName() + ": " + msg;
        }
        if (exitCode(t) != ERROR) {
            return msg; // a gate failure or usage error is written for the user: all of it (file, reasons, example)
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hrdd " + codeVersion()};
        }
    }

    public static String codeVersion() {
        String v = Hrdd.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
