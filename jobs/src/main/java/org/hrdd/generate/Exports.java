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
        Part p = open.get(key);
        if (p != null && !def.single() && p.rows >= rowsPerFile) {
            int next = p.number + 1;
            closePart(p);
            open.remove(key);
            p = openPart(def, key, next);
        }
        if (p == null) p = openPart(def, key, 1);
        row.freeze();
        if (!def.json()) p.last = row.fields;
        p.out.write(row.text);
        p.rows++;
        if (row.defect != null) bad.add(def.source(), p.relative, p.rows, row.defect, row.quarantine, row.detail);
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
        Part p = new Part(def, rel, w, number);
        open.put(key, p);
        return p;
    }

    private void closePart(Part p) throws IOException {
        if (!p.def.json() && !p.def.single() && p.def.brokenColumn() >= 0 && p.last != null) {
            Rng r = Rng.of(seed, p.relative.hashCode(), 0xB120);
            if (r.chance(brokenShare)) writeBroken(p, r);
        }
        p.out.close();
        rowsPerPath.put("exports/" + p.relative, p.rows);
    }

    /** Appends a record with an unclosed quote: it swallows everything to the end of the file. */
    private void writeBroken(Part p, Rng r) throws IOException {
        String[] f = p.last.clone();
        f[p.def.idColumn()] = f[p.def.idColumn()] + Ids.b32(r.nextLong(), 2);
        sb.setLength(0);
        int b = p.def.brokenColumn();
        for (int i = 0; i < f.length; i++) {
            if (i > 0) sb.append(',');
            String v = f[i] == null ? "" : f[i];
            if (i < b) Csv.appendField(sb, v);
            else if (i == b) sb.append('"').append(v.replace("\"", "").replace("\n", " "));
            else sb.append(v.replace("\"", "").replace(",", " ").replace("\n", " "));
        }
        sb.append('\n');
        p.out.write(sb.toString());
        p.rows++;
        bad.add(
                p.def.source(),
                p.relative,
                p.rows,
                "BROKEN_QUOTING",
                true,
                "unclosed quote opens column '" + p.def.header().get(b) + "'; the record runs to end of file");
    }

    @Override
    public void close() throws IOException {
        for (Part p : open.values()) closePart(p);
        open.clear();
    }
}
