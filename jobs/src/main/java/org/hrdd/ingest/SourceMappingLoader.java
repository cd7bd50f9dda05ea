package org.hrdd.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hrdd.config.ConfigException;
import org.hrdd.schemas.Column;
import org.hrdd.schemas.Contract;

/**
 * Loads {@code conf/sources/*.yaml} strictly: unknown keys, unknown formats, and mapped columns the bronze
 * contract does not have are {@link ConfigException}s naming the file and the key.
 */
public final class SourceMappingLoader {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SourceMappingLoader() {}

    record RawMapping(String system, String description, List<RawFeed> feeds) {}

    record RawFeed(
            String table,
            String files,
            String format,
            String encoding,
            String delimiter,
            String sheet,
            Integer header_row,
            List<String> date_formats,
            LinkedHashMap<String, String> constants,
            LinkedHashMap<String, String> columns,
            RawFlags flag_columns) {}

    record RawFlags(
            String target,
            String separator,
            List<String> true_values,
            List<String> false_values,
            LinkedHashMap<String, String> columns) {}

    /** Every {@code *.yaml} in the folder, in file-name order. */
    public static List<SourceMapping> loadAll(Path sourcesDir, Map<String, Contract> contracts) {
        List<Path> files;
        try (Stream<Path> s = Files.list(sourcesDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(sourcesDir + ": cannot list source mappings: " + e.getMessage(), e);
        }
        List<SourceMapping> out = new ArrayList<>();
        Set<String> systems = new HashSet<>();
        for (Path f : files) {
            SourceMapping m = load(f, contracts);
            if (!systems.add(m.system())) {
                throw new ConfigException(f + ": system '" + m.system() + "' is defined by another mapping too");
            }
            out.add(m);
        }
        return out;
    }

    public static SourceMapping load(Path file, Map<String, Contract> contracts) {
        RawMapping raw;
        try {
            raw = YAML.readValue(file.toFile(), RawMapping.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    file + ": unknown key '" + path(e) + "' (known: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ")",
                    e);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": key '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new ConfigException(file + ": empty source mapping");
        }
        String system = require(file, "system", raw.system());
        if (!system.matches("[a-z][a-z0-9_]*")) {
            throw new ConfigException(file + ": key 'system' must be lower_snake_case, is '" + system + "'");
        }
        if (raw.feeds() == null || raw.feeds().isEmpty()) {
            throw new ConfigException(file + ": key 'feeds' must list at least one feed");
        }
        List<Feed> feeds = new ArrayList<>();
        for (int i = 0; i < raw.feeds().size(); i++) {
            feeds.add(feed(file, "feeds[" + i + "]", raw.feeds().get(i), contracts));
        }
        return new SourceMapping(file, system, raw.description(), feeds);
    }

