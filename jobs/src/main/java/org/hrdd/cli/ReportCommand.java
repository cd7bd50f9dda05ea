package org.hrdd.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.publish.DueDiligenceReport;
import org.hrdd.reports.publish.ReportException;
import org.hrdd.reports.publish.ReportRequest;
import org.hrdd.score.RiskModel;
import org.hrdd.time.Periods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd report}: one brand's due-diligence report for a period (DuckDB over gold, no Spark). */
@Command(
        name = "report",
        header = "Write a brand's or the company's due-diligence report (HTML, PDF, workbook, CSV).",
        mixinStandardHelpOptions = true,
        description = {
            "Write one brand's due-diligence report for a period: report.html and report.pdf (CSDDD Arts 8-16,",
            "ESRS S2), charts/*.png, indicators.xlsx (CSDDD, ESRS S2, LkSG and UNGP 31 views, definitions, lineage),",
            "the same tables as CSV, and indicators.json keyed by ESRS S2 datapoint. Only the brand's facilities",
            "(linked during the period) and its rows of gold.indicator_value are used. Needs hrdd analyse, score and",
            "indicators for the period. Reads the lakehouse with DuckDB, no Spark."
        })
final class ReportCommand extends HrddCommand {

    @Option(names = "--brand", paramLabel = "BRAND", description = "Brand id, e.g. B01.")
    String brand;

    @Option(
            names = "--all-brands",
            description = "One report per brand linked to a facility in the period, in OUT/BRAND/.")
    boolean allBrands;

    @Option(
            names = "--company",
            description = "The company's report: every facility of the supplier list, the brands "
                    + "compared (default out: ./reports-out/company/PERIOD).")
    boolean company;

    @picocli.CommandLine.Mixin
    PeriodOption period = new PeriodOption();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Output directory (default: ./reports-out/BRAND/PERIOD; with --all-brands ./reports-out/PERIOD).")
    Path out;

