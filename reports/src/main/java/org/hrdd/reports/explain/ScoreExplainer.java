package org.hrdd.reports.explain;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The risk-score part of {@code hrdd explain}: a facility's score, tier, confidence and trend, its top drivers with
 * the points they contribute, and for each driver how the theme's likelihood was built and the evidence rows behind
 * it (gold.risk_score, gold.risk_theme, silver).
 */
final class ScoreExplainer {

    private final Connection db;
    private final String modelVersion;
    private final CellExplainer cells;

    ScoreExplainer(Connection db, String modelVersion, CellExplainer cells) {
        this.db = db;
        this.modelVersion = modelVersion;
        this.cells = cells;
    }

    void explain(String facility, String period, PrintWriter out) throws SQLException {
        if (!tableExists("gold", "risk_score")) {
            out.println("risk score: not scored yet (hrdd score --period " + period + ")");
            return;
        }
        List<String[]> drivers = new ArrayList<>();
        try (PreparedStatement st =
                db.prepareStatement("SELECT score, tier, is_tier_floored, confidence, confidence_level, "
                        + "trend, previous_score, score_change, effective_workers, driver_1_theme, driver_1_evidence, "
                        + "driver_1_contribution, driver_2_theme, driver_2_evidence, driver_2_contribution, driver_3_theme, "
                        + "driver_3_evidence, driver_3_contribution, other_contribution, inherent_contribution FROM gold.risk_score "
                        + "WHERE scope_type = 'facility' AND scope_id = ? AND period = ? AND model_version = ?")) {
            st.setString(1, facility);
            st.setString(2, period);
            st.setString(3, modelVersion);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    out.printf(
                            Locale.ROOT,
                            "risk score: not scored for %s with model %s (hrdd score --period %s)%n",
                            period,
                            modelVersion,
                            period);
                    return;
                }
                out.printf(
                        Locale.ROOT,
                        "%nrisk score (model %s): %.1f / 100, tier %s%s, confidence %.2f (%s), trend %s%s%n",
                        modelVersion,
                        rs.getDouble(1),
                        rs.getString(2),
                        rs.getBoolean(3)
                                ? " (raised: worker voice reached only "
                                        + String.format(Locale.ROOT, "%.1f", rs.getDouble(9))
                                        + " workers, unknown is not safe)"
                                : "",
                        rs.getDouble(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7) == null
                                ? ""
                                : String.format(Locale.ROOT, " (%+.1f from %.1f)", rs.getDouble(8), rs.getDouble(7)));
                out.println("points of the score (they add up to it):");
                out.printf(
                        Locale.ROOT,
                        "     %-50s %+7.1f%n",
                        "inherent risk of the country x sector, all themes",
                        rs.getDouble(20));
                for (int i = 0; i < 3; i++) {
                    String theme = rs.getString(10 + 3 * i);
                    if (theme != null) {
                        String evidence = rs.getString(11 + 3 * i);
                        boolean withheld =
                                evidence.equals("worker_voice") && cells.small(reporting(facility, period, theme));
                        if (!withheld) {
                            drivers.add(new String[] {theme, evidence});
                        }
                        out.printf(
                                Locale.ROOT,
                                "  %d. %-34s %-15s %+7.1f%n",
                                i + 1,
                                withheld ? "(a theme fewer workers reported)" : theme,
                                evidence,
                                rs.getDouble(12 + 3 * i));
                    }
                }
                out.printf(Locale.ROOT, "     %-50s %+7.1f%n", "all other evidence", rs.getDouble(19));
            }
        }
        Set<String> themes = new LinkedHashSet<>();
        drivers.forEach(d -> themes.add(d[0]));
        for (String theme : themes) {
            themeLine(facility, period, theme, out);
            for (String[] d : drivers) {
                if (d[0].equals(theme)) {
                    driverEvidence(facility, period, theme, d[1], out);
                }
            }
        }
    }

    private void themeLine(String facility, String period, String theme, PrintWriter out) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT likelihood, likelihood_prior, prior_published, "
                + "peer_facilities, likelihood_worker_voice, likelihood_audit, likelihood_remediation, "
                + "likelihood_coverage_gap, severity, severity_base, has_critical_finding, is_repeat, prob_high_risk, "
                + "inherent_index, confidence, likelihood_third_party_grievance FROM gold.risk_theme "
                + "WHERE facility_id = ? AND period = ? AND theme = ? AND model_version = ?")) {
            st.setString(1, facility);
            st.setString(2, period);
            st.setString(3, theme);
            st.setString(4, modelVersion);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                out.printf(
                        Locale.ROOT,
                        "%n  %s: likelihood %.3f = prior %.3f (published %.3f at inherent index %d, %d peer "
                                + "facility-periods) %+.3f worker voice %+.3f audit %+.3f remediation %+.3f third-party "
                                + "grievances %+.3f coverage gap; "
                                + "P(high risk) %.2f; severity %.2f (base %.2f%s%s); confidence %.2f%n",
                        theme,
                        rs.getDouble(1),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getInt(14),
                        rs.getLong(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getDouble(7),
                        rs.getDouble(16),
                        rs.getDouble(8),
                        rs.getDouble(13),
                        rs.getDouble(9),
                        rs.getDouble(10),
                        rs.getBoolean(11) ? ", critical finding" : "",
                        rs.getBoolean(12) ? ", repeat" : "",
                        rs.getDouble(15));
            }
        }
    }

    private void driverEvidence(String facility, String period, String theme, String evidence, PrintWriter out)
            throws SQLException {
        switch (evidence) {
            case "worker_voice" -> cells.workerEvidence(facility, period, theme, out, "  ");
            case "audit" -> cells.auditEvidence(facility, period, theme, out, "  ");
            case "remediation" -> cells.capEvidence(facility, theme, out, "  ");
            case "third_party_grievance" -> out.println("    evidence: " + grievances(facility, period, theme)
                    + " third-party grievance(s) on the theme raised in the period (silver.grievance; those of earlier"
                    + " periods of the history count decayed); raised by organisations, not workers reached");
            case "coverage_gap" -> out.println("    evidence: too few workers reached for worker voice to count as "
                    + "coverage (see the worker counts above); the likelihood carries the uncertainty");
            default -> out.println("    evidence: the country x sector's published inherent risk (conf/priors/), "
                    + "calibrated on peer facilities with worker voice");
        }
    }

    private long grievances(String facility, String period, String theme) throws SQLException {
        return cellCount("third_party_grievances", facility, period, theme);
    }

    private long reporting(String facility, String period, String theme) throws SQLException {
        return cellCount("workers_reporting", facility, period, theme);
    }

    /** A count column of the facility × theme × period cell of gold.facility_theme_period (0 without the cell). */
    private long cellCount(String column, String facility, String period, String theme) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT " + column + " FROM gold.facility_theme_period "
                + "WHERE facility_id = ? AND period = ? AND theme = ?")) {
            st.setString(1, facility);
            st.setString(2, period);
            st.setString(3, theme);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private boolean tableExists(String schema, String table) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            st.setString(1, schema);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
