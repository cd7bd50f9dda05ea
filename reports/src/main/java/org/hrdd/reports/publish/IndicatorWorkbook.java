package org.hrdd.reports.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * {@code indicators.xlsx}: the summary's figures, one sheet per framework view (CSDDD, ESRS S2, LkSG, UNGP 31), the
 * scope's facilities, the definitions and the lineage, from the same {@link IndicatorTables} as the CSV and JSON files.
 * Numbers are numeric cells (shares formatted as percent), headers are frozen and filtered; text that a spreadsheet
 * would read as a formula is neutralised ({@link #safe}).
 */
public final class IndicatorWorkbook {

    private IndicatorWorkbook() {}

    public static void write(List<IndicatorTables.Sheet> sheets, Path file) {
        try (Workbook wb = new XSSFWorkbook();
                OutputStream os = Files.newOutputStream(file)) {
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            for (IndicatorTables.Sheet s : sheets) {
                Sheet sheet = wb.createSheet(s.name());
                Row head = sheet.createRow(0);
                for (int c = 0; c < s.columns().size(); c++) {
                    Cell cell = head.createCell(c);
                    cell.setCellValue(s.columns().get(c));
                    cell.setCellStyle(header);
                }
                int r = 1;
                for (List<Object> values : s.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        if (v == null) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (v instanceof IndicatorTables.Percent p) {
                            cell.setCellValue(p.fraction());
                            cell.setCellStyle(percent);
                        } else if (v instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else if (v instanceof Boolean b) {
                            cell.setCellValue(b);
                        } else {
                            cell.setCellValue(safe(v.toString()));
                        }
                    }
                }
                sheet.createFreezePane(0, 1);
                if (!s.columns().isEmpty()) {
                    sheet.setAutoFilter(new CellRangeAddress(
                            0, Math.max(0, r - 1), 0, s.columns().size() - 1));
                }
                for (int c = 0; c < s.columns().size(); c++) {
                    sheet.setColumnWidth(c, Math.min(60, Math.max(10, s.width(c))) * 256);
                }
            }
            wb.write(os);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Text a spreadsheet could evaluate (starting with {@code = + - @}, or a tab / carriage return before one) gets a
     * leading apostrophe, as OWASP advises against CSV / formula injection. Used for the workbook and the CSV files.
     */
    public static String safe(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }
}
