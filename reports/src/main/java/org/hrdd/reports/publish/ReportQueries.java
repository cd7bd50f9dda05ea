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

    /** The scheme label of worker-elevated cells that no audit in the window covered. */
    public static final String NO_AUDIT = "(no audit)";
    /** Facilities in the score-trend chart. */
    public static final int TREND_FACILITIES = 5;
    /** Periods in the worker-reach chart. */
    public static final int REACH_PERIODS = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> REQUIRED = List.of("silver.facility", "silver.brand_facility",
            "gold.facility_theme_period", "gold.risk_score", "gold.indicator_value");

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
        Table scores = query("""
                SELECT s.scope_id AS facility_id, f.facility_name, f.supplier_name, f.country_code, f.sector,
                       CAST(s.score AS DOUBLE) AS score, s.tier, s.is_tier_floored, s.confidence_level, s.trend,
                       CAST(s.score_change AS DOUBLE) AS score_change, s.is_worker_covered,
                       CAST(s.inherent_contribution AS DOUBLE) AS inherent_contribution,
                       s.driver_1_theme, s.driver_1_evidence, CAST(s.driver_1_contribution AS DOUBLE) AS driver_1_contribution,
                       s.driver_2_theme, s.driver_2_evidence, CAST(s.driver_2_contribution AS DOUBLE) AS driver_2_contribution,
                       s.driver_3_theme, s.driver_3_evidence, CAST(s.driver_3_contribution AS DOUBLE) AS driver_3_contribution,
                       CAST(s.other_contribution AS DOUBLE) AS other_contribution
                FROM gold.risk_score s JOIN report_scope f ON f.facility_id = s.scope_id
                WHERE s.scope_type = 'facility' AND s.period = ? AND s.model_version = ?
                ORDER BY s.score DESC, s.scope_id""", request.period(), request.modelVersion());
        if (scores.rowCount() == 0 && scopeSize() > 0) {
            throw new ReportException("no risk scores of model " + request.modelVersion() + " for period "
                    + request.period() + ": run hrdd score --period " + request.period() + " first");
        }
        Table trend = trend(scores);
        Table tiers = tiers(scores);
        Table blindSpots = query("""
                WITH cells AS (
                    SELECT t.theme, t.corroboration_status,
                           CASE WHEN coalesce(t.audits_in_window, 0) = 0 OR t.audit_schemes IS NULL THEN ['%s']
                                ELSE string_split(t.audit_schemes, ',') END AS schemes
                    FROM gold.facility_theme_period t JOIN report_scope f ON f.facility_id = t.facility_id
                    WHERE t.period = ? AND t.corroboration_status IN ('WORKER_ONLY', 'CORROBORATED'))
                SELECT theme, trim(scheme) AS scheme,
                       CAST(count(*) FILTER (WHERE corroboration_status = 'WORKER_ONLY') AS BIGINT) AS blind_spots,
                       CAST(count(*) FILTER (WHERE corroboration_status = 'CORROBORATED') AS BIGINT) AS corroborated,
                       CAST(count(*) FILTER (WHERE corroboration_status = 'WORKER_ONLY') AS DOUBLE) / count(*) AS rate
                FROM (SELECT theme, corroboration_status, unnest(schemes) AS scheme FROM cells)
                GROUP BY 1, 2 ORDER BY 1, 2""".formatted(NO_AUDIT), request.period());
        Table funnel = query("""
                WITH caps AS (SELECT r.cap_id, r.opened_on, r.closed_on FROM silver.remediation r
                              JOIN report_scope f ON f.facility_id = r.facility_id WHERE r.opened_on <= ?),
                     effective AS (SELECT DISTINCT e.cap_id FROM gold.remediation_effectiveness e
                              JOIN report_scope f ON f.facility_id = e.facility_id
                              WHERE e.period <= ? AND e.effectiveness_status IN ('EFFECTIVE', 'VERIFIED_BY_WORKERS'))
                SELECT 'opened' AS stage, CAST(count(*) AS BIGINT) AS caps, 1 AS step FROM caps
                UNION ALL SELECT 'closed', CAST(count(*) FILTER (WHERE closed_on <= ?) AS BIGINT), 2 FROM caps
                UNION ALL SELECT 'verified effective', CAST(count(*) AS BIGINT), 3 FROM caps JOIN effective USING (cap_id)
                ORDER BY step""", Date.valueOf(request.periodEnd()), request.period(), Date.valueOf(request.periodEnd()));
        funnel.removeColumns("step");
        Table reach = reach();
        Table indicators = indicators(catalogue);
        ReportData.Counts counts = counts(scores);
        return new ReportData(request.brandId(), brandName, request.period(), request.modelVersion(), request.k(),
                request.minWorkersReached(), counts, scores, trend, tiers, blindSpots, funnel, reach, indicators,
                lineage(scores, indicators));
    }

    private String brandName() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT max(brand_name), count(*) FROM silver.brand_facility WHERE brand_id = ?")) {
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
        try (PreparedStatement ps = c.prepareStatement("""
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
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM report_scope")) {
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
        return query("""
                SELECT s.scope_id AS facility_id, f.facility_name, s.period, CAST(s.score AS DOUBLE) AS score
                FROM gold.risk_score s JOIN report_scope f ON f.facility_id = s.scope_id
                WHERE s.scope_type = 'facility' AND s.model_version = ? AND s.period <= ? AND s.scope_id IN (%s)
                ORDER BY s.scope_id, s.period""".formatted(in), params.toArray());
    }

    static Table tiers(Table scores) {
        StringColumn tier = StringColumn.create("tier");
        IntColumn n = IntColumn.create("facilities");
        for (String t : ReportData.TIERS) {
            tier.append(t);
            n.append((int) scores.stringColumn("tier").countOccurrences(t));
        }
        return Table.create("tiers", tier, n);
    }

    private Table reach() throws SQLException {
        Table t = query("""
                WITH per_facility AS (
                    SELECT r.period, r.facility_id, sum(r.workers_reached) AS reached
                    FROM silver.worker_reach r JOIN report_scope f ON f.facility_id = r.facility_id
                    WHERE r.period <= ? GROUP BY 1, 2)
                SELECT period, CAST(sum(reached) AS BIGINT) AS workers_reached,
                       CAST(count(*) FILTER (WHERE reached >= ?) AS BIGINT) AS facilities_covered
                FROM per_facility GROUP BY 1 ORDER BY 1 DESC LIMIT %d""".formatted(REACH_PERIODS),
                request.period(), request.minWorkersReached());
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
        Table t = query("""
                SELECT indicator_id, dimension, dimension_value, unit, CAST(value AS DOUBLE) AS value,
                       CAST(numerator AS DOUBLE) AS numerator, CAST(denominator AS DOUBLE) AS denominator,
                       is_suppressed, suppression_reason
                FROM gold.indicator_value
                WHERE scope_type = 'brand' AND scope_id = ? AND period = ?
                ORDER BY indicator_id, dimension <> 'total', dimension, dimension_value""",
                request.brandId(), request.period());
        if (t.rowCount() == 0) {
            throw new ReportException("no indicator values for brand " + request.brandId() + " in " + request.period()
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
            csddd.append(String.join("; ", ind.csddd()));
            esrs.append(String.join("; ", ind.esrs()));
            lksg.append(String.join("; ", ind.lksg()));
            ungp.append(String.join("; ", ind.ungp31()));
            order.append(all.indexOf(ind));
        }
        t.addColumns(name, csddd, esrs, lksg, ungp, order);
        return t.sortAscendingOn("catalogue_order").copy();
    }

    private ReportData.Counts counts(Table scores) throws SQLException {
        Table scope = query("""
                SELECT CAST(count(*) AS INTEGER) AS facilities, CAST(count(DISTINCT supplier_id) AS INTEGER) AS suppliers,
                       CAST(count(DISTINCT country_code) AS INTEGER) AS countries FROM report_scope""");
        Table cells = query("""
                SELECT CAST(count(*) FILTER (WHERE t.corroboration_status = 'WORKER_ONLY') AS INTEGER) AS blind,
                       CAST(count(*) FILTER (WHERE t.is_worker_elevated) AS INTEGER) AS elevated,
                       CAST(count(*) FILTER (WHERE t.corroboration_status = 'CORROBORATED') AS INTEGER) AS corroborated
                FROM gold.facility_theme_period t JOIN report_scope f ON f.facility_id = t.facility_id
                WHERE t.period = ?""", request.period());
        return new ReportData.Counts(scope.intColumn("facilities").get(0), scope.intColumn("suppliers").get(0),
                scope.intColumn("countries").get(0), scores.rowCount(),
                (int) scores.booleanColumn("is_worker_covered").countTrue(),
                (int) scores.stringColumn("tier").countOccurrences("critical"),
                (int) scores.stringColumn("tier").countOccurrences("high"), cells.intColumn("blind").get(0),
                cells.intColumn("elevated").get(0), cells.intColumn("corroborated").get(0));
    }

    private ReportData.Lineage lineage(Table scores, Table indicators) throws SQLException {
        boolean recorded = sql.snapshots().containsKey("ops.runs");
        Table runs = !recorded ? query("""
                SELECT CAST(NULL AS VARCHAR) AS run_id, CAST(NULL AS VARCHAR) AS command, CAST(NULL AS VARCHAR) AS run_date,
                       CAST(NULL AS VARCHAR) AS model_version, CAST(NULL AS VARCHAR) AS config_hash,
                       CAST(NULL AS VARCHAR) AS code_version, CAST(NULL AS VARCHAR) AS finished_at WHERE false""")
                : query("""
                WITH used AS (
                    SELECT DISTINCT s._run_id AS run_id FROM gold.risk_score s JOIN report_scope f ON f.facility_id = s.scope_id
                        WHERE s.period = ? AND s.model_version = ?
                    UNION SELECT DISTINCT _run_id FROM gold.indicator_value WHERE scope_type = 'brand' AND scope_id = ? AND period = ?
                    UNION SELECT DISTINCT t._run_id FROM gold.facility_theme_period t JOIN report_scope f ON f.facility_id = t.facility_id
                        WHERE t.period = ?)
                SELECT r.run_id, r.command, CAST(r.run_date AS VARCHAR) AS run_date, r.model_version, r.config_hash,
                       r.code_version, CAST(r.finished_at AS VARCHAR) AS finished_at
                FROM ops.runs r JOIN used u ON u.run_id = r.run_id
                WHERE lower(r.status) = 'succeeded' ORDER BY r.started_at""",
                request.period(), request.modelVersion(), request.brandId(), request.period(), request.period());
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
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(!recorded
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
