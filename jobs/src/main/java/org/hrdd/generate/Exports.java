package org.hrdd.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes CSV / JSONL export streams, splitting them into parts of at most rows_per_file rows,
 * numbering rows (1-based data records, header excluded) and listing defective rows in the
 * bad-row log. A CSV part may end with one record whose quote never closes (BROKEN_QUOTING):
 * the damage is bounded to that last record, which runs to the end of the file.
 */
final class Exports implements Closeable {

    private static final class Part {
        final Streams.Def def;
        final String relative; // relative to exports/
        final Writer out;
        long rows;
        int number;
        String[] last;

        Part(Streams.Def def, String relative, Writer out, int number) {
            this.def = def;
            this.relative = relative;
            this.out = out;
            this.number = number;
        }
    }

    private final Path exportsDir;
    private final int rowsPerFile;
    private final long seed;
    private final double brokenShare;
    private final BadRows bad;
    private final Map<String, Part> open = new TreeMap<>();
    /** Relative path (to the output root) -> data rows, for every file written. */
    final Map<String, Long> rowsPerPath = new TreeMap<>();

    private final StringBuilder sb = new StringBuilder(1 << 16);

    Exports(Path exportsDir, int rowsPerFile, long seed, double brokenShare, BadRows bad) {
        this.exportsDir = exportsDir;
        this.rowsPerFile = rowsPerFile;
        this.seed = seed;
        this.brokenShare = brokenShare;
        this.bad = bad;
    }

    void add(Streams.Def def, String label, Row row) throws IOException {
        String key = def.dir() + "/" + def.prefix() + (label == null ? "" : label);
        Part part = open.get(key);
        if (part != null && !def.single() && part.rows >= rowsPerFile) {
            int next = part.number + 1;
            closePart(part);
            open.remove(key);
            part = openPart(def, key, next);
        }
        if (part == null) part = openPart(def, key, 1);
        row.freeze();
        if (!def.json()) part.last = row.fields;
        part.out.write(row.text);
        part.rows++;
        if (row.defect != null) bad.add(def.source(), part.relative, part.rows, row.defect, row.quarantine, row.detail);
    }

    private Part openPart(Streams.Def def, String key, int number) throws IOException {
        String rel = def.single()
                ? key + def.ext()
                : key + String.format(java.util.Locale.ROOT, "_%02d", number) + def.ext();
        Path path = exportsDir.resolve(rel);
        Files.createDirectories(path.getParent());
        Writer w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 16);
        if (!def.json()) w.write(Csv.line(def.header().toArray(new String[0])));
        Part part = new Part(def, rel, w, number);
        open.put(key, part);
        return part;
    }

    private void closePart(Part part) throws IOException {
        if (!part.def.json() && !part.def.single() && part.def.brokenColumn() >= 0 && part.last != null) {
            Rng rng = Rng.of(seed, part.relative.hashCode(), 0xB120);
            if (rng.chance(brokenShare)) writeBroken(part, rng);
        }
        part.out.close();
        rowsPerPath.put("exports/" + part.relative, part.rows);
    }

    /** Appends a record with an unclosed quote: it swallows everything to the end of the file. */
    private void writeBroken(Part part, Rng rng) throws IOException {
        String[] f = part.last.clone();
        f[part.def.idColumn()] = f[part.def.idColumn()] + Ids.b32(rng.nextLong(), 2);
        sb.setLength(0);
        int b = part.def.brokenColumn();
        for (int i = 0; i < f.length; i++) {
            if (i > 0) sb.append(',');
            String v = f[i] == null ? "" : f[i];
            if (i < b) Csv.appendField(sb, v);
            else if (i == b) sb.append('"').append(v.replace("\"", "").replace("\n", " "));
            else sb.append(v.replace("\"", "").replace(",", " ").replace("\n", " "));
        }
        sb.append('\n');
        part.out.write(sb.toString());
        part.rows++;
        bad.add(
                part.def.source(),
                part.relative,
                part.rows,
                "BROKEN_QUOTING",
                true,
                "unclosed quote opens column '" + part.def.header().get(b) + "'; the record runs to end of file");
    }

    @Override
    public void close() throws IOException {
        for (Part part : open.values()) closePart(part);
        open.clear();
    }
}
