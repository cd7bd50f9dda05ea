package org.hrdd.reports.explain;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;

/**
 * {@code hrdd explain}: for a facility × period (× theme), the numbers of {@code gold.facility_theme_period}, the
 * status and the reason for it, and the evidence behind it from silver: worker-signal counts by channel and source
 * (counts of pseudonymised workers only, never a pseudonym or text), audit findings with scheme and clause, CAPs
 * with their dates. Reads the lakehouse through DuckDB (no Spark). By default internal output, not suppressed for
 * small counts; for sharing ({@code k > 0}) every worker count below k reads "fewer than k", and the rates and report
 * dates resting on it are withheld.
 */
public final class CellExplainer {

    private final Connection db;
    private final int minWorkersReached;
    private final double fdr;
    private final String modelVersion;
    private final int k;

    /**
     * @param modelVersion the risk model whose score to show (gold.risk_score), or null for none
     */
    public CellExplainer(Connection db, int minWorkersReached, double fdr, String modelVersion) {
        this(db, minWorkersReached, fdr, modelVersion, 0);
    }

    /**
     * @param k for output to share: worker counts below k are withheld with what rests on them; 0 for internal output
     */
    public CellExplainer(Connection db, int minWorkersReached, double fdr, String modelVersion, int k) {
        this.db = db;
        this.minWorkersReached = minWorkersReached;
        this.fdr = fdr;
        this.modelVersion = modelVersion;
        this.k = k;
    }

    /** A worker count as this output may show it. */
    String workers(long n) {
        return n > 0 && n < k ? "fewer than " + k : Long.toString(n);
    }

    /** Whether a value resting on {@code n} workers is withheld here. */
    boolean small(long n) {
        return n > 0 && n < k;
    }

