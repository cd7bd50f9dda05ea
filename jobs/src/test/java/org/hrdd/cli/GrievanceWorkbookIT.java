package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldRiskTheme;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Columns.SilverGrievance;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real-world style third-party grievance workbook onboarded with YAML only (a mapping and a taxonomy, no code):
 * a title row above the header, wide 0/1 issue flags with one conditioned on the aggrieved party, country names, NA
 * tokens, month- and year-only dates, an Excel date cell, a fallback date column, several companies in one cell (one of
 * them outside the supply base), community-raised land and deforestation cases. Run through {@code hrdd ingest},
 * {@code refine}, {@code analyse}, {@code score}, {@code indicators} and {@code report} on a copy of the sample
 * lakehouse, every figure is worked out by hand from the workbook below.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrievanceWorkbookIT {

    static final String MAPPING =
            """
            system: grievance_tracker
            description: A published grievance tracker (xlsx, wide issue flags, country names, NA for unknown).
            evidence: third_party_grievance
            max_quarantine_share: 0.25
            feeds:
              - table: grievance_case
                files: "grievances/tracker_*.xlsx"
                format: xlsx
                sheet: Grievances
                header_row: 2
                date_formats: ["yyyy-MM-dd", "yyyy-MM-00", "yyyy"]
                null_tokens: [NA, "N/A", "-"]
                constants: {taxonomy: grievance_tracker}
                columns:
                  case_id: "Grievance ID"
                  received_at: ["Date raised", "Date published"]
                  facility_name: {from: "Company", split: [";"]}
                  country_code: {from: "Country", values: countries}
                  facility_address: "Address"
                  raised_by: {from: "Raised by", values: {NGO: ngo, Union: union, Community: community, Journalist: media}}
                  status: {from: "Status", values: {Open: open, "In progress": in_progress, Closed: resolved, "Under review": open}}
                  responded_at: "Date responded"
                  resolved_at: "Date closed"
                  description: "Summary"
                flag_columns:
                  target: issue_codes
                  true_values: ["1"]
                  false_values: ["0"]
                  columns:
                    "Freedom of association": FOA
                    "Wages": {code: WAGE, when: {column: "Aggrieved party", in: [Workers]}}
                    "Health & safety": OSH
                    "Land conflict": LAND
                    "Deforestation": DEF
            """;

    static final String TAXONOMY =
            """
            taxonomy: grievance_tracker
            source: grievance_tracker
            codes:
              - {code: FOA,  label: Freedom of association,  theme: freedom_of_association}
              - {code: WAGE, label: Wages,                   theme: wages_benefits}
              - {code: OSH,  label: Health and safety,       theme: health_safety}
              - {code: LAND, label: Land conflict,           out_of_scope: land}
              - {code: DEF,  label: Deforestation,           out_of_scope: environment}
            """;

    /** G-08's address: another place than facility a's. */
    static final String ELSEWHERE = "Lot 999 Zona Franca Sur, Km 40, Puerto Cortes";

    static final String HEADER =
            "Grievance ID|Date raised|Date published|Company|Country|Address|Raised by|Aggrieved party|"
                    + "Freedom of association|Wages|Health & safety|Land conflict|Deforestation|Status|Date responded|"
                    + "Date closed|Summary";

    Path tmp;

    Path lakehouse;
    Path reportDir;
    Facility a;
    Facility b;
    Facility c;
    final Map<String, Integer> exits = new LinkedHashMap<>();
    final StringWriter console = new StringWriter();

    record Facility(String id, String name, String country, String address) {}

    @BeforeAll
    void onboard(@TempDir Path dir) throws IOException {
        tmp = dir;
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("HRDD_PSEUDONYM_KEY") == null,
                "HRDD_PSEUDONYM_KEY is set in this environment and beats the configured key file");
        pickFacilities();
        lakehouse = SampleLakehouse.copyTo(tmp.resolve("lh"));
        Path conf = SampleLakehouse.copyTree(SampleWorld.conf(), tmp.resolve("conf"));
        Path key = Files.write(tmp.resolve("key"), SampleLakehouse.KEY_BYTES);
        Path yaml = conf.resolve("application.yaml");
        Files.writeString(
                yaml,
                Files.readString(yaml).replace("pseudonym_key_file: null", "pseudonym_key_file: \"" + key + "\""));
        Files.writeString(conf.resolve("sources/grievance_tracker.yaml"), MAPPING);
        Files.writeString(conf.resolve("taxonomy/grievance_tracker.yaml"), TAXONOMY);
        Path input = Files.createDirectories(tmp.resolve("exports/grievances"));
        writeWorkbook(input.resolve("tracker_2026.xlsx"));
        reportDir = tmp.resolve("out");
        String[] global = {"--conf", conf.toString(), "--lakehouse", lakehouse.toString()};
        run("ingest", global, "ingest", "--input", tmp.resolve("exports").toString(), "--run-date", "2026-10-15");
        run("refine", global, "refine", "--run-date", "2026-10-15");
        run("analyse", global, "analyse", "--period", "2026-Q3", "--all-periods", "--run-date", "2026-10-15");
        run("score", global, "score", "--period", "2026-Q3", "--run-date", "2026-10-15");
        run("indicators", global, "indicators", "--period", "2026-Q3", "--run-date", "2026-10-15");
        run("report", global, "report", "--brand", "B01", "--period", "2026-Q3", "--out", reportDir.toString());
    }

    private void run(String step, String[] global, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = Hrdd.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(global));
        all.addAll(List.of(args));
        exits.put(step, cli.execute(all.toArray(String[]::new)));
        console.append("$ ").append(step).append('\n').append(out.toString()).append(err.toString());
    }

    @Test
    void everyStepSucceeds() {
        assertThat(exits)
                .as(console.toString())
                .allSatisfy((step, code) -> assertThat(code).as(step).isZero());
    }

    /** One row per grievance, resolved facility and issue code, as worked out from the workbook by hand. */
    @Test
    void theGrievancesLandInSilverAsThirdPartyEvidenceWithScopeAndPrecision() {
        Dataset<org.apache.spark.sql.Row> g = table(SilverGrievance.TABLE);
        List<String> rows = g
                .orderBy(SilverGrievance.CASE_ID, SilverGrievance.FACILITY_ID, SilverGrievance.SOURCE_CODE)
                .collectAsList()
                .stream()
                .map(r -> String.join(
                        " ",
                        r.<String>getAs(SilverGrievance.CASE_ID),
                        r.<String>getAs(SilverGrievance.FACILITY_ID),
                        r.<String>getAs(SilverGrievance.SOURCE_CODE),
                        r.<String>getAs(SilverGrievance.S2_SCOPE),
                        String.valueOf((Object) r.getAs(SilverGrievance.RAISED_ON)),
                        r.<String>getAs(SilverGrievance.RAISED_ON_PRECISION),
                        String.valueOf(r.<String>getAs(SilverGrievance.PERIOD)),
                        String.valueOf(r.<String>getAs(SilverGrievance.RAISED_BY)),
                        String.valueOf(r.<String>getAs(SilverGrievance.STATUS))))
                .toList();
        List<String> expected = new ArrayList<>(List.of(
                "G-01 " + a.id() + " FOA in_scope 2026-08-01 month 2026-Q3 ngo in_progress",
                "G-01 " + a.id() + " WAGE in_scope 2026-08-01 month 2026-Q3 ngo in_progress",
                "G-02 " + a.id() + " OSH in_scope 2026-07-14 day 2026-Q3 union resolved",
                "G-02 " + b.id() + " OSH in_scope 2026-07-14 day 2026-Q3 union resolved",
                // the community's case: wages not counted (the flag's condition), land and deforestation kept
                "G-03 " + c.id() + " DEF out_of_scope 2026-09-01 month 2026-Q3 community open",
                "G-03 " + c.id() + " LAND out_of_scope 2026-09-01 month 2026-Q3 community open",
                "G-04 " + a.id() + " FOA in_scope 2025-01-01 year null ngo null",
                // no raised date: the published date, the fallback column
                "G-05 " + b.id() + " FOA in_scope 2026-08-05 day 2026-Q3 media open",
                "G-07 " + c.id() + " WAGE in_scope 2026-07-02 day 2026-Q3 union resolved"));
        expected.sort(null);
        assertThat(rows).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(g.filter(SilverGrievance.CASE_ID + " = 'G-03'")
                        .first()
                        .<String>getAs(SilverGrievance.OUT_OF_SCOPE_AREA))
                .isIn("land", "environment");
        assertThat(g.filter(SilverGrievance.CASE_ID + " = 'G-07'")
                        .first()
                        .<String>getAs(SilverGrievance.DESCRIPTION_SCRUBBED))
                .isEqualTo("Union leader [NAME] was dismissed after organising the workers; call [PHONE].");
    }

    @Test
    void theGrievancesNamingNoFacilityOfTheMasterAreQuarantinedAndNothingIsLost() {
        List<org.apache.spark.sql.Row> q = table(OpsQuarantine.TABLE)
                .filter(OpsQuarantine.SOURCE_SYSTEM + " = 'grievance_tracker'")
                .collectAsList();
        assertThat(q).extracting(r -> r.<String>getAs(OpsQuarantine.REASON)).containsOnly("UNRESOLVED_FACILITY");
        assertThat(q)
                .extracting(r -> r.<String>getAs(OpsQuarantine.DETAIL))
                .hasSize(2)
                .anySatisfy(d -> assertThat(d)
                        .startsWith("no facility the grievance names resolves: 'Sungai Emas Plantation': best"))
                // G-08: a's name at another address is not a's grievance
                .contains("no facility the grievance names resolves: '" + a.name() + "': the name matches " + a.id()
                        + " (exact_name) but its address is another place: a facility of the same name elsewhere?");
        assertThat(console.toString()).doesNotContain("quality gate failed");
    }

    @Test
    void grievancesAreNeverWorkersReached() {
        assertThat(table(SilverWorkerSignal.TABLE)
                        .filter("_source_system = 'grievance_tracker'")
                        .count())
                .isZero();
        assertThat(table(SilverWorkerContact.TABLE)
                        .filter("_source_system = 'grievance_tracker'")
                        .count())
                .isZero();
    }

    /**
     * Q3 for brand B01 (whose facilities a, b and c are): G-01, G-02, G-03, G-05, G-07 raised (G-04 is dated only to
     * 2025, G-06 names no facility of the master); G-03 is out of scope; of the four in scope, G-02, G-05 and G-07
     * were answered by 30 September and G-02 and G-07 are closed; days to answer 6, 10 and 28, median 10.
     */
    @Test
    void theIndicatorsCountGrievancesAsWorkedOutByHand() {
        Map<String, Double> v = new LinkedHashMap<>();
        table(GoldIndicatorValue.TABLE)
                .filter(GoldIndicatorValue.PERIOD + " = '2026-Q3' AND " + GoldIndicatorValue.SCOPE_ID + " = 'B01' AND "
                        + GoldIndicatorValue.INDICATOR_ID + " LIKE 'tpg_%'")
                .collectAsList()
                .forEach(r -> v.put(
                        r.<String>getAs(GoldIndicatorValue.INDICATOR_ID) + "|"
                                + r.<String>getAs(GoldIndicatorValue.DIMENSION) + "|"
                                + r.<String>getAs(GoldIndicatorValue.DIMENSION_VALUE),
                        r.<Double>getAs(GoldIndicatorValue.VALUE)));
        assertThat(v)
                .containsEntry("tpg_grievances_received|total|*", 5.0)
                .containsEntry("tpg_grievances_received|s2_scope|in_scope", 4.0)
                .containsEntry("tpg_grievances_received|s2_scope|out_of_scope", 1.0)
                .containsEntry("tpg_grievances_received|raised_by|community", 1.0)
                .containsEntry("tpg_responded_share|total|*", 0.75)
                .containsEntry("tpg_resolved_share|total|*", 0.5)
                .containsEntry("tpg_days_to_response|total|*", 10.0);
    }

    /** G-01 is a freedom-of-association grievance at facility a in Q3: the score counts it as its own evidence. */
    @Test
    void theScoreWeighsAThirdPartyGrievanceAsItsOwnEvidence() {
        org.apache.spark.sql.Row cell = table(GoldFacilityThemePeriod.TABLE)
                .filter(GoldFacilityThemePeriod.FACILITY_ID + " = '" + a.id() + "' AND "
                        + GoldFacilityThemePeriod.PERIOD + " = '2026-Q3' AND " + GoldFacilityThemePeriod.THEME
                        + " = 'freedom_of_association'")
                .first();
        assertThat(cell.<Long>getAs(GoldFacilityThemePeriod.THIRD_PARTY_GRIEVANCES))
                .isEqualTo(1L);
        List<org.apache.spark.sql.Row> themes = table(GoldRiskTheme.TABLE)
                .filter(GoldRiskTheme.FACILITY_ID + " = '" + a.id() + "' AND " + GoldRiskTheme.PERIOD
                        + " = '2026-Q3' AND " + GoldRiskTheme.THEME + " IN ('freedom_of_association', 'child_labour')")
                .orderBy(GoldRiskTheme.THEME)
                .collectAsList();
        assertThat(themes).hasSize(2);
        assertThat(themes.get(0).<Double>getAs(GoldRiskTheme.LIKELIHOOD_THIRD_PARTY_GRIEVANCE))
                .as("child labour: no grievance")
                .isZero();
        assertThat(themes.get(1).<Double>getAs(GoldRiskTheme.LIKELIHOOD_THIRD_PARTY_GRIEVANCE))
                .isPositive();
    }

    @Test
    void theReportShowsThemInTheGrievanceSectionApartFromWorkerVoice() throws IOException {
        Path html;
        try (java.util.stream.Stream<Path> s = Files.walk(reportDir)) {
            html = s.filter(p -> p.getFileName().toString().equals("report.html"))
                    .findFirst()
                    .orElseThrow();
        }
        String text = Files.readString(html);
        int section = text.indexOf("Grievances raised by third parties");
        assertThat(section).isPositive();
        String part = text.substring(section, text.indexOf("<h2", section));
        assertThat(part)
                .contains("no worker was reached through them")
                .contains("Third-party grievances raised")
                .contains("of which out of scope for ESRS S2")
                .contains("Third-party grievances answered");
    }

    private Dataset<org.apache.spark.sql.Row> table(String name) {
        SparkSession spark = SharedSpark.session();
        String layer = name.substring(0, name.indexOf('.'));
        String table = name.substring(name.indexOf('.') + 1);
        Path path = layer.equals("ops")
                ? lakehouse.resolve("_" + table)
                : lakehouse.resolve(layer).resolve(table);
        return spark.read().format("delta").load(path.toString());
    }

    /**
     * Three facilities of brand B01 linked through 2026-Q3, a and b in one country (a cell names both, with that
     * country), c anywhere.
     */
    private void pickFacilities() throws IOException {
        Path suppliers = SampleWorld.exports().resolve("suppliers");
        Map<String, Facility> all = new LinkedHashMap<>();
        for (CSVRecord r : csv(suppliers.resolve("facilities.csv"))) {
            all.put(
                    r.get("facility_id"),
                    new Facility(r.get("facility_id"), r.get("facility_name"), r.get("country"), r.get("address")));
        }
        List<Facility> linked = new ArrayList<>();
        for (CSVRecord r : csv(suppliers.resolve("brand_facility.csv"))) {
            // the export holds deliberately broken rows (impossible dates): those links are not used here
            boolean through = before(r.get("start_date"), LocalDate.of(2026, 7, 1))
                    && r.get("end_date").isBlank();
            if (r.get("brand_id").equals("B01") && through && all.containsKey(r.get("facility_id"))) {
                linked.add(all.get(r.get("facility_id")));
            }
        }
        for (Facility x : linked) {
            for (Facility y : linked) {
                // G-08 names a at an address that is clearly another place than a's
                boolean tells = org.hrdd.refine.FacilityNames.place(ELSEWHERE, x.address())
                        == org.hrdd.refine.FacilityNames.Place.DIFFERENT;
                if (a == null
                        && tells
                        && x != y
                        && x.country().equals(y.country())
                        && unique(all, x)
                        && unique(all, y)) {
                    a = x;
                    b = y;
                }
            }
        }
        c = linked.stream()
                .filter(f -> f != a && f != b && unique(all, f))
                .findFirst()
                .orElseThrow();
    }

    private static boolean before(String date, LocalDate limit) {
        try {
            return LocalDate.parse(date).isBefore(limit);
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** A name no other facility of the master has in its country (so the facility is the name's only match). */
    private static boolean unique(Map<String, Facility> all, Facility f) {
        return all.values().stream()
                        .filter(o -> o.country().equals(f.country()) && o.name().equalsIgnoreCase(f.name()))
                        .count()
                == 1;
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8))
                .getRecords();
    }

    private static String country(String code) {
        return new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    }

    private void writeWorkbook(Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Grievances");
            sheet.createRow(0)
                    .createCell(0)
                    .setCellValue("Grievance tracker, as published (title row above the header)");
            String[] header = HEADER.split("\\|");
            Row h = sheet.createRow(1);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            String ca = country(a.country());
            String cc = country(c.country());
            // id, raised, published, company, country, raised by, aggrieved, FoA, wages, OSH, land, deforestation,
            // status, responded, closed, summary
            Object[][] rows = {
                {
                    "G-01",
                    "2026-08-00",
                    "NA",
                    a.name(),
                    ca,
                    a.address() + ", " + country(a.country()),
                    "NGO",
                    "Workers",
                    1,
                    1,
                    0,
                    0,
                    0,
                    "In progress",
                    "NA",
                    "NA",
                    "Workers report dismissals after joining the union."
                },
                {
                    "G-02",
                    LocalDate.of(2026, 7, 14),
                    "",
                    a.name() + "; " + b.name(),
                    ca,
                    "NA",
                    "Union",
                    "Workers",
                    0,
                    0,
                    1,
                    0,
                    0,
                    "Closed",
                    "2026-07-20",
                    "2026-09-01",
                    "Fire exits locked."
                },
                {
                    "G-03",
                    "2026-09-00",
                    "",
                    c.name() + "; Sungai Emas Plantation",
                    cc,
                    c.address(),
                    "Community",
                    "Community",
                    0,
                    1,
                    0,
                    1,
                    1,
                    "Open",
                    "NA",
                    "",
                    "Village land cleared without consent."
                },
                {"G-04", "2025", "", a.name(), ca, "", "NGO", "Workers", 1, 0, 0, 0, 0, "NA", "", "", "Older case."},
                {
                    "G-05",
                    "NA",
                    "2026-08-05",
                    b.name().toUpperCase(Locale.ROOT),
                    ca,
                    b.address().toUpperCase(Locale.ROOT),
                    "Journalist",
                    "Workers",
                    1,
                    0,
                    0,
                    0,
                    0,
                    "Under review",
                    "2026-08-15",
                    "-",
                    "Union registration refused."
                },
                {
                    "G-06",
                    "2026-08-10",
                    "",
                    "Sungai Emas Plantation",
                    cc,
                    "",
                    "NGO",
                    "Workers",
                    0,
                    0,
                    1,
                    0,
                    0,
                    "Open",
                    "",
                    "",
                    "A company outside the supply base."
                },
                {
                    "G-07",
                    "2026-07-02",
                    "",
                    c.name(),
                    cc,
                    "NA",
                    "Union",
                    "Workers",
                    0,
                    1,
                    0,
                    0,
                    0,
                    "Closed",
                    "2026-07-30",
                    "2026-08-30",
                    "Union leader Budi Santoso was dismissed after organising the workers; call +62 812 3456 7890."
                },
                {
                    "G-08",
                    "2026-08-12",
                    "",
                    a.name(),
                    ca,
                    ELSEWHERE,
                    "NGO",
                    "Workers",
                    1,
                    0,
                    0,
                    0,
                    0,
                    "Open",
                    "",
                    "",
                    "A factory of the same name at another place."
                }
            };
            for (int i = 0; i < rows.length; i++) {
                Row r = sheet.createRow(i + 2);
                for (int j = 0; j < rows[i].length; j++) {
                    Object v = rows[i][j];
                    org.apache.poi.ss.usermodel.Cell cell = r.createCell(j);
                    if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else if (v instanceof Integer n) {
                        cell.setCellValue(n);
                    } else {
                        cell.setCellValue((String) v);
                    }
                }
            }
            wb.write(out);
        }
    }
}
