package org.hrdd.reports.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import tech.tablesaw.api.Table;

/**
 * The indicator tables as published: one view per framework (a row per reference × indicator × breakdown value), the
 * definitions and the lineage. The workbook, the CSV files and the JSON file are all written from these, so they
 * always hold the same figures. Withheld values are empty, with status {@code withheld} and the reason.
 */
public final class IndicatorTables {

    /** One sheet / CSV file: a name, its columns and its rows (numbers stay numbers). */
    public record Sheet(String name, String file, List<String> columns, List<List<Object>> rows) {
        int width(int c) {
            int w = columns.get(c).length();
            for (int i = 0; i < Math.min(200, rows.size()); i++) {
                Object v = rows.get(i).get(c);
                w = Math.max(w, v == null ? 0 : Math.min(80, v.toString().length()));
            }
            return w + 2;
        }
    }

    /** A share as the workbook formats it (percent); CSV and JSON write the plain fraction. */
    public record Percent(double fraction) {
        @Override
        public String toString() {
            return plain(fraction);
        }
    }

    static final List<String> VALUE_COLUMNS = List.of(
            "scope_type",
            "scope_id",
            "scope_name",
            "period",
            "indicator_id",
            "indicator",
            "breakdown",
            "breakdown_value",
            "breakdown_label",
            "unit",
            "value",
            "numerator",
            "denominator",
            "status",
            "suppression_reason");

    private IndicatorTables() {}

    public static List<Sheet> build(ReportData d, IndicatorCatalogue catalogue, Map<String, String> esrsNames) {
        List<Sheet> out = new ArrayList<>();
        out.add(summary(d));
        out.add(watchlist(d));
        out.add(view("CSDDD", "csddd.csv", "csddd_article", d, "csddd", Map.of()));
        out.add(view("ESRS S2", "esrs_s2.csv", "esrs_datapoint", d, "esrs", esrsNames));
        out.add(view("LkSG", "lksg.csv", "lksg_reference", d, "lksg", Map.of()));
        out.add(view("UNGP 31", "ungp31.csv", "ungp31_criterion", d, "ungp31", Map.of()));
        out.add(facilities(d));
        out.add(agencies(d));
        out.add(schemes(d));
        if (d.company()) {
            out.add(brands(d));
        }
        out.add(definitions(catalogue));
        out.add(lineage(d));
        return out;
    }

    /** The executive summary's figures ({@link Headlines}), each with the indicator row it is. */
    static Sheet summary(ReportData d) {
        List<List<Object>> rows = new ArrayList<>();
        for (Headlines.Figure f : d.headlines().all()) {
            rows.add(Arrays.asList(
                    d.scopeType(),
                    d.brandId(),
                    d.brandName(),
                    d.period(),
                    f.label(),
                    f.indicatorId(),
                    f.dimension(),
                    f.dimensionValue(),
                    f.unit(),
                    rounded(f.unit(), f.value(), true),
                    rounded(f.unit(), f.numerator(), false),
                    rounded(f.unit(), f.denominator(), false),
                    !f.present() ? "no data" : f.withheld() ? "withheld" : "published",
                    f.reason()));
        }
        return new Sheet(
                "Summary",
                "summary.csv",
                List.of(
                        "scope_type",
                        "scope_id",
                        "scope_name",
                        "period",
                        "headline",
                        "indicator_id",
                        "breakdown",
                        "breakdown_value",
                        "unit",
                        "value",
                        "numerator",
                        "denominator",
                        "status",
                        "suppression_reason"),
                rows);
    }

