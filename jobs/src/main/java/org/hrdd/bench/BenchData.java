package org.hrdd.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark's input: a generated tier (cached under its folder) split into the exports of the full run and a
 * late delivery for the late-delivery run. The late delivery is the last lines of the latest survey-response files
 * (JSON Lines, one response per line) moved into files of their own under {@code increment/}: survey responses that
 * arrive after the first export of the quarter, which is what a quarterly pipeline typically receives between runs.
 */
public final class BenchData {

    /** Written last when the folder is complete; a folder without it is generated again. */
    static final String READY = ".bench-ready";

    /** The exports of the full run, the late delivery, how many records each holds and the files it came from. */
    public record Prepared(Path exports, Path increment, long records, long incrementRecords, List<Path> heldFrom) {}

    private BenchData() {}

    /** Whether {@code dir} holds a prepared tier. */
    public static boolean ready(Path dir) {
        return Files.exists(dir.resolve(READY));
    }

    /**
     * Splits a freshly generated {@code dir/exports} (records = the generator's record count): moves
     * round(share × records) lines from the end of the latest {@code survey/responses_*.jsonl} (and, when that file
     * is shorter, from the end of the files before it, latest first) into {@code dir/increment/survey/<same name with
     * _late>}, then marks the folder ready. Nothing is moved unless the files hold enough lines.
     */
    public static Prepared split(Path dir, long records, double share) {
        if (share <= 0 || share >= 0.5) {
            throw new IllegalArgumentException("increment share must be in (0, 0.5): " + share);
        }
        Path exports = dir.resolve("exports");
        Path survey = exports.resolve("survey");
        List<Path> latestFirst;
        try (Stream<Path> s = Files.list(survey)) {
            latestFirst = s.filter(p -> p.getFileName().toString().matches("responses_.*\\.jsonl"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (latestFirst.isEmpty()) {
            throw new IllegalStateException("no survey/responses_*.jsonl under " + exports);
        }
        long n = Math.max(1, Math.round(share * records));
        Map<Path, Long> plan = new LinkedHashMap<>();
        long needed = n;
        long available = 0;
        for (Path f : latestFirst) {
            if (needed == 0) {
                break;
            }
            long lines = lineCount(f);
            available += lines;
            if (lines > 0) {
                long taken = Math.min(lines, needed);
                plan.put(f, taken);
                needed -= taken;
            }
        }
        if (needed > 0) {
            throw new IllegalStateException("the survey response files under " + survey + " hold only " + available
                    + " lines; the increment needs " + n);
        }
        Path increment = dir.resolve("increment");
        long moved = 0;
        for (Map.Entry<Path, Long> e : plan.entrySet()) {
            String name = e.getKey().getFileName().toString().replace(".jsonl", "_late.jsonl");
            moved += moveTail(e.getKey(), increment.resolve("survey").resolve(name), e.getValue());
        }
        List<Path> heldFrom = List.copyOf(plan.keySet());
        try {
            Files.writeString(
                    dir.resolve(READY),
                    "records=" + records + "\nincrement_records=" + moved + "\nheld_from="
                            + String.join(
                                    ",",
                                    heldFrom.stream()
                                            .map(p -> exports.relativize(p).toString())
                                            .toList()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Prepared(exports, increment, records - moved, moved, heldFrom);
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The split recorded in a ready folder. */
    public static Prepared read(Path dir) {
        try {
            java.util.Properties p = new java.util.Properties();
            try (BufferedReader r = Files.newBufferedReader(dir.resolve(READY), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            long records = Long.parseLong(p.getProperty("records"));
            long inc = Long.parseLong(p.getProperty("increment_records"));
            Path exports = dir.resolve("exports");
            return new Prepared(
                    exports,
                    dir.resolve("increment"),
                    records - inc,
                    inc,
                    java.util.Arrays.stream(p.getProperty("held_from").split(","))
                            .map(exports::resolve)
                            .toList());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read " + dir.resolve(READY) + "; delete " + dir + " to generate it again", e);
        }
    }

    /**
     * Moves the last {@code n} lines of {@code file} into {@code target} (same bytes, line by line) and rewrites
     * {@code file} without them, through a temporary file; returns the lines moved (fewer when the file is short).
     */
    static long moveTail(Path file, Path target, long n) {
        try {
            long total = lineCount(file);
            long keep = Math.max(0, total - n);
            Files.createDirectories(target.getParent());
            Path rest = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    BufferedWriter head = Files.newBufferedWriter(rest, StandardCharsets.UTF_8);
                    BufferedWriter tail = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                String line;
                long i = 0;
                while ((line = r.readLine()) != null) {
                    BufferedWriter w = i++ < keep ? head : tail;
                    w.write(line);
                    w.write('\n');
                }
            }
            Files.move(rest, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return total - keep;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot split " + file, e);
        }
    }

    /** Empties a benchmark lakehouse, keeping its {@code _bench/} results. */
    public static void clean(Path lakehouse) {
        if (!Files.isDirectory(lakehouse)) {
            return;
        }
        try (Stream<Path> top = Files.list(lakehouse)) {
            for (Path p : top.filter(p -> !p.getFileName().toString().equals("_bench"))
                    .toList()) {
                org.hrdd.reports.output.StagedDirectory.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + lakehouse, e);
        }
    }

    /** Sizes of the files under a folder (the exports' bytes on disk). */
    public static long bytes(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every Delta commit file under a lakehouse (to tell which a stage added). */
    public static List<Path> commits(Path lakehouse) {
        if (!Files.isDirectory(lakehouse)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(lakehouse)) {
            return s.filter(p -> p.getParent() != null
                            && p.getParent().getFileName().toString().equals("_delta_log")
                            && p.getFileName().toString().matches("\\d{20}\\.json"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of the data files the given Delta commits added (the {@code size} of their {@code add} actions). */
    public static long addedBytes(List<Path> commitFiles) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long total = 0;
        for (Path f : commitFiles) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("{\"add\"")) {
                        total += json.readTree(line).path("add").path("size").asLong();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Delta commit " + f, e);
            }
        }
        return total;
    }
}
