package org.hrdd.reports.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.output.StagedDirectory;

/**
 * {@code hrdd report}: one brand's due-diligence report for one period, from gold through DuckDB (no Spark) —
 * {@code report.html}, {@code report.pdf}, {@code charts/*.png}, {@code indicators.xlsx}, the same tables as CSV and
 * {@code indicators.json} keyed by ESRS S2 datapoint, staged ({@link StagedDirectory}) so a failed run leaves no
 * half-written file and a rerun replaces the previous files.
 */
public final class DueDiligenceReport {

    public static final String HTML = "report.html";
    public static final String PDF = "report.pdf";
    public static final String XLSX = "indicators.xlsx";
    public static final String JSON = "indicators.json";

    /** What was written, and how long each step took (milliseconds). */
    public record Output(
            Path dir,
            Path html,
            Path pdf,
            Path xlsx,
            Path json,
            List<Path> csv,
            Map<String, Path> charts,
            Map<String, Long> millis) {}

    private DueDiligenceReport() {}

    public static Output generate(ReportRequest request) {
        Map<String, Long> millis = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(request.confDir(), request.indicatorsFile());
        Map<String, String> esrs =
                IndicatorCatalogue.esrsDatapoints(request.confDir().resolve(IndicatorCatalogue.ESRS_FILE));
        ReportData data;
        try (LakehouseSql sql = LakehouseSql.open(request.lakehouse())) {
            data = ReportQueries.load(sql, request, catalogue);
        }
        long t1 = lap(millis, "query", t0);
        Path out = request.outDir();
        try (StagedDirectory staged = StagedDirectory.open(out, request.brandId() + "-" + request.period())) {
            Path staging = staged.dir();
            Map<String, Path> charts = ReportCharts.write(data, staging);
            long t2 = lap(millis, "charts", t1);
            String xhtml = HtmlReport.render(data);
            Files.writeString(staging.resolve(HTML), xhtml, StandardCharsets.UTF_8);
            long t3 = lap(millis, "html", t2);
            PdfReport.write(xhtml, staging, staging.resolve(PDF));
            long t4 = lap(millis, "pdf", t3);
            List<IndicatorTables.Sheet> sheets = IndicatorTables.build(data, catalogue, esrs);
            IndicatorWorkbook.write(sheets, staging.resolve(XLSX));
            List<Path> csv = new ArrayList<>();
            for (IndicatorTables.Sheet s : sheets) {
                IndicatorTables.writeCsv(s, staging.resolve(s.file()));
                csv.add(out.resolve(s.file()));
            }
            IndicatorTables.writeJson(data, esrs, staging.resolve(JSON));
            lap(millis, "tables", t4);
            staged.publish(HTML);
            Map<String, Path> published = new LinkedHashMap<>();
            charts.forEach(
                    (k, v) -> published.put(k, out.resolve(ReportCharts.DIR).resolve(v.getFileName())));
            millis.put("total", (System.nanoTime() - t0) / 1_000_000);
            return new Output(
                    out,
                    out.resolve(HTML),
                    out.resolve(PDF),
                    out.resolve(XLSX),
                    out.resolve(JSON),
                    csv,
                    published,
                    millis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + out + ": " + e.getMessage(), e);
        }
    }

    /** Brands linked to at least one facility at some time in the period, sorted. */
    public static List<String> brands(Path lakehouse, java.time.LocalDate start, java.time.LocalDate end) {
        List<String> out = new ArrayList<>();
        try (LakehouseSql sql = LakehouseSql.open(lakehouse)) {
            sql.missing(List.of("silver.brand_facility")).ifPresent(m -> {
                throw new ReportException(m);
            });
            try (java.sql.PreparedStatement ps = sql.connection()
                    .prepareStatement("SELECT DISTINCT brand_id FROM silver.brand_facility WHERE valid_from <= ? "
                            + "AND (valid_to IS NULL OR valid_to >= ?) ORDER BY 1")) {
                ps.setDate(1, java.sql.Date.valueOf(end));
                ps.setDate(2, java.sql.Date.valueOf(start));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new ReportException("cannot list brands: " + e.getMessage(), e);
        }
        return out;
    }

    private static long lap(Map<String, Long> millis, String step, long since) {
        long now = System.nanoTime();
        millis.put(step, (now - since) / 1_000_000);
        return now;
    }
}
