package org.hrdd.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvQuotesTest {

    @TempDir
    Path dir;

    OptionalLong scan(String content) throws Exception {
        Path f = dir.resolve("f.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return CsvQuotes.unclosedQuoteRecord(f, StandardCharsets.UTF_8);
    }

    @Test
    void findsTheRecordWhoseQuoteNeverCloses() throws Exception {
        assertThat(scan("a,b\n1,\"x\"\"y\"\n2,\"multi\nline\"\n\n3,z\n")).isEmpty();
        assertThat(scan("a,b\r\n1,x\r\n2,\"open\r\n3,y\r\n")).hasValue(2);
        assertThat(scan("\uFEFFa,b\n1,\"x\n\ny\"\n2,\"unclosed"))
                .as("a closed multi-line cell spans the blank line")
                .hasValue(2);
        assertThat(scan("a,\"b\n")).as("a broken header is not a data record").isEmpty();
    }
}
