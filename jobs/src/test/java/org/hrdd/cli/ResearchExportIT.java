package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.research.ResearchExtract;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hrdd export research} on the analysed sample lakehouse, and the notebooks over it: ids re-keyed per extract,
 * only research-consented worker records, no dates, small cells withheld, a dictionary from the contracts; each
 * notebook executes with nbconvert and prints a headline figure equal to the value computed from gold.
 */
class ResearchExportIT {

    static final String FROM = "2025-Q1";
    static final String TO = SampleLakehouse.LAST_PERIOD;
    static final int K = 5;
    static final Path NOTEBOOKS = Path.of(System.getProperty("hrdd.repo.root", ".."), "notebooks");

    @TempDir
    static Path tmp;

    static Path first;
    static Path second;

    @BeforeAll
    static void extract() {
        SampleLakehouse.analysed();
        first = tmp.resolve("x1");
        second = tmp.resolve("x2");
        for (Path out : List.of(first, second)) {
            HrddCliIT.Result r = HrddCliIT.run(
                    "export",
                    "research",
                    "--conf",
                    HrddCliIT.CONF,
                    "--lakehouse",
                    SampleLakehouse.config().lakehouse(),
                    "--period-from",
                    FROM,
                    "--period-to",
                    TO,
                    "--out",
                    out.toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (CSVParser p = CSVParser.parse(
                file,
                StandardCharsets.UTF_8,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build())) {
            return p.getRecords();
        }
    }

    static long gold(String sql) throws SQLException {
        try (LakehouseSql l = LakehouseSql.open(Path.of(SampleLakehouse.config().lakehouse()));
                Statement st = l.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Set<String> goldStrings(String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (LakehouseSql l = LakehouseSql.open(Path.of(SampleLakehouse.config().lakehouse()));
                Statement st = l.connection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void workerRecordsAreResearchConsentedReKeyedUndatedAndNotInSmallCells() throws Exception {
        List<CSVRecord> a = csv(first.resolve(ResearchExtract.SIGNALS));
        List<CSVRecord> b = csv(second.resolve(ResearchExtract.SIGNALS));
        assertThat(a).isNotEmpty().hasSameSizeAs(b);
        assertThat(a.get(0).toMap().keySet())
                .doesNotContain(
                        "reported_on",
                        "resolved_on",
                        "description_scrubbed",
                        "worker_pseudonym",
                        "recruiter_key",
                        "source_record_id");
        String where = " FROM silver.worker_signal WHERE period BETWEEN '" + FROM + "' AND '" + TO + "'";
        JsonNode manifest = new ObjectMapper()
                .readTree(first.resolve(ResearchExtract.MANIFEST).toFile());
        long withheld = manifest.path("withheld_records").elements().next().asLong();
        assertThat(a.size() + withheld)
                .as("research-consented rows = written + withheld")
                .isEqualTo(gold("SELECT count(*)" + where + " AND consent_research"));
        assertThat(gold("SELECT count(*)" + where + " AND NOT consent_research"))
                .as("some records lack the consent")
                .isPositive();
        // ids: not silver's, consistent within an extract, different across extracts
        Set<String> pseudonyms = goldStrings("SELECT DISTINCT worker_pseudonym" + where);
        Set<String> facilities = goldStrings("SELECT DISTINCT facility_id FROM silver.facility");
        Set<String> idsA = new HashSet<>();
        Set<String> idsB = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            idsA.add(a.get(i).get("worker_id"));
            idsB.add(b.get(i).get("worker_id"));
            assertThat(pseudonyms).doesNotContain(a.get(i).get("worker_id"));
            assertThat(facilities).doesNotContain(a.get(i).get("facility_id"));
        }
        assertThat(idsA).hasSameSizeAs(idsB);
        assertThat(idsA).doesNotContainAnyElementsOf(idsB);
        // small cells: every facility x period has >= k workers; every disclosed combination too
        Map<String, Set<String>> workers = new HashMap<>();
        Map<String, Set<String>> combos = new HashMap<>();
        for (CSVRecord r : a) {
            String cell = r.get("facility_id") + "|" + r.get("period");
            workers.computeIfAbsent(cell, x -> new HashSet<>()).add(r.get("worker_id"));
            if (!r.get("gender").isEmpty()
                    || !r.get("nationality").isEmpty()
                    || !r.get("language").isEmpty()) {
                combos.computeIfAbsent(
                                cell + "|" + r.get("gender") + "|" + r.get("nationality") + "|" + r.get("language"),
                                x -> new HashSet<>())
                        .add(r.get("worker_id"));
            }
        }
        workers.forEach((cell, w) -> assertThat(w.size()).as(cell).isGreaterThanOrEqualTo(K));
        combos.forEach((combo, w) -> assertThat(w.size()).as(combo).isGreaterThanOrEqualTo(K));
        // facility keys agree between files of one extract
        Set<String> cellFacilities = new HashSet<>();
        csv(first.resolve(ResearchExtract.CELLS)).forEach(r -> cellFacilities.add(r.get("facility_id")));
        assertThat(cellFacilities)
                .containsAll(
                        workers.keySet().stream().map(c -> c.split("\\|")[0]).toList());
    }

    @Test
    void aggregatesBlankSmallCountsAndTheDictionaryComesFromTheContracts() throws Exception {
        List<CSVRecord> cells = csv(first.resolve(ResearchExtract.CELLS));
        assertThat((long) cells.size())
                .isEqualTo(gold("SELECT count(*) FROM gold.facility_theme_period WHERE period BETWEEN '" + FROM
                        + "' AND '" + TO + "'"));
        long blanked = 0;
        long fewReporting = 0;
        for (CSVRecord r : cells) {
            if (r.get("workers_reached").isEmpty()) {
                blanked++;
                assertThat(r.get("workers_reporting")).isEmpty();
                assertThat(r.get("worker_rate")).isEmpty();
            } else {
                assertThat(Long.parseLong(r.get("workers_reached"))).isGreaterThanOrEqualTo(K);
                if (r.get("workers_reporting").isEmpty()) {
                    fewReporting++;
                    assertThat(r.get("worker_rate")).isEmpty();
                    assertThat(r.get("shrunk_rate")).isEmpty();
                } else {
                    long reporting = Long.parseLong(r.get("workers_reporting"));
                    assertThat(reporting == 0 || reporting >= K)
                            .as(r.toString())
                            .isTrue();
                }
            }
        }
        assertThat(blanked)
                .isEqualTo(gold("SELECT count(*) FROM gold.facility_theme_period WHERE period BETWEEN '" + FROM
                        + "' AND '" + TO + "' AND workers_reached < " + K));
        // a rate resting on 1 to k - 1 reporting workers is withheld even where many were reached
        assertThat(fewReporting)
                .isPositive()
                .isEqualTo(gold("SELECT count(*) FROM gold.facility_theme_period WHERE period "
                        + "BETWEEN '" + FROM + "' AND '" + TO + "' AND workers_reached >= " + K
                        + " AND workers_reporting BETWEEN 1 AND "
                        + (K - 1)));
        String dictionary = Files.readString(first.resolve(ResearchExtract.DICTIONARY));
        for (String file : List.of(
                ResearchExtract.SIGNALS,
                ResearchExtract.CELLS,
                ResearchExtract.REMEDIATION,
                ResearchExtract.AGREEMENT)) {
            assertThat(dictionary).contains("## " + file);
            try (CSVParser p = CSVParser.parse(
                    first.resolve(file),
                    StandardCharsets.UTF_8,
                    CSVFormat.RFC4180.builder().setHeader().build())) {
                for (String col : p.getHeaderNames()) {
                    assertThat(dictionary).as(file + " " + col).contains("| " + col + " |");
                }
            }
        }
        assertThat(dictionary).contains("Cohen");
    }

    @Test
    void notebooksExecuteAndTheirHeadlinesEqualGold() throws Exception {
        double blind = gold("SELECT count(*) FROM gold.facility_theme_period WHERE period BETWEEN '" + FROM + "' AND '"
                + TO + "' AND corroboration_status = 'WORKER_ONLY'");
        double corroborated = gold("SELECT count(*) FROM gold.facility_theme_period WHERE period BETWEEN '" + FROM
                + "' AND '" + TO + "' AND corroboration_status = 'CORROBORATED'");
        double effective = gold("SELECT count(*) FROM gold.remediation_effectiveness WHERE period BETWEEN '" + FROM
                + "' AND '" + TO + "' AND effectiveness_status IN ('EFFECTIVE', 'VERIFIED_BY_WORKERS')");
        double notEffective = gold("SELECT count(*) FROM gold.remediation_effectiveness WHERE period BETWEEN '" + FROM
                + "' AND '" + TO + "' AND effectiveness_status = 'NOT_EFFECTIVE'");
        assertThat(blind + corroborated).isPositive();
        assertThat(effective + notEffective).isPositive();
        assertThat(headline("audits_vs_worker_voice", "blind_spot_rate"))
                .isCloseTo(blind / (blind + corroborated), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(headline("remediation_effectiveness", "effectiveness_rate"))
                .isCloseTo(effective / (effective + notEffective), org.assertj.core.data.Offset.offset(1e-6));
    }

    /** Executes a notebook with nbconvert over the first extract; returns the figure it printed as HEADLINE name=x. */
    static double headline(String notebook, String name) throws Exception {
        Path jupyter = Path.of("/usr/bin/jupyter");
        if (!Files.isExecutable(jupyter)) {
            Process install = new ProcessBuilder(
                            NOTEBOOKS.resolve("install-debian-packages.sh").toString())
                    .redirectErrorStream(true)
                    .start();
            String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor())
                    .as("notebooks/install-debian-packages.sh: " + log)
                    .isZero();
        }
        assertThat(jupyter)
                .as("Jupyter from Debian (notebooks/install-debian-packages.sh)")
                .isExecutable();
        Path out = tmp.resolve("executed");
        Files.createDirectories(out);
        ProcessBuilder pb = new ProcessBuilder(
                        jupyter.toString(),
                        "nbconvert",
                        "--to",
                        "notebook",
                        "--execute",
                        "--ExecutePreprocessor.timeout=600",
                        "--output-dir",
                        out.toString(),
                        NOTEBOOKS.resolve(notebook + ".ipynb").toString())
                .redirectErrorStream(true);
        pb.environment().put("HRDD_EXTRACT", first.toString());
        pb.environment().put("PATH", "/usr/bin:" + pb.environment().getOrDefault("PATH", ""));
        pb.environment().remove("MPLBACKEND");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        JsonNode nb =
                new ObjectMapper().readTree(out.resolve(notebook + ".ipynb").toFile());
        Pattern pat = Pattern.compile("HEADLINE " + name + "=([0-9.]+)");
        List<String> found = new ArrayList<>();
        int images = 0;
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode o : cell.path("outputs")) {
                StringBuilder text = new StringBuilder();
                o.path("text").forEach(t -> text.append(t.asText()));
                Matcher m = pat.matcher(text);
                if (m.find()) {
                    found.add(m.group(1));
                }
                if (o.path("data").has("image/png")) {
                    images++;
                }
            }
        }
        assertThat(found).as(notebook + " prints its headline once").hasSize(1);
        assertThat(images).as(notebook + " draws its figures").isGreaterThanOrEqualTo(2);
        return Double.parseDouble(found.get(0));
    }
}