    /** The brand's watchlist of the period, as the report lists it. */
    static Sheet watchlist(ReportData d) {
        Table w = d.watchlist();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < w.rowCount(); i++) {
            boolean withheld =
                    Boolean.TRUE.equals(w.booleanColumn("is_theme_withheld").get(i));
            String theme = w.stringColumn("theme").get(i);
            rows.add(Arrays.asList(
                    d.scopeType(),
                    d.brandId(),
                    d.period(),
                    (double) w.intColumn("priority").get(i),
                    HtmlReport.kindLabel(w.stringColumn("kind").get(i)),
                    w.stringColumn("facility_id").get(i),
                    w.stringColumn("facility_name").get(i),
                    withheld
                            ? "withheld (fewer than " + d.k() + " workers)"
                            : theme == null || theme.isEmpty() ? null : d.themeName(theme),
                    w.stringColumn("subject").get(i),
                    w.stringColumn("reason").get(i),
                    w.stringColumn("evidence").get(i),
                    w.stringColumn("next_step").get(i),
                    w.stringColumn("owner").get(i),
                    w.stringColumn("csddd").get(i),
                    w.stringColumn("first_listed_period").get(i),
                    (double) w.longColumn("periods_listed").get(i)));
        }
        return new Sheet(
                "Watchlist",
                "watchlist.csv",
                List.of(
                        "scope_type",
                        "scope_id",
                        "period",
                        "priority",
                        "kind",
                        "facility_id",
                        "facility_name",
                        "theme",
                        "subject",
                        "reason",
                        "evidence",
                        "next_step",
                        "owner",
                        "csddd",
                        "first_listed_period",
                        "periods_listed"),
                rows);
    }

    /** gold.agency_corridor of the scope: withheld rows and fee figures stay empty, with the reason. */
    static Sheet agencies(ReportData d) {
        Table a = d.agencies();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < a.rowCount(); i++) {
            boolean hidden =
                    Boolean.TRUE.equals(a.booleanColumn("is_suppressed").get(i));
            rows.add(Arrays.asList(
                    d.scopeType(),
                    d.brandId(),
                    d.period(),
                    a.stringColumn("window_from").get(i),
                    a.stringColumn("agency").get(i),
                    a.stringColumn("origin").get(i),
                    a.stringColumn("destination").get(i),
                    a.booleanColumn("is_corridor_total").get(i),
                    number(a, "workers", i),
                    number(a, "facilities", i),
                    number(a, "fee_workers", i),
                    a.doubleColumn("fees_repaid_eur").isMissing(i)
                            ? null
                            : round(a.doubleColumn("fees_repaid_eur").get(i), 2),
                    number(a, "high_risk_facilities", i),
                    a.doubleColumn("high_risk_share").isMissing(i)
                            ? null
                            : new Percent(
                                    round(a.doubleColumn("high_risk_share").get(i), 4)),
                    hidden ? "withheld" : "published",
                    hidden ? a.stringColumn("suppression_reason").get(i) : null));
        }
        return new Sheet(
                "Agencies",
                "agencies.csv",
                List.of(
                        "scope_type",
                        "scope_id",
                        "period",
                        "window_from",
                        "agency",
                        "origin",
                        "destination",
                        "is_corridor_total",
                        "workers",
                        "facilities",
                        "fee_reporting_workers",
                        "fees_repaid_eur",
                        "high_risk_facilities",
                        "high_risk_facility_share",
                        "status",
                        "suppression_reason"),
                rows);
    }

    private static Double number(Table t, String column, int i) {
        return t.longColumn(column).isMissing(i)
                ? null
                : (double) t.longColumn(column).get(i);
    }

    /** gold.scheme_agreement (portfolio-wide, history): detection rate and kappa with intervals per scheme × theme. */
    static Sheet schemes(ReportData d) {
        Table t = d.schemes();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            boolean shown = Boolean.TRUE.equals(t.booleanColumn("is_shown").get(i));
            List<Object> row = new ArrayList<>(Arrays.asList(
                    "company",
                    "all",
                    d.period(),
                    t.stringColumn("scheme").get(i),
                    t.stringColumn("theme").get(i),
                    d.themeName(t.stringColumn("theme").get(i)),
                    (double) t.longColumn("cells_reference").get(i)));
            for (String c : List.of("detection_rate", "detection_rate_lower", "detection_rate_upper")) {
                Double v = t.doubleColumn(c).get(i);
                row.add(!shown || v == null || v.isNaN() ? null : new Percent(round(v, 4)));
            }
            for (String c : List.of("kappa", "kappa_lower", "kappa_upper")) {
                Double v = t.doubleColumn(c).get(i);
                row.add(!shown || v == null || v.isNaN() ? null : round(v, 3));
            }
            row.add(
                    shown
                            ? HtmlReport.detection(
                                            t,
                                            t.stringColumn("scheme").get(i),
                                            t.stringColumn("theme").get(i))
                                    .split(" ")[0]
                            : "fewer than " + d.k() + " reference cells");
            rows.add(row);
        }
        return new Sheet(
                "Schemes",
                "schemes.csv",
                List.of(
                        "scope_type",
                        "scope_id",
                        "period",
                        "scheme",
                        "theme",
                        "theme_name",
                        "reference_cells",
                        "detection_rate",
                        "detection_rate_lower",
                        "detection_rate_upper",
                        "kappa",
                        "kappa_lower",
                        "kappa_upper",
                        "reliance"),
                rows);
    }

    /** The company's report: each brand's indicator totals. */
    static Sheet brands(ReportData d) {
        Table b = d.brands();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < b.rowCount(); i++) {
            boolean hidden =
                    Boolean.TRUE.equals(b.booleanColumn("is_suppressed").get(i));
            String unit = b.stringColumn("unit").get(i);
            rows.add(Arrays.asList(
                    "brand",
                    b.stringColumn("brand_id").get(i),
                    b.stringColumn("brand_name").get(i),
                    d.period(),
                    b.stringColumn("indicator_id").get(i),
                    unit,
                    hidden ? null : rounded(unit, b.doubleColumn("value").get(i), true),
                    hidden ? null : rounded(unit, b.doubleColumn("numerator").get(i), false),
                    hidden ? null : rounded(unit, b.doubleColumn("denominator").get(i), false),
                    hidden ? "withheld" : "published"));
        }
        return new Sheet(
                "Brands",
                "brands.csv",
                List.of(
                        "scope_type",
                        "scope_id",
                        "scope_name",
                        "period",
                        "indicator_id",
                        "unit",
                        "value",
                        "numerator",
                        "denominator",
                        "status"),
                rows);
    }

    /** Every scored facility of the scope: score, tier, what drives it; withheld driver themes stay withheld. */
    static Sheet facilities(ReportData d) {
        Table s = d.scores();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < s.rowCount(); i++) {
            boolean covered =
                    Boolean.TRUE.equals(s.booleanColumn("is_worker_covered").get(i));
            List<Object> row = new ArrayList<>(Arrays.asList(
                    d.scopeType(),
                    d.brandId(),
                    d.period(),
                    s.stringColumn("facility_id").get(i),
                    s.stringColumn("facility_name").get(i),
                    s.stringColumn("supplier_name").get(i),
                    s.stringColumn("country_code").get(i),
                    s.stringColumn("sector").get(i),
                    round(s.doubleColumn("score").get(i), 1),
                    s.stringColumn("tier").get(i),
                    Labels.tier(s.stringColumn("tier").get(i), covered),
                    covered ? "yes" : "no (coverage gap)",
                    s.stringColumn("confidence_level").get(i),
                    Labels.trend(
                            s.stringColumn("trend").get(i),
                            s.doubleColumn("score_change").get(i)),
                    round(s.doubleColumn("inherent_contribution").get(i), 1)));
            for (int k = 1; k <= 3; k++) {
                boolean withheld = Boolean.TRUE.equals(
                        s.booleanColumn("driver_" + k + "_withheld").get(i));
                String evidence = s.stringColumn("driver_" + k + "_evidence").get(i);
                row.add(
                        evidence == null
                                ? null
                                : withheld
                                        ? "withheld (fewer than " + d.k() + " workers)"
                                        : d.themeName(s.stringColumn("driver_" + k + "_theme")
                                                .get(i)));
                row.add(evidence == null ? null : Labels.evidence(evidence));
                row.add(
                        evidence == null
                                ? null
                                : round(
                                        s.doubleColumn("driver_" + k + "_contribution")
                                                .get(i),
                                        1));
            }
            row.add(round(s.doubleColumn("other_contribution").get(i), 1));
            rows.add(row);
        }
        return new Sheet(
                "Facilities",
                "facilities.csv",
                List.of(
                        "scope_type",
                        "scope_id",
                        "period",
                        "facility_id",
                        "facility_name",
                        "supplier_name",
                        "country_code",
                        "sector",
                        "score",
                        "tier",
                        "tier_label",
                        "worker_voice",
                        "confidence",
                        "trend",
                        "prior_points",
                        "driver_1",
                        "driver_1_evidence",
                        "driver_1_points",
                        "driver_2",
                        "driver_2_evidence",
                        "driver_2_points",
                        "driver_3",
                        "driver_3_evidence",
                        "driver_3_points",
                        "other_points"),
                rows);
    }

    private static Sheet view(
            String name, String file, String refColumn, ReportData d, String refs, Map<String, String> refNames) {
        Table t = d.indicators();
        List<String> cols = new ArrayList<>();
        cols.add(refColumn);
        if (!refNames.isEmpty()) {
            cols.add(refColumn + "_name");
        }
        cols.addAll(VALUE_COLUMNS);
        Map<String, List<List<Object>>> byRef = new java.util.TreeMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String list = t.stringColumn(refs).get(i);
            if (list == null || list.isBlank()) {
                continue;
            }
            for (String ref : list.split("; ")) {
                List<Object> row = new ArrayList<>();
                row.add(ref);
                if (!refNames.isEmpty()) {
                    row.add(refNames.getOrDefault(ref, ""));
                }
                row.addAll(valueRow(d, t, i));
                byRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(row);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        byRef.values().forEach(rows::addAll);
        return new Sheet(name, file, cols, rows);
    }

    static List<Object> valueRow(ReportData d, Table t, int i) {
        boolean suppressed =
                Boolean.TRUE.equals(t.booleanColumn("is_suppressed").get(i));
        String unit = t.stringColumn("unit").get(i);
        return Arrays.asList(
                d.scopeType(),
                d.brandId(),
                d.brandName(),
                d.period(),
                t.stringColumn("indicator_id").get(i),
                t.stringColumn("name").get(i),
                t.stringColumn("dimension").get(i),
                t.stringColumn("dimension_value").get(i),
                t.stringColumn("breakdown_label").get(i),
                unit,
                suppressed ? null : rounded(unit, t.doubleColumn("value").get(i), true),
                suppressed ? null : rounded(unit, t.doubleColumn("numerator").get(i), false),
                suppressed ? null : rounded(unit, t.doubleColumn("denominator").get(i), false),
                suppressed ? "withheld" : "published",
                suppressed ? t.stringColumn("suppression_reason").get(i) : null);
    }

    /**
     * A value rounded to what the data supports: shares to 0.01 percentage points (as {@link Percent}), euro to the
     * cent, days to a tenth, counts to whole numbers.
     */
    static Object rounded(String unit, Double v, boolean isValue) {
        if (v == null || v.isNaN()) {
            return null;
        }
        if (isValue && "share".equals(unit)) {
            return new Percent(round(v, 4));
        }
        return switch (unit == null ? "" : unit) {
            case "EUR" -> round(v, 2);
            case "days" -> round(v, 1);
            default -> v == Math.rint(v) ? v : round(v, 2);
        };
    }

    static Double round(Double v, int places) {
        if (v == null || v.isNaN()) {
            return null;
        }
        return java.math.BigDecimal.valueOf(v)
                .setScale(places, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static Sheet definitions(IndicatorCatalogue catalogue) {
        List<List<Object>> rows = new ArrayList<>();
        for (IndicatorCatalogue.Indicator i : catalogue.indicators()) {
            rows.add(Arrays.asList(
                    i.id(),
                    i.name(),
                    i.definition(),
                    i.numerator(),
                    i.denominator(),
                    i.unit(),
                    i.workers(),
                    String.join("; ", i.disaggregations()),
                    String.join("; ", i.csddd()),
                    String.join("; ", i.esrs()),
                    String.join("; ", i.lksg()),
                    String.join("; ", i.ungp31())));
        }
        return new Sheet(
                "Definitions",
                "definitions.csv",
                List.of(
                        "indicator_id",
                        "name",
                        "definition",
                        "numerator",
                        "denominator",
                        "unit",
                        "workers",
                        "disaggregations",
                        "csddd",
                        "esrs",
                        "lksg",
                        "ungp31"),
                rows);
    }

    private static Sheet lineage(ReportData d) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("report", d.scopeType(), d.brandId(), d.brandName()));
        rows.add(Arrays.asList("report", "period", d.period(), null));
        rows.add(Arrays.asList("report", "model_version", d.modelVersion(), null));
        rows.add(Arrays.asList("report", "k_threshold", d.k(), null));
        Table runs = d.lineage().runs();
        for (int i = 0; i < runs.rowCount(); i++) {
            rows.add(Arrays.asList(
                    "run",
                    runs.stringColumn("run_id").get(i),
                    runs.stringColumn("command").get(i),
                    (runs.stringColumn("model_version").isMissing(i)
                                    ? ""
                                    : "model "
                                            + runs.stringColumn("model_version").get(i) + ", ")
                            + "config " + runs.stringColumn("config_hash").get(i) + ", code "
                            + runs.stringColumn("code_version").get(i)));
        }
        Table tables = d.lineage().tables();
        for (int i = 0; i < tables.rowCount(); i++) {
            rows.add(Arrays.asList(
                    "table",
                    tables.stringColumn("table").get(i),
                    tables.longColumn("delta_version").get(i),
                    tables.intColumn("files").get(i) + " files"));
        }
        Table in = d.lineage().inputs();
        for (int i = 0; i < in.rowCount(); i++) {
            rows.add(Arrays.asList(
                    "input",
                    in.stringColumn("file").get(i),
                    in.stringColumn("sha256").get(i),
                    in.longColumn("rows").get(i) + " rows, ingest run "
                            + in.stringColumn("run_id").get(i)));
        }
        return new Sheet("Lineage", "lineage.csv", List.of("kind", "name", "value", "detail"), rows);
    }

    /** RFC 4180 CSV (UTF-8, CRLF), text neutralised like the workbook's. */
    public static void writeCsv(Sheet s, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(
                        w,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(s.columns().toArray(String[]::new))
                                .build())) {
            for (List<Object> row : s.rows()) {
                List<Object> out = new ArrayList<>(row.size());
                for (Object v : row) {
                    out.add(
                            v instanceof String str
                                    ? IndicatorWorkbook.safe(str)
                                    : v instanceof Double x
                                            ? plain(x)
                                            : v instanceof Percent pc ? plain(pc.fraction()) : v);
                }
                p.printRecord(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String plain(Double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15
                ? Long.toString(x.longValue())
                : java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code indicators.json}: the report's identity, the summary's figures and the ESRS S2 view keyed by datapoint
     * id; every value carries its scope, period and unit, rounded as in the workbook.
     */
    public static void writeJson(ReportData d, Map<String, String> esrsNames, Path file) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("scope_type", d.scopeType());
        root.put("scope_id", d.brandId());
        root.put("brand_id", d.brandId());
        root.put("brand_name", d.brandName());
        root.put("period", d.period());
        root.put("model_version", d.modelVersion());
        root.put("k_threshold", d.k());
        ArrayNode runs = root.putArray("runs");
        for (int i = 0; i < d.lineage().runs().rowCount(); i++) {
            runs.add(d.lineage().runs().stringColumn("run_id").get(i));
        }
        ArrayNode headlines = root.putArray("headlines");
        for (Headlines.Figure f : d.headlines().all()) {
            ObjectNode h = headlines.addObject();
            h.put("headline", f.label());
            h.put("indicator_id", f.indicatorId());
            h.put("breakdown", f.dimension());
            h.put("breakdown_value", f.dimensionValue());
            h.put("unit", f.unit());
            putNumber(h, "value", number(rounded(f.unit(), f.value(), true)));
            putNumber(h, "numerator", number(rounded(f.unit(), f.numerator(), false)));
            putNumber(h, "denominator", number(rounded(f.unit(), f.denominator(), false)));
            h.put("status", !f.present() ? "no data" : f.withheld() ? "withheld" : "published");
        }
        ArrayNode watch = root.putArray("watchlist");
        Sheet w = watchlist(d);
        for (List<Object> row : w.rows()) {
            ObjectNode item = watch.addObject();
            for (int c = 3; c < w.columns().size(); c++) {
                Object v = row.get(c);
                if (v instanceof Double x) {
                    item.put(w.columns().get(c), x.longValue());
                } else {
                    item.put(w.columns().get(c), v == null ? null : v.toString());
                }
            }
        }
        ObjectNode dps = root.putObject("datapoints");
        Table t = d.indicators();
        Map<String, Map<String, ArrayNode>> byDatapoint = new java.util.TreeMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String list = t.stringColumn("esrs").get(i);
            if (list == null || list.isBlank()) {
                continue;
            }
            for (String dp : list.split("; ")) {
                ArrayNode values = byDatapoint
                        .computeIfAbsent(dp, k -> new LinkedHashMap<>())
                        .computeIfAbsent(t.stringColumn("indicator_id").get(i), k -> json.createArrayNode());
                ObjectNode v = values.addObject();
                String unit = t.stringColumn("unit").get(i);
                v.put("scope_type", d.scopeType());
                v.put("scope_id", d.brandId());
                v.put("period", d.period());
                v.put("breakdown", t.stringColumn("dimension").get(i));
                v.put("breakdown_value", t.stringColumn("dimension_value").get(i));
                v.put("breakdown_label", t.stringColumn("breakdown_label").get(i));
                v.put("unit", unit);
                boolean suppressed =
                        Boolean.TRUE.equals(t.booleanColumn("is_suppressed").get(i));
                putNumber(
                        v,
                        "value",
                        suppressed
                                ? null
                                : number(rounded(unit, t.doubleColumn("value").get(i), true)));
                putNumber(
                        v,
                        "numerator",
                        suppressed
                                ? null
                                : number(rounded(
                                        unit, t.doubleColumn("numerator").get(i), false)));
                putNumber(
                        v,
                        "denominator",
                        suppressed
                                ? null
                                : number(rounded(
                                        unit, t.doubleColumn("denominator").get(i), false)));
                v.put("is_suppressed", suppressed);
                if (suppressed) {
                    v.put(
                            "suppression_reason",
                            t.stringColumn("suppression_reason").get(i));
                }
            }
        }
        for (Map.Entry<String, Map<String, ArrayNode>> dp : byDatapoint.entrySet()) {
            ObjectNode node = dps.putObject(dp.getKey());
            node.put("name", esrsNames.getOrDefault(dp.getKey(), ""));
            ObjectNode inds = node.putObject("indicators");
            for (Map.Entry<String, ArrayNode> ind : dp.getValue().entrySet()) {
                ObjectNode in = inds.putObject(ind.getKey());
                int row = t.stringColumn("indicator_id").indexOf(ind.getKey());
                in.put("name", t.stringColumn("name").get(row));
                in.put("unit", t.stringColumn("unit").get(row));
                in.set("values", ind.getValue());
            }
        }
        try {
            json.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Double number(Object rounded) {
        return rounded instanceof Percent p ? p.fraction() : (Double) rounded;
    }

    private static void putNumber(ObjectNode o, String key, Double v) {
        if (v == null || v.isNaN()) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
