package org.hrdd.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * remediation/cap_log.xlsx (sheet "CAP Log", header in row 1), written with POI's streaming
 * SXSSF writer. Cells are typed by their Java value: LocalDate = real date cell, Number =
 * numeric cell (Excel serial dates are plain numbers), String = text. Large logs are split
 * into cap_log.xlsx, cap_log_02.xlsx, ... The zip is re-packed with fixed entry times so the
 * file is byte-identical across runs.
 */
final class CapLog implements Closeable {

    static final class CapRow {
        final Object[] cells;
        String defect;
        boolean quarantine;
        String detail;

        CapRow(Object[] cells) {
            this.cells = cells;
        }

        CapRow defect(String code, boolean q, String d) {
            defect = code;
            quarantine = q;
            detail = d;
            return this;
        }
    }

    private final Path dir;
    private final int rowsPerFile;
    private final BadRows bad;
    private SXSSFWorkbook workbook;
    private SXSSFSheet sheet;
    private CellStyle dateStyle;
    private String relative;
    private int part;
    private long rows;
    final java.util.Map<String, Long> rowsPerPath = new java.util.TreeMap<>();

    CapLog(Path exportsDir, int rowsPerFile, BadRows bad) throws IOException {
        this.dir = exportsDir.resolve("remediation");
        Files.createDirectories(dir);
        this.rowsPerFile = rowsPerFile;
        this.bad = bad;
    }

    private void openPart() {
        part++;
        relative = "remediation/cap_log" + (part == 1 ? "" : String.format(java.util.Locale.ROOT, "_%02d", part))
                + ".xlsx";
        workbook = new SXSSFWorkbook(200);
        workbook.setCompressTempFiles(true);
        var props = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
        props.setCreated(Optional.of(new Date(1_700_000_000_000L)));
        props.setCreator("hrdd generator");
        sheet = workbook.createSheet("CAP Log");
        CreationHelper ch = workbook.getCreationHelper();
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(ch.createDataFormat().getFormat("yyyy-mm-dd"));
        var header = sheet.createRow(0);
        for (int i = 0; i < Streams.CAP_HEADER.size(); i++)
            header.createCell(i).setCellValue(Streams.CAP_HEADER.get(i));
        rows = 0;
    }

    void add(CapRow r) throws IOException {
        if (workbook == null) openPart();
        else if (rows >= rowsPerFile) {
            closePart();
            openPart();
        }
        var row = sheet.createRow((int) rows + 1);
        for (int i = 0; i < r.cells.length; i++) {
            Object v = r.cells[i];
            if (v == null) continue;
            Cell c = row.createCell(i);
            if (v instanceof LocalDate d) {
                c.setCellValue(d);
                c.setCellStyle(dateStyle);
            } else if (v instanceof Number n) {
                c.setCellValue(n.doubleValue());
            } else {
                c.setCellValue(v.toString());
            }
        }
        rows++;
        if (r.defect != null) bad.add("remediation_cap_log", relative, rows, r.defect, r.quarantine, r.detail);
    }

    private void closePart() throws IOException {
        Path target = dir.resolve(relative.substring("remediation/".length()));
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            workbook.write(os);
        }
        workbook.close();
        workbook = null;
        repack(tmp, target);
        Files.delete(tmp);
        rowsPerPath.put("exports/" + relative, rows);
    }

    /** Copies a zip with every entry's time fixed, so identical content gives identical bytes. */
    static void repack(Path in, Path out) throws IOException {
        try (ZipFile zin = new ZipFile(in.toFile());
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            byte[] buf = new byte[1 << 16];
            var entries = zin.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                ZipEntry n = new ZipEntry(e.getName());
                n.setTimeLocal(java.time.LocalDateTime.of(2000, 1, 1, 0, 0));
                zout.putNextEntry(n);
                try (InputStream s = zin.getInputStream(e)) {
                    int k;
                    while ((k = s.read(buf)) > 0) zout.write(buf, 0, k);
                }
                zout.closeEntry();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (workbook == null && part == 0) openPart(); // an empty log still has its header row
        if (workbook != null) closePart();
    }
}
