package org.hrdd.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Test helpers that read a generated folder the way an ingest would (no generator internals). */
final class Exported {
    private Exported() {}

    static Path repoRoot() {
        String p = System.getProperty("hrdd.repo.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("conf/world.yaml"))
                && Files.exists(root.getParent().resolve("conf/world.yaml"))) {
            root = root.getParent();
        }
        return root;
    }

    static GeneratorSpec spec(String tier, long seed, Path out) {
        Path root = repoRoot();
        return new GeneratorSpec(tier, seed, out, root.resolve("conf/world.yaml"), root.resolve("conf/taxonomy"));
    }

    /** CSV data records (header excluded) up to a record that cannot be parsed (broken quoting). */
    record Csv(List<String> header, List<CSVRecord> records, boolean brokenAtEnd) {}

    static Csv readCsv(Path f) throws IOException {
        CSVFormat fmt = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<CSVRecord> out = new ArrayList<>();
        boolean broken = false;
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(r, fmt)) {
            Iterator<CSVRecord> it = p.iterator();
            try {
                while (it.hasNext()) out.add(it.next());
            } catch (UncheckedIOException | IllegalStateException e) {
                broken = true;
            }
            return new Csv(p.getHeaderNames(), out, broken);
        }
    }

    static List<Path> glob(Path exports, String glob) throws IOException {
        var m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(exports)) {
            return s.filter(Files::isRegularFile)
                    .filter(x -> m.matches(exports.relativize(x)))
                    .sorted()
                    .toList();
        }
    }

    static JsonNode yaml(Path f) throws IOException {
        return World.yamlMapper().readTree(f.toFile());
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** (file relative to exports, row) of every bad row expected to be quarantined. */
    static Set<String> quarantined(Path out) throws IOException {
        Set<String> s = new HashSet<>();
        for (CSVRecord r : readCsv(out.resolve("truth/bad_rows.csv")).records()) {
            if (r.get("expected").equals("quarantine")) s.add(r.get("file") + "#" + r.get("row"));
        }
        return s;
    }

    /** code -> theme of one crosswalk in conf/taxonomy. */
    static Map<String, String> crosswalk(String name) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (JsonNode n :
                yaml(repoRoot().resolve("conf/taxonomy/" + name + ".yaml")).get("codes")) {
            m.put(n.get("code").asText(), n.get("theme").asText());
        }
        return m;
    }

    static Map<String, String> severities(String name) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (JsonNode n :
                yaml(repoRoot().resolve("conf/taxonomy/" + name + ".yaml")).path("severities")) {
            m.put(n.get("word").asText(), n.get("normalised").asText());
        }
        return m;
    }

    /** Resolves a facility by OS ID, else by exact alias from truth/facility_aliases.csv. */
    static final class Resolver {
        final Map<String, String> byOs = new HashMap<>();
        final Map<String, String> byAlias = new HashMap<>();

        Resolver(Path out) throws IOException {
            for (CSVRecord r :
                    readCsv(out.resolve("exports/suppliers/facilities.csv")).records())
                byOs.put(r.get("os_id"), r.get("facility_id"));
            for (CSVRecord r :
                    readCsv(out.resolve("truth/facility_aliases.csv")).records())
                byAlias.put(r.get("alias"), r.get("facility_id"));
        }

        String resolve(String os, String name) {
            if (os != null && byOs.containsKey(os)) return byOs.get(os);
            return name == null ? null : byAlias.get(name);
        }
    }

    static String period(LocalDate d) {
        return d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
    }

    static LocalDate parseDate(String s, String format) {
        try {
            LocalDate d =
                    switch (format) {
                        case "dmy" -> {
                            String[] p = s.split("/");
                            yield LocalDate.of(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
                        }
                        case "dmony" -> {
                            String[] p = s.split(" ");
                            int m = List.of(Simulator.MONTHS).indexOf(p[1]) + 1;
                            yield LocalDate.of(Integer.parseInt(p[2]), m, Integer.parseInt(p[0]));
                        }
                        default -> LocalDate.parse(s.substring(0, 10));
                    };
            return d.getYear() > 2500 ? d.minusYears(543) : d;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
