package org.hrdd.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.research.ResearchExtract;
import org.hrdd.time.Periods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd export}: extracts for use outside the pipeline. */
@Command(
        name = "export",
        header = "Extracts for use outside the pipeline.",
        mixinStandardHelpOptions = true,
        description = "Extracts for use outside the pipeline.",
        subcommands = {ExportCommand.Research.class})
final class ExportCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this),
                "name an extract: hrdd export research --period-from P --period-to P --out DIR");
    }

    @Command(
            name = "research",
            header = "Write an anonymised extract for researchers.",
            mixinStandardHelpOptions = true,
            description = {
                "Anonymised extract for researchers (CSV + data dictionary + manifest): identifiers re-keyed per",
                "extract with a key that is not stored, dates coarsened to the period, worker records only where",
                "consent allows research, cells under privacy.k_threshold workers withheld or blanked. The notebooks in",
                "notebooks/ read it. DuckDB over the lakehouse, no Spark."
            })
    static final class Research extends HrddCommand {

        @Option(
                names = "--period-from",
                required = true,
                paramLabel = "PERIOD",
                description = "First period, e.g. 2025-Q1.")
        String from;

        @Option(
                names = "--period-to",
                required = true,
                paramLabel = "PERIOD",
                description = "Last period, e.g. 2026-Q3.")
        String to;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Override
        public Integer call() {
            AppConfig cfg = config();
            ResearchExtract.Result r = extract(cfg, from, to, out);
            out().println("research extract " + from + ".." + to + " in "
                    + r.dir().toAbsolutePath() + ":");
            for (Map.Entry<String, Long> e : r.rows().entrySet()) {
                out().printf(Locale.ROOT, "  %-22s %,10d rows%n", e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Long> e : r.withheld().entrySet()) {
                out().printf(Locale.ROOT, "  withheld: %,d records (%s)%n", e.getValue(), e.getKey());
            }
            out().println("  " + ResearchExtract.DICTIONARY + ", " + ResearchExtract.MANIFEST);
            out().flush();
            return Hrdd.OK;
        }

        static ResearchExtract.Result extract(AppConfig cfg, String from, String to, Path out) {
            Periods.Period p0 = Periods.parse(from, cfg.period().granularity());
            Periods.Period p1 = Periods.parse(to, cfg.period().granularity());
            if (p0.start().isAfter(p1.start())) {
                throw new ConfigException("--period-from " + p0.label() + " is after --period-to " + p1.label());
            }
            try {
                return ResearchExtract.write(new ResearchExtract.Request(
                        SqlCommand.existingLakehouse(cfg),
                        p0.label(),
                        p1.label(),
                        cfg.period().granularity().name(),
                        cfg.privacy().kThreshold(),
                        out));
            } catch (IllegalStateException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
    }
}
