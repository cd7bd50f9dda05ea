package org.hrdd.refine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hrdd.config.ConfigException;

/**
 * The canonical themes ({@code conf/taxonomy/themes.yaml}) and one crosswalk per source taxonomy
 * ({@code conf/taxonomy/<taxonomy>.yaml}): source code → canonical theme, and for audit schemes the scheme's
 * severity words → normalised severity. Every code maps to exactly one known theme; anything else is a
 * configuration error naming file and code.
 */
public record Taxonomies(Map<String, Theme> themes, Map<String, Crosswalk> crosswalks) {

    public static final String THEMES_FILE = "themes.yaml";

    public record Theme(String id, String name, String group, boolean iloForcedLabour) {}

    /**
     * @param codes source code → canonical theme id
     * @param severities scheme severity word → normalised severity (empty for non-audit taxonomies)
     * @param outOfScope source code → the area outside ESRS S2 it belongs to (environment, land, ...)
     */
    public record Crosswalk(
            String taxonomy,
            Map<String, String> codes,
            Map<String, String> severities,
            Map<String, String> outOfScope) {
        public Crosswalk {
            codes = Map.copyOf(codes);
            severities = Map.copyOf(severities);
            outOfScope = Map.copyOf(outOfScope);
        }

        public Crosswalk(String taxonomy, Map<String, String> codes, Map<String, String> severities) {
            this(taxonomy, codes, severities, Map.of());
        }
    }

    public Taxonomies {
        themes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(themes));
        crosswalks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(crosswalks));
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> CROSSWALK_KEYS = Set.of("taxonomy", "source", "codes", "severities", "version");

    public Crosswalk crosswalk(String taxonomy) {
        Crosswalk c = crosswalks.get(taxonomy);
        if (c == null) {
            throw new ConfigException(
                    "conf/taxonomy: no crosswalk named '" + taxonomy + "' (known: " + crosswalks.keySet() + ")");
        }
        return c;
    }

    public static Taxonomies load(Path dir) {
        Path themesFile = dir.resolve(THEMES_FILE);
        Map<String, Theme> themes = new LinkedHashMap<>();
        JsonNode root = read(themesFile);
        for (JsonNode t : root.path("themes")) {
            String id = text(themesFile, t, "id");
            themes.put(
                    id,
                    new Theme(
                            id,
                            text(themesFile, t, "name"),
                            text(themesFile, t, "group"),
                            t.path("ilo_forced_labour").asBoolean(false)));
        }
        if (themes.isEmpty()) {
            throw new ConfigException(themesFile + ": no themes");
        }
        Map<String, Crosswalk> crosswalks = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals(THEMES_FILE))
                    .sorted()
                    .toList()) {
                Crosswalk c = crosswalk(f, read(f), themes);
                if (crosswalks.put(c.taxonomy(), c) != null) {
                    throw new ConfigException(f + ": taxonomy '" + c.taxonomy() + "' is defined twice");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(dir + ": cannot list taxonomy files: " + e.getMessage(), e);
        }
        return new Taxonomies(themes, crosswalks);
    }

    private static Crosswalk crosswalk(Path file, JsonNode root, Map<String, Theme> themes) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!CROSSWALK_KEYS.contains(k)) {
                throw new ConfigException(file + ": unknown key '" + k + "'");
            }
        }
        String taxonomy = text(file, root, "taxonomy");
        Map<String, String> codes = new LinkedHashMap<>();
        Map<String, String> outOfScope = new LinkedHashMap<>();
        for (JsonNode c : root.path("codes")) {
            String code = text(file, c, "code");
            if (c.has("out_of_scope")) {
                if (c.has("theme")) {
                    throw new ConfigException(
                            file + ": code '" + code + "' has both a theme and out_of_scope; it is one or the other");
                }
                if (codes.containsKey(code) || outOfScope.put(code, text(file, c, "out_of_scope")) != null) {
                    throw new ConfigException(file + ": code '" + code + "' is listed twice");
                }
                continue;
            }
            String theme = text(file, c, "theme");
            if (!themes.containsKey(theme)) {
                throw new ConfigException(file + ": code '" + code + "' maps to unknown theme '" + theme + "'");
            }
            if (outOfScope.containsKey(code) || codes.put(code, theme) != null) {
                throw new ConfigException(file + ": code '" + code + "' is listed twice");
            }
        }
        if (codes.isEmpty()) {
            throw new ConfigException(file + ": no codes");
        }
        Map<String, String> severities = new LinkedHashMap<>();
        for (JsonNode s : root.path("severities")) {
            severities.put(text(file, s, "word"), text(file, s, "normalised"));
        }
        return new Crosswalk(taxonomy, codes, severities, outOfScope);
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode n = YAML.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new ConfigException(file + ": empty or not a mapping");
            }
            return n;
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String text(Path file, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new ConfigException(file + ": '" + field + "' is required (in " + node + ")");
        }
        return v.asText();
    }
}
