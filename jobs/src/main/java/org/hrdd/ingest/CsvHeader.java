package org.hrdd.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the header record of a CSV export in plain Java (encoding, UTF-8 byte-order mark, delimiter). */
public final class CsvHeader {

    private static final char BOM = '\uFEFF';

    private CsvHeader() {}

    /** The header names in file order; empty when the file is empty. */
    public static List<String> read(Path file, Charset encoding, char delimiter) {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
        try (Reader reader = Files.newBufferedReader(file, encoding);
                CSVParser parser =
                        CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                return List.of();
            }
            List<String> headers = new ArrayList<>();
            it.next().forEach(headers::add);
            if (!headers.isEmpty()
                    && !headers.get(0).isEmpty()
                    && headers.get(0).charAt(0) == BOM) {
                headers.set(0, headers.get(0).substring(1));
            }
            return headers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of " + file, e);
        }
    }
}
