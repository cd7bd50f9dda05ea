package org.hrdd.reports.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The renderers on a hand-made report: hostile names (markup, formulas) are escaped or neutralised everywhere, the
 * PDF carries the sections and figures as text and a non-blank first page, the workbook is typed, frozen and filtered,
 * withheld values stay out of every file.
 */
class ReportRenderTest {

    static final String SCRIPT = "<script>alert('x')</script> & Co";
    static final String FORMULA = "=HYPERLINK(\"http://evil\",\"click\")";
    static final double WITHHELD_MARKER = 0.123456789;
    static final String OTHER = "other agencies (each named by fewer than k workers)";

    @TempDir
    static Path out;

    static ReportData data;
    static String html;

    @BeforeAll
    static void render() throws Exception {
        data = handMade();
        html = HtmlReport.render(data);
        Files.writeString(out.resolve(DueDiligenceReport.HTML), html);
        ReportCharts.write(data, out);
        PdfReport.write(html, out, out.resolve(DueDiligenceReport.PDF));
        IndicatorCatalogue catalogue = catalogue();
        List<IndicatorTables.Sheet> sheets = IndicatorTables.build(data, catalogue, Map.of("S2-3_04", "Grievances"));
        IndicatorWorkbook.write(sheets, out.resolve(DueDiligenceReport.XLSX));
        for (IndicatorTables.Sheet s : sheets) {
            IndicatorTables.writeCsv(s, out.resolve(s.file()));
        }
        IndicatorTables.writeJson(data, Map.of("S2-3_04", "Grievances"), out.resolve(DueDiligenceReport.JSON));
    }

    static IndicatorCatalogue catalogue() {
        return new IndicatorCatalogue(
                1,
                List.of(
                        new IndicatorCatalogue.Indicator(
                                "grievances_received",
                                "Grievances received",
                                "Cases received.",
                                "cases",
                                null,
                                "cases",
                                "the workers who raised the cases",
                                List.of("country"),
                                List.of("Art. 14"),
                                List.of("S2-3_04"),
                                List.of("§8"),
                                List.of("accessible")),
                        new IndicatorCatalogue.Indicator(
                                "grievances_resolved_share",
                                "Grievances resolved",
                                "Share resolved.",
                                "resolved",
                                "received",
                                "share",
                                "the workers who raised the cases",
                                List.of("country"),
                                List.of("Art. 14"),
                                List.of("S2-3_04"),
                                List.of("§8"),
                                List.of("predictable"))));
    }

