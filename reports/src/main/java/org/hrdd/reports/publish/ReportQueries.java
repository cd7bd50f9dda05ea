package org.hrdd.reports.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.hrdd.reports.lakehouse.DeltaSnapshot;
import org.hrdd.reports.lakehouse.LakehouseSql;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The report's queries over the lakehouse (DuckDB views of {@link LakehouseSql}), all in one place. Every query is
 * scoped to the temporary table {@code report_scope}: the facilities linked to the brand at any time during the
 * period (the same rule as {@code hrdd indicators}). Results are aggregates, read into Tablesaw tables.
 */
public final class ReportQueries {

    /** Facilities in the score-trend chart. */
    public static final int TREND_FACILITIES = 5;
    /** Periods in the worker-reach chart. */
    public static final int REACH_PERIODS = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> REQUIRED = List.of(
            "silver.facility",
            "silver.brand_facility",
            "gold.facility_theme_period",
            "gold.risk_score",
            "gold.indicator_value");

    private final LakehouseSql sql;
    private final Connection c;
    private final ReportRequest request;

    private ReportQueries(LakehouseSql sql, ReportRequest request) {
        this.sql = sql;
        this.c = sql.connection();
        this.request = request;
    }

    /** Reads what one brand's report shows. */
    public static ReportData load(LakehouseSql sql, ReportRequest request, IndicatorCatalogue catalogue) {
        sql.missing(REQUIRED).ifPresent(m -> {
            throw new ReportException(m);
        });
        try {
            return new ReportQueries(sql, request).load(catalogue);
        } catch (SQLException e) {
            throw new ReportException("report query failed: " + e.getMessage().strip(), e);
        }
    }

    private ReportData load(IndicatorCatalogue catalogue) throws SQLException {
        String brandName = brandName();
        createScope();
        Table scores = scores();
        if (scores.rowCount() == 0 && scopeSize() > 0) {
            throw new ReportException("no risk scores of model " + request.modelVersion() + " for period "
                    + request.period() + ": run hrdd score --period " + request.period() + " first");
        }
        Table trend = trend(scores);
        Table tiers = tiers(scores);
        Table reach = reach();
        Table indicators = indicators(catalogue);
        return new ReportData(
                request.brandId(),
                brandName,
                request.period(),
                request.modelVersion(),
                request.k(),
                request.minWorkersReached(),
                request.model(),
                scope(),
                Headlines.from(indicators),
                scores,
                trend,
                tiers,
                reach,
                indicators,
                watchlist(),
                agencies(),
                schemes(),
                brands(),
                request.scopeType(),
                lineage(scores, indicators));
    }

    /** gold.agency_corridor of the scope and period (withheld rows keep their agency label, their figures null). */
    private Table agencies() throws SQLException {
        String select =
                """
                SELECT agency, origin, destination, is_corridor_total, CAST(workers AS BIGINT) AS workers,
                       CAST(facilities AS BIGINT) AS facilities, CAST(fee_reporting_workers AS BIGINT) AS fee_workers,
                       CAST(fees_repaid_eur AS DOUBLE) AS fees_repaid_eur,
                       CAST(high_risk_facilities AS BIGINT) AS high_risk_facilities,
                       CAST(high_risk_facility_share AS DOUBLE) AS high_risk_share, is_suppressed, suppression_reason,
                       window_from
                FROM gold.agency_corridor WHERE scope_type = ? AND scope_id = ? AND period = ?
                ORDER BY origin, destination, is_corridor_total DESC, is_suppressed, workers DESC, agency""";
        if (!sql.snapshots().containsKey("gold.agency_corridor")) {
            return query(
                    select.replace(
                            "FROM gold.agency_corridor WHERE",
                            "FROM (SELECT '' AS agency, '' AS origin, "
                                    + "'' AS destination, false AS is_corridor_total, 0 AS workers, 0 AS facilities, "
                                    + "0 AS fee_reporting_workers, 0.0 AS fees_repaid_eur, 0 AS high_risk_facilities, "
                                    + "0.0 AS high_risk_facility_share, false AS is_suppressed, '' AS suppression_reason, '' AS window_from, "
                                    + "'' AS scope_type, '' AS scope_id, '' AS period WHERE false) WHERE"),
                    request.scopeType(),
                    request.brandId(),
                    request.period());
        }
        return query(select, request.scopeType(), request.brandId(), request.period());
    }

