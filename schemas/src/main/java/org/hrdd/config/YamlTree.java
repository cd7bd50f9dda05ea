package org.hrdd.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of a small YAML configuration file: every key must be read (an unknown key is an error), every
 * value has the expected type and range, and each error names the file and the key path.
 */
public final class YamlTree {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final String path;
    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();

    private YamlTree(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public static YamlTree load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a mapping at the top level");
        }
        return new YamlTree(file, "", root);
    }

    public Path file() {
        return file;
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public ConfigException error(String key, String message) {
        return new ConfigException(file + ": " + at(key) + " " + message);
    }

    private JsonNode required(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw error(key, "is missing");
        }
        return v;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public YamlTree child(String key) {
        JsonNode v = required(key);
        if (!v.isObject()) {
            throw error(key, "must be a mapping");
        }
        return new YamlTree(file, at(key), v);
    }

    /** The children of a mapping, by key, in file order; each child must be a mapping. */
    public Map<String, YamlTree> children(String key) {
        YamlTree parent = child(key);
        Map<String, YamlTree> out = new LinkedHashMap<>();
        for (Iterator<String> it = parent.node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            out.put(k, parent.child(k));
        }
        return out;
    }

    /** The items of a list of mappings. */
    public List<YamlTree> items(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) {
            throw error(key, "must be a list");
        }
        List<YamlTree> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw error(key + "[" + i + "]", "must be a mapping");
            }
            out.add(new YamlTree(file, at(key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    public double number(String key, double min, double max) {
        JsonNode v = required(key);
        if (!v.isNumber()) {
            throw error(key, "must be a number, is " + v);
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw error(key, "must be between " + min + " and " + max + ", is " + d);
        }
        return d;
    }

    public int integer(String key, int min, int max) {
        JsonNode v = required(key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw error(key, "must be a whole number, is " + v);
        }
        int i = v.asInt();
        if (i < min || i > max) {
            throw error(key, "must be between " + min + " and " + max + ", is " + i);
        }
        return i;
    }

    public boolean bool(String key) {
        JsonNode v = required(key);
        if (!v.isBoolean()) {
            throw error(key, "must be true or false, is " + v);
        }
        return v.asBoolean();
    }

    public String string(String key) {
        JsonNode v = required(key);
        if (!v.isTextual() && !v.isNumber()) {
            throw error(key, "must be a string, is " + v);
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            throw error(key, "must not be empty");
        }
        return s;
    }

    public List<String> strings(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) {
            throw error(key, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw error(key, "must list strings, has " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Fails on keys nobody read: a misspelt key must not be silently ignored. */
    public void done() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!read.contains(k)) {
                throw new ConfigException(file + ": unknown key " + at(k));
            }
        }
    }
}
