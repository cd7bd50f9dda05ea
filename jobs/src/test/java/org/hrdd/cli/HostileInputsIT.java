package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus: the sample world's exports with a file per hostile case added beside them, built here
 * from the world's own files (no binary blob checked in). Ingest must refuse each bad file with its cause, land
 * every good file whole (the generator's record counts), record the refusals in ops.runs, and exit 2.
 */
class HostileInputsIT {

    @TempDir
    Path tmp;

    /** Hostile file (relative to --input) → the table it would feed and a phrase its refusal must contain. */
    private final Map<String, String[]> refused = new LinkedHashMap<>();

    @Test
    void eachBadFileIsRefusedWithItsCauseAndEveryOtherFileLands() throws IOException {
        Path in = tmp.resolve("in");
        org.hrdd.testing.SampleLakehouse.copyTree(SampleWorld.exports(), in);
        Path helplineA = firstFile(in.resolve("helpline"), "ngo_a_cases_");
        Path capLog = firstFile(in.resolve("remediation"), "cap_log");
        Path responses = firstFile(in.resolve("survey"), "responses_");
        Path rbaAudits = firstFile(in.resolve("audits/rba_vap"), "audits_");
        String helplineText = Files.readString(helplineA);
        String helplineHeader = helplineText.substring(0, helplineText.indexOf('\n') + 1);

        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (0x80 | garbage[i]); // high bytes only: no NUL, no archive signature
        }
        garbage[0] = (byte) 0xff; // never valid in UTF-8, so the first byte is the one named
        hostile(
                "helpline/ngo_a_cases_garbage.csv",
                garbage,
                "bronze.helpline_case",
                "is not valid UTF-8 text: byte 1 (line 1) is 0x");
        hostile(
                "helpline/ngo_a_cases_utf16.csv",
                helplineText.getBytes(StandardCharsets.UTF_16),
                "bronze.helpline_case",
                "is UTF-16 text");
        hostile(
                "helpline/ngo_a_cases_zipped.csv",
                gzip(Files.readAllBytes(helplineA)),
                "bronze.helpline_case",
                "is a gzip archive");
        byte[] cp1252 = (helplineHeader + helplineText.split("\n")[1].replaceFirst(",", ",Café – 50€,") + "\n")
                .getBytes(Charset.forName("windows-1252"));
        hostile(
                "helpline/ngo_a_cases_cp1252.csv",
                cp1252,
                "bronze.helpline_case",
                "is not valid UTF-8 text: byte "
                        + (helplineHeader.getBytes(StandardCharsets.UTF_8).length
                                + helplineText.split("\n")[1].indexOf(',')
                                + 5)
                        + " (line 2) is 0xE9");
        hostile(
                "survey/responses_zipped.jsonl",
                gzip(Files.readAllBytes(responses)),
                "bronze.survey_response",
                "is a gzip archive");
        hostile(
                "audits/rba_vap/audits_semicolon.csv",
                Files.readString(rbaAudits).replace(',', ';').getBytes(StandardCharsets.UTF_8),
                "bronze.audit",
                "(the header reads as one column: is the delimiter ',' right?)");
        byte[] workbook = Files.readAllBytes(capLog);
        hostile(
                "remediation/cap_log_text.xlsx",
                helplineText.getBytes(StandardCharsets.UTF_8),
                "bronze.cap",
                "is not an XLSX (Office Open XML) workbook: it does not start as a ZIP archive");
        hostile(
                "remediation/cap_log_truncated.xlsx",
                java.util.Arrays.copyOf(workbook, workbook.length / 2),
                "bronze.cap",
                "is a truncated or damaged ZIP archive");
        hostile(
                "remediation/cap_log_doctype.xlsx",
                rewriteSheets(
                        workbook, xml -> xml.replaceFirst("\\?>", "?><!DOCTYPE worksheet [<!ENTITY e \"boom\">]>")),
                "bronze.cap",
                "its XML declares a DOCTYPE");
        hostile(
                "remediation/cap_log_bomb.xlsx",
                rewriteSheets(workbook, xml -> xml.replaceFirst("\\?>", "?>" + " ".repeat(20_000_000))),
                "bronze.cap",
                "is refused as a zip bomb");
        hostile(
                "remediation/cap_log_renamed.xlsx",
                rewrite(workbook, "xl/workbook.xml", xml -> xml.replace("name=\"CAP Log\"", "name=\"Sheet1\"")),
                "bronze.cap",
                "no sheet 'CAP Log' (sheets: [");
        // a key given twice lands, as a broken record naming the key (the parser would silently keep one value)
        String firstResponse = Files.readString(responses).split("\n")[0];
        Files.writeString(
                in.resolve("survey/responses_dupkey.jsonl"),
                firstResponse.replaceFirst("\"lang\":", "\"gender\":\"X\",\"lang\":") + "\n");
        // a flag cell that is neither true nor false stays visible (refine quarantines it NOT_ALLOWED)
        List<String> ngoB = Files.readAllLines(firstFile(in.resolve("helpline"), "ngo_b_export_"));
        List<String> ngoBHeader = List.of(ngoB.get(0).split(",", -1));
        String[] ngoBRow = ngoB.stream()
                .skip(1)
                .filter(l -> !l.contains("\""))
                .map(l -> l.split(",", -1))
                .filter(cells -> cells.length == ngoBHeader.size())
                .findFirst()
                .orElseThrow();
        ngoBRow[ngoBHeader.indexOf("Passport Held")] = "maybe";
        ngoBRow[ngoBHeader.indexOf("Recruitment Fees")] = "1";
        Files.writeString(
                in.resolve("helpline/ngo_b_export_maybe.csv"), ngoB.get(0) + "\n" + String.join(",", ngoBRow) + "\n");
        Files.write(in.resolve("helpline/ngo_a_cases_empty.csv"), new byte[0]);
        Files.writeString(in.resolve("helpline/ngo_a_cases_header_only.csv"), helplineHeader);

        Path lakehouse = tmp.resolve("lh");
        HrddCliIT.Result r = HrddCliIT.run(
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                lakehouse.toString(),
                "ingest",
                "--input",
                in.toString(),
                "--run-date",
                "2026-10-15");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err())
                .contains("refused " + refused.size() + " files that could not be read (every other file "
                        + "landed; fix these and run ingest again):");
        refused.forEach((file, expect) -> assertThat(r.err())
                .as(file)
                .contains("\n  " + file + " (" + expect[0] + "): ")
                .contains(expect[1]));
        assertThat(r.out())
                .contains("warning: helpline/ngo_a_cases_empty.csv (bronze.helpline_case) holds no record "
                        + "(an empty file): nothing landed from it")
                .contains(
                        "warning: helpline/ngo_a_cases_header_only.csv (bronze.helpline_case) holds no record (a header only)");

        // every good file landed whole: the generator's record count per file, in every table
        SparkSession spark = SharedSpark.session();
        Map<String, Long> expected = new HashMap<>();
        SampleWorld.result().rowsPerFile().forEach((path, rows) -> {
            if (path.startsWith("exports/")) {
                expected.put(path.substring("exports/".length()), rows);
            }
        });
        Map<String, Long> landed = new HashMap<>();
        try (Stream<Path> bronze = Files.list(lakehouse.resolve("bronze"))) {
            for (Path table : bronze.toList()) {
                for (Row row : spark.read()
                        .format("delta")
                        .load(table.toString())
                        .groupBy(Lineage.SOURCE_FILE)
                        .count()
                        .collectAsList()) {
                    landed.put(row.getString(0), row.getLong(1));
                }
            }
        }
        expected.put("survey/responses_dupkey.jsonl", 1L);
        expected.put("helpline/ngo_b_export_maybe.csv", 1L);
        assertThat(landed)
                .as("the good files, whole, and nothing of the refused ones")
                .isEqualTo(expected);
        Row dup = spark.read()
                .format("delta")
                .load(lakehouse.resolve("bronze/survey_response").toString())
                .filter(functions.col(Lineage.SOURCE_FILE).equalTo("survey/responses_dupkey.jsonl"))
                .first();
        assertThat(dup.<String>getAs(Lineage.CORRUPT_RECORD))
                .startsWith("duplicate JSON key gender: {\"response_id\":");
        Row maybe = spark.read()
                .format("delta")
                .load(lakehouse.resolve("bronze/helpline_case").toString())
                .filter(functions.col(Lineage.SOURCE_FILE).equalTo("helpline/ngo_b_export_maybe.csv"))
                .first();
        assertThat(maybe.<String>getAs("issue_codes"))
                .as("not read as unset")
                .contains("B-FEE")
                .contains("?Passport Held=maybe");

        Row run = spark.read()
                .format("delta")
                .load(lakehouse.resolve("_runs").toString())
                .orderBy(functions.col("started_at").desc())
                .first();
        assertThat(run.<String>getAs("status")).isEqualTo("files_refused");
        assertThat(run.<String>getAs("message"))
                .contains("remediation/cap_log_bomb.xlsx (bronze.cap): is refused as a zip bomb");
        assertThat(run.<String>getAs("inputs"))
                .contains("\"path\":\"helpline/ngo_a_cases_utf16.csv\"")
                .contains("\"refused\":\"is UTF-16 text");
    }

    private void hostile(String file, byte[] content, String table, String phrase) throws IOException {
        Files.write(tmp.resolve("in").resolve(file), content);
        refused.put(file, new String[] {table, phrase});
    }

    private static Path firstFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(b)) {
            z.write(content);
        }
        return b.toByteArray();
    }

    private static byte[] rewriteSheets(byte[] workbook, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        return rewrite(workbook, "xl/worksheets/", edit);
    }

    /** The workbook with every entry whose name starts with {@code prefix} edited as text. */
    private static byte[] rewrite(byte[] workbook, String prefix, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int edited = 0;
        try (ZipInputStream zin = new ZipInputStream(new java.io.ByteArrayInputStream(workbook));
                ZipOutputStream zout = new ZipOutputStream(b)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] content = zin.readAllBytes();
                if (e.getName().startsWith(prefix) && e.getName().endsWith(".xml")) {
                    content = edit.apply(new String(content, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    edited++;
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(content);
                zout.closeEntry();
            }
        }
        assertThat(edited).as("entries edited under " + prefix).isPositive();
        return b.toByteArray();
    }
}