    /**
     * gold.scheme_agreement of the period over the history scope: per scheme × theme, the audit detection rate and
     * kappa with their intervals, the reference cells. Portfolio-wide (one brand's audits are too few to estimate a
     * scheme's detection rate); a pair resting on fewer than k reference cells is not shown.
     */
    private Table schemes() throws SQLException {
        return query(
                """
                SELECT scheme, theme, CAST(cells AS BIGINT) AS cells, CAST(cells_reference AS BIGINT) AS cells_reference,
                       CAST(detection_rate AS DOUBLE) AS detection_rate,
                       CAST(detection_rate_lower AS DOUBLE) AS detection_rate_lower,
                       CAST(detection_rate_upper AS DOUBLE) AS detection_rate_upper, CAST(kappa AS DOUBLE) AS kappa,
                       CAST(kappa_lower AS DOUBLE) AS kappa_lower, CAST(kappa_upper AS DOUBLE) AS kappa_upper,
                       cells_reference >= ? AS is_shown
                FROM gold.scheme_agreement WHERE period = ? AND scope = 'history' ORDER BY scheme, theme""",
                request.k(),
                request.period());
    }

    /**
     * For the company's report, each brand's figures side by side, from the brands' rows of gold.indicator_value (their
     * disclosure control applied): one row per brand and indicator total. Empty for a brand's report.
     */
    private Table brands() throws SQLException {
        return query(
                """
                SELECT v.scope_id AS brand_id, max(b.brand_name) AS brand_name, v.indicator_id, v.unit,
                       CAST(v.value AS DOUBLE) AS value, CAST(v.numerator AS DOUBLE) AS numerator,
                       CAST(v.denominator AS DOUBLE) AS denominator, v.is_suppressed
                FROM gold.indicator_value v LEFT JOIN silver.brand_facility b ON b.brand_id = v.scope_id
                WHERE ? AND v.scope_type = 'brand' AND v.period = ? AND v.dimension = 'total'
                GROUP BY ALL ORDER BY 1, 3""",
                request.company(),
                request.period());
    }

    /**
     * The brand's watchlist of the period (gold.watchlist, written by hrdd indicators), highest priority first; an
     * empty table when the lakehouse has none (indicators run before the watchlist existed).
     */
    private Table watchlist() throws SQLException {
        String select =
                """
                SELECT w.priority, w.kind, w.facility_id, f.facility_name, w.theme, w.is_theme_withheld, w.subject,
                       w.reason, w.evidence, w.next_step, w.owner, w.csddd, w.first_listed_period,
                       CAST(w.periods_listed AS BIGINT) AS periods_listed
                FROM gold.watchlist w LEFT JOIN report_scope f ON f.facility_id = w.facility_id
                WHERE w.scope_type = ? AND w.scope_id = ? AND w.period = ?
                ORDER BY w.priority, w.kind <> 'critical_facility', w.kind, w.facility_id, w.subject, w.item_key""";
        if (!sql.snapshots().containsKey("gold.watchlist")) {
            return query(
                    select.replace(
                            "FROM gold.watchlist w",
                            "FROM (SELECT CAST(NULL AS INTEGER) AS priority, "
                                    + "'' AS kind, '' AS facility_id, '' AS theme, false AS is_theme_withheld, '' AS subject, '' AS reason, "
                                    + "'' AS evidence, '' AS next_step, '' AS owner, '' AS csddd, '' AS first_listed_period, "
                                    + "0 AS periods_listed, '' AS scope_type, '' AS scope_id, '' AS period, '' AS item_key WHERE false) w"),
                    request.scopeType(),
                    request.brandId(),
                    request.period());
        }
        return query(select, request.scopeType(), request.brandId(), request.period());
    }