    @Override
    public Integer call() {
        String period = this.period.required();
        if ((allBrands ? 1 : 0) + (brand != null ? 1 : 0) + (company ? 1 : 0) != 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "give one of --brand BRAND, --all-brands or --company");
        }
        AppConfig cfg = config();
        if (company) {
            Path dir = out != null ? out : defaultOut("company", period);
            print(out(), "company", period, generate(cfg, ReportRequest.ALL, ReportRequest.COMPANY, period, dir));
            return Hrdd.OK;
        }
        if (!allBrands) {
            Path dir = out != null ? out : inside(Path.of("reports-out"), "brand id", brand, period);
            print(out(), brand, period, generate(cfg, brand, period, dir));
            return Hrdd.OK;
        }
        Periods.Period p = Periods.parse(period, cfg.period().granularity());
        Path root = out != null ? out : Path.of("reports-out", p.label());
        Path lh = SqlCommand.existingLakehouse(cfg);
        java.util.List<String> brands = DueDiligenceReport.brands(lh, p.start(), p.end());
        // the lakehouse read once for every brand's basis
        String lakehouse = lakehouseState(lh);
        if (brands.isEmpty()) {
            throw new ConfigException("no brand is linked to a facility in " + p.label());
        }
        // a brand id that cannot name a folder inside the output (refine quarantines them; an older lakehouse may still
        // hold one) is refused on its own: every other brand's report is written, then the command says which were not
        java.util.List<String> refused = new java.util.ArrayList<>();
        for (String b : brands) {
            Path dir;
            try {
                dir = inside(root, "brand id", b);
            } catch (ConfigException e) {
                refused.add(e.getMessage());
                continue;
            }
            print(out(), b, p.label(), generate(cfg, b, ReportRequest.BRAND, p.label(), dir, lakehouse));
        }
        if (!refused.isEmpty()) {
            throw new ConfigException(
                    refused.size() + " of " + brands.size() + " brands got no report: " + String.join("; ", refused));
        }
        return Hrdd.OK;
    }

    static Path defaultOut(String brand, String period) {
        return inside(Path.of("reports-out"), "brand id", brand, period);
    }

    /**
     * {@code base/names...}, each name one plain folder name (not empty, {@code .} or {@code ..}, no separator, no NUL)
     * and the result inside {@code base} once resolved, else a usage error naming the value: an id or a period never
     * becomes a path of its own.
     */
    static Path inside(Path base, String what, String... names) {
        Path root = base.toAbsolutePath().normalize();
        Path p = root;
        for (String n : names) {
            if (n == null
                    || n.isBlank()
                    || n.equals(".")
                    || n.equals("..")
                    || n.indexOf('/') >= 0
                    || n.indexOf('\\') >= 0
                    || n.indexOf('\0') >= 0
                    || n.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(
                        what + " '" + String.valueOf(n).replace('\0', '\u2400') + "' cannot name a folder " + "inside "
                                + root + " (no '.', '..', separator or control character)");
            }
            p = p.resolve(n);
        }
        p = p.normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new ConfigException(what + " '" + String.join("/", names) + "' leads outside " + root);
        }
        return p;
    }

    static DueDiligenceReport.Output generate(AppConfig cfg, String brand, String period, Path dir) {
        return generate(cfg, brand, ReportRequest.BRAND, period, dir);
    }

    static DueDiligenceReport.Output generate(AppConfig cfg, String brand, String scopeType, String period, Path dir) {
        return generate(cfg, brand, scopeType, period, dir, lakehouseState(SqlCommand.existingLakehouse(cfg)));
    }

    /**
     * As {@link #generate(AppConfig, String, String, String, Path)}, given the lakehouse's state ({@link #lakehouseState})
     * read once for every report of a command.
     */
    static DueDiligenceReport.Output generate(
            AppConfig cfg, String brand, String scopeType, String period, Path dir, String lakehouse) {
        Periods.Period p = Periods.parse(period, cfg.period().granularity());
        org.hrdd.refine.Taxonomies taxonomies = org.hrdd.refine.Taxonomies.load(cfg.taxonomyDir());
        RiskModel model =
                RiskModel.load(cfg.riskModelFile(), taxonomies.themes().keySet());
        Periods.Period from = p;
        for (int i = 0; i < model.history().periods(); i++) {
            from = from.previous();
        }
        Map<String, String> themeNames = new java.util.LinkedHashMap<>();
        taxonomies.themes().forEach((id, t) -> themeNames.put(id, t.name()));
        Map<String, Double> tiers = new java.util.LinkedHashMap<>();
        tiers.put("critical", model.score().critical());
        tiers.put("high", model.score().high());
        tiers.put("medium", model.score().medium());
        ReportRequest request = new ReportRequest(
                SqlCommand.existingLakehouse(cfg),
                cfg.confDir(),
                cfg.indicatorsFile(),
                brand,
                p.label(),
                p.start(),
                p.end(),
                model.version(),
                cfg.privacy().kThreshold(),
                cfg.analysis().minWorkersReached(),
                dir,
                new ReportRequest.Model(tiers, from.label(), themeNames),
                scopeType);
        String basis = requestText(request) + "configuration " + org.hrdd.run.ConfigHash.ofRun(cfg) + "\ncode "
                + org.hrdd.run.StepBasis.codeFingerprint() + "\n" + lakehouse;
        DueDiligenceReport.Output same = unchanged(dir, basis);
        if (same != null) {
            return same;
        }
        try {
            DueDiligenceReport.Output written = DueDiligenceReport.generate(request);
            java.nio.file.Files.writeString(dir.resolve(BASIS), basis + contents(dir));
            return written;
        } catch (ReportException e) {
            throw new ConfigException(e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The file in a report's folder that records what the report was written from and the files written. */
    static final String BASIS = ".hrdd-report-basis";

    /**
     * The lakehouse part of what a report is written from: the data files of every table at its current version (Delta
     * data file names are unique, so the same names are the same rows); ops.runs, which every run appends to, counts
     * only through the runs the gold rows name, which never change. With the request, the configuration and the code
     * it is the report's basis.
     */
    static String lakehouseState(Path lakehouse) {
        StringBuilder b = new StringBuilder();
        try (org.hrdd.reports.lakehouse.LakehouseSql sql = org.hrdd.reports.lakehouse.LakehouseSql.open(lakehouse)) {
            new java.util.TreeMap<>(sql.snapshots()).forEach((table, snapshot) -> {
                if (!table.equals(org.hrdd.run.RunManifest.TABLE)) {
                    b.append(table)
                            .append(' ')
                            .append(snapshot.version())
                            .append(' ')
                            .append(snapshot.files().stream()
                                    .map(f -> f.getFileName().toString())
                                    .sorted()
                                    .toList())
                            .append('\n');
                }
            });
        }
        return b.toString();
    }

    /**
     * The request, one field per line, maps in key order: a record's own text shows the model's maps in the order of
     * {@code Map.copyOf}, which differs from one JVM to the next, and would never match a basis written by another run.
     */
    static String requestText(ReportRequest r) {
        StringBuilder b = new StringBuilder();
        b.append("lakehouse ").append(r.lakehouse()).append('\n');
        b.append("conf ")
                .append(r.confDir())
                .append(' ')
                .append(r.indicatorsFile())
                .append('\n');
        b.append("scope ").append(r.scopeType()).append(' ').append(r.brandId()).append('\n');
        b.append("period ")
                .append(r.period())
                .append(' ')
                .append(r.periodStart())
                .append(' ')
                .append(r.periodEnd())
                .append('\n');
        b.append("model ")
                .append(r.modelVersion())
                .append(" history from ")
                .append(r.model().historyFrom())
                .append(" tiers ")
                .append(new java.util.TreeMap<>(r.model().tierFloors()))
                .append('\n');
        b.append("themes ")
                .append(new java.util.TreeMap<>(r.model().themeNames()))
                .append('\n');
        b.append("k ")
                .append(r.k())
                .append(" min workers ")
                .append(r.minWorkersReached())
                .append('\n');
        b.append("out ").append(r.outDir()).append('\n');
        return b.toString();
    }

    /**
     * The report already in {@code dir} when it was written from {@code basis} and its files are as written (none
     * missing or changed); null otherwise. Its {@code millis} are empty: nothing was done.
     */
    static DueDiligenceReport.Output unchanged(Path dir, String basis) {
        Path recorded = dir.resolve(BASIS);
        try {
            if (!java.nio.file.Files.isRegularFile(recorded)
                    || !java.nio.file.Files.readString(recorded).equals(basis + contents(dir))) {
                return null;
            }
            java.util.List<Path> csv;
            try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
                csv = s.filter(f -> f.getFileName().toString().endsWith(".csv"))
                        .sorted()
                        .toList();
            }
            Map<String, Path> charts = new java.util.TreeMap<>();
            Path chartDir = dir.resolve("charts");
            if (java.nio.file.Files.isDirectory(chartDir)) {
                try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(chartDir)) {
                    s.forEach(f -> charts.put(f.getFileName().toString(), f));
                }
            }
            return new DueDiligenceReport.Output(
                    dir,
                    dir.resolve(DueDiligenceReport.HTML),
                    dir.resolve(DueDiligenceReport.PDF),
                    dir.resolve(DueDiligenceReport.XLSX),
                    dir.resolve(DueDiligenceReport.JSON),
                    csv,
                    charts,
                    Map.of());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Every file of a report folder but the basis: path, size and SHA-256, one line each. */
    static String contents(Path dir) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        java.util.List<Path> files;
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(dir)) {
            files = s.filter(java.nio.file.Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(BASIS))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            b.append(dir.relativize(f))
                    .append(' ')
                    .append(java.nio.file.Files.size(f))
                    .append(' ')
                    .append(org.hrdd.ingest.ExportFiles.sha256(f))
                    .append('\n');
        }
        return b.toString();
    }

    static void print(java.io.PrintWriter o, String brand, String period, DueDiligenceReport.Output r) {
        if (r.millis().isEmpty()) {
            o.println("report for " + (brand.equals("company") ? "the company" : "brand " + brand) + ", " + period
                    + ": up to date in " + r.dir().toAbsolutePath() + " (lakehouse, request, configuration and code as"
                    + " when it was written; its files unchanged)");
            o.flush();
            return;
        }
        o.println("report for " + (brand.equals("company") ? "the company" : "brand " + brand) + ", " + period + ":");
        o.println("  " + r.html().toAbsolutePath());
        o.println("  " + r.pdf().toAbsolutePath());
        o.println("  " + r.xlsx().toAbsolutePath());
        o.println("  " + r.json().toAbsolutePath() + " and " + r.csv().size() + " CSV files, "
                + r.charts().size() + " charts in " + r.dir().resolve("charts").toAbsolutePath());
        StringBuilder t = new StringBuilder("  took");
        for (Map.Entry<String, Long> e : r.millis().entrySet()) {
            t.append(String.format(Locale.ROOT, " %s %.1f s,", e.getKey(), e.getValue() / 1000.0));
        }
        o.println(t.substring(0, t.length() - 1));
        o.flush();
    }
}
