package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.publish.DueDiligenceReport;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrdd report} on the sample lakehouse (analysed, scored, indicators): every file is written, brand A's files
 * hold no facility, supplier or figure that exists only for brand B, and A's indicator figures are A's rows of
 * gold.indicator_value.
 */
class ReportCommandIT {

    static final String P = SampleLakehouse.LAST_PERIOD;
    static final String A = "B01";
    static final String B = "B02";

    @TempDir
    static Path tmp;

    static Path outA;
    static Map<String, String> facilitiesOnlyB = new HashMap<>();
    static Set<String> suppliersOnlyB = new HashSet<>();
    static Map<String, Double> totalsA = new HashMap<>();
    static Map<String, Double> totalsB = new HashMap<>();

    @BeforeAll
    static void report() throws Exception {
        SampleLakehouse.indicators();
        outA = tmp.resolve("a");
        HrddCliIT.Result r = HrddCliIT.run(
                "report",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--brand",
                A,
                "--period",
                P,
                "--out",
                outA.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(outA.resolve("report.pdf").toAbsolutePath().toString());
        try (LakehouseSql sql =
                        LakehouseSql.open(Path.of(SampleLakehouse.config().lakehouse()));
                Statement st = sql.connection().createStatement()) {
            String linked = "SELECT DISTINCT facility_id FROM silver.brand_facility WHERE brand_id = '%s' "
                    + "AND valid_from <= DATE '2026-09-30' AND (valid_to IS NULL OR valid_to >= DATE '2026-07-01')";
            try (ResultSet rs = st.executeQuery(
                    "SELECT f.facility_id, f.facility_name FROM silver.facility f WHERE " + "facility_id IN ("
                            + linked.formatted(B) + ") AND facility_id NOT IN (" + linked.formatted(A) + ")")) {
                while (rs.next()) {
                    facilitiesOnlyB.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs =
                    st.executeQuery("SELECT DISTINCT supplier_name FROM silver.facility WHERE facility_id IN ("
                            + linked.formatted(B)
                            + ") AND supplier_id NOT IN (SELECT supplier_id FROM silver.facility WHERE "
                            + "facility_id IN (" + linked.formatted(A) + "))")) {
                while (rs.next()) {
                    suppliersOnlyB.add(rs.getString(1));
                }
            }
            for (String brand : List.of(A, B)) {
                try (ResultSet rs = st.executeQuery("SELECT indicator_id, value FROM gold.indicator_value WHERE "
                        + "scope_type = 'brand' AND scope_id = '" + brand + "' AND period = '" + P
                        + "' AND dimension = "
                        + "'total' AND NOT is_suppressed")) {
                    while (rs.next()) {
                        (brand.equals(A) ? totalsA : totalsB).put(rs.getString(1), rs.getDouble(2));
                    }
                }
            }
        }
    }

    /**
     * A report asked again on the same lakehouse, configuration and code is not written again; one of its files changed
     * (or a lakehouse table written since) makes it written again, whole.
     */
    @Test
    void aReportWrittenFromTheSameInputsIsNotWrittenAgainUnlessItsFilesChanged() throws Exception {
        Path out = tmp.resolve("again");
        String[] args = {
            "report",
            "--conf",
            HrddCliIT.CONF,
            "--lakehouse",
            SampleLakehouse.config().lakehouse(),
            "--brand",
            A,
            "--period",
            P,
            "--out",
            out.toString()
        };
        assertThat(HrddCliIT.run(args).code()).isZero();
        java.nio.file.attribute.FileTime written = java.nio.file.Files.getLastModifiedTime(out.resolve("report.pdf"));
        HrddCliIT.Result again = HrddCliIT.run(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("up to date in " + out.toAbsolutePath());
        assertThat(java.nio.file.Files.getLastModifiedTime(out.resolve("report.pdf")))
                .isEqualTo(written);
        // a file of the report edited by hand: the report is written again and the edit is gone
        java.nio.file.Files.writeString(out.resolve("report.html"), "edited");
        HrddCliIT.Result rewritten = HrddCliIT.run(args);
        assertThat(rewritten.out())
                .doesNotContain("up to date")
                .contains(out.resolve("report.pdf").toAbsolutePath().toString());
        assertThat(java.nio.file.Files.readString(out.resolve("report.html"))).contains("<html");
        // another lakehouse table state (here: the report's basis names every table's data files) is another report
        String basis = java.nio.file.Files.readString(out.resolve(ReportCommand.BASIS));
        assertThat(basis)
                .contains("gold.indicator_value ")
                .contains("configuration ")
                .contains("code ")
                .doesNotContain(org.hrdd.run.RunManifest.TABLE + " ");
    }

    @Test
    void writesEveryFile() {
        for (String f : List.of(
                "report.html",
                "report.pdf",
                "indicators.xlsx",
                "indicators.json",
                "summary.csv",
                "watchlist.csv",
                "csddd.csv",
                "esrs_s2.csv",
                "lksg.csv",
                "ungp31.csv",
                "facilities.csv",
                "agencies.csv",
                "schemes.csv",
                "definitions.csv",
                "lineage.csv",
                "charts/risk_tiers.png",
                "charts/score_trend.png",
                "charts/blind_spots.png",
                "charts/remediation_funnel.png",
                "charts/worker_reach.png",
                "charts/worker_voice_coverage.png")) {
            assertThat(outA.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(outA.resolve(".staging-" + A + "-" + P)).doesNotExist();
    }

    @Test
    void brandAsFilesHoldNothingThatExistsOnlyForBrandB() throws Exception {
        assertThat(facilitiesOnlyB)
                .as("the sample has facilities linked to B only")
                .isNotEmpty();
        List<String> texts = new ArrayList<>();
        texts.add(Files.readString(outA.resolve("report.html")));
        try (PDDocument pdf = Loader.loadPDF(outA.resolve("report.pdf").toFile())) {
            texts.add(new PDFTextStripper().getText(pdf));
        }
        StringBuilder cells = new StringBuilder();
        try (InputStream in =
                        new FileInputStream(outA.resolve("indicators.xlsx").toFile());
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Sheet s : wb) {
                for (Row row : s) {
                    for (Cell c : row) {
                        cells.append(c.getCellType() == CellType.NUMERIC ? c.getNumericCellValue() : c.toString())
                                .append('\n');
                    }
                }
            }
        }
        texts.add(cells.toString());
        try (var files = Files.list(outA)) {
            for (Path f : files.filter(
                            p -> p.toString().endsWith(".csv") || p.toString().endsWith(".json"))
                    .toList()) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        for (String text : texts) {
            String flat = text.replaceAll("\\s+", " ");
            for (Map.Entry<String, String> f : facilitiesOnlyB.entrySet()) {
                assertThat(flat).doesNotContain(f.getKey()).doesNotContain(f.getValue());
            }
            for (String s : suppliersOnlyB) {
                assertThat(flat).doesNotContain(s);
            }
        }
    }

    @Test
    void indicatorFiguresAreBrandAsRows() throws Exception {
        Set<String> differ = new HashSet<>();
        totalsA.forEach((id, v) -> {
            if (totalsB.containsKey(id) && Math.abs(totalsB.get(id) - v) > 1e-9) {
                differ.add(id);
            }
        });
        assertThat(differ)
                .as("indicators where A and B differ (so the check can tell them apart)")
                .isNotEmpty();
        Map<String, Double> published = new HashMap<>();
        try (CSVParser p = CSVParser.parse(
                outA.resolve("csddd.csv"),
                StandardCharsets.UTF_8,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build())) {
            for (CSVRecord r : p) {
                if (r.get("breakdown").equals("total") && r.get("status").equals("published")) {
                    published.put(r.get("indicator_id"), Double.parseDouble(r.get("value")));
                }
            }
        }
        assertThat(published.keySet()).isEqualTo(totalsA.keySet());
        // the CSV rounds: shares to 0.0001, euro to the cent
        published.forEach(
                (id, v) -> assertThat(v).as(id).isCloseTo(totalsA.get(id), org.assertj.core.data.Offset.offset(0.006)));
        JsonNode json =
                new ObjectMapper().readTree(outA.resolve("indicators.json").toFile());
        assertThat(json.path("brand_id").asText()).isEqualTo(A);
        // the PDF prints A's share indicators, e.g. the covered share, as A's figure
        try (PDDocument pdf = Loader.loadPDF(outA.resolve("report.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("1. Executive summary", "11. Indicator tables", "13. Data lineage");
            if (totalsA.containsKey("wv_facility_coverage")) {
                assertThat(text)
                        .contains(String.format(Locale.ROOT, "%.1f %%", 100 * totalsA.get("wv_facility_coverage")));
            }
        }
        assertThat(DueDiligenceReport.HTML).isEqualTo("report.html");
    }

    /**
     * Every headline of the summary is the indicator row it names: the workbook's Summary sheet, the CSV view of the
     * indicators, gold.indicator_value and the summary's text agree (they disagreed on CAP counts and on which
     * "facilities with worker voice" they meant).
     */
    @Test
    void everyHeadlineIsItsIndicatorRowInEveryOutput() throws Exception {
        Map<String, String[]> csv = new HashMap<>();
        try (CSVParser p = CSVParser.parse(
                outA.resolve("esrs_s2.csv"),
                StandardCharsets.UTF_8,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build())) {
            for (CSVRecord r : p) {
                csv.put(
                        r.get("indicator_id") + "|" + r.get("breakdown") + "|" + r.get("breakdown_value"),
                        new String[] {r.get("numerator"), r.get("denominator"), r.get("status")});
                assertThat(r.get("scope_id")).isEqualTo(A);
                assertThat(r.get("period")).isEqualTo(P);
                assertThat(r.get("unit")).isNotBlank();
            }
        }
        Map<String, Double> gold = new HashMap<>();
        try (LakehouseSql sql =
                        LakehouseSql.open(Path.of(SampleLakehouse.config().lakehouse()));
                Statement st = sql.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT indicator_id, dimension, dimension_value, numerator FROM "
                        + "gold.indicator_value WHERE scope_type = 'brand' AND scope_id = '" + A + "' AND period = '"
                        + P
                        + "' AND NOT is_suppressed")) {
            while (rs.next()) {
                gold.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getDouble(4));
            }
        }
        String html = Files.readString(outA.resolve("report.html"));
        String summary =
                html.substring(html.indexOf("1. Executive summary"), html.indexOf("2. What needs attention now"));
        int checked = 0;
        try (InputStream in =
                        new FileInputStream(outA.resolve("indicators.xlsx").toFile());
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet s = wb.getSheet("Summary");
            List<String> head = new ArrayList<>();
            s.getRow(0).forEach(c -> head.add(c.getStringCellValue()));
            for (Row row : s) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                String key = row.getCell(head.indexOf("indicator_id")).getStringCellValue() + "|"
                        + row.getCell(head.indexOf("breakdown")).getStringCellValue() + "|"
                        + row.getCell(head.indexOf("breakdown_value")).getStringCellValue();
                String status = row.getCell(head.indexOf("status")).getStringCellValue();
                Cell num = row.getCell(head.indexOf("numerator"));
                if (status.equals("published") && csv.containsKey(key)) {
                    assertThat(csv.get(key)[2]).as(key).isEqualTo("published");
                    assertThat(num.getNumericCellValue()).as(key).isEqualTo(Double.parseDouble(csv.get(key)[0]));
                    assertThat(num.getNumericCellValue())
                            .as(key)
                            .isCloseTo(gold.get(key), org.assertj.core.data.Offset.offset(0.006));
                    String unit = row.getCell(head.indexOf("unit")).getStringCellValue();
                    String count = String.format(Locale.ROOT, "%,d", Math.round(num.getNumericCellValue()));
                    Cell value = row.getCell(head.indexOf("value"));
                    String shown = unit.equals("share")
                            ? String.format(Locale.ROOT, "%.1f %%", 100 * value.getNumericCellValue())
                            : unit.equals("EUR")
                                    ? String.format(Locale.ROOT, "EUR %,.0f", value.getNumericCellValue())
                                    : count;
                    assertThat(summary.contains(count) || summary.contains(shown))
                            .as(key + ": " + count + " or " + shown)
                            .isTrue();
                    checked++;
                } else if (status.equals("withheld")) {
                    assertThat(gold).as(key).doesNotContainKey(key);
                }
            }
        }
        assertThat(checked).as("headlines checked").isGreaterThanOrEqualTo(15);
        // the two "worker voice" figures have different names and definitions, and both are in the summary
        assertThat(summary)
                .contains("had enough workers reached in " + P, "draw on worker voice over the history window");
    }

    /** The company's report: every facility, the company's indicator rows, the brands compared side by side. */
    @Test
    void theCompanysReportCoversEveryFacilityAndComparesTheBrands() throws Exception {
        Path out = tmp.resolve("company");
        HrddCliIT.Result r = HrddCliIT.run(
                "report",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--company",
                "--period",
                P,
                "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("report for the company");
        Map<String, Double> company = new HashMap<>();
        List<String> brands = new ArrayList<>();
        try (LakehouseSql sql =
                        LakehouseSql.open(Path.of(SampleLakehouse.config().lakehouse()));
                Statement st = sql.connection().createStatement()) {
            try (ResultSet rs =
                    st.executeQuery("SELECT indicator_id, numerator FROM gold.indicator_value WHERE scope_type = "
                            + "'company' AND period = '" + P + "' AND dimension = 'total' AND NOT is_suppressed")) {
                while (rs.next()) {
                    company.put(rs.getString(1), rs.getDouble(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT scope_id FROM gold.indicator_value WHERE scope_type = "
                    + "'brand' AND period = '" + P + "' ORDER BY 1")) {
                while (rs.next()) {
                    brands.add(rs.getString(1));
                }
            }
        }
        try (CSVParser p = CSVParser.parse(
                out.resolve("summary.csv"),
                StandardCharsets.UTF_8,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build())) {
            int checked = 0;
            for (CSVRecord rec : p) {
                assertThat(rec.get("scope_type")).isEqualTo("company");
                if (rec.get("breakdown").equals("total") && rec.get("status").equals("published")) {
                    assertThat(Double.parseDouble(rec.get("numerator")))
                            .as(rec.get("indicator_id"))
                            .isCloseTo(
                                    company.get(rec.get("indicator_id")), org.assertj.core.data.Offset.offset(0.006));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(5);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("company portfolio (all facilities)", "2. Brands compared");
        assertThat(brands).hasSizeGreaterThanOrEqualTo(2);
        String compared =
                html.substring(html.indexOf("2. Brands compared"), html.indexOf("3. What needs attention now"));
        brands.forEach(b -> assertThat(compared).contains(b));
        try (InputStream in = new FileInputStream(out.resolve("indicators.xlsx").toFile());
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getSheet("Brands")).isNotNull();
        }
    }

    /** prior + drivers + other = score for every facility of the workbook (they are rounded to a tenth each). */
    @Test
    void everyFacilitysScoreIsItsPriorDriversAndOtherEvidence() throws Exception {
        try (InputStream in =
                        new FileInputStream(outA.resolve("indicators.xlsx").toFile());
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet s = wb.getSheet("Facilities");
            List<String> head = new ArrayList<>();
            s.getRow(0).forEach(c -> head.add(c.getStringCellValue()));
            int rows = 0;
            for (Row row : s) {
                if (row.getRowNum() == 0) {
                    continue;
                }
                double sum = 0;
                for (String c : List.of(
                        "prior_points", "driver_1_points", "driver_2_points", "driver_3_points", "other_points")) {
                    Cell cell = row.getCell(head.indexOf(c));
                    sum += cell == null ? 0 : cell.getNumericCellValue();
                }
                assertThat(sum)
                        .as("row " + row.getRowNum())
                        .isCloseTo(
                                row.getCell(head.indexOf("score")).getNumericCellValue(),
                                org.assertj.core.data.Offset.offset(0.3));
                String tier = row.getCell(head.indexOf("tier")).getStringCellValue();
                boolean covered = row.getCell(head.indexOf("worker_voice"))
                        .getStringCellValue()
                        .equals("yes");
                assertThat(row.getCell(head.indexOf("tier_label")).getStringCellValue())
                        .isEqualTo(covered ? tier : tier + " (coverage gap)");
                rows++;
            }
            assertThat(rows).isGreaterThan(20);
        }
    }

    /**
     * No number in a table cell of the PDF is broken across lines ("EUR 1 / 17,19 / 5" and "+4. / 0" before): every
     * number, date and period of every cell of the HTML appears whole in the PDF's text, as often as in the cells.
     */
    @Test
    void noNumberInAPdfTableCellWraps() throws Exception {
        String html = Files.readString(outA.resolve("report.html"));
        java.util.regex.Matcher cell =
                java.util.regex.Pattern.compile("<td[^>]*>(.*?)</td>").matcher(html);
        java.util.regex.Pattern number = java.util.regex.Pattern.compile(
                "(?<![\\w-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{4}-Q\\d|[+\u2212-]?\\d[\\d,.]*\\d(?: %)?)");
        Map<String, Integer> numbers = new HashMap<>();
        while (cell.find()) {
            String text = cell.group(1)
                    .replaceAll("<[^>]+>", " ")
                    .replace("&amp;", "&")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">");
            java.util.regex.Matcher m = number.matcher(text);
            while (m.find()) {
                if (m.group().length() >= 3) {
                    numbers.merge(m.group(), 1, Integer::sum);
                }
            }
        }
        assertThat(numbers.values().stream().mapToInt(Integer::intValue).sum())
                .as("numbers in cells")
                .isGreaterThan(500);
        String text;
        try (PDDocument pdf = Loader.loadPDF(outA.resolve("report.pdf").toFile())) {
            text = new PDFTextStripper().getText(pdf);
        }
        for (Map.Entry<String, Integer> n : numbers.entrySet()) {
            int found = 0;
            for (int i = text.indexOf(n.getKey()); i >= 0; i = text.indexOf(n.getKey(), i + 1)) {
                found++;
            }
            assertThat(found)
                    .as("'" + n.getKey() + "' whole on one line of the PDF")
                    .isGreaterThanOrEqualTo(n.getValue());
        }
    }
}
