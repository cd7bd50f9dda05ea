package org.hrdd.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ODCS v3.1 contract YAML into {@link Contract} records. Plain Java, no Spark: the jobs module
 * turns contracts into Spark schemas, the reports module into DuckDB types.
 */
public final class ContractLoader {

    /** Classpath folder the schemas module packages {@code schemas/contracts/} into. */
    public static final String RESOURCE_ROOT = "hrdd/contracts/";
    /** Lists every contract file, one relative path a line; a test keeps it equal to the folder. */
    public static final String INDEX = RESOURCE_ROOT + "index.txt";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ContractLoader() {}

    /** Every contract on the classpath, keyed by qualified table name, in index order. */
    public static Map<String, Contract> loadAll() {
        Map<String, Contract> byTable = new LinkedHashMap<>();
        for (String file : indexEntries()) {
            Contract c = loadResource(RESOURCE_ROOT + file);
            if (byTable.put(c.table(), c) != null) {
                throw new ContractException(file + ": table " + c.table() + " is defined twice");
            }
        }
        return byTable;
    }

    public static List<String> indexEntries() {
        try (InputStream in = resource(INDEX)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Contract loadResource(String path) {
        try (InputStream in = resource(path)) {
            return parse(path, in);
        } catch (IOException e) {
            throw new ContractException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static Contract parse(String origin, InputStream in) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new ContractException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ContractException(origin + ": empty contract");
        }
        expect(origin, "apiVersion", text(root, "apiVersion"), "v3.1.0");
        expect(origin, "kind", text(root, "kind"), "DataContract");
        JsonNode schemas = root.path("schema");
        if (!schemas.isArray() || schemas.size() != 1) {
            throw new ContractException(origin + ": 'schema' must list exactly one table");
        }
        JsonNode table = schemas.get(0);
        Map<String, JsonNode> tableProps = customProperties(table);
        String physicalName = requireText(origin, table, "physicalName");
        String layer = tableProps.containsKey("layer")
                ? tableProps.get("layer").asText()
                : physicalName.split("\\.")[0];
        List<String> key = new ArrayList<>();
        if (tableProps.containsKey("primaryKey")) {
            tableProps.get("primaryKey").forEach(n -> key.add(n.asText()));
        }
        List<Column> columns = new ArrayList<>();
        java.util.TreeMap<Integer, String> partitions = new java.util.TreeMap<>();
        int i = 0;
        for (JsonNode p : table.path("properties")) {
            String where = origin + ": schema[0].properties[" + i + "]";
            Column column = column(where, p);
            columns.add(column);
            if (p.path("partitioned").asBoolean(false)) {
                // a partition value is a directory name and stays in the Delta log: a required, non-personal column
                if (!column.required() || column.privacyClass() != PrivacyClass.NONE) {
                    throw new ContractException(where + " (" + column.name() + "): a partition column must be required"
                            + " and of privacy class none");
                }
                int position = p.path("partitionKeyPosition").asInt(1);
                if (partitions.put(position, column.name()) != null) {
                    throw new ContractException(
                            where + " (" + column.name() + "): partitionKeyPosition " + position + " is taken");
                }
            }
            i++;
        }
        if (columns.isEmpty()) {
            throw new ContractException(origin + ": table " + physicalName + " has no properties");
        }
        Contract c = new Contract(
                requireText(origin, root, "id"),
                physicalName,
                layer,
                text(root, "version"),
                text(root.path("description"), "purpose"),
                text(table, "description"),
                key,
                columns,
                new ArrayList<>(partitions.values()));
        for (String k : key) {
            if (c.column(k).isEmpty()) {
                throw new ContractException(origin + ": primaryKey column '" + k + "' is not a property");
            }
        }
        return c;
    }

    private static Column column(String where, JsonNode p) {
        String name = requireText(where, p, "name");
        String physical = requireText(where, p, "physicalType");
        if (!Column.PHYSICAL_TYPES.contains(physical)) {
            throw new ContractException(
                    where + " (" + name + "): physicalType '" + physical + "' is not one of " + Column.PHYSICAL_TYPES);
        }
        Map<String, JsonNode> custom = customProperties(p);
        JsonNode privacy = custom.get("privacyClass");
        if (privacy == null) {
            throw new ContractException(where + " (" + name + "): customProperties.privacyClass is required");
        }
        PrivacyClass privacyClass;
        try {
            privacyClass = PrivacyClass.fromCode(privacy.asText());
        } catch (IllegalArgumentException e) {
            throw new ContractException(where + " (" + name + "): " + e.getMessage(), e);
        }
        List<String> allowed = new ArrayList<>();
        if (custom.containsKey("allowedValues")) {
            custom.get("allowedValues").forEach(n -> allowed.add(n.asText()));
        }
        Double min = custom.containsKey("minimum") ? custom.get("minimum").asDouble() : null;
        Double max = custom.containsKey("maximum") ? custom.get("maximum").asDouble() : null;
        String pattern = text(p.path("logicalTypeOptions"), "pattern");
        if (pattern != null) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new ContractException(
                        where + " (" + name + "): logicalTypeOptions.pattern is not a regular " + "expression: "
                                + e.getDescription(),
                        e);
            }
        }
        return new Column(
                name,
                text(p, "logicalType"),
                physical,
                p.path("required").asBoolean(false),
                p.path("unique").asBoolean(false),
                text(p, "classification"),
                text(p, "description"),
                privacyClass,
                allowed,
                min,
                max,
                pattern);
    }

    private static Map<String, JsonNode> customProperties(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode cp : node.path("customProperties")) {
            out.put(cp.path("property").asText(), cp.path("value"));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String requireText(String where, JsonNode node, String field) {
        String v = text(node, field);
        if (v == null || v.isBlank()) {
            throw new ContractException(where + ": '" + field + "' is required");
        }
        return v;
    }

    private static void expect(String origin, String field, String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new ContractException(origin + ": '" + field + "' must be " + expected + " but is " + actual);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = ContractLoader.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("no resource " + path + " on the class path");
        }
        return in;
    }
}