    private static Feed feed(Path file, String at, RawFeed f, Map<String, Contract> contracts) {
        String tableName = require(file, at + ".table", f.table());
        Contract contract = contracts.get("bronze." + tableName);
        if (contract == null) {
            throw new ConfigException(file + ": key '" + at + ".table' names '" + tableName
                    + "', which has no contract under schemas/contracts/bronze/");
        }
        String glob = require(file, at + ".files", f.files());
        ExportFormat format = format(file, at, require(file, at + ".format", f.format()));
        Charset encoding = encoding(file, at, f.encoding());
        char delimiter = delimiter(file, at, f.delimiter());
        if (format == ExportFormat.XLSX && (f.sheet() == null || f.sheet().isBlank())) {
            throw new ConfigException(file + ": key '" + at + ".sheet' is required for format xlsx");
        }
        if (format != ExportFormat.XLSX && (f.sheet() != null || f.header_row() != null)) {
            throw new ConfigException(
                    file + ": keys '" + at + ".sheet' and '" + at + ".header_row' apply to format xlsx only");
        }
        int headerRow = f.header_row() == null ? 1 : f.header_row();
        if (headerRow < 1) {
            throw new ConfigException(file + ": key '" + at + ".header_row' is 1-based, is " + headerRow);
        }
        Map<String, String> columns = f.columns() == null ? Map.of() : f.columns();
        Map<String, String> constants = f.constants() == null ? Map.of() : f.constants();
        Set<String> targets = new HashSet<>();
        columns.forEach((col, header) -> {
            checkTarget(file, at + ".columns." + col, col, contract, targets);
            require(file, at + ".columns." + col, header);
        });
        constants.forEach((col, value) -> {
            checkTarget(file, at + ".constants." + col, col, contract, targets);
            require(file, at + ".constants." + col, value);
        });
        Feed.FlagColumns flags = flags(file, at + ".flag_columns", f.flag_columns(), contract, targets);
        for (Column c : contract.businessColumns()) {
            if (c.required() && !targets.contains(c.name())) {
                throw new ConfigException(file + ": key '" + at + "' does not map required column '" + c.name()
                        + "' of " + contract.table());
            }
        }
        Set<String> headers = new HashSet<>();
        for (String h : columns.values()) {
            headers.add(h);
        }
        if (flags != null) {
            for (String h : flags.columns().keySet()) {
                if (!headers.add(h)) {
                    throw new ConfigException(file + ": key '" + at + ".flag_columns.columns." + h
                            + "' reads a header that columns already maps");
                }
            }
        }
        return new Feed(
                contract.table(),
                glob,
                format,
                encoding,
                delimiter,
                f.sheet(),
                headerRow,
                f.date_formats() == null ? List.of() : f.date_formats(),
                constants,
                columns,
                flags);
    }

    private static Feed.FlagColumns flags(Path file, String at, RawFlags raw, Contract contract, Set<String> targets) {
        if (raw == null) {
            return null;
        }
        String target = require(file, at + ".target", raw.target());
        checkTarget(file, at + ".target", target, contract, targets);
        if (raw.columns() == null || raw.columns().isEmpty()) {
            throw new ConfigException(file + ": key '" + at + ".columns' must map at least one header to a code");
        }
        if (raw.true_values() == null || raw.true_values().isEmpty()) {
            throw new ConfigException(file + ": key '" + at + ".true_values' must list at least one value");
        }
        raw.columns().forEach((h, code) -> require(file, at + ".columns." + h, code));
        List<String> falseValues =
                raw.false_values() == null ? Feed.FlagColumns.DEFAULT_FALSE_VALUES : raw.false_values();
        for (String v : raw.true_values()) {
            if (falseValues.contains(v)) {
                throw new ConfigException(
                        file + ": key '" + at + ".false_values' also lists the true value '" + v + "'");
            }
        }
        return new Feed.FlagColumns(
                target, raw.separator() == null ? ";" : raw.separator(), raw.true_values(), falseValues, raw.columns());
    }

    private static void checkTarget(Path file, String key, String col, Contract contract, Set<String> targets) {
        Column c = contract.column(col)
                .orElseThrow(() -> new ConfigException(
                        file + ": key '" + key + "': column '" + col + "' is not in contract " + contract.table()));
        if (c.isTechnical()) {
            throw new ConfigException(
                    file + ": key '" + key + "': lineage column '" + col + "' is written by ingest, not mapped");
        }
        if (!targets.add(col)) {
            throw new ConfigException(file + ": key '" + key + "': column '" + col + "' is mapped twice");
        }
    }

    private static ExportFormat format(Path file, String at, String value) {
        try {
            return ExportFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    file + ": key '" + at + ".format' has value '" + value + "', expected one of csv, jsonl, xlsx", e);
        }
    }

    private static Charset encoding(Path file, String at, String value) {
        if (value == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(value);
        } catch (RuntimeException e) {
            throw new ConfigException(file + ": key '" + at + ".encoding' names unknown charset '" + value + "'", e);
        }
    }

    private static char delimiter(Path file, String at, String value) {
        if (value == null) {
            return ',';
        }
        String v = value.equals("\\t") ? "\t" : value;
        if (v.length() != 1) {
            throw new ConfigException(file + ": key '" + at + ".delimiter' must be one character, is '" + value + "'");
        }
        return v.charAt(0);
    }

    private static String require(Path file, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(file + ": key '" + key + "' is required");
        }
        return value;
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            parts.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return String.join(".", parts).replace(".[", "[");
    }
}
