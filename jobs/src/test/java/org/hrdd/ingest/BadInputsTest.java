package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.Progress;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus, one case per file, built in the test: none may crash the run or lose a row silently, and
 * an input that cannot be read at all is a clear error naming the file.
 */
class BadInputsTest {

    @TempDir
    Path tmp;

    static List<String> ngoAHeaders() {
        return new ArrayList<>(IngestFixtures.mapping("helpline_ngo_a")
                .feeds()
                .get(0)
                .headers()
                .values());
    }

    /** An NGO A record with the given description, in header order. */
    static String ngoARecord(String caseId, String description, char sep) {
        List<String> cells = new ArrayList<>();
        for (String h : ngoAHeaders()) {
            cells.add(
                    switch (h) {
                        case "case_id" -> caseId;
                        case "date_received" -> "2026-02-01";
                        case "issue_codes" -> "RF01";
                        case "description" -> "\"" + description.replace("\"", "\"\"") + "\"";
                        default -> "";
                    });
        }
        return String.join(String.valueOf(sep), cells);
    }

    static String header(char sep) {
        return String.join(String.valueOf(sep), ngoAHeaders());
    }

    Path sources() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("sources"));
        Files.copy(IngestFixtures.confDir().resolve("sources/helpline_ngo_a.yaml"), dir.resolve("helpline_ngo_a.yaml"));
        String cp1252 = Files.readString(dir.resolve("helpline_ngo_a.yaml"))
                .replace("system: helpline_ngo_a", "system: helpline_legacy")
                .replace("files: \"helpline/ngo_a_cases_*.csv\"", "files: \"legacy/cases_*.csv\"")
                .replace("encoding: UTF-8", "encoding: windows-1252");
        Files.writeString(dir.resolve("helpline_legacy.yaml"), cp1252);
        String titled = Files.readString(IngestFixtures.confDir().resolve("sources/remediation_cap_log.yaml"))
                .replace("system: remediation_cap_log", "system: cap_titled")
                .replace("files: \"remediation/cap_log*.xlsx\"", "files: \"titled/cap_*.xlsx\"")
                .replace("header_row: 1", "header_row: 2");
        Files.writeString(dir.resolve("cap_titled.yaml"), titled);
        return dir;
    }

    IngestResult ingest(Path input, Path sources, String runId) {
        IngestJob.Config cfg = new IngestJob.Config(
                input, SourceMappingLoader.loadAll(sources, IngestFixtures.contracts()), IngestFixtures.contracts());
        RunContext ctx = IngestFixtures.context(tmp.resolve("lh"), runId);
        return new IngestJob(cfg, Progress.silent()).run(SharedSpark.session(), ctx);
    }

    @Test
    void everyAwkwardFileLandsWithoutLosingARow() throws IOException {
        Path in = tmp.resolve("in");
        Path helpline = Files.createDirectories(in.resolve("helpline"));
        Files.writeString(helpline.resolve("ngo_a_cases_empty.csv"), "");
        Files.writeString(helpline.resolve("ngo_a_cases_header.csv"), header(',') + "\n");
        String big = "x".repeat(1_000_000);
        Files.writeString(
                helpline.resolve("ngo_a_cases_bigcell.csv"), header(',') + "\n" + ngoARecord("BIG-1", big, ',') + "\n");
        String formula = "=HYPERLINK(\"http://x.example\",\"click\") and <script>alert(1)</script>";
        String dup = ngoARecord("DUP-1", "same", ',');
        Files.writeString(
                helpline.resolve("ngo_a_cases_mixed.csv"),
                header(',') + "\n" + ngoARecord("F-1", formula, ',') + "\n" + dup + "\n" + dup + "\n");
        Path legacy = Files.createDirectories(in.resolve("legacy"));
        String accents = "Café Müller – 50€ «deducted»";
        Files.write(
                legacy.resolve("cases_2026.csv"),
                (header(',') + "\r\n" + ngoARecord("L-1", accents, ',') + "\r\n")
                        .getBytes(Charset.forName("windows-1252")));
        Path titled = Files.createDirectories(in.resolve("titled"));
        writeTitledWorkbook(titled.resolve("cap_2026.xlsx"));

        IngestResult result = ingest(in, sources(), "r-bad");
        SparkSession spark = SharedSpark.session();
        Dataset<Row> cases = spark.read()
                .format("delta")
                .load(tmp.resolve("lh/bronze/helpline_case").toString());
        assertThat(cases.count()).as("1 big + 3 mixed + 1 legacy").isEqualTo(5);
        assertThat(result.files())
                .extracting(f -> f.file().relativePath() + "=" + f.rows())
                .contains(
                        "helpline/ngo_a_cases_empty.csv=0",
                        "helpline/ngo_a_cases_header.csv=0",
                        "helpline/ngo_a_cases_bigcell.csv=1",
                        "helpline/ngo_a_cases_mixed.csv=3",
                        "legacy/cases_2026.csv=1",
                        "titled/cap_2026.xlsx=2");
        assertThat(cases.filter(col("case_id").equalTo("BIG-1"))
                        .select(org.apache.spark.sql.functions.length(col("description")))
                        .first()
                        .getInt(0))
                .isEqualTo(1_000_000);
        assertThat(cases.filter(col("case_id").equalTo("F-1")).first().<String>getAs("description"))
                .as("formula-like text is kept as text in bronze (neutralised on output)")
                .isEqualTo(formula);
        assertThat(cases.filter(col("case_id").equalTo("DUP-1"))
                        .select(Lineage.SOURCE_ROW)
                        .orderBy(Lineage.SOURCE_ROW)
                        .collectAsList())
                .extracting(r -> r.getLong(0))
                .containsExactly(2L, 3L);
        assertThat(cases.filter(col("case_id").equalTo("L-1")).first().<String>getAs("description"))
                .isEqualTo(accents);
        assertThat(cases.filter(col(Lineage.CORRUPT_RECORD).isNotNull()).count())
                .isZero();

        List<Row> caps = spark.read()
                .format("delta")
                .load(tmp.resolve("lh/bronze/cap").toString())
                .orderBy(Lineage.SOURCE_ROW)
                .collectAsList();
        assertThat(caps)
                .extracting(r -> r.<String>getAs("cap_id") + "@" + r.<Long>getAs(Lineage.SOURCE_ROW))
                .containsExactly("CAP-T1@1", "CAP-T2@2");
    }

    @Test
    void aWrongDelimiterIsRefusedNamingFileAndColumn() throws IOException {
        Path in = tmp.resolve("in-semicolon");
        Path helpline = Files.createDirectories(in.resolve("helpline"));
        Files.writeString(
                helpline.resolve("ngo_a_cases_semicolon.csv"), header(';') + "\n" + ngoARecord("S-1", "x", ';') + "\n");
        Path sources = sources();
        IngestResult result = ingest(in, sources, "r-semicolon");
        assertThat(result.refused()).hasSize(1);
        assertThat(result.refused().get(0).file().relativePath()).isEqualTo("helpline/ngo_a_cases_semicolon.csv");
        assertThat(result.refused().get(0).refusedBecause())
                .startsWith("missing column 'case_id' required by ")
                .endsWith(
                        "helpline_ngo_a.yaml (and 2 more) (the header reads as one column: is the delimiter ',' right?)");
        assertThat(result.tables().get("bronze.helpline_case").rows()).isZero();
    }

    /** A workbook whose first sheet is notes and whose CAP sheet has a merged title row above the header. */
    private static void writeTitledWorkbook(Path file) throws IOException {
        List<String> headers = new ArrayList<>(IngestFixtures.mapping("remediation_cap_log")
                .feeds()
                .get(0)
                .headers()
                .values());
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("exported for the quarterly review");
            XSSFSheet s = wb.createSheet("CAP Log");
            s.createRow(0).createCell(0).setCellValue("Corrective action log – 2026");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, headers.size() - 1));
            var h = s.createRow(1);
            for (int i = 0; i < headers.size(); i++) {
                h.createCell(i).setCellValue(headers.get(i));
            }
            for (int r = 0; r < 2; r++) {
                var row = s.createRow(2 + r);
                for (int i = 0; i < headers.size(); i++) {
                    String v =
                            switch (headers.get(i)) {
                                case "CAP ID" -> "CAP-T" + (r + 1);
                                case "Source Type" -> "audit_finding";
                                case "Source Reference" -> "rba_vap:RBA-1:" + (r + 1);
                                case "Opened" -> "2026-01-0" + (r + 1);
                                default -> "";
                            };
                    row.createCell(i).setCellValue(v);
                }
            }
            wb.write(out);
        }
    }
}