    static ReportData handMade() {
        Table scores = Table.create(
                "scores",
                StringColumn.create("facility_id", "F1", "F2"),
                StringColumn.create("facility_name", SCRIPT, "Quiet Mill"),
                StringColumn.create("supplier_name", FORMULA, "S2"),
                StringColumn.create("country_code", "TH", "VN"),
                StringColumn.create("sector", "apparel", "apparel"),
                DoubleColumn.create("score", 71.25, 53.0),
                StringColumn.create("tier", "critical", "high"),
                BooleanColumn.create("is_tier_floored", false, false),
                BooleanColumn.create("is_worker_covered", true, false),
                DoubleColumn.create("confidence", 0.6, 0.1),
                StringColumn.create("confidence_level", "high", "low"),
                StringColumn.create("trend", "rising", "no_new_evidence"),
                DoubleColumn.create("score_change", 4.0, -8.3),
                DoubleColumn.create("inherent_contribution", 40.0, 50.0),
                StringColumn.create("driver_1_theme", "recruitment_fees", "child_labour"),
                StringColumn.create("driver_1_evidence", "worker_voice", "coverage_gap"),
                DoubleColumn.create("driver_1_contribution", 20.5, 2.0),
                BooleanColumn.create("driver_1_withheld", false, false),
                StringColumn.create("driver_2_theme", null, null),
                StringColumn.create("driver_2_evidence", "worker_voice", null),
                dbl("driver_2_contribution", 6.0, null),
                BooleanColumn.create("driver_2_withheld", true, false),
                StringColumn.create("driver_3_theme", (String) null, null),
                StringColumn.create("driver_3_evidence", (String) null, null),
                dbl("driver_3_contribution", null, null),
                BooleanColumn.create("driver_3_withheld", false, false),
                DoubleColumn.create("other_contribution", 4.75, 1.0));
        Table trend = Table.create(
                "trend",
                StringColumn.create("facility_id", "F1", "F1"),
                StringColumn.create("facility_name", SCRIPT, SCRIPT),
                StringColumn.create("period", "2026-Q2", "2026-Q3"),
                DoubleColumn.create("score", 67.25, 71.25));
        Table reach = Table.create(
                "reach",
                StringColumn.create("period", "2026-Q2", "2026-Q3"),
                LongColumn.create("workers_reached", new long[] {0, 812}),
                LongColumn.create("facilities_covered", new long[] {0, 1}),
                BooleanColumn.create("is_suppressed", true, false));
        reach.longColumn("workers_reached").setMissing(0);
        Table indicators = Table.create(
                "indicators",
                StringColumn.create(
                        "indicator_id", "grievances_received", "grievances_received", "grievances_resolved_share"),
                StringColumn.create("dimension", "total", "country", "total"),
                StringColumn.create("dimension_value", "*", "TH", "*"),
                StringColumn.create("unit", "cases", "cases", "share"),
                DoubleColumn.create("value", 17.0, WITHHELD_MARKER, 0.625),
                DoubleColumn.create("numerator", 17.0, WITHHELD_MARKER, 10.0),
                dbl("denominator", null, null, 16.0),
                BooleanColumn.create("is_suppressed", false, true, false),
                StringColumn.create("suppression_reason", null, "K_THRESHOLD", null),
                StringColumn.create("name", "Grievances received", "Grievances received", "Grievances resolved"),
                StringColumn.create("breakdown_label", "total", "Thailand (TH)", "total"),
                IntColumn.create("dimension_order", new int[] {-1, 0, -1}),
                StringColumn.create("csddd", "Art. 14", "Art. 14", "Art. 14"),
                StringColumn.create("esrs", "S2-3_04", "S2-3_04", "S2-3_04"),
                StringColumn.create("lksg", "§8", "§8", "§8"),
                StringColumn.create("ungp31", "accessible", "accessible", "predictable"),
                IntColumn.create("catalogue_order", new int[] {0, 0, 1}));
        Table runs = Table.create(
                "runs",
                StringColumn.create("run_id", "r-score-1"),
                StringColumn.create("command", "score"),
                StringColumn.create("run_date", "2026-10-15"),
                StringColumn.create("model_version", "m-1"),
                StringColumn.create("config_hash", "abc123"),
                StringColumn.create("code_version", "0.1"));
        Table tables = Table.create(
                "tables",
                StringColumn.create("table", "gold.risk_score"),
                LongColumn.create("delta_version", new long[] {7}),
                IntColumn.create("files", new int[] {2}));
        Table inputs = Table.create(
                "inputs",
                StringColumn.create("run_id", "r-ingest-1"),
                StringColumn.create("file", "helpline/cases.csv"),
                StringColumn.create("sha256", "deadbeef"),
                LongColumn.create("rows", new long[] {100}));
        ReportRequest.Model model = new ReportRequest.Model(
                Map.of("critical", 57.0, "high", 49.0, "medium", 38.0),
                "2025-Q4",
                Map.of("recruitment_fees", "Recruitment fees and costs", "child_labour", "Child labour"));
        Table watchlist = Table.create(
                "watchlist",
                IntColumn.create("priority", new int[] {1, 3}),
                StringColumn.create("kind", "severe_unaudited", "overdue_cap"),
                StringColumn.create("facility_id", "F1", "F1"),
                StringColumn.create("facility_name", SCRIPT, SCRIPT),
                StringColumn.create("theme", null, "recruitment_fees"),
                BooleanColumn.create("is_theme_withheld", true, false),
                StringColumn.create("subject", null, "CAP-7"),
                StringColumn.create(
                        "reason",
                        "workers report a severe theme (withheld: fewer than 5 workers reported it)",
                        "corrective action 45 days overdue at the period's end (listed from 30)"),
                StringColumn.create(
                        "evidence",
                        "fewer than 5 of 40 workers reached reported it; no audit in the window",
                        "CAP-7 (audit finding, Recruitment fees and costs), due 2026-08-16"),
                StringColumn.create("next_step", "Verify within 30 days.", "Escalate with the supplier."),
                StringColumn.create("owner", "social compliance manager", "supplier relationship manager"),
                StringColumn.create("csddd", "Art. 8; Art. 11", "Art. 10; Art. 11"),
                StringColumn.create("first_listed_period", "2026-Q2", "2026-Q3"),
                LongColumn.create("periods_listed", new long[] {2, 1}));
        Table agencies = Table.create(
                "agencies",
                StringColumn.create("agency", "all agencies", "star recruitment", OTHER),
                StringColumn.create("origin", "NP", "NP", "NP"),
                StringColumn.create("destination", "MY", "MY", "MY"),
                BooleanColumn.create("is_corridor_total", true, false, false),
                LongColumn.create("workers", new long[] {30, 22, 0}),
                LongColumn.create("facilities", new long[] {4, 2, 0}),
                LongColumn.create("fee_workers", new long[] {12, 9, 0}),
                dbl("fees_repaid_eur", 2500.0, null, null),
                LongColumn.create("high_risk_facilities", new long[] {3, 2, 0}),
                dbl("high_risk_share", 0.75, 1.0, null),
                BooleanColumn.create("is_suppressed", false, false, true),
                StringColumn.create("suppression_reason", null, null, "K_THRESHOLD"),
                StringColumn.create("window_from", "2025-Q4", "2025-Q4", "2025-Q4"));
        agencies.longColumn("workers").setMissing(2);
        Table schemes = Table.create(
                "schemes",
                StringColumn.create("scheme", "smeta", "smeta"),
                StringColumn.create("theme", "recruitment_fees", "child_labour"),
                LongColumn.create("cells", new long[] {30, 30}),
                LongColumn.create("cells_reference", new long[] {12, 3}),
                dbl("detection_rate", 0.18, 0.5),
                dbl("detection_rate_lower", 0.08, 0.2),
                dbl("detection_rate_upper", 0.27, 0.8),
                dbl("kappa", 0.1, 0.2),
                dbl("kappa_lower", -0.1, 0.0),
                dbl("kappa_upper", 0.3, 0.4),
                BooleanColumn.create("is_shown", true, false));
        Table brands = Table.create(
                "brands",
                StringColumn.create("brand_id"),
                StringColumn.create("brand_name"),
                StringColumn.create("indicator_id"),
                StringColumn.create("unit"),
                DoubleColumn.create("value"),
                DoubleColumn.create("numerator"),
                DoubleColumn.create("denominator"),
                BooleanColumn.create("is_suppressed"));
        return new ReportData(
                "B9",
                "Brand " + SCRIPT,
                "2026-Q3",
                "m-1",
                5,
                10,
                model,
                new ReportData.Scope(2, 2, 2),
                Headlines.from(indicators),
                scores,
                trend,
                ReportQueries.tiers(scores),
                reach,
                indicators,
                watchlist,
                agencies,
                schemes,
                brands,
                ReportRequest.BRAND,
                new ReportData.Lineage(runs, tables, inputs));
    }