    /** Explains one cell, or every theme of the facility × period (a summary, then each cell with a signal). */
    public boolean explain(String facility, String period, String theme, PrintWriter out) throws SQLException {
        List<String> themes = new ArrayList<>();
        try (PreparedStatement st =
                db.prepareStatement("SELECT theme, corroboration_status FROM gold.facility_theme_period "
                        + "WHERE facility_id = ? AND period = ? AND (? IS NULL OR theme = ?) ORDER BY "
                        + "CASE corroboration_status WHEN 'CORROBORATED' THEN 0 WHEN 'WORKER_ONLY' THEN 1 WHEN 'AUDIT_ONLY' THEN 2 "
                        + "WHEN 'INSUFFICIENT_DATA' THEN 3 ELSE 4 END, theme")) {
            st.setString(1, facility);
            st.setString(2, period);
            st.setString(3, theme);
            st.setString(4, theme);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    themes.add(rs.getString(1));
                }
            }
        }
        if (themes.isEmpty()) {
            return false;
        }
        header(facility, period, out);
        if (modelVersion != null) {
            new ScoreExplainer(db, modelVersion, this).explain(facility, period, out);
        }
        if (theme == null) {
            summary(facility, period, out);
            out.println();
            out.println("cells with a worker or audit signal follow; --theme T explains any other cell");
            for (String t : themes) {
                cell(facility, period, t, true, out);
            }
        } else {
            cell(facility, period, theme, false, out);
        }
        out.flush();
        return true;
    }

    private void header(String facility, String period, PrintWriter out) throws SQLException {
        try (PreparedStatement st =
                db.prepareStatement("SELECT facility_name, country_code, sector, headcount, supplier_name "
                        + "FROM silver.facility WHERE facility_id = ?")) {
            st.setString(1, facility);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    out.printf(
                            Locale.ROOT,
                            "%s  %s (%s, %s, headcount %s, supplier %s), period %s%n",
                            facility,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4),
                            rs.getString(5),
                            period);
                } else {
                    out.printf(Locale.ROOT, "%s, period %s%n", facility, period);
                }
            }
        }
    }

    private void summary(String facility, String period, PrintWriter out) throws SQLException {
        out.printf(
                Locale.ROOT,
                "%n%-34s %-26s %8s %8s %8s %8s%n",
                "theme",
                "status",
                "reached",
                "rate",
                "shrunk",
                "findings");
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        try (PreparedStatement st =
                db.prepareStatement("SELECT theme, corroboration_status, workers_reached, worker_rate, "
                        + "shrunk_rate, findings_critical + findings_major + findings_minor, workers_reporting "
                        + "FROM gold.facility_theme_period WHERE facility_id = ? AND period = ? ORDER BY theme")) {
            st.setString(1, facility);
            st.setString(2, period);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    boolean withheld = small(rs.getLong(7));
                    used.add(rs.getString(2));
                    out.printf(
                            Locale.ROOT,
                            "%-34s %-26s %8s %8s %8s %8d%n",
                            rs.getString(1),
                            org.hrdd.reports.publish.Labels.status(rs.getString(2)),
                            workers(rs.getLong(3)),
                            withheld ? "withheld" : num(rs, 4),
                            withheld ? "withheld" : num(rs, 5),
                            rs.getLong(6));
                }
            }
        }
        out.println("status:");
        for (String code : used) {
            String[] label = org.hrdd.reports.publish.Labels.STATUSES.get(code);
            if (label != null) {
                out.printf(Locale.ROOT, "  %-26s %s (%s)%n", label[0], label[1], code);
            }
        }
    }

    private void cell(String facility, String period, String theme, boolean onlySignals, PrintWriter out)
            throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT * FROM gold.facility_theme_period " + "WHERE facility_id = ? AND period = ? AND theme = ?")) {
            st.setString(1, facility);
            st.setString(2, period);
            st.setString(3, theme);
            try (ResultSet g = st.executeQuery()) {
                if (!g.next()) {
                    return;
                }
                String status = g.getString(GoldFacilityThemePeriod.CORROBORATION_STATUS);
                boolean signal = status.equals("CORROBORATED")
                        || status.equals("WORKER_ONLY")
                        || status.equals("AUDIT_ONLY")
                        || g.getBoolean(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED);
                if (onlySignals && !signal) {
                    return;
                }
                String[] label = org.hrdd.reports.publish.Labels.STATUSES.get(status);
                out.printf(Locale.ROOT, "%n== %s: %s (%s)%n", theme, label == null ? status : label[0], status);
                if (label != null) {
                    out.println("status means: " + label[1]);
                }
                long reporting = g.getLong(GoldFacilityThemePeriod.WORKERS_REPORTING);
                if (small(reporting)) {
                    out.printf(
                            Locale.ROOT,
                            "workers reached %s; reporting the theme: %s (counts, rates and why withheld "
                                    + "for sharing)%n",
                            workers(g.getLong(GoldFacilityThemePeriod.WORKERS_REACHED)),
                            workers(reporting));
                    evidence(facility, period, theme, out);
                    return;
                }
                out.println("why: " + reason(g));
                out.printf(
                        Locale.ROOT,
                        "workers reached %s (helpline %s, survey %s); reporting the theme %s (helpline %s, survey %s)%n",
                        workers(g.getLong(GoldFacilityThemePeriod.WORKERS_REACHED)),
                        workers(g.getLong(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE)),
                        workers(g.getLong(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY)),
                        workers(reporting),
                        workers(g.getLong(GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE)),
                        workers(g.getLong(GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY)));
                out.printf(
                        Locale.ROOT,
                        "raw rate %s [Wilson %s, %s]; prior %s (%s, strength %s); shrunk %s [%s, %s]%n",
                        num(g, GoldFacilityThemePeriod.WORKER_RATE),
                        num(g, GoldFacilityThemePeriod.WORKER_RATE_LOWER),
                        num(g, GoldFacilityThemePeriod.WORKER_RATE_UPPER),
                        num(g, GoldFacilityThemePeriod.PRIOR_MEAN),
                        g.getString(GoldFacilityThemePeriod.PRIOR_SOURCE),
                        num(g, GoldFacilityThemePeriod.PRIOR_STRENGTH),
                        num(g, GoldFacilityThemePeriod.SHRUNK_RATE),
                        num(g, GoldFacilityThemePeriod.SHRUNK_RATE_LOWER),
                        num(g, GoldFacilityThemePeriod.SHRUNK_RATE_UPPER));
                out.printf(
                        Locale.ROOT,
                        "high-risk rate %s; P(high risk) %s; prevalence estimate %s; p %s, q %s%n",
                        num(g, GoldFacilityThemePeriod.ELEVATION_RATE),
                        num(g, GoldFacilityThemePeriod.PROB_HIGH_RISK),
                        num(g, GoldFacilityThemePeriod.PREVALENCE_ESTIMATE),
                        num(g, GoldFacilityThemePeriod.ELEVATION_P_VALUE),
                        num(g, GoldFacilityThemePeriod.ELEVATION_Q_VALUE));
                out.printf(
                        Locale.ROOT,
                        "audits in window %d (%s, latest %s, %s); findings critical %d, major %d, minor %d, observation %d%n",
                        g.getLong(GoldFacilityThemePeriod.AUDITS_IN_WINDOW),
                        orDash(g.getString(GoldFacilityThemePeriod.AUDIT_SCHEMES)),
                        orDash(g.getString(GoldFacilityThemePeriod.LAST_AUDIT_DATE)),
                        g.getObject(GoldFacilityThemePeriod.IS_ANNOUNCED) == null
                                ? "-"
                                : g.getBoolean(GoldFacilityThemePeriod.IS_ANNOUNCED) ? "announced" : "unannounced",
                        g.getLong(GoldFacilityThemePeriod.FINDINGS_CRITICAL),
                        g.getLong(GoldFacilityThemePeriod.FINDINGS_MAJOR),
                        g.getLong(GoldFacilityThemePeriod.FINDINGS_MINOR),
                        g.getLong(GoldFacilityThemePeriod.FINDINGS_OBSERVATION));
                out.printf(
                        Locale.ROOT,
                        "CAPs open %d, overdue %d, closed in period %d, remedied EUR %.0f; first worker signal %s, first audit signal %s%n",
                        g.getLong(GoldFacilityThemePeriod.CAPS_OPEN),
                        g.getLong(GoldFacilityThemePeriod.CAPS_OVERDUE),
                        g.getLong(GoldFacilityThemePeriod.CAPS_CLOSED),
                        g.getDouble(GoldFacilityThemePeriod.AMOUNT_REMEDIED_EUR),
                        orDash(g.getString(GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD)),
                        orDash(g.getString(GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD)));
            }
        }
        evidence(facility, period, theme, out);
    }

    private String reason(ResultSet g) throws SQLException {
        long reached = g.getLong(GoldFacilityThemePeriod.WORKERS_REACHED);
        boolean elevated = g.getBoolean(GoldFacilityThemePeriod.IS_WORKER_ELEVATED);
        boolean flagged = g.getBoolean(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED);
        if (reached < minWorkersReached) {
            return "only " + reached + " workers reached (minimum " + minWorkersReached + "): unknown, not safe"
                    + (flagged ? "; the audit did find the theme" : "");
        }
        String worker = elevated
                ? String.format(
                        Locale.ROOT,
                        "workers report it above the high-risk rate (shrunk %s >= %s) and more than comparable "
                                + "facilities (q %s <= %s)",
                        num(g, GoldFacilityThemePeriod.SHRUNK_RATE),
                        num(g, GoldFacilityThemePeriod.ELEVATION_RATE),
                        num(g, GoldFacilityThemePeriod.ELEVATION_Q_VALUE),
                        fmt(fdr))
                : String.format(
                        Locale.ROOT,
                        "worker voice not elevated (shrunk %s vs high-risk rate %s, q %s)",
                        num(g, GoldFacilityThemePeriod.SHRUNK_RATE),
                        num(g, GoldFacilityThemePeriod.ELEVATION_RATE),
                        num(g, GoldFacilityThemePeriod.ELEVATION_Q_VALUE));
        String audit = flagged
                ? "an audit in the window found it"
                : g.getLong(GoldFacilityThemePeriod.AUDITS_IN_WINDOW) == 0
                        ? "no audit in the window"
                        : "the audit(s) in the window did not find it";
        return worker + "; " + audit;
    }

    private void evidence(String facility, String period, String theme, PrintWriter out) throws SQLException {
        workerEvidence(facility, period, theme, out, "");
        auditEvidence(facility, period, theme, out, "");
        capEvidence(facility, theme, out, "");
    }

    void workerEvidence(String facility, String period, String theme, PrintWriter out, String indent)
            throws SQLException {
        listing(
                out,
                indent + "evidence: worker signals (distinct pseudonymised workers, consenting to aggregate use)",
                indent + "none",
                "SELECT channel, _source_system, count(DISTINCT worker_pseudonym), min(reported_on), max(reported_on) "
                        + "FROM silver.worker_signal WHERE facility_id = ? AND period = ? AND theme = ? AND consent_aggregate "
                        + "GROUP BY 1, 2 ORDER BY 1, 2",
                rs -> indent
                        + (small(rs.getLong(3))
                                ? String.format(
                                        Locale.ROOT,
                                        "%-9s %-16s fewer than %d workers (dates withheld)",
                                        rs.getString(1),
                                        rs.getString(2),
                                        k)
                                : String.format(
                                        Locale.ROOT,
                                        "%-9s %-16s %5d workers, %s .. %s",
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getLong(3),
                                        rs.getString(4),
                                        rs.getString(5))),
                facility,
                period,
                theme);
    }

    void auditEvidence(String facility, String period, String theme, PrintWriter out, String indent)
            throws SQLException {
        listing(
                out,
                indent + "evidence: audit findings on the theme up to this period (latest 10)",
                indent + "none up to this period",
                "SELECT audit_date, scheme, clause_code, severity, scheme_severity, audit_firm, is_announced "
                        + "FROM silver.audit_finding WHERE facility_id = ? AND theme = ? AND period <= ? "
                        + "ORDER BY audit_date DESC LIMIT 10",
                rs -> indent
                        + String.format(
                                Locale.ROOT,
                                "%s %-11s clause %-8s %-11s (%s) by %s, %s",
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getBoolean(7) ? "announced" : "unannounced"),
                facility,
                theme,
                period);
    }

    void capEvidence(String facility, String theme, PrintWriter out, String indent) throws SQLException {
        listing(
                out,
                indent + "evidence: CAPs on the theme",
                indent + "none",
                "SELECT cap_id, source_type, opened_on, due_on, closed_on, status, verification_method, remedy_type, amount_eur "
                        + "FROM silver.remediation WHERE facility_id = ? AND theme = ? ORDER BY opened_on DESC LIMIT 10",
                rs -> indent
                        + String.format(
                                Locale.ROOT,
                                "%s %-13s opened %s due %s closed %s %-8s %s %s %s",
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                orDash(rs.getString(5)),
                                rs.getString(6),
                                orDash(rs.getString(7)),
                                orDash(rs.getString(8)),
                                rs.getObject(9) == null ? "" : String.format(Locale.ROOT, "EUR %.0f", rs.getDouble(9))),
                facility,
                theme);
    }

    /** Formats one result row as a line. */
    private interface Line {
        String of(ResultSet rs) throws SQLException;
    }

    /** Prints a heading, then one indented line per row of the query, or {@code none} when it has no row. */
    private void listing(PrintWriter out, String heading, String none, String sql, Line line, String... params)
            throws SQLException {
        out.println(heading);
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                boolean any = false;
                while (rs.next()) {
                    any = true;
                    out.println("  " + line.of(rs));
                }
                if (!any) {
                    out.println("  " + none);
                }
            }
        }
    }

    private static String num(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? "-" : fmt(((Number) v).doubleValue());
    }

    private static String num(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? "-" : fmt(((Number) v).doubleValue());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 0.001 || v == 0 ? "%.3f" : "%.1e", v);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
