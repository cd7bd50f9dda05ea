package org.hrdd.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigLoader;
import org.hrdd.run.RunContext;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;

/** The hand-written fixture exports, the repository's conf/ and run contexts for ingest tests. */
final class IngestFixtures {

    static final LocalDate RUN_DATE = LocalDate.of(2026, 3, 31);

    private IngestFixtures() {}

    static Path repoRoot() {
        return Path.of(System.getProperty("hrdd.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path confDir() {
        return repoRoot().resolve("conf");
    }

    static Map<String, Contract> contracts() {
        return ContractLoader.loadAll();
    }

    static List<SourceMapping> mappings() {
        return SourceMappingLoader.loadAll(confDir().resolve("sources"), contracts());
    }

    static SourceMapping mapping(String system) {
        return mappings().stream()
                .filter(m -> m.system().equals(system))
                .findFirst()
                .orElseThrow();
    }

    static RunContext context(Path lakehouse, String runId) {
        AppConfig cfg = ConfigLoader.load(confDir()).withLakehouse(lakehouse.toString());
        return new RunContext(runId, "ingest", List.of("--input", "exports"), RUN_DATE, cfg, "test");
    }

    /** Copies the fixture exports into {@code dir} and adds the CAP log workbook; returns {@code dir}. */
    static Path exports(Path dir) {
        try {
            Path src =
                    Path.of(IngestFixtures.class.getResource("/ingest/exports").toURI());
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : s.toList()) {
                    Path target = dir.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            writeCapLog(dir.resolve("remediation/cap_log_2026.xlsx"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final List<String> CAP_HEADERS = List.of(
            "CAP ID",
            "Source Type",
            "Source Reference",
            "Facility ID",
            "Issue Code",
            "Taxonomy",
            "Opened",
            "Due",
            "Closed",
            "Verified",
            "Verification Method",
            "Remedy Type",
            "Amount",
            "Currency",
            "Workers Covered",
            "Status",
            "Reviewer");

    /**
     * Sheet "CAP Log": a real date cell (Opened), an Excel serial number in a General cell (Due), dd/MM/yyyy
     * text (Closed), a large amount, an empty row between the two records and an unmapped "Reviewer" column.
     */
    static void writeCapLog(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            wb.createSheet("Instructions").createRow(0).createCell(0).setCellValue("Fill in the CAP Log sheet");
            Sheet sheet = wb.createSheet("CAP Log");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Row h = sheet.createRow(0);
            for (int i = 0; i < CAP_HEADERS.size(); i++) {
                h.createCell(i).setCellValue(CAP_HEADERS.get(i));
            }
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("CAP-1");
            r.createCell(1).setCellValue("audit_finding");
            r.createCell(2).setCellValue("RBA-1-F1");
            r.createCell(3).setCellValue("F-001");
            r.createCell(4).setCellValue("A1");
            r.createCell(5).setCellValue("rba_vap");
            r.createCell(6).setCellValue(LocalDate.of(2026, 2, 15));
            r.getCell(6).setCellStyle(date);
            r.createCell(7).setCellValue(46112);
            r.createCell(8).setCellValue("28/02/2026");
            r.createCell(10).setCellValue("worker_confirmation");
            r.createCell(11).setCellValue("fee_repayment");
            r.createCell(12).setCellValue(12345678901.5);
            r.createCell(13).setCellValue("THB");
            r.createCell(14).setCellValue(25);
            r.createCell(15).setCellValue("Closed");
            r.createCell(16).setCellValue("M. Chan");
            Row r2 = sheet.createRow(3);
            r2.createCell(0).setCellValue("CAP-2");
            r2.createCell(1).setCellValue("helpline_case");
            r2.createCell(2).setCellValue("A-0001");
            r2.createCell(6).setCellValue("2026-03-01");
            r2.createCell(11).setCellValue("Passport returned,\nwith apology");
            r2.createCell(12).setCellValue(0.000125);
            wb.write(out);
        }
    }
}
