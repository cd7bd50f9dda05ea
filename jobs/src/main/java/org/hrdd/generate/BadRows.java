package org.hrdd.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** truth/bad_rows.csv: every defective row with its file, 1-based data-record number and defect. */
final class BadRows implements Closeable {
    private final BufferedWriter out;
    long count;

    BadRows(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write("source,file,row,defect,expected,detail\n");
    }

    void add(String source, String file, long row, String defect, boolean quarantine, String detail)
            throws IOException {
        out.write(Csv.line(new String[] {
            source, file, Long.toString(row), defect, quarantine ? "quarantine" : "keep", detail == null ? "" : detail
        }));
        count++;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
