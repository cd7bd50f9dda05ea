package org.hrdd.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.refine.Pseudonymiser;
import org.hrdd.refine.RefineJob;
import org.hrdd.refine.RefineResult;
import org.hrdd.refine.Refined;
import org.hrdd.run.Progress;
import org.hrdd.run.QualityGateException;
import org.hrdd.run.RunContext;
import org.hrdd.run.RunRecord;
import org.hrdd.spark.SparkSessions;
import picocli.CommandLine.Command;

/** {@code hrdd refine}: bronze → silver with quarantine and the quality gate. */
@Command(
        name = "refine",
        header = "Turn bronze into typed, pseudonymised silver tables, quarantining bad rows.",
        mixinStandardHelpOptions = true,
        description = {
            "Turn bronze into typed, pseudonymised silver tables: canonical themes, resolved facilities,",
            "scrubbed text, consent flags. Rows that fail a check go to ops.quarantine with a reason code.",
            "If a source's quarantined share exceeds quality.max_quarantine_share, no silver table is written (exit 3).",
            "Needs the pseudonym key: HRDD_PSEUDONYM_KEY or privacy.pseudonym_key_file."
        })
final class RefineCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    LockOption lockOption = new LockOption();

    @picocli.CommandLine.Mixin
    RunDateOption runDate = new RunDateOption();

    @Override
    public Integer call() {
        AppConfig cfg = config();
        Pseudonymiser key =
                Pseudonymiser.fromEnvironment(System.getenv(), cfg.privacy().pseudonymKeyFile());
        RunContext ctx = startRun(cfg, runDate.orToday());
        SparkSession spark = SparkSessions.create(cfg, "hrdd refine");
        RefineResult r = refine(spark, ctx, key, progress());
        print(out(), r);
        out().println("run " + ctx.runId());
        out().flush();
        return Hrdd.OK;
    }

    /** Refines and records the run; a failed gate is recorded, then raised (exit 3). */
    static RefineResult refine(SparkSession spark, RunContext ctx, Pseudonymiser key, Progress progress) {
        RefineJob.Config config = RefineJob.Config.of(ctx.config(), key);
        RefineResult r = RunRecords.run(
                spark,
                ctx,
                () -> new RefineJob(config, progress).run(spark, ctx),
                x -> x.gateFailures().isEmpty()
                        ? RunRecords.Outcome.succeeded(
                                x.rowCounts(), x.versionsRead(), x.versionsWritten(), x.summary())
                        : new RunRecords.Outcome(
                                RunRecord.QUALITY_GATE_FAILED,
                                List.of(),
                                x.rowCounts(),
                                x.versionsRead(),
                                x.versionsWritten(),
                                String.join(" | ", x.gateFailures()),
                                null));
        if (!r.gateFailures().isEmpty()) {
            throw new QualityGateException(
                    "quality gate failed, silver not written (bronze and ops.quarantine are):\n  "
                            + String.join("\n  ", r.gateFailures()));
        }
        return r;
    }

    static void print(PrintWriter o, RefineResult r) {
        o.println("refine: " + r.summary());
        if (r.accounting().isEmpty()) {
            return;
        }
        o.printf(
                Locale.ROOT,
                "%-26s %10s %12s %11s %10s %9s%n",
                "bronze table",
                "rows",
                "silver-bound",
                "quarantined",
                "superseded",
                "excluded");
        for (Map.Entry<String, Refined.Accounting> e : r.accounting().entrySet()) {
            Refined.Accounting a = e.getValue();
            o.printf(
                    Locale.ROOT,
                    "%-26s %,10d %,12d %,11d %,10d %,9d%n",
                    e.getKey(),
                    a.bronzeRows(),
                    a.silverBound(),
                    a.quarantined(),
                    a.superseded(),
                    a.excluded());
        }
        r.silverRows().forEach((t, n) -> o.printf(Locale.ROOT, "%-26s %,10d rows%n", t, n));
        conversions(r.rowCounts()).forEach(o::println);
    }

    /** Words for a kind of date conversion. */
    static String conversionKind(String kind) {
        return switch (kind) {
            case org.hrdd.refine.SourceDates.BUDDHIST_ERA -> "Buddhist-era years read as Gregorian (year - 543)";
            case org.hrdd.refine.SourceDates.EXCEL_SERIAL -> "Excel serial numbers read as dates";
            default -> kind;
        };
    }

    /**
     * The dates read converted, per file, from a refine's row counts (its ops.runs row): "dates converted in F: N
     * Buddhist-era years ...". Empty when none was.
     */
    static java.util.List<String> conversions(Map<String, Long> rowCounts) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        rowCounts.forEach((key, n) -> {
            int at = key.indexOf(org.hrdd.refine.RefineResult.CONVERTED);
            if (at < 0) {
                return;
            }
            String rest = key.substring(at + org.hrdd.refine.RefineResult.CONVERTED.length());
            int colon = rest.indexOf(':');
            lines.add(String.format(
                    Locale.ROOT,
                    "dates converted in %s (%s): %,d %s",
                    rest.substring(colon + 1),
                    key.substring(0, at),
                    n,
                    conversionKind(rest.substring(0, colon))));
        });
        return lines;
    }
}
