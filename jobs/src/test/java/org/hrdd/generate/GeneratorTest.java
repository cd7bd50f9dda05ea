package org.hrdd.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates the sample tier once and checks the exports against the mappings and the truth. */
class GeneratorTest {

    @TempDir
    static Path tmp;

    static Path out;
    static GenerateResult result;

    @BeforeAll
    static void generate() throws IOException {
        out = tmp.resolve("sample");
        result = Generator.run(Exported.spec("sample", 11, out), m -> {});
    }

    @Test
    void sampleTierHitsItsRecordTarget() {
        assertThat(result.workerVoiceRecords()).isBetween(14_000L, 26_000L);
        assertThat(result.rowsPerFile())
                .containsKeys(
                        "exports/suppliers/facilities.csv",
                        "exports/remediation/cap_log.xlsx",
                        "truth/facility_theme_prevalence.csv",
                        "truth/bad_rows.csv");
        assertThat(result.rowsPerFile().get("exports/suppliers/facilities.csv")).isEqualTo(200L);
        assertThat(result.rowsPerFile().get("truth/facility_theme_prevalence.csv"))
                .isEqualTo(200L * 21 * 8);
    }

    @Test
    void everyExportHeaderIsTheMappingsSourceHeader() throws IOException {
        Path exports = out.resolve("exports");
        int feedsChecked = 0;
        try (var files = Files.list(Exported.repoRoot().resolve("conf/sources"))) {
            for (Path mapping :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode feed : Exported.yaml(mapping).get("feeds")) {
                    List<String> expected = new ArrayList<>();
                    feed.get("columns")
                            .fields()
                            .forEachRemaining(e -> expected.add(e.getValue().asText()));
                    if (feed.has("flag_columns"))
                        feed.get("flag_columns").get("columns").fieldNames().forEachRemaining(expected::add);
                    List<Path> matched =
                            Exported.glob(exports, feed.get("files").asText());
                    assertThat(matched)
                            .as("files for %s %s", mapping.getFileName(), feed.get("files"))
                            .isNotEmpty();
                    for (Path f : matched) {
                        List<String> header =
                                switch (feed.get("format").asText()) {
                                    case "csv" -> Exported.readCsv(f).header();
                                    case "jsonl" -> {
                                        List<String> keys = new ArrayList<>();
                                        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                                            Exported.JSON
                                                    .readTree(r.readLine())
                                                    .fieldNames()
                                                    .forEachRemaining(keys::add);
                                        }
                                        yield keys;
                                    }
                                    default -> {
                                        List<String> cells = new ArrayList<>();
                                        try (XSSFWorkbook wb = new XSSFWorkbook(f.toFile())) {
                                            assertThat(wb.getSheet(
                                                            feed.get("sheet").asText()))
                                                    .isNotNull();
                                            wb.getSheet(feed.get("sheet").asText())
                                                    .getRow(0)
                                                    .forEach(c -> cells.add(c.getStringCellValue()));
                                        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
                                            throw new IOException(e);
                                        }
                                        yield cells;
                                    }
                                };
                        assertThat(header)
                                .as("header of %s", exports.relativize(f))
                                .isEqualTo(expected);
                    }
                    feedsChecked++;
                }
            }
        }
        assertThat(feedsChecked).isEqualTo(15);
    }

    @Test
    void badRowsPointAtExistingRecordsAndAreAboutOnePercent() throws IOException {
        Path exports = out.resolve("exports");
        Map<String, Long> records = new HashMap<>();
        Map<String, List<CSVRecord>> csvCache = new HashMap<>();
        List<CSVRecord> bad =
                Exported.readCsv(out.resolve("truth/bad_rows.csv")).records();
        Set<String> kinds = new HashSet<>();
        for (CSVRecord b : bad) {
            String file = b.get("file");
            long row = Long.parseLong(b.get("row"));
            Path f = exports.resolve(file);
            assertThat(f).as(file).exists();
            long n = records.computeIfAbsent(file, k -> result.rowsPerFile().get("exports/" + k));
            assertThat(row).as("row of %s", b).isBetween(1L, n);
            assertThat(b.get("expected")).isIn("quarantine", "keep");
            kinds.add(b.get("defect"));
            if (file.endsWith(".csv") && b.get("defect").equals("DUPLICATE")) {
                List<CSVRecord> recs = csvCache.computeIfAbsent(file, k -> {
                    try {
                        return Exported.readCsv(f).records();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(recs.get((int) row - 1).values())
                        .isEqualTo(recs.get((int) row - 2).values());
            }
            if (b.get("defect").equals("BROKEN_QUOTING")) {
                Exported.Csv csv = Exported.readCsv(f);
                assertThat(csv.brokenAtEnd()).isTrue();
                assertThat(csv.records()).hasSize((int) row - 1); // damage bounded to the last record
            }
        }
        long exportRows = result.rowsPerFile().entrySet().stream()
                .filter(e -> e.getKey().startsWith("exports/"))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertThat((double) bad.size() / exportRows).isBetween(0.006, 0.016);
        assertThat(kinds)
                .contains(
                        "BAD_DATE",
                        "FUTURE_DATE",
                        "UNKNOWN_CODE",
                        "DUPLICATE",
                        "UNRESOLVED_FACILITY",
                        "BROKEN_QUOTING",
                        "SCRIPT_TEXT");
        assertThat(result.badRows()).isEqualTo(bad.size());
    }

    @Test
    void everyAliasMapsToAnExistingFacilityAndResolvesTheExports() throws IOException {
        Set<String> ids = new HashSet<>();
        for (CSVRecord r : Exported.readCsv(out.resolve("exports/suppliers/facilities.csv"))
                .records()) ids.add(r.get("facility_id"));
        Map<String, String> seen = new HashMap<>();
        for (CSVRecord r :
                Exported.readCsv(out.resolve("truth/facility_aliases.csv")).records()) {
            assertThat(ids).contains(r.get("facility_id"));
            assertThat(seen.putIfAbsent(r.get("alias"), r.get("facility_id")))
                    .as("alias %s", r.get("alias"))
                    .isNull();
        }
        // Every non-quarantined helpline case names a facility the truth can resolve.
        Exported.Resolver res = new Exported.Resolver(out);
        Set<String> q = Exported.quarantined(out);
        int cases = 0, resolved = 0;
        for (Path f : Exported.glob(out.resolve("exports"), "helpline/ngo_a_cases_*.csv")) {
            String rel = out.resolve("exports").relativize(f).toString();
            List<CSVRecord> recs = Exported.readCsv(f).records();
            for (int i = 0; i < recs.size(); i++) {
                if (q.contains(rel + "#" + (i + 1))) continue;
                cases++;
                if (res.resolve(recs.get(i).get("workplace_os_id"), recs.get(i).get("workplace")) != null) resolved++;
            }
        }
        assertThat(cases).isGreaterThan(500);
        assertThat(resolved).isEqualTo(cases);
    }

    /** Observed worker signal per facility x theme x period, computed from the exports alone. */
    @Test
    void observedReportRatesFollowTruePrevalence() throws IOException {
        Path exports = out.resolve("exports");
        Exported.Resolver res = new Exported.Resolver(out);
        Set<String> q = Exported.quarantined(out);
        Map<String, Integer> reached = new HashMap<>();
        Map<String, Integer> reports = new HashMap<>();
        Map<String, String> codesA = Exported.crosswalk("helpline_ngo_a");
        for (Path f : Exported.glob(exports, "helpline/ngo_a_cases_*.csv")) {
            String rel = exports.relativize(f).toString();
            List<CSVRecord> recs = Exported.readCsv(f).records();
            for (int i = 0; i < recs.size(); i++) {
                if (q.contains(rel + "#" + (i + 1))) continue;
                CSVRecord r = recs.get(i);
                String fac = res.resolve(r.get("workplace_os_id"), r.get("workplace"));
                LocalDate d = Exported.parseDate(r.get("date_received"), "iso");
                Set<String> themes = new HashSet<>();
                for (String c : r.get("issue_codes").split(";")) themes.add(codesA.get(c));
                count(fac, d, themes, reached, reports);
            }
        }
        Map<String, String> codesB = Exported.crosswalk("helpline_ngo_b");
        for (Path f : Exported.glob(exports, "helpline/ngo_b_export_*.csv")) {
            String rel = exports.relativize(f).toString();
            List<CSVRecord> recs = Exported.readCsv(f).records();
            for (int i = 0; i < recs.size(); i++) {
                if (q.contains(rel + "#" + (i + 1))) continue;
                CSVRecord r = recs.get(i);
                Set<String> themes = new HashSet<>();
                for (var e : Streams.NGO_B_FLAGS.entrySet()) {
                    if (List.of("1", "Yes", "X").contains(r.get(e.getKey()))) themes.add(codesB.get(e.getValue()));
                }
                count(
                        res.resolve(null, r.get("Employer")),
                        Exported.parseDate(r.get("Date Received"), "dmy"),
                        themes,
                        reached,
                        reports);
            }
        }
        Map<String, String> topics = Exported.crosswalk("survey");
        Map<String, String[]> questions = new HashMap<>(); // question id -> theme, adverse answers
        for (CSVRecord r : Exported.readCsv(exports.resolve("survey/question_catalogue.csv"))
                .records()) {
            if (!r.get("topic").isEmpty())
                questions.put(
                        r.get("question_id"), new String[] {topics.get(r.get("topic")), r.get("adverse_answers")});
        }
        for (Path f : Exported.glob(exports, "survey/responses_*.jsonl")) {
            String rel = exports.relativize(f).toString();
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (q.contains(rel + "#" + (i + 1))) continue;
                JsonNode n = Exported.JSON.readTree(lines.get(i));
                Set<String> themes = new HashSet<>();
                n.get("answers").fields().forEachRemaining(e -> {
                    String[] qu = questions.get(e.getKey());
                    if (qu != null
                            && List.of(qu[1].split("\\|")).contains(e.getValue().asText())) themes.add(qu[0]);
                });
                count(
                        res.resolve(
                                n.get("site_os_id").asText(null),
                                n.get("site_name").asText()),
                        Exported.parseDate(n.get("submitted").asText(), "iso"),
                        themes,
                        reached,
                        reports);
            }
        }
        List<Double> observed = new ArrayList<>(), truth = new ArrayList<>(), expected = new ArrayList<>();
        for (CSVRecord r : Exported.readCsv(out.resolve("truth/facility_theme_prevalence.csv"))
                .records()) {
            String cell = r.get("facility_id") + "|" + r.get("period");
            int n = reached.getOrDefault(cell, 0);
            if (n < 30) continue;
            observed.add(reports.getOrDefault(cell + "|" + r.get("theme"), 0) / (double) n);
            truth.add(Double.parseDouble(r.get("true_prevalence")));
            expected.add(Double.parseDouble(r.get("expected_report_rate")));
        }
        assertThat(observed.size()).isGreaterThan(2_000);
        double[] o = observed.stream().mapToDouble(Double::doubleValue).toArray();
        double[] t = truth.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = expected.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(new SpearmansCorrelation().correlation(o, t)).isGreaterThan(0.5);
        assertThat(new SpearmansCorrelation().correlation(o, e)).isGreaterThan(0.7);
        double meanO = java.util.Arrays.stream(o).average().orElseThrow();
        double meanE = java.util.Arrays.stream(e).average().orElseThrow();
        assertThat(meanO).isCloseTo(meanE, org.assertj.core.data.Percentage.withPercentage(10));
    }

    private static void count(
            String fac, LocalDate d, Set<String> themes, Map<String, Integer> reached, Map<String, Integer> reports) {
        if (fac == null || d == null) return;
        String cell = fac + "|" + Exported.period(d);
        reached.merge(cell, 1, Integer::sum);
        for (String t : themes) reports.merge(cell + "|" + t, 1, Integer::sum);
    }

    /** Announced audits by a new lead auditor detect high-risk cells at about the scheme's sensitivity. */
    @Test
    void auditDetectionFollowsAuditSensitivity() throws IOException {
        Path exports = out.resolve("exports");
        Exported.Resolver res = new Exported.Resolver(out);
        Set<String> q = Exported.quarantined(out);
        Map<String, Double> sens = new HashMap<>();
        for (CSVRecord r :
                Exported.readCsv(out.resolve("truth/audit_sensitivity.csv")).records()) {
            sens.put(r.get("scheme") + "|" + r.get("theme"), Double.parseDouble(r.get("sensitivity")));
        }
        World world = World.load(Exported.repoRoot().resolve("conf/world.yaml"));
        Map<String, Boolean> high = new HashMap<>();
        Set<String> absent = new HashSet<>(); // p below a quarter of the theme's threshold
        for (CSVRecord r : Exported.readCsv(out.resolve("truth/facility_theme_prevalence.csv"))
                .records()) {
            String cell = r.get("facility_id") + "|" + r.get("period") + "|" + r.get("theme");
            high.put(cell, Boolean.parseBoolean(r.get("is_high_risk")));
            if (Double.parseDouble(r.get("true_prevalence"))
                    < 0.25 * world.themes().get(r.get("theme")).threshold()) absent.add(cell);
        }
        List<String> themes = new ArrayList<>();
        for (JsonNode n : Exported.yaml(Exported.repoRoot().resolve("conf/taxonomy/themes.yaml"))
                .get("themes")) themes.add(n.get("id").asText());
        double totalExpected = 0, totalObserved = 0;
        int totalCells = 0, lowCells = 0, lowFound = 0;
        for (String scheme : Taxonomy.SCHEMES) {
            JsonNode feeds = Exported.yaml(Exported.repoRoot().resolve("conf/sources/audit_" + scheme + ".yaml"))
                    .get("feeds");
            JsonNode a = feeds.get(0).get("columns"), fcol = feeds.get(1).get("columns");
            String fmt = scheme.equals("smeta") ? "dmy" : scheme.equals("amfori_bsci") ? "dmony" : "iso";
            Map<String, String> codes = Exported.crosswalk(scheme);
            Map<String, String> sev = Exported.severities(scheme);
            Map<String, Set<String>> found = new HashMap<>();
            for (Path f : Exported.glob(exports, "audits/" + scheme + "/findings_*.csv")) {
                for (CSVRecord r : Exported.readCsv(f).records()) {
                    String theme = codes.get(r.get(fcol.get("clause_code").asText()));
                    if (theme != null
                            && !"positive"
                                    .equals(sev.get(r.get(fcol.get("severity").asText())))) {
                        found.computeIfAbsent(r.get(fcol.get("audit_id").asText()), k -> new HashSet<>())
                                .add(theme);
                    }
                }
            }
            // facility -> audits sorted by date, to tell repeat lead auditors.
            Map<String, TreeMap<LocalDate, CSVRecord>> byFacility = new HashMap<>();
            for (Path f : Exported.glob(exports, "audits/" + scheme + "/audits_*.csv")) {
                String rel = exports.relativize(f).toString();
                List<CSVRecord> recs = Exported.readCsv(f).records();
                for (int i = 0; i < recs.size(); i++) {
                    if (q.contains(rel + "#" + (i + 1))) continue;
                    CSVRecord r = recs.get(i);
                    String fac = res.resolve(
                            r.get(a.get("facility_os_id").asText()),
                            r.get(a.get("facility_name").asText()));
                    LocalDate d = Exported.parseDate(r.get(a.get("audit_date").asText()), fmt);
                    if (fac != null && d != null)
                        byFacility.computeIfAbsent(fac, k -> new TreeMap<>()).put(d, r);
                }
            }
            int cells = 0;
            double exp = 0, obs = 0;
            for (var e : byFacility.entrySet()) {
                String prevAuditor = null;
                for (var au : e.getValue().entrySet()) {
                    CSVRecord r = au.getValue();
                    String auditor = r.get(a.get("lead_auditor").asText());
                    String ann = r.get(a.get("announcement").asText());
                    boolean announced = !ann.equals("Unannounced") && !ann.equals("N");
                    boolean repeat = auditor.equals(prevAuditor);
                    prevAuditor = auditor;
                    Set<String> f = found.getOrDefault(r.get(a.get("audit_id").asText()), Set.of());
                    for (String theme : themes) {
                        boolean hr = high.get(e.getKey() + "|" + Exported.period(au.getKey()) + "|" + theme);
                        if (!hr) {
                            if (absent.contains(e.getKey() + "|" + Exported.period(au.getKey()) + "|" + theme)) {
                                lowCells++;
                                if (f.contains(theme)) lowFound++;
                            }
                            continue;
                        }
                        if (!announced || repeat) continue;
                        cells++;
                        exp += sens.get(scheme + "|" + theme);
                        if (f.contains(theme)) obs++;
                    }
                }
            }
            if (cells >= 40)
                assertThat(obs / cells)
                        .as("detection share %s over %d cells", scheme, cells)
                        .isCloseTo(exp / cells, org.assertj.core.data.Offset.offset(0.15));
            totalCells += cells;
            totalExpected += exp;
            totalObserved += obs;
        }
        assertThat(totalCells).isGreaterThan(150);
        assertThat(totalObserved / totalCells)
                .isCloseTo(totalExpected / totalCells, org.assertj.core.data.Offset.offset(0.06));
        // Near-absent themes are "found" at about the false-positive rate (2-5 %) plus a little.
        assertThat(lowCells).isGreaterThan(200);
        assertThat((double) lowFound / lowCells).isBetween(0.01, 0.12);
    }

    @Test
    void effectiveCapsLowerLaterPrevalence() throws IOException {
        Map<String, Double> p = new HashMap<>();
        List<String> periods = new ArrayList<>();
        for (CSVRecord r : Exported.readCsv(out.resolve("truth/facility_theme_prevalence.csv"))
                .records()) {
            p.put(
                    r.get("facility_id") + "|" + r.get("theme") + "|" + r.get("period"),
                    Double.parseDouble(r.get("true_prevalence")));
            if (!periods.contains(r.get("period"))) periods.add(r.get("period"));
        }
        List<Double> ratios = new ArrayList<>();
        int effective = 0, all = 0;
        for (CSVRecord r :
                Exported.readCsv(out.resolve("truth/remediation.csv")).records()) {
            all++;
            if (!Boolean.parseBoolean(r.get("is_effective"))) continue;
            effective++;
            int k = periods.indexOf(r.get("effective_from"));
            if (k < 2) continue;
            String cell = r.get("facility_id") + "|" + r.get("theme") + "|";
            ratios.add(p.get(cell + periods.get(k)) / p.get(cell + periods.get(k - 2)));
        }
        assertThat((double) effective / all).isBetween(0.40, 0.70);
        assertThat(ratios.size()).isGreaterThan(50);
        ratios.sort(Double::compare);
        assertThat(ratios.get(ratios.size() / 2)).isLessThan(0.6);
    }

    @Test
    void capLogMixesDateCellsSerialNumbersAndText() throws Exception {
        Path f = out.resolve("exports/remediation/cap_log.xlsx");
        int dates = 0, serials = 0, texts = 0, rows = 0;
        try (XSSFWorkbook wb = new XSSFWorkbook(f.toFile())) {
            var sheet = wb.getSheet("CAP Log");
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                var c = sheet.getRow(i).getCell(6);
                rows++;
                if (c.getCellType() == CellType.STRING) texts++;
                else if (DateUtil.isCellDateFormatted(c)) dates++;
                else serials++;
            }
        }
        assertThat(rows)
                .isEqualTo(result.rowsPerFile()
                        .get("exports/remediation/cap_log.xlsx")
                        .intValue());
        assertThat(dates).isGreaterThan(rows * 9 / 10);
        assertThat(serials).isPositive();
        assertThat(texts).isPositive();
    }

    /** The world's default values put typical prevalence inside WORLD.md's ranges. */
    @Test
    void truePrevalenceSitsInTheTypicalRanges() throws IOException {
        Map<String, List<Double>> byTheme = new HashMap<>();
        for (CSVRecord r : Exported.readCsv(out.resolve("truth/facility_theme_prevalence.csv"))
                .records()) {
            byTheme.computeIfAbsent(r.get("theme"), k -> new ArrayList<>())
                    .add(Double.parseDouble(r.get("true_prevalence")));
        }
        Map<String, double[]> ranges = Map.of(
                "recruitment_fees",
                new double[] {0.20, 0.70},
                "excessive_overtime",
                new double[] {0.10, 0.60},
                "retention_of_identity_documents",
                new double[] {0.05, 0.40},
                "withholding_of_wages",
                new double[] {0.05, 0.40},
                "deception",
                new double[] {0.05, 0.40},
                "health_safety",
                new double[] {0.05, 0.30},
                "intimidation_threats",
                new double[] {0.02, 0.20},
                "discrimination_harassment",
                new double[] {0.02, 0.20},
                "restriction_of_movement",
                new double[] {0.02, 0.20},
                "physical_sexual_violence",
                new double[] {0.0, 0.05});
        for (var e : ranges.entrySet()) {
            List<Double> v = byTheme.get(e.getKey());
            v.sort(Double::compare);
            double median = v.get(v.size() / 2);
            assertThat(median).as("median p of %s", e.getKey()).isBetween(e.getValue()[0], e.getValue()[1]);
        }
        List<Double> child = byTheme.get("child_labour");
        child.sort(Double::compare);
        assertThat(child.get(child.size() / 2)).isLessThan(0.05);
    }
}
