package org.hrdd.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Finds a quote that opens and never closes (RFC 4180). A CSV parser then reads the rest of the file into one
 * cell; when that cell is the last column the record even looks complete. The scan streams the file once.
 */
public final class CsvQuotes {

    public static final String UNCLOSED = "unclosed quote: the record runs to the end of the file";

    private CsvQuotes() {}

    /** The 1-based data record (header excluded, blank lines not counted) whose quote never closes, if any. */
    public static OptionalLong unclosedQuoteRecord(Path file, Charset encoding) {
        try (BufferedReader in = Files.newBufferedReader(file, encoding)) {
            boolean inQuote = false;
            boolean recordHasContent = false;
            long record = 0;
            long openedIn = -1;
            int c;
            while ((c = in.read()) != -1) {
                if (c == '"') {
                    inQuote = !inQuote;
                    if (inQuote) {
                        openedIn = record;
                    }
                    recordHasContent = true;
                } else if ((c == '\n' || c == '\r') && !inQuote) {
                    if (recordHasContent) {
                        record++;
                        recordHasContent = false;
                    }
                } else if (c != '\uFEFF') {
                    recordHasContent = true;
                }
            }
            return inQuote && openedIn > 0 ? OptionalLong.of(openedIn) : OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
