package org.hrdd.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical themes and the source code lists (crosswalks) of {@code conf/taxonomy/}. The
 * generator uses the crosswalks as the source systems' own code lists: a case about theme t is
 * written with one of the codes that map to t.
 */
final class Taxonomy {

    static final List<String> SOURCES =
            List.of("helpline_ngo_a", "helpline_ngo_b", "survey", "rba_vap", "smeta", "amfori_bsci", "sa8000");
    static final List<String> SCHEMES = List.of("rba_vap", "smeta", "amfori_bsci", "sa8000");

    record Code(String code, String label, String theme) {}

    record Severity(String word, String normalised) {}

    record CodeList(String name, List<Code> codes, List<Severity> severities, Map<String, List<Code>> byTheme) {
        List<Code> codesFor(String theme) {
            return byTheme.getOrDefault(theme, List.of());
        }

        String word(String normalised) {
            for (Severity s : severities) if (s.normalised.equals(normalised)) return s.word;
            return null;
        }
    }

    final List<String> themeIds = new ArrayList<>();
    final List<String> themeNames = new ArrayList<>();
    final List<Boolean> iloForcedLabour = new ArrayList<>();
    final Map<String, CodeList> lists = new LinkedHashMap<>();

    static Taxonomy load(Path dir) throws IOException {
        Taxonomy t = new Taxonomy();
        var mapper = World.yamlMapper();
        JsonNode themes = mapper.readTree(Files.readString(dir.resolve("themes.yaml")));
        for (JsonNode n : themes.get("themes")) {
            t.themeIds.add(n.get("id").asText());
            t.themeNames.add(n.get("name").asText());
            t.iloForcedLabour.add(n.path("ilo_forced_labour").asBoolean(false));
        }
        for (String source : SOURCES) {
            JsonNode root = mapper.readTree(Files.readString(dir.resolve(source + ".yaml")));
            List<Code> codes = new ArrayList<>();
            Map<String, List<Code>> byTheme = new LinkedHashMap<>();
            for (JsonNode n : root.get("codes")) {
                Code c = new Code(
                        n.get("code").asText(),
                        n.path("label").asText(""),
                        n.get("theme").asText());
                if (!t.themeIds.contains(c.theme)) {
                    throw new IllegalArgumentException(
                            source + ": code " + c.code + " maps to unknown theme " + c.theme);
                }
                codes.add(c);
                byTheme.computeIfAbsent(c.theme, k -> new ArrayList<>()).add(c);
            }
            List<Severity> sev = new ArrayList<>();
            for (JsonNode n : root.path("severities")) {
                sev.add(new Severity(n.get("word").asText(), n.get("normalised").asText()));
            }
            t.lists.put(source, new CodeList(source, codes, sev, byTheme));
        }
        return t;
    }

    int themeCount() {
        return themeIds.size();
    }

    int themeIndex(String id) {
        int i = themeIds.indexOf(id);
        if (i < 0) throw new IllegalArgumentException("unknown theme " + id);
        return i;
    }

    CodeList list(String name) {
        return lists.get(name);
    }
}
