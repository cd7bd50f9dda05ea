package org.hrdd.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    record RawMapping(
            String system, String description, String evidence, Double max_quarantine_share, List<RawFeed> feeds) {}

    /** Bronze columns a cell naming several values may fill (split at the mapping's separators). */
    static final Set<String> MULTI_VALUED = Set.of("bronze.grievance_case.facility_name");

    /** Bronze tables whose refiner keeps a partial date (month or year only) with its precision. */
    static final Set<String> PARTIAL_DATES = Set.of("bronze.grievance_case");

    record RawFeed(
            String table,
            String files,
            String format,
            String encoding,
            String delimiter,
            String sheet,
            Integer header_row,
            List<String> date_formats,
            List<String> null_tokens,
            LinkedHashMap<String, String> constants,
            LinkedHashMap<String, RawColumn> columns,
            RawFlags flag_columns,
            List<RawFilter> keep_rows) {}

    /** A column's source: a header, a list of fallback headers, or {from, values, unknown, split}. */
    @JsonDeserialize(using = RawColumn.Reader.class)
    record RawColumn(List<String> from, JsonNode values, String unknown, List<String> split) {
        record Full(JsonNode from, JsonNode values, String unknown, List<String> split) {}

        static final class Reader extends StdDeserializer<RawColumn> {
            Reader() {
                super(RawColumn.class);
            }

            @Override
            public RawColumn deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    Full f = ctxt.readValue(p, Full.class);
                    return new RawColumn(headers(p, ctxt, f.from()), f.values(), f.unknown(), f.split());
                }
                return new RawColumn(headers(p, ctxt, ctxt.readTree(p)), null, null, null);
            }

            private static List<String> headers(JsonParser p, DeserializationContext ctxt, JsonNode n)
                    throws IOException {
                List<String> out = new ArrayList<>();
                // a header YAML reads as a number (2021) or a boolean is still a header: its text
                if (n != null && n.isValueNode() && !n.isNull()) {
                    out.add(n.asText());
                } else if (n != null && n.isArray()) {
                    for (JsonNode h : n) {
                        if (!h.isValueNode() || h.isNull()) {
                            return ctxt.reportInputMismatch(RawColumn.class, "fallback headers must be strings");
                        }
                        out.add(h.asText());
                    }
                } else {
                    return ctxt.reportInputMismatch(
                            RawColumn.class, "expected a header, a list of headers or {from, values, unknown, split}");
                }
                return out;
            }
        }
    }

    record RawFilter(String column, List<String> in, List<String> not_in) {}

    record RawFlags(
            String target,
            String separator,
            List<String> true_values,
            List<String> false_values,
            LinkedHashMap<String, RawFlag> columns) {}

    /** A flag column's code, or {code, when}. */
    @JsonDeserialize(using = RawFlag.Reader.class)
    record RawFlag(String code, RawFilter when) {
        record Full(String code, RawFilter when) {}

        static final class Reader extends StdDeserializer<RawFlag> {
            Reader() {
                super(RawFlag.class);
            }

            @Override
            public RawFlag deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    Full f = ctxt.readValue(p, Full.class);
                    return new RawFlag(f.code(), f.when());
                }
                if (p.currentToken().isScalarValue() && p.currentToken() != JsonToken.VALUE_NULL) {
                    return new RawFlag(p.getText(), null);
                }
                return ctxt.reportInputMismatch(RawFlag.class, "expected a code or {code, when}");
            }
        }
    }

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
        Map<String, Map<String, String>> valueTables = new HashMap<>();
        for (Path f : files) {
            SourceMapping m = load(f, contracts, valueTables);
            if (!systems.add(m.system())) {
                throw new ConfigException(f + ": system '" + m.system() + "' is defined by another mapping too");
            }
            out.add(m);
        }
        return out;
    }

    public static SourceMapping load(Path file, Map<String, Contract> contracts) {
        return load(file, contracts, new HashMap<>());
    }

    private static SourceMapping load(
            Path file, Map<String, Contract> contracts, Map<String, Map<String, String>> valueTables) {
        RawMapping raw;
        try {
            raw = YAML.readValue(file.toFile(), RawMapping.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    file + line(file, e) + ": unknown key '" + path(e) + "' (known: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ")",
                    e);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + line(file, e) + ": key '" + path(e) + "': " + e.getOriginalMessage(), e);
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
            feeds.add(feed(file, "feeds[" + i + "]", raw.feeds().get(i), contracts, valueTables));
        }
        Double limit = raw.max_quarantine_share();
        if (limit != null && !(limit >= 0 && limit <= 1)) {
            throw new ConfigException(file + ": key 'max_quarantine_share' is a share between 0 and 1, is " + limit);
        }
        return new SourceMapping(file, system, raw.description(), limit, evidence(file, raw.evidence(), feeds), feeds);
    }

    /**
     * The declared evidence kind, which every feed's table must be of (a grievance tracker mapped onto helpline cases
     * would count each grievance as a worker reached); without a declaration, the kind of the feeds' tables, which
     * must then agree.
     */
    private static SourceMapping.Evidence evidence(Path file, String declared, List<Feed> feeds) {
        SourceMapping.Evidence kind = null;
        if (declared != null) {
            kind = SourceMapping.Evidence.ofCode(declared);
            if (kind == null) {
                throw new ConfigException(file + ": key 'evidence' must be one of "
                        + java.util.Arrays.stream(SourceMapping.Evidence.values())
                                .map(SourceMapping.Evidence::code)
                                .collect(Collectors.joining(", "))
                        + ", is '" + declared + "'");
            }
        }
        for (int i = 0; i < feeds.size(); i++) {
            SourceMapping.Evidence of =
                    SourceMapping.Evidence.ofTable(feeds.get(i).table());
            if (kind == null) {
                kind = of;
            } else if (of != kind) {
                String table = feeds.get(i).table().substring("bronze.".length());
                throw new ConfigException(file + ": key 'feeds[" + i + "].table' is '" + table + "', which holds "
                        + of.code() + " rows, but the source " + (declared != null ? "declares" : "feeds")
                        + " evidence " + kind.code()
                        + (kind.tables().isEmpty() ? "" : " (tables " + kind.tables() + ")")
                        + (kind == SourceMapping.Evidence.THIRD_PARTY_GRIEVANCE
                                ? ": a third-party grievance is not a worker reached"
                                : ""));
            }
        }
        return kind;
    }

    private static Feed feed(
            Path file,
            String at,
            RawFeed f,
            Map<String, Contract> contracts,
            Map<String, Map<String, String>> valueTables) {
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
        Map<String, RawColumn> rawColumns = f.columns() == null ? Map.of() : f.columns();
        Map<String, String> constants = f.constants() == null ? Map.of() : f.constants();
        Set<String> targets = new HashSet<>();
        Map<String, Feed.Source> columns = new LinkedHashMap<>();
        rawColumns.forEach((col, rc) -> {
            String key = at + ".columns." + col;
            checkTarget(file, key, col, contract, targets);
            if (rc == null || rc.from() == null || rc.from().isEmpty()) {
                throw new ConfigException(file + ": key '" + key + "' names no header");
            }
            rc.from().forEach(h -> require(file, key, h));
            List<String> split = rc.split() == null ? List.of() : rc.split();
            if (!split.isEmpty() && !MULTI_VALUED.contains(contract.table() + "." + col)) {
                throw new ConfigException(file + ": key '" + key + ".split' applies only to a column that holds several"
                        + " values (" + MULTI_VALUED.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            if (split.stream().anyMatch(x -> x == null || x.isEmpty())) {
                throw new ConfigException(file + ": key '" + key + ".split' lists an empty separator");
            }
            columns.put(col, new Feed.Source(rc.from(), valueMap(file, key, rc, valueTables), split));
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
        columns.values().forEach(c -> headers.addAll(c.headers()));
        if (flags != null) {
            for (String h : flags.columns().keySet()) {
                if (!headers.add(h)) {
                    throw new ConfigException(file + ": key '" + at + ".flag_columns.columns." + h
                            + "' reads a header that columns already maps");
                }
            }
        }
        List<String> dateFormats = noNulls(file, at + ".date_formats", f.date_formats());
        noNulls(file, at + ".null_tokens", f.null_tokens());
        for (String d : dateFormats) {
            if (d == null || d.isBlank()) {
                throw new ConfigException(file + ": key '" + at + ".date_formats' lists an empty format");
            }
            if (org.hrdd.refine.SourceDates.isPartial(d) && !PARTIAL_DATES.contains(contract.table())) {
                throw new ConfigException(file + ": key '" + at + ".date_formats' lists '" + d + "', a date without a"
                        + " day, which only " + PARTIAL_DATES + " keeps with its precision");
            }
        }
        List<Feed.RowFilter> keepRows = new ArrayList<>();
        List<RawFilter> rawFilters = f.keep_rows() == null ? List.of() : f.keep_rows();
        for (int i = 0; i < rawFilters.size(); i++) {
            keepRows.add(filter(file, at + ".keep_rows[" + i + "]", rawFilters.get(i)));
        }
        return new Feed(
                contract.table(),
                glob,
                format,
                encoding,
                delimiter,
                f.sheet(),
                headerRow,
                dateFormats,
                f.null_tokens() == null ? List.of() : f.null_tokens(),
                constants,
                columns,
                flags,
                keepRows);
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
        noNulls(file, at + ".true_values", raw.true_values());
        noNulls(file, at + ".false_values", raw.false_values());
        if (raw.true_values() == null || raw.true_values().isEmpty()) {
            throw new ConfigException(file + ": key '" + at + ".true_values' must list at least one value");
        }
        Map<String, Feed.Flag> codes = new LinkedHashMap<>();
        raw.columns().forEach((h, flag) -> {
            String key = at + ".columns." + h;
            if (flag == null) {
                throw new ConfigException(file + ": key '" + key + "' is required");
            }
            require(file, key + (flag.when() == null ? "" : ".code"), flag.code());
            codes.put(
                    h,
                    new Feed.Flag(flag.code(), flag.when() == null ? null : filter(file, key + ".when", flag.when())));
        });
        List<String> falseValues =
                raw.false_values() == null ? Feed.FlagColumns.DEFAULT_FALSE_VALUES : raw.false_values();
        for (String v : raw.true_values()) {
            if (falseValues.contains(v)) {
                throw new ConfigException(
                        file + ": key '" + at + ".false_values' also lists the true value '" + v + "'");
            }
        }
        return new Feed.FlagColumns(
                target, raw.separator() == null ? ";" : raw.separator(), raw.true_values(), falseValues, codes);
    }

    private static Feed.RowFilter filter(Path file, String key, RawFilter raw) {
        String header = require(file, key + ".column", raw.column());
        if ((raw.in() == null) == (raw.not_in() == null)) {
            throw new ConfigException(file + ": key '" + key + "' needs exactly one of 'in' and 'not_in'");
        }
        List<String> values =
                noNulls(file, key + (raw.in() != null ? ".in" : ".not_in"), raw.in() != null ? raw.in() : raw.not_in());
        if (values.isEmpty()) {
            throw new ConfigException(file + ": key '" + key + "' lists no value");
        }
        return new Feed.RowFilter(header, values, raw.in() != null);
    }

    /**
     * The list, or an empty one when absent; a null element ({@code ~} or an empty item in YAML) is refused, naming
     * the key, instead of failing later without one.
     */
    private static List<String> noNulls(Path file, String key, List<String> list) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new ConfigException(file + ": key '" + key + "[" + i + "]' is empty (~ or a blank item); quote"
                        + " a value that is text, e.g. \"~\"");
            }
        }
        return list;
    }

    /** Folder of the shipped value tables, beside the mappings: {@code conf/sources/values/<name>.csv}. */
    static final String VALUE_TABLES = "values";

    private static Feed.ValueMap valueMap(
            Path file, String key, RawColumn rc, Map<String, Map<String, String>> valueTables) {
        if (rc.values() == null) {
            if (rc.unknown() != null) {
                throw new ConfigException(file + ": key '" + key + ".unknown' applies with 'values' only");
            }
            return null;
        }
        boolean keep;
        if (rc.unknown() == null || rc.unknown().equals("keep")) {
            keep = true;
        } else if (rc.unknown().equals("null")) {
            keep = false;
        } else {
            throw new ConfigException(
                    file + ": key '" + key + ".unknown' must be keep or null, is '" + rc.unknown() + "'");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        String name;
        if (rc.values().isTextual()) {
            name = rc.values().asText();
            Path table = file.toAbsolutePath().getParent().resolve(VALUE_TABLES).resolve(name + ".csv");
            entries = valueTables.computeIfAbsent(table.toString(), t -> valueTable(file, key, table));
        } else if (rc.values().isObject()) {
            name = "inline";
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) rc.values()::fields) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new ConfigException(file + ": key '" + key + ".values." + e.getKey() + "' must be a value");
                }
                entries.put(e.getKey(), e.getValue().asText());
            }
        } else {
            throw new ConfigException(file + ": key '" + key
                    + ".values' must name a table of conf/sources/values/ or map source values to values");
        }
        try {
            return Feed.ValueMap.of(name, entries, keep);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": key '" + key + ".values': " + e.getMessage(), e);
        }
    }

    /** A value table of {@code conf/sources/values/} as a value map, e.g. the countries for a tool outside ingest. */
    public static Feed.ValueMap valueTable(Path sourcesDir, String name, boolean keepUnknown) {
        Path table = sourcesDir.resolve(VALUE_TABLES).resolve(name + ".csv");
        return Feed.ValueMap.of(name, valueTable(table, "values", table), keepUnknown);
    }

    /** A two-column CSV (source value, contract value) with a header row. */
    private static Map<String, String> valueTable(Path file, String key, Path table) {
        if (!Files.isRegularFile(table)) {
            throw new ConfigException(file + ": key '" + key + ".values' names '" + table.getFileName()
                    + "', which is not in " + table.getParent());
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (java.io.Reader r = Files.newBufferedReader(table, StandardCharsets.UTF_8);
                org.apache.commons.csv.CSVParser csv = org.apache.commons.csv.CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(r)) {
            for (org.apache.commons.csv.CSVRecord rec : csv) {
                if (rec.size() != 2) {
                    throw new ConfigException(table + ": row " + (rec.getRecordNumber() + 1) + " has " + rec.size()
                            + " columns, expected 2 (source value, contract value)");
                }
                out.put(rec.get(0), rec.get(1));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException(table + ": cannot read the value table: " + e.getMessage(), e);
        }
        return out;
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

    /**
     * ":line" of the problem: the parser's position, which for an unknown key can be past it (the end of its value), so
     * the nearest line at or above that names the key is taken.
     */
    private static String line(Path file, JsonMappingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
            return "";
        }
        int line = e.getLocation().getLineNr();
        if (e instanceof UnrecognizedPropertyException u) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = Math.min(line, lines.size()); i >= 1; i--) {
                    String text = lines.get(i - 1);
                    if (text.contains(u.getPropertyName() + ":") || text.contains(u.getPropertyName() + "\":")) {
                        return ":" + i;
                    }
                }
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // the parser's line then
            }
        }
        return ":" + line;
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            parts.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return String.join(".", parts).replace(".[", "[");
    }
}