    static DoubleColumn dbl(String name, Double... values) {
        DoubleColumn c = DoubleColumn.create(name);
        for (Double v : values) {
            if (v == null) {
                c.appendMissing();
            } else {
                c.append(v);
            }
        }
        return c;
    }

    @Test
    void htmlEscapesEveryPieceOfDataAndIsWellFormed() throws Exception {
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("alert('x')")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co");
        assertThat(Html.text("a\u0001b\"<>")).isEqualTo("ab&quot;&lt;&gt;");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).doesNotContain("0.123456789").doesNotContain("0.12");
        for (String chart : ReportCharts.ALL) {
            assertThat(html).contains("charts/" + chart + ".png");
            assertThat(out.resolve("charts").resolve(chart + ".png")).isNotEmptyFile();
        }
    }

    @Test
    void pdfTextHasTheSectionsAndFiguresAndPageOneIsNotBlank() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(out.resolve(DueDiligenceReport.PDF).toFile())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains(
                            "1. Executive summary",
                            "2. What needs attention now",
                            "3. Highest-risk facilities and what drives their scores",
                            "4. Suppliers",
                            "5. Audits and worker voice",
                            "6. How far each audit scheme can be relied on",
                            "7. Grievance mechanism performance",
                            "8. Remediation",
                            "9. Recruitment agencies and corridors",
                            "10. Engagement with value-chain workers",
                            "11. Indicator tables",
                            "12. Methodology, glossary and limitations",
                            "13. Data lineage");
            // scheme reliance: an interval under 30 % is low; a pair on 3 reference cells is not shown
            assertThat(text).contains("low 18 % (8–27)").doesNotContain("50 % (20–80)");
            // agencies: the merged small ones are withheld, a withheld fee figure says so
            assertThat(text).contains("star recruitment", "NP → MY", "EUR 2,500", "withheld (fewer than 5 workers)");
            assertThat(text)
                    .contains(
                            "71.3",
                            "62.5 %",
                            "Thailand (TH) withheld (fewer than 5 workers)",
                            "remediation_verdict_share no data: not computed",
                            "r-score-1",
                            "deadbeef");
            // a worker-voice driver resting on fewer than k workers is named without its theme; prior + drivers + other
            assertThat(text)
                    .contains(
                            "a theme fewer than 5 workers reported (worker voice, +6.0)",
                            "Recruitment fees and costs (worker voice, +20.5)",
                            "+40.0",
                            "+4.8");
            assertThat(text).contains("critical from 57, high from 49, medium from 38");
            // the watchlist: a withheld theme stays withheld, the overdue CAP in its own table, since when
            assertThat(text)
                    .contains(
                            "severe theme, no audit",
                            "theme withheld (fewer than 5 workers)",
                            "overdue CAPs (1) · priority 3",
                            "CAP-7 (audit finding",
                            "45 days",
                            "2026-Q2 (2 periods)",
                            "Next step: Verify within 30 days.",
                            // numbers kept whole stay in reading order in the PDF's text
                            "fewer than 5 of 40 workers reached reported it; no audit in the window");
            // a headline whose indicator is not in the table is left out, never printed as a number or as "safe"
            assertThat(text)
                    .contains("Grievances: 17 helpline cases received, 62.5 % resolved")
                    .doesNotContain("no data facilities are critical");
            // F2 has no worker voice: listed as a coverage gap, not among the facilities with worker voice
            assertThat(text)
                    .contains(
                            "Critical and high facilities with worker voice (1)",
                            "Critical and high facilities without worker voice: coverage gap (1)");
            assertThat(text.replace(" ", "")).as("the name prints as text").contains("<script>alert('x')</script>&Co");
            assertThat(text).doesNotContain("0.123");
            Path png = out.resolve("page1.png");
            javax.imageio.ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 40), "png", png.toFile());
            BufferedImage page = javax.imageio.ImageIO.read(png.toFile());
            long ink = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    int rgb = page.getRGB(x, y) & 0xffffff;
                    if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 600) {
                        ink++;
                    }
                }
            }
            assertThat(ink).as("dark pixels on page 1").isGreaterThan(page.getWidth() * page.getHeight() / 100);
        }
    }

    @Test
    void workbookIsTypedFrozenFilteredAndNeutralisesFormulas() throws Exception {
        try (InputStream in =
                        new FileInputStream(out.resolve(DueDiligenceReport.XLSX).toFile());
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            List<String> names = new java.util.ArrayList<>();
            wb.forEach(sh -> names.add(sh.getSheetName()));
            assertThat(names)
                    .containsExactly(
                            "Summary",
                            "Watchlist",
                            "CSDDD",
                            "ESRS S2",
                            "LkSG",
                            "UNGP 31",
                            "Facilities",
                            "Agencies",
                            "Schemes",
                            "Definitions",
                            "Lineage");
            XSSFSheet watch = wb.getSheet("Watchlist");
            assertThat(watch.getRow(1).getCell(7).getStringCellValue()).isEqualTo("withheld (fewer than 5 workers)");
            assertThat(watch.getRow(2).getCell(8).getStringCellValue()).isEqualTo("CAP-7");
            XSSFSheet esrs = wb.getSheet("ESRS S2");
            assertThat(esrs.getPaneInformation().isFreezePane()).isTrue();
            assertThat(esrs.getCTWorksheet().isSetAutoFilter()).isTrue();
            // every row says whose figure, for which period, in which unit
            List<String> header = new java.util.ArrayList<>();
            esrs.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header)
                    .containsSubsequence(
                            "scope_type",
                            "scope_id",
                            "scope_name",
                            "period",
                            "indicator_id",
                            "breakdown_label",
                            "unit",
                            "value");
            int value = header.indexOf("value");
            int status = header.indexOf("status");
            assertThat(esrs.getRow(1).getCell(header.indexOf("scope_id")).getStringCellValue())
                    .isEqualTo("B9");
            assertThat(esrs.getRow(1).getCell(header.indexOf("period")).getStringCellValue())
                    .isEqualTo("2026-Q3");
            assertThat(esrs.getRow(1).getCell(value).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(esrs.getRow(1).getCell(value).getNumericCellValue()).isEqualTo(17.0);
            assertThat(esrs.getRow(2).getCell(value)).as("withheld value").isNull();
            assertThat(esrs.getRow(2).getCell(status).getStringCellValue()).isEqualTo("withheld");
            assertThat(esrs.getRow(2).getCell(header.indexOf("breakdown_label")).getStringCellValue())
                    .isEqualTo("Thailand (TH)");
            // a share is a fraction formatted as percent
            assertThat(esrs.getRow(3).getCell(value).getNumericCellValue()).isEqualTo(0.625);
            assertThat(esrs.getRow(3).getCell(value).getCellStyle().getDataFormatString())
                    .isEqualTo("0.0%");
            // the Facilities sheet: tier marked for a coverage gap, a withheld driver theme stays withheld
            XSSFSheet facilities = wb.getSheet("Facilities");
            List<String> fh = new java.util.ArrayList<>();
            facilities.getRow(0).forEach(c -> fh.add(c.getStringCellValue()));
            assertThat(facilities.getRow(2).getCell(fh.indexOf("tier_label")).getStringCellValue())
                    .isEqualTo("high (coverage gap)");
            assertThat(facilities.getRow(2).getCell(fh.indexOf("trend")).getStringCellValue())
                    .isEqualTo("n/a (no new evidence)");
            assertThat(facilities.getRow(1).getCell(fh.indexOf("driver_2")).getStringCellValue())
                    .startsWith("withheld");
            for (org.apache.poi.ss.usermodel.Sheet s : wb) {
                for (org.apache.poi.ss.usermodel.Row r : s) {
                    for (org.apache.poi.ss.usermodel.Cell c : r) {
                        assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA);
                        if (c.getCellType() == CellType.NUMERIC) {
                            assertThat(c.getNumericCellValue()).isNotEqualTo(WITHHELD_MARKER);
                        }
                    }
                }
            }
        }
        assertThat(IndicatorWorkbook.safe(FORMULA)).isEqualTo("'" + FORMULA);
        assertThat(IndicatorWorkbook.safe("+1")).isEqualTo("'+1");
        assertThat(IndicatorWorkbook.safe("-2")).isEqualTo("'-2");
        assertThat(IndicatorWorkbook.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(IndicatorWorkbook.safe("plain")).isEqualTo("plain");
    }

    @Test
    void csvIsRfc4180WithTheWorkbookFiguresAndJsonIsKeyedByDatapoint() throws Exception {
        try (CSVParser p = CSVParser.parse(
                out.resolve("esrs_s2.csv"),
                StandardCharsets.UTF_8,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build())) {
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).get("esrs_datapoint")).isEqualTo("S2-3_04");
            assertThat(rows.get(0).get("value")).isEqualTo("17");
            assertThat(rows.get(1).get("value")).isEmpty();
            assertThat(rows.get(1).get("status")).isEqualTo("withheld");
            assertThat(rows.get(2).get("value")).isEqualTo("0.625");
        }
        assertThat(Files.readString(out.resolve("esrs_s2.csv")))
                .contains("\r\n")
                .doesNotContain("0.123456789");
        JsonNode json =
                new ObjectMapper().readTree(out.resolve(DueDiligenceReport.JSON).toFile());
        JsonNode dp = json.path("datapoints").path("S2-3_04");
        assertThat(dp.path("name").asText()).isEqualTo("Grievances");
        JsonNode received = dp.path("indicators").path("grievances_received").path("values");
        assertThat(received.get(0).path("value").asDouble()).isEqualTo(17.0);
        assertThat(received.get(1).path("value").isNull()).isTrue();
        assertThat(received.get(1).path("suppression_reason").asText()).isEqualTo("K_THRESHOLD");
        assertThat(dp.path("indicators")
                        .path("grievances_resolved_share")
                        .path("values")
                        .get(0)
                        .path("value")
                        .asDouble())
                .isEqualTo(0.625);
        assertThat(json.path("runs").get(0).asText()).isEqualTo("r-score-1");
    }
}
