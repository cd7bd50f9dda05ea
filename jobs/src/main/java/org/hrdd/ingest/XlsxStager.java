package org.hrdd.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.hrdd.config.ConfigException;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Streams one sheet of an XLSX export (POI's SAX event API, no workbook DOM) into a UTF-8 CSV that the CSV
 * reader then reads: date cells become ISO {@code yyyy-MM-dd} (or {@code yyyy-MM-dd'T'HH:mm:ss} with a time),
 * numbers plain text without exponent, text as is. Rows above {@code header_row} and rows with no value are
 * skipped; cells right of the header get the name {@code column <letter>} so they are rescued, not lost, and
 * short rows are padded (a second streaming pass over the body) so the CSV reader does not flag them corrupt.
 */
public final class XlsxStager {

    private XlsxStager() {}

    /** Writes the staged CSV to {@code target} and returns it. */
    public static Path stage(ExportFile export, Feed feed, Path target) {
        Path body = target.resolveSibling(target.getFileName() + ".body");
        try {
            String notWorkbook = notAWorkbook(export.path());
            if (notWorkbook != null) {
                throw new ConfigException(export.relativePath() + ": " + notWorkbook);
            }
            Files.createDirectories(target.getParent());
            RowWriter rows;
            try (BufferedWriter w = Files.newBufferedWriter(body, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180)) {
                rows = new RowWriter(feed.headerRow() - 1, printer);
                parseSheet(export, feed.sheet(), rows);
            }
            if (rows.header == null) {
                throw new ConfigException(
                        export.relativePath() + ": sheet '" + feed.sheet() + "' has no header row " + feed.headerRow());
            }
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180)) {
                List<String> names = rows.headerNames();
                printer.printRecord(names);
                try (Reader r = Files.newBufferedReader(body, StandardCharsets.UTF_8);
                        CSVParser parser = CSVParser.builder()
                                .setReader(r)
                                .setFormat(CSVFormat.RFC4180)
                                .get()) {
                    for (CSVRecord rec : parser) {
                        List<String> values = new ArrayList<>(rec.toList());
                        while (values.size() < names.size()) {
                            values.add("");
                        }
                        printer.printRecord(values);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + export.relativePath() + " to " + target, e);
        } finally {
            try {
                Files.deleteIfExists(body);
            } catch (IOException ignored) {
                // the staging folder is deleted at the end of the run anyway
            }
        }
    }

    /**
     * Why a workbook could not be staged, in words a data supplier can act on: the cause is found in the exception's
     * chain (POI wraps it, staging wraps POI), never only "cannot stage X to <staging path>".
     */
    public static String problem(Throwable error) {
        java.util.List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        java.util.Collections.reverse(chain); // the root cause first: the wrappers' messages name paths, not causes
        for (Throwable t : chain) {
            String name = t.getClass().getSimpleName();
            String msg = String.valueOf(t.getMessage());
            if (t instanceof ConfigException) {
                int colon = msg.indexOf(": ");
                return colon > 0
                        ? msg.substring(colon + 2)
                        : msg; // "no sheet 'X' (sheets: [...])", "has no header row"
            }
            if (msg.contains("Zip bomb")) {
                return "is refused as a zip bomb: a part would expand far beyond its compressed size";
            }
            if (msg.contains("DOCTYPE")) {
                return "is refused: its XML declares a DOCTYPE (workbooks never need one; entities are never resolved)";
            }
            if (name.startsWith("OLE2NotOfficeXml")) {
                return "is an old Excel 97-2003 (.xls) workbook, not XLSX: save it as .xlsx";
            }
            if (name.equals("NotOfficeXmlFileException")
                    || msg.contains("not a valid OOXML")
                    || msg.contains("No valid entries or contents found")
                    || msg.contains("Cannot find zip signature")) {
                return "is not an XLSX (Office Open XML) workbook";
            }
            if (t instanceof java.util.zip.ZipException
                    || t instanceof java.io.EOFException
                    || msg.contains("Truncated")
                    || msg.contains("END header")
                    || msg.contains("Unexpected end")) {
                return "is a truncated or damaged ZIP archive, not a readable XLSX workbook (" + msg + ")";
            }
        }
        Throwable root = chain.get(0);
        return "cannot be read as XLSX: " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * Why a file is not a workbook at all, from its first bytes (before POI opens it), or null: an old .xls, text, or
     * anything that does not start as a ZIP archive.
     */
    static String notAWorkbook(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (ExportCheck.startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) {
            return "is an old Excel 97-2003 (.xls) workbook, not XLSX: save it as .xlsx";
        }
        if (!ExportCheck.startsWith(head, 'P', 'K', 3, 4)) {
            return "is not an XLSX (Office Open XML) workbook: it does not start as a ZIP archive"
                    + (head.length == 0 ? " (the file is empty)" : "");
        }
        return null;
    }

    private static void parseSheet(ExportFile export, String sheet, RowWriter rows) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(export.path().toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    names.add(sheets.getSheetName());
                    if (sheets.getSheetName().equals(sheet)) {
                        XMLReader xml = XMLHelper.newXMLReader();
                        xml.setContentHandler(new XSSFSheetXMLHandler(
                                reader.getStylesTable(), null, strings, rows, new IsoDataFormatter(), false));
                        xml.parse(new InputSource(in));
                        return;
                    }
                }
            }
            throw new ConfigException(export.relativePath() + ": no sheet '" + sheet + "' (sheets: " + names + ")");
        } catch (ConfigException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot read " + export.relativePath() + " as XLSX: " + e.getMessage(), e);
        }
    }

    /** Date-formatted numbers as ISO text, other numbers as plain decimals. */
    static final class IsoDataFormatter extends DataFormatter {
        private static final DateTimeFormatter DATE_TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

        IsoDataFormatter() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, false, true);
                return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : t.format(DATE_TIME);
            }
            return plain(value);
        }

        static String plain(double value) {
            String s = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
    }

    /** Collects the header row and writes each non-empty data row as a CSV record. */
    static final class RowWriter implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final int headerIndex;
        private final CSVPrinter body;
        private List<String> header;
        private final List<String> current = new ArrayList<>();
        private int currentRow;
        private int nextColumn;
        private int width;

        RowWriter(int headerIndex, CSVPrinter body) {
            this.headerIndex = headerIndex;
            this.body = body;
        }

        @Override
        public void startRow(int rowNum) {
            currentRow = rowNum;
            current.clear();
            nextColumn = 0;
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = ref == null ? nextColumn : new CellReference(ref).getCol();
            while (current.size() < col) {
                current.add("");
            }
            current.add(value == null ? "" : value);
            nextColumn = col + 1;
        }

        @Override
        public void endRow(int rowNum) {
            if (currentRow == headerIndex) {
                header = new ArrayList<>(current);
                width = header.size();
                return;
            }
            if (currentRow < headerIndex || header == null || current.stream().allMatch(String::isEmpty)) {
                return;
            }
            width = Math.max(width, current.size());
            try {
                body.printRecord(current);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> headerNames() {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                String h = i < header.size() ? header.get(i).strip() : "";
                names.add(h.isEmpty() ? "column " + CellReference.convertNumToColString(i) : h);
            }
            return names;
        }
    }
}