    /**
     * The scope's facility scores, highest first. A driver from worker voice names its theme only when the facility ×
     * theme rested on at least k reporting workers in some period of the score's history window: a theme a handful of
     * workers reported could point the supplier at them. Its points still count (the row adds up); the theme is
     * blanked here, so no renderer can print it. Audit, remediation and coverage-gap drivers are facts the supplier
     * already knows or absences.
     */
    private Table scores() throws SQLException {
        StringBuilder drivers = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            String small = "(s.driver_%1$d_evidence = 'worker_voice' AND coalesce(w%1$d.reporting, 0) < %2$d)"
                    .formatted(i, request.k());
            drivers.append(
                            ", CASE WHEN %1$s THEN NULL ELSE s.driver_%2$d_theme END AS driver_%2$d_theme, s.driver_%2$d_evidence, "
                                    .formatted(small, i))
                    .append("CAST(s.driver_%1$d_contribution AS DOUBLE) AS driver_%1$d_contribution, ".formatted(i))
                    .append("coalesce(%s, false) AS driver_%d_withheld".formatted(small, i));
            joins.append(" LEFT JOIN wv w%1$d ON w%1$d.facility_id = s.scope_id AND w%1$d.theme = s.driver_%1$d_theme"
                    .formatted(i));
        }
        Table t = query(
                """
                WITH wv AS (SELECT facility_id, theme, max(workers_reporting) AS reporting FROM gold.facility_theme_period
                            WHERE period BETWEEN ? AND ? GROUP BY 1, 2)
                SELECT s.scope_id AS facility_id, f.facility_name, f.supplier_name, f.country_code, f.sector,
                       CAST(s.score AS DOUBLE) AS score, s.tier, s.is_tier_floored, s.is_worker_covered,
                       CAST(s.confidence AS DOUBLE) AS confidence, s.confidence_level, s.trend,
                       CAST(s.score_change AS DOUBLE) AS score_change,
                       CAST(s.inherent_contribution AS DOUBLE) AS inherent_contribution%s,
                       CAST(s.other_contribution AS DOUBLE) AS other_contribution
                FROM gold.risk_score s JOIN report_scope f ON f.facility_id = s.scope_id%s
                WHERE s.scope_type = 'facility' AND s.period = ? AND s.model_version = ?
                ORDER BY s.score DESC, s.scope_id"""
                        .formatted(drivers, joins),
                request.model().historyFrom(),
                request.period(),
                request.period(),
                request.modelVersion());
        return t;
    }

    private ReportData.Scope scope() throws SQLException {
        Table scope = query(
                """
                SELECT CAST(count(*) AS INTEGER) AS facilities, CAST(count(DISTINCT supplier_id) AS INTEGER) AS suppliers,
                       CAST(count(DISTINCT country_code) AS INTEGER) AS countries FROM report_scope""");
        return new ReportData.Scope(
                scope.intColumn("facilities").get(0),
                scope.intColumn("suppliers").get(0),
                scope.intColumn("countries").get(0));
    }

    private String brandName() throws SQLException {
        if (request.company()) {
            return "Company portfolio";
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT max(brand_name), count(*) FROM silver.brand_facility WHERE brand_id = ?")) {
            ps.setString(1, request.brandId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(2) == 0) {
                    throw new ReportException("unknown brand " + request.brandId()
                            + ": no row of silver.brand_facility has that brand_id");
                }
                return rs.getString(1) == null ? request.brandId() : rs.getString(1);
            }
        }
    }

    private void createScope() throws SQLException {
        if (request.company()) {
            try (Statement st = c.createStatement()) {
                st.execute(
                        """
                        CREATE OR REPLACE TEMP TABLE report_scope AS
                        SELECT DISTINCT f.facility_id, f.facility_name, f.supplier_id, f.supplier_name, f.country_code,
                               f.sector, CAST(f.headcount AS BIGINT) AS headcount
                        FROM silver.facility f""");
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                """
                CREATE OR REPLACE TEMP TABLE report_scope AS
                SELECT DISTINCT f.facility_id, f.facility_name, f.supplier_id, f.supplier_name, f.country_code,
                       f.sector, CAST(f.headcount AS BIGINT) AS headcount
                FROM silver.facility f JOIN silver.brand_facility b ON b.facility_id = f.facility_id
                WHERE b.brand_id = ? AND b.valid_from <= ? AND (b.valid_to IS NULL OR b.valid_to >= ?)""")) {
            ps.setString(1, request.brandId());
            ps.setDate(2, Date.valueOf(request.periodEnd()));
            ps.setDate(3, Date.valueOf(request.periodStart()));
            ps.execute();
        }
    }

    private long scopeSize() throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM report_scope")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Table trend(Table scores) throws SQLException {
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(TREND_FACILITIES, scores.rowCount()); i++) {
            top.add(scores.stringColumn("facility_id").get(i));
        }
        if (top.isEmpty()) {
            return query("SELECT CAST(NULL AS VARCHAR) AS facility_id, CAST(NULL AS VARCHAR) AS facility_name, "
                    + "CAST(NULL AS VARCHAR) AS period, CAST(NULL AS DOUBLE) AS score WHERE false");
        }
        String in = String.join(", ", java.util.Collections.nCopies(top.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(request.modelVersion(), request.period()));
        params.addAll(top);
        return query(
                """
                SELECT s.scope_id AS facility_id, f.facility_name, s.period, CAST(s.score AS DOUBLE) AS score
                FROM gold.risk_score s JOIN report_scope f ON f.facility_id = s.scope_id
                WHERE s.scope_type = 'facility' AND s.model_version = ? AND s.period <= ? AND s.scope_id IN (%s)
                ORDER BY s.scope_id, s.period"""
                        .formatted(in),
                params.toArray());
    }

    /** Facilities per tier, with and without worker voice (the latter's tier rests mostly on missing evidence). */
    static Table tiers(Table scores) {
        StringColumn tier = StringColumn.create("tier");
        IntColumn with = IntColumn.create("with_voice");
        IntColumn without = IntColumn.create("without_voice");
        for (String t : ReportData.TIERS) {
            tier.append(t);
            int w = 0;
            int wo = 0;
            for (int i = 0; i < scores.rowCount(); i++) {
                if (t.equals(scores.stringColumn("tier").get(i))) {
                    if (Boolean.TRUE.equals(
                            scores.booleanColumn("is_worker_covered").get(i))) {
                        w++;
                    } else {
                        wo++;
                    }
                }
            }
            with.append(w);
            without.append(wo);
        }
        return Table.create("tiers", tier, with, without);
    }

    /**
     * Distinct consenting workers reached per period (the definition of the wv_workers_reached indicator, so the
     * period of the report shows the same figure) and facilities with worker voice (at least the minimum reached).
     */
    private Table reach() throws SQLException {
        Table t = query(
                """
                WITH workers AS (
                    SELECT c.period, count(DISTINCT c.worker_pseudonym) AS reached
                    FROM silver.worker_contact c JOIN report_scope f ON f.facility_id = c.facility_id
                    WHERE c.period <= ? AND c.consent_aggregate GROUP BY 1),
                facilities AS (
                    SELECT period, count(*) FILTER (WHERE reached >= ?) AS covered FROM (
                        SELECT r.period, r.facility_id, sum(r.workers_reached) AS reached
                        FROM silver.worker_reach r JOIN report_scope f ON f.facility_id = r.facility_id
                        WHERE r.period <= ? GROUP BY 1, 2) GROUP BY 1)
                SELECT w.period, CAST(w.reached AS BIGINT) AS workers_reached,
                       CAST(coalesce(f.covered, 0) AS BIGINT) AS facilities_covered
                FROM workers w LEFT JOIN facilities f USING (period) ORDER BY 1 DESC LIMIT %d"""
                        .formatted(REACH_PERIODS),
                request.period(),
                request.minWorkersReached(),
                request.period());
        t = t.sortAscendingOn("period");
        BooleanColumn suppressed = BooleanColumn.create("is_suppressed");
        LongColumn reached = t.longColumn("workers_reached");
        for (int i = 0; i < t.rowCount(); i++) {
            boolean small = reached.isMissing(i) || reached.getLong(i) < request.k();
            suppressed.append(small);
            if (small) {
                reached.setMissing(i);
            }
        }
        return t.addColumns(suppressed);
    }

    private Table indicators(IndicatorCatalogue catalogue) throws SQLException {
        Table t = query(
                """
                SELECT indicator_id, dimension, dimension_value, unit, CAST(value AS DOUBLE) AS value,
                       CAST(numerator AS DOUBLE) AS numerator, CAST(denominator AS DOUBLE) AS denominator,
                       is_suppressed, suppression_reason
                FROM gold.indicator_value
                WHERE scope_type = ? AND scope_id = ? AND period = ?
                ORDER BY indicator_id, dimension <> 'total', dimension, dimension_value""",
                request.scopeType(),
                request.brandId(),
                request.period());
        if (t.rowCount() == 0) {
            throw new ReportException("no indicator values for "
                    + (request.company() ? "the company" : "brand " + request.brandId()) + " in " + request.period()
                    + ": run hrdd indicators --period " + request.period() + " first");
        }
        // withheld values never leave this method, whatever the table holds
        for (int i = 0; i < t.rowCount(); i++) {
            if (Boolean.TRUE.equals(t.booleanColumn("is_suppressed").get(i))) {
                t.doubleColumn("value").setMissing(i);
                t.doubleColumn("numerator").setMissing(i);
                t.doubleColumn("denominator").setMissing(i);
            }
        }
        StringColumn name = StringColumn.create("name");
        StringColumn label = StringColumn.create("breakdown_label");
        IntColumn dimensionOrder = IntColumn.create("dimension_order");
        IntColumn valueOrder = IntColumn.create("value_order");
        StringColumn csddd = StringColumn.create("csddd");
        StringColumn esrs = StringColumn.create("esrs");
        StringColumn lksg = StringColumn.create("lksg");
        StringColumn ungp = StringColumn.create("ungp31");
        IntColumn order = IntColumn.create("catalogue_order");
        List<IndicatorCatalogue.Indicator> all = catalogue.indicators();
        for (int i = 0; i < t.rowCount(); i++) {
            String id = t.stringColumn("indicator_id").get(i);
            IndicatorCatalogue.Indicator ind = catalogue.get(id);
            name.append(ind.name());
            String dim = t.stringColumn("dimension").get(i);
            label.append(Labels.breakdown(
                    dim,
                    t.stringColumn("dimension_value").get(i),
                    request.model().themeNames()));
            dimensionOrder.append(
                    "total".equals(dim) ? -1 : ind.disaggregations().indexOf(dim));
            valueOrder.append(
                    Labels.order(dim, t.stringColumn("dimension_value").get(i)));
            csddd.append(String.join("; ", ind.csddd()));
            esrs.append(String.join("; ", ind.esrs()));
            lksg.append(String.join("; ", ind.lksg()));
            ungp.append(String.join("; ", ind.ungp31()));
            order.append(all.indexOf(ind));
        }
        t.addColumns(name, label, dimensionOrder, valueOrder, csddd, esrs, lksg, ungp, order);
        // per indicator: the total, then each breakdown in the catalogue's order, its values in their order or by label
        return t.sortAscendingOn("catalogue_order", "dimension_order", "value_order", "breakdown_label")
                .copy();
    }

    private ReportData.Lineage lineage(Table scores, Table indicators) throws SQLException {
        boolean recorded = sql.snapshots().containsKey("ops.runs");
        Table runs = !recorded
                ? query(
                        """
                SELECT CAST(NULL AS VARCHAR) AS run_id, CAST(NULL AS VARCHAR) AS command, CAST(NULL AS VARCHAR) AS run_date,
                       CAST(NULL AS VARCHAR) AS model_version, CAST(NULL AS VARCHAR) AS config_hash,
                       CAST(NULL AS VARCHAR) AS code_version, CAST(NULL AS VARCHAR) AS finished_at WHERE false""")
                : query(
                        """
                WITH used AS (
                    SELECT DISTINCT s._run_id AS run_id FROM gold.risk_score s JOIN report_scope f ON f.facility_id = s.scope_id
                        WHERE s.period = ? AND s.model_version = ?
                    UNION SELECT DISTINCT _run_id FROM gold.indicator_value WHERE scope_type = ? AND scope_id = ? AND period = ?
                    UNION SELECT DISTINCT t._run_id FROM gold.facility_theme_period t JOIN report_scope f ON f.facility_id = t.facility_id
                        WHERE t.period = ?)
                SELECT r.run_id, r.command, CAST(r.run_date AS VARCHAR) AS run_date, r.model_version, r.config_hash,
                       r.code_version, CAST(r.finished_at AS VARCHAR) AS finished_at
                FROM ops.runs r JOIN used u ON u.run_id = r.run_id
                WHERE lower(r.status) = 'succeeded' ORDER BY r.started_at""",
                        request.period(),
                        request.modelVersion(),
                        request.scopeType(),
                        request.brandId(),
                        request.period(),
                        request.period());
        StringColumn table = StringColumn.create("table");
        LongColumn version = LongColumn.create("delta_version");
        IntColumn files = IntColumn.create("files");
        for (Map.Entry<String, DeltaSnapshot> e : new TreeMap<>(sql.snapshots()).entrySet()) {
            if (e.getKey().startsWith("silver.") || e.getKey().startsWith("gold.")) {
                table.append(e.getKey());
                version.append(e.getValue().version());
                files.append(e.getValue().files().size());
            }
        }
        Table tables = Table.create("tables", table, version, files);
        StringColumn run = StringColumn.create("run_id");
        StringColumn path = StringColumn.create("file");
        StringColumn sha = StringColumn.create("sha256");
        LongColumn rows = LongColumn.create("rows");
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        !recorded
                                ? "SELECT CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR) WHERE false"
                                : "SELECT run_id, inputs FROM ops.runs WHERE command = 'ingest' AND lower(status) = 'succeeded' ORDER BY started_at")) {
            while (rs.next()) {
                JsonNode files2;
                try {
                    files2 = JSON.readTree(rs.getString(2) == null ? "[]" : rs.getString(2));
                } catch (IOException e) {
                    throw new ReportException("ops.runs " + rs.getString(1) + ": unreadable inputs", e);
                }
                for (JsonNode f : files2) {
                    if (f.path("skipped").asBoolean(false)) {
                        continue;
                    }
                    run.append(rs.getString(1));
                    path.append(f.path("path").asText());
                    sha.append(f.path("sha256").asText());
                    rows.append(f.path("rows").asLong());
                }
            }
        }
        return new ReportData.Lineage(runs, tables, Table.create("inputs", run, path, sha, rows));
    }

    private Table query(String sqlText, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sqlText)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return Table.read().db(rs);
            }
        }
    }
}
