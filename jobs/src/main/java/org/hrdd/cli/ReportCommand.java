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
@Command(name = "report", header = "Write a brand's or the company's due-diligence report (HTML, PDF, workbook, CSV).", mixinStandardHelpOptions = true,
        description = {"Write one brand's due-diligence report for a period: report.html and report.pdf (CSDDD Arts 8-16,",
                "ESRS S2), charts/*.png, indicators.xlsx (CSDDD, ESRS S2, LkSG and UNGP 31 views, definitions, lineage),",
                "the same tables as CSV, and indicators.json keyed by ESRS S2 datapoint. Only the brand's facilities",
                "(linked during the period) and its rows of gold.indicator_value are used. Needs hrdd analyse, score and",
                "indicators for the period. Reads the lakehouse with DuckDB, no Spark."})
final class ReportCommand extends HrddCommand {

    @Option(names = "--brand", paramLabel = "BRAND", description = "Brand id, e.g. B01.")
    String brand;

    @Option(names = "--all-brands", description = "One report per brand linked to a facility in the period, in OUT/BRAND/.")
    boolean allBrands;

    @Option(names = "--company", description = "The company's report: every facility of the supplier list, the brands "
            + "compared (default out: ./reports-out/company/PERIOD).")
    boolean company;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "Period, e.g. 2026-Q3.")
    String period;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: ./reports-out/BRAND/PERIOD; with --all-brands ./reports-out/PERIOD).")
    Path out;

    @Override
    public Integer call() {
        if ((allBrands ? 1 : 0) + (brand != null ? 1 : 0) + (company ? 1 : 0) != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give one of --brand BRAND, --all-brands or --company");
        }
        AppConfig cfg = config();
        if (company) {
            Path dir = out != null ? out : defaultOut("company", period);
            print(out(), "company", period, generate(cfg, ReportRequest.ALL, ReportRequest.COMPANY, period, dir));
            return Hrdd.OK;
        }
        if (!allBrands) {
            Path dir = out != null ? out : defaultOut(brand, period);
            print(out(), brand, period, generate(cfg, brand, period, dir));
            return Hrdd.OK;
        }
        Periods.Period p = Periods.parse(period, cfg.period().granularity());
        Path root = out != null ? out : Path.of("reports-out", p.label());
        java.util.List<String> brands = DueDiligenceReport.brands(SqlCommand.existingLakehouse(cfg), p.start(), p.end());
        if (brands.isEmpty()) {
            throw new ConfigException("no brand is linked to a facility in " + p.label());
        }
        for (String b : brands) {
            print(out(), b, p.label(), generate(cfg, b, p.label(), root.resolve(b)));
        }
        return Hrdd.OK;
    }

    static Path defaultOut(String brand, String period) {
        return Path.of("reports-out", brand, period);
    }

    static DueDiligenceReport.Output generate(AppConfig cfg, String brand, String period, Path dir) {
        return generate(cfg, brand, ReportRequest.BRAND, period, dir);
    }

    static DueDiligenceReport.Output generate(AppConfig cfg, String brand, String scopeType, String period, Path dir) {
        Periods.Period p = Periods.parse(period, cfg.period().granularity());
        org.hrdd.refine.Taxonomies taxonomies = org.hrdd.refine.Taxonomies.load(cfg.taxonomyDir());
        RiskModel model = RiskModel.load(cfg.riskModelFile(), taxonomies.themes().keySet());
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
        ReportRequest request = new ReportRequest(SqlCommand.existingLakehouse(cfg), cfg.confDir(),
                cfg.indicatorsFile(), brand, p.label(), p.start(), p.end(), model.version(), cfg.privacy().kThreshold(),
                cfg.analysis().minWorkersReached(), dir, new ReportRequest.Model(tiers, from.label(), themeNames), scopeType);
        try {
            return DueDiligenceReport.generate(request);
        } catch (ReportException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    static void print(java.io.PrintWriter o, String brand, String period, DueDiligenceReport.Output r) {
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
