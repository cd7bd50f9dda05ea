package org.hrdd.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/**
 * Judges one text export (CSV, JSON Lines) before it is read: a file that is not text in its feed's encoding is
 * refused with the cause in words (an archive, UTF-16, bytes invalid in the encoding at a given byte and line), so
 * that ingest can skip it, land every other file and name it. One streaming pass over the file; Spark and the header
 * reader would otherwise fail on it mid-run with only "MalformedInputException: Input length = 1".
 */
public final class ExportCheck {

    private ExportCheck() {}

    /** Why the file cannot be read as text in {@code encoding}, or null when it can (an empty file can). */
    public static String textProblem(ExportFile file, Charset encoding) {
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] head = in.readNBytes(4096);
            String kind = binaryKind(head, encoding);
            if (kind != null) {
                return kind;
            }
            return firstInvalidByte(head, in, encoding);
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    /**
     * A CSV (or a staged sheet) whose header lacks a column the mapping requires: the cause, naming the column (a
     * wrong delimiter shows here too: the whole header reads as one column). Null when the header is complete or the
     * file is empty (an empty file lands nothing and is warned about).
     */
    public static String headerProblem(FeedInput in, java.nio.file.Path local, Charset encoding, char delimiter) {
        java.util.List<String> headers = CsvHeader.read(local, encoding, delimiter);
        if (headers.isEmpty()) {
            return null;
        }
        java.util.List<String> missing = CsvExportReader.missingRequired(in, headers);
        if (missing.isEmpty()) {
            return null;
        }
        String delimiterHint = headers.size() == 1
                        && (headers.get(0).contains(";")
                                || headers.get(0).contains("\t")
                                || headers.get(0).contains(",")
                                || headers.get(0).contains("|"))
                ? " (the header reads as one column: is the delimiter '" + delimiter + "' right?)"
                : "";
        return "missing column '" + missing.get(0) + "' required by "
                + in.mapping().displayName() + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : "")
                + delimiterHint;
    }

    /** Recognised non-text or wrongly encoded content from the file's first bytes, or null. */
    static String binaryKind(byte[] head, Charset encoding) {
        if (startsWith(head, 0x1f, 0x8b)) {
            return "is a gzip archive, not " + encoding.name() + " text: unpack it before ingesting";
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return "is a ZIP archive (an XLSX workbook?), not " + encoding.name() + " text: deliver it where the "
                    + "mapping expects a workbook, or export it as CSV";
        }
        boolean utf16 = encoding.name().toUpperCase(Locale.ROOT).startsWith("UTF-16");
        if (!utf16 && (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff))) {
            return "is UTF-16 text (it starts with a UTF-16 byte-order mark), not " + encoding.name()
                    + ": re-save it as " + encoding.name() + " or set the feed's encoding in conf/sources";
        }
        if (!utf16) {
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    return "holds a NUL byte at byte " + (i + 1) + " (UTF-16 text or a binary file), not "
                            + encoding.name() + " text";
                }
            }
        }
        return null;
    }

    private static String firstInvalidByte(byte[] head, InputStream rest, Charset encoding) throws IOException {
        CharsetDecoder decoder = encoding.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        bytes.put(head);
        long consumed = 0; // bytes decoded before the buffer's position 0
        long lines = 1;
        boolean eof = false;
        while (true) {
            if (!eof) {
                int n = rest.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
            }
            bytes.flip();
            int start = bytes.position();
            CoderResult r = decoder.decode(bytes, chars, eof);
            for (int i = start; i < bytes.position(); i++) {
                if (bytes.get(i) == '\n') {
                    lines++;
                }
            }
            if (r.isError()) {
                long at = consumed + bytes.position() + 1;
                String bad = String.format(Locale.ROOT, "0x%02X", bytes.get(bytes.position()) & 0xff);
                return "is not valid " + encoding.name() + " text: byte " + at + " (line " + lines + ") is " + bad
                        + likelyEncoding(encoding) + "; re-save it as " + encoding.name()
                        + " or set the feed's encoding in conf/sources";
            }
            consumed += bytes.position();
            bytes.compact();
            chars.clear();
            if (eof && r.isUnderflow()) {
                return null; // with end of input, underflow means every byte decoded
            }
        }
    }

    private static String likelyEncoding(Charset encoding) {
        return encoding.equals(StandardCharsets.UTF_8)
                ? " (the file looks saved as Windows-1252 / Latin-1 or is not text)"
                : "";
    }

    /** Whether the file's first bytes are {@code prefix} (a format's signature). */
    static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xff) != (prefix[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
