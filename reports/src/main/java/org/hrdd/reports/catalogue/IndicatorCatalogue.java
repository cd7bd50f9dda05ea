package org.hrdd.reports.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hrdd.config.ConfigException;
import org.hrdd.config.YamlTree;

/**
 * {@code conf/indicators.yaml}: what each published indicator counts and which references it serves. Read strictly:
 * every ESRS S2 datapoint id must exist in {@code conf/reference/esrs_s2_datapoints.csv}, every CSDDD article,
 * breakdown, unit and UNGP 31 criterion must be one hrdd knows.
 */
public record IndicatorCatalogue(int version, List<Indicator> indicators) {

    public static final String FILE_NAME = "indicators.yaml";
    public static final String ESRS_FILE = "reference/esrs_s2_datapoints.csv";

    public static final Set<String> UNITS =
            Set.of("share", "workers", "cases", "caps", "days", "EUR", "findings", "cells");
    public static final Set<String> DISAGGREGATIONS = Set.of(
            "country",
            "sector",
            "theme",
            "channel",
            "gender",
            "nationality",
            "severity",
            "tier",
            "cap_source",
            "status",
            "worker_voice",
            "raised_by",
            "s2_scope");
    /** The {@code workers} value of an indicator computed from no worker record (audits, facility master, scores). */
    public static final String NO_WORKERS = "none";
    /** Breakdowns that reveal personal characteristics: only from records whose consent allows them. */
    public static final Set<String> PERSONAL = Set.of("gender", "nationality");

    public static final Set<String> CSDDD_ARTICLES =
            Set.of("Art. 8", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15", "Art. 16");
    public static final Set<String> UNGP31 = Set.of(
            "legitimate",
            "accessible",
            "predictable",
            "equitable",
            "transparent",
            "rights_compatible",
            "continuous_learning",
            "engagement_dialogue");

    /**
     * One indicator of the catalogue. {@code denominator} is null for counts, sums and medians. {@code workers} says
     * whose records or remedies a cell is a figure about ({@link #NO_WORKERS} for none): it documents the count that
     * disclosure control applies to every indicator, and lets {@code hrdd indicators} refuse a cell of a
     * {@link #NO_WORKERS} indicator that counts worker records.
     */
    public record Indicator(
            String id,
            String name,
            String definition,
            String numerator,
            String denominator,
            String unit,
            String workers,
            List<String> disaggregations,
            List<String> csddd,
            List<String> esrs,
            List<String> lksg,
            List<String> ungp31) {
        public Indicator {
            disaggregations = List.copyOf(disaggregations);
            csddd = List.copyOf(csddd);
            esrs = List.copyOf(esrs);
            lksg = List.copyOf(lksg);
            ungp31 = List.copyOf(ungp31);
        }

        /** Whether the indicator's cells can count worker records (then they are suppressed below k workers). */
        public boolean restsOnWorkers() {
            return !NO_WORKERS.equals(workers);
        }
    }

    public IndicatorCatalogue {
        indicators = List.copyOf(indicators);
    }

    public Indicator get(String id) {
        return indicators.stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no indicator " + id));
    }

    /** The catalogue {@link #FILE_NAME} of the conf folder. */
    public static IndicatorCatalogue load(Path confDir) {
        return load(confDir, confDir.resolve(FILE_NAME));
    }

    /**
     * The catalogue in {@code file} ({@code files.indicators}, which may lie outside the conf folder), its ESRS
     * references checked against the conf folder's {@link #ESRS_FILE}.
     */
    public static IndicatorCatalogue load(Path confDir, Path file) {
        Map<String, String> esrsNames = esrsDatapoints(confDir.resolve(ESRS_FILE));
        YamlTree root = YamlTree.load(file);
        int version = root.integer("version", 1, Integer.MAX_VALUE);
        List<Indicator> out = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (YamlTree t : root.items("indicators")) {
            String id = t.string("id");
            if (!id.matches("[a-z][a-z0-9_]*") || !ids.add(id)) {
                throw t.error("id", "must be a unique snake_case id, is " + id);
            }
            String unit = t.string("unit");
            if (!UNITS.contains(unit)) {
                throw t.error("unit", "must be one of " + new TreeSet<>(UNITS) + ", is " + unit);
            }
            String denominator = t.has("denominator") ? t.string("denominator") : null;
            if (unit.equals("share") != (denominator != null)) {
                throw t.error("denominator", "is required for a share and only for a share");
            }
            List<String> dis = t.strings("disaggregations");
            check(t, "disaggregations", dis, DISAGGREGATIONS);
            YamlTree refs = t.child("references");
            List<String> csddd = refs.strings("csddd");
            check(refs, "csddd", csddd, CSDDD_ARTICLES);
            List<String> esrs = refs.strings("esrs");
            for (String e : esrs) {
                if (!esrsNames.containsKey(e)) {
                    throw refs.error("esrs", "cites " + e + ", which is not an ESRS S2 datapoint of " + ESRS_FILE);
                }
            }
            List<String> lksg = refs.has("lksg") ? refs.strings("lksg") : List.of();
            List<String> ungp = refs.has("ungp31") ? refs.strings("ungp31") : List.of();
            check(refs, "ungp31", ungp, UNGP31);
            refs.done();
            if (csddd.isEmpty() || esrs.isEmpty()) {
                throw t.error("references", "needs at least one CSDDD article and one ESRS S2 datapoint");
            }
            out.add(new Indicator(
                    id,
                    t.string("name"),
                    t.string("definition"),
                    t.string("numerator"),
                    denominator,
                    unit,
                    t.string("workers"),
                    dis,
                    csddd,
                    esrs,
                    lksg,
                    ungp));
            t.done();
        }
        root.done();
        return new IndicatorCatalogue(version, out);
    }

    private static void check(YamlTree t, String key, List<String> values, Set<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw t.error(key, "has " + v + "; allowed: " + new TreeSet<>(allowed));
            }
        }
    }

    /** Datapoint id → name, from the EFRAG list copied into conf/reference/. */
    public static Map<String, String> esrsDatapoints(Path csv) {
        Map<String, String> out = new LinkedHashMap<>();
        try (CSVParser p = CSVParser.parse(
                Files.newBufferedReader(csv, StandardCharsets.UTF_8),
                CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .build())) {
            for (CSVRecord r : p) {
                out.put(r.get("datapoint_id"), r.get("name"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(csv + ": " + e.getMessage(), e);
        }
        return out;
    }
}
