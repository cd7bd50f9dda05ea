package org.hrdd.reports.publish;

import static org.hrdd.reports.publish.Html.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The due-diligence report as one XHTML document (the same file is the HTML report and the PDF's source), structured
 * along CSDDD Arts 8–16 and ESRS S2 (SBM-3, S2-1…S2-5). All data is escaped by {@link Html#text}; charts are the
 * PNGs of {@link ReportCharts}, referenced relative to the output directory. Every figure of the summary is a
 * {@link Headlines} row of the indicator table; nothing here counts anything.
 */
public final class HtmlReport {

    /** Ingested files listed in the lineage section (all of them are in the workbook's lineage sheet). */
    public static final int LINEAGE_FILES = 40;
    /** Tiers whose facilities the risk section lists one by one (all facilities are in the workbook). */
    static final List<String> LISTED_TIERS = List.of("critical", "high");

    static final List<String> ENGAGEMENT = List.of(
            "wv_facility_coverage",
            "facilities_scored_with_worker_voice",
            "wv_workers_reached",
            "workers_reporting",
            "worker_reporting_rate",
            "suppliers_without_worker_voice");
    static final List<String> GRIEVANCE = List.of(
            "grievances_received",
            "grievances_addressed_share",
            "grievances_resolved_share",
            "grievances_resolved_confirmed_share",
            "grievance_days_to_resolution");
    static final List<String> REMEDIATION = List.of(
            "caps_opened",
            "caps_closed",
            "remediation_verdict_share",
            "remediation_worker_verified_share",
            "remediation_effectiveness_rate",
            "caps_overdue_share",
            "fees_repaid_eur",
            "fees_repaid_workers");
    static final List<String> CORROBORATION = List.of(
            "cells_by_status",
            "worker_elevated_cells",
            "corroboration_rate",
            "audit_blind_spot_rate",
            "worker_elevated_unaudited_cells",
            "audit_findings",
            "facilities_audited_share",
            "unannounced_audit_share");
    static final List<String> RISK = List.of("facilities_by_risk_tier", "high_risk_facilities_share");
    /** Indicators whose total is all of the scope (100 %): their section tables show the breakdown instead. */
    static final Map<String, String> PARTITIONS =
            Map.of("facilities_by_risk_tier", "tier", "cells_by_status", "status");
    /** Indicators whose section tables show a breakdown under their total (helpline cases and audit findings differ). */
    static final Map<String, String> UNDER_TOTAL = Map.of(
            "remediation_verdict_share",
            "cap_source",
            "remediation_worker_verified_share",
            "cap_source",
            "remediation_effectiveness_rate",
            "cap_source",
            "tpg_grievances_received",
            "s2_scope");
    /** Third-party grievances: their own evidence, shown apart from the worker-voice grievance figures. */
    static final List<String> THIRD_PARTY_GRIEVANCE =
            List.of("tpg_grievances_received", "tpg_responded_share", "tpg_resolved_share", "tpg_days_to_response");

    private final ReportData d;
    private final Headlines hl;
    private final StringBuilder h = new StringBuilder(64 * 1024);
    private int sections;

    private HtmlReport(ReportData d) {
        this.d = d;
        this.hl = d.headlines();
    }

    public static String render(ReportData d) {
        return new HtmlReport(d).build();
    }

    private String build() {
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>")
                .append(text(title()))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body>");
        h.append("<h1>").append(text(title())).append("</h1>");
        h.append(
                        "<p class=\"sub\">Human-rights due diligence report under the EU CSDDD (Directive (EU) 2024/1760, Arts 8–16) ")
                .append("and ESRS S2 (workers in the value chain). Scope: ")
                .append(
                        d.company()
                                ? "every facility of the supplier list ("
                                        + d.scope().facilities() + "), all brands"
                                : "the " + d.scope().facilities() + " facilities linked to the brand during the period")
                .append(". Risk model ")
                .append(text(d.modelVersion()))
                .append(". Every figure resting on fewer than ")
                .append(d.k())
                .append(" workers is withheld, whatever its unit.</p>");
        summary();
        if (d.company()) {
            brands();
        }
        watchlist();
        risk();
        suppliers();
        corroboration();
        schemes();
        grievances();
        remediation();
        agencies();
        engagement();
        indicatorAnnex();
        methodology();
        lineage();
        h.append("</body></html>\n");
        return h.toString();
    }

    private String title() {
        return d.company()
                ? "Due-diligence report: company portfolio (all facilities), " + d.period()
                : "Due-diligence report: " + d.brandName() + " (" + d.brandId() + "), " + d.period();
    }

    // ------------------------------------------------------------------ sections

    private void summary() {
        section("executive-summary", "Executive summary", "CSDDD Art. 16 · ESRS S2-1, S2.SBM-3");
        ReportData.Scope s = d.scope();
        h.append("<ul class=\"headline\">");
        li(
                "scored",
                n(s.facilities()) + " facilities of " + n(s.suppliers()) + " suppliers in " + n(s.countries())
                        + (d.company()
                                ? " countries are on the supplier list in "
                                : " countries were linked to the brand in ")
                        + d.period() + "; " + hl.get("scored").count() + " have a risk score.");
        li(
                "critical",
                "Risk (severity × likelihood, CSDDD Art. 9): "
                        + hl.get("critical").count() + " facilities are critical and "
                        + hl.get("high").count() + " high (" + tierRule() + "). "
                        + hl.get("high_or_critical_coverage_gap").count()
                        + " of the " + hl.get("high_or_critical").count()
                        + " high or critical facilities have no worker voice: "
                        + "their tier, marked \"coverage gap\", rests mostly on the inherent prior and missing evidence, not on "
                        + "evidence of harm.");
        li(
                "voice_in_period",
                "Worker voice: " + hl.get("voice_in_period").count() + " of "
                        + hl.get("voice_in_period").of()
                        + " facilities had enough workers reached in " + d.period() + " ("
                        + hl.get("voice_in_period").text()
                        + "); the scores of " + hl.get("voice_in_score").count()
                        + " draw on worker voice over the history window "
                        + "(from " + d.model().historyFrom() + "). "
                        + hl.get("workers_reached").text() + " workers were reached.");
        li(
                "insufficient",
                "Evidence: for " + hl.get("insufficient").text() + " of facility × theme cells ("
                        + hl.get("insufficient").count()
                        + ") too few workers were reached to tell. They are unknown, not safe.");
        li(
                "elevated",
                hl.get("elevated").count()
                        + " facility × theme cells show worker reports significantly above the theme's "
                        + "high-risk level: an audit in the window also flagged "
                        + hl.get("corroborated").count() + "; audits "
                        + "missed " + hl.get("blind_spots").count() + " of the "
                        + hl.get("blind_spots").of()
                        + " elevated cells at audited facilities (audit blind spots, "
                        + hl.get("blind_spots").text() + "); "
                        + hl.get("unaudited").count()
                        + " were at facilities with no audit in the window (a coverage gap, not "
                        + "an audit miss).");
        li(
                "caps_verdict",
                "Remediation: " + hl.get("caps_closed").count() + " CAPs were closed by the end of " + d.period() + "; "
                        + hl.get("caps_verdict").count() + " of them ("
                        + hl.get("caps_verdict").text() + ") have an "
                        + "effectiveness verdict, the rest are inconclusive. Workers confirmed the remedy of "
                        + hl.get("caps_confirmed_cases").count() + " of "
                        + hl.get("caps_confirmed_cases").of()
                        + " closed helpline-case CAPs. A before/after test of worker reports found "
                        + hl.get("caps_tested_effective").count() + " of "
                        + hl.get("caps_tested_effective").of()
                        + " tested CAPs effective. Of "
                        + hl.get("caps_verdict_audit").of() + " closed audit-finding CAPs, "
                        + auditVerdicts() + " "
                        + hl.get("caps_overdue").count() + " of "
                        + hl.get("caps_overdue").of()
                        + " open CAPs are overdue (the watchlist lists those overdue by 30 days or more).");
        li(
                "grievances",
                "Grievances: " + hl.get("grievances").text() + " helpline cases received, "
                        + hl.get("grievances_resolved").text() + " resolved; recruitment fees repaid: "
                        + hl.get("fees_repaid").text() + ".");
        if (d.watchlist().rowCount() > 0) {
            long first = 0;
            for (int i = 0; i < d.watchlist().rowCount(); i++) {
                first += d.watchlist().intColumn("priority").get(i) == 1 ? 1 : 0;
            }
            li("What needs attention now: " + d.watchlist().rowCount() + " items on the watchlist, " + first
                    + " of them priority 1 (What needs attention now, below).");
        }
        h.append("</ul>");
        h.append(
                        "<p class=\"note\">Each figure above is one row of the indicator table (the indicator tables below and ")
                .append("the workbook's Summary sheet). <span class=\"supp\">withheld</span>: it rests on fewer than ")
                .append(d.k())
                .append(" workers, or would let such a figure be recovered.</p>");
    }

    /** What needs attention now: gold.watchlist of the scope, one table per rule with its next step stated once. */
    private void watchlist() {
        section("watchlist", "What needs attention now", "CSDDD Arts 8, 10, 11, 12");
        Table w = d.watchlist();
        java.util.Map<String, Integer> kinds = new java.util.LinkedHashMap<>();
        for (int i = 0; i < w.rowCount(); i++) {
            kinds.merge(w.stringColumn("kind").get(i), 1, Integer::sum);
        }
        if (w.rowCount() == 0) {
            h.append("<p>Nothing is listed for the ")
                    .append(d.company() ? "company" : "brand")
                    .append(" in ")
                    .append(text(d.period()))
                    .append(" (gold.watchlist holds no item; <code>hrdd indicators</code> writes it).</p>");
            return;
        }
        h.append("<p>")
                .append(w.rowCount())
                .append(" items, each from a rule of <code>conf/watchlist.yaml</code> with ")
                .append(
                        "its reason, the evidence, a suggested next step (a suggestion, not a decision), its owner and ")
                .append("since when it has been listed: ");
        StringBuilder counts = new StringBuilder();
        kinds.forEach((k, n) -> counts.append(counts.length() == 0 ? "" : "; ").append(kindCount(k, n)));
        h.append(text(counts.toString()))
                .append(". Priority 1: severe themes workers report that no audit looked at, and ")
                .append("critical facilities with evidence; 2: audit blind spots, critical facilities without worker ")
                .append(
                        "voice, recruitment agencies of several high-risk facilities; 3: overdue corrective actions.</p>");
        // one table per rule and next step (critical facilities with and without worker voice differ), priority order
        java.util.Map<String, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < w.rowCount(); i++) {
            groups.computeIfAbsent(
                            w.intColumn("priority").get(i) + "\u0001"
                                    + w.stringColumn("kind").get(i) + "\u0001"
                                    + w.stringColumn("next_step").get(i),
                            x -> new java.util.ArrayList<>())
                    .add(i);
        }
        for (java.util.List<Integer> rows : groups.values()) {
            int first = rows.get(0);
            String kind = w.stringColumn("kind").get(first);
            boolean cap = "overdue_cap".equals(kind);
            String title = kindLabel(kind)
                    + ("critical_facility".equals(kind)
                                    && w.intColumn("priority").get(first) == 2
                            ? " without worker voice (coverage gap)"
                            : "");
            h.append("<div class=\"group\"><h3>")
                    .append(text(title))
                    .append(" (")
                    .append(rows.size())
                    .append(") · priority ")
                    .append(w.intColumn("priority").get(first))
                    .append("</h3><p class=\"note\">")
                    .append("<b>Next step:</b> ")
                    .append(text(w.stringColumn("next_step").get(first)))
                    .append(" <b>Owner:</b> ")
                    .append(text(w.stringColumn("owner").get(first)))
                    .append(" · CSDDD ")
                    .append(text(w.stringColumn("csddd").get(first)))
                    .append("</p>");
            h.append("<table class=\"fixed small\"><thead><tr><th style=\"width:32%\">")
                    .append(cap ? "facility" : "item")
                    .append("</th><th style=\"width:")
                    .append(cap ? "46%" : "56%")
                    .append("\">")
                    .append(cap ? "CAP, theme, due" : "why, and the evidence")
                    .append("</th>")
                    .append(cap ? "<th class=\"n\" style=\"width:10%\">overdue</th>" : "")
                    .append("<th style=\"width:12%\">since</th></tr></thead><tbody>");
            for (int i : rows) {
                h.append("<tr><td>").append(text(subject(w, i))).append("</td><td>");
                if (cap) {
                    String days = w.stringColumn("reason")
                            .get(i)
                            .replaceAll("^corrective action (\\d+) days overdue.*$", "$1 days");
                    h.append(prose(w.stringColumn("evidence").get(i)))
                            .append("</td><td class=\"n\">")
                            .append(text(days));
                } else {
                    // the evidence as a block of its own: numbers kept whole inside a nested inline box came out of
                    // order in the PDF's text
                    h.append(prose(w.stringColumn("reason").get(i)))
                            .append(".<div class=\"ev\">")
                            .append(prose(w.stringColumn("evidence").get(i)))
                            .append("</div>");
                }
                h.append("</td><td>").append(since(w, i)).append("</td></tr>");
            }
            h.append("</tbody></table></div>");
        }
        h.append("<p class=\"note\"><code>hrdd watchlist --period ")
                .append(text(d.period()))
                .append(d.company() ? "" : " --brand " + text(d.brandId()))
                .append("</code> prints the same list; the workbook's Watchlist sheet holds it ")
                .append("too. A theme fewer than ")
                .append(d.k())
                .append(" workers reported is withheld.</p>");
    }

    private String subject(Table w, int i) {
        String facility = w.stringColumn("facility_id").get(i);
        String who = facility == null || facility.isEmpty()
                ? "agency: " + w.stringColumn("subject").get(i)
                : facility + " "
                        + (w.stringColumn("facility_name").get(i) == null
                                ? ""
                                : w.stringColumn("facility_name").get(i));
        String theme = w.stringColumn("theme").get(i);
        if (Boolean.TRUE.equals(w.booleanColumn("is_theme_withheld").get(i))) {
            return who + " · theme withheld (fewer than " + d.k() + " workers)";
        }
        return theme == null
                        || theme.isEmpty()
                        || "shared_agency".equals(w.stringColumn("kind").get(i))
                ? who
                : who + " · " + d.themeName(theme);
    }

    /** The first period listed, never broken, and the run's length (markup). */
    private static String since(Table w, int i) {
        long n = w.longColumn("periods_listed").get(i);
        return nowrap(w.stringColumn("first_listed_period").get(i)) + (n > 1 ? text(" (" + n + " periods)") : "");
    }

    /** "3 critical facilities", "1 overdue CAP". */
    static String kindCount(String kind, int n) {
        boolean one = n == 1;
        return n + " "
                + switch (kind) {
                    case "critical_facility" -> one ? "critical facility" : "critical facilities";
                    case "blind_spot" -> one ? "audit blind spot" : "audit blind spots";
                    case "severe_unaudited" -> one
                            ? "severe theme no audit looked at"
                            : "severe themes no audit looked at";
                    case "overdue_cap" -> one ? "overdue CAP" : "overdue CAPs";
                    case "shared_agency" -> one ? "recruitment agency" : "recruitment agencies";
                    default -> kind.replace('_', ' ');
                };
    }

    static String kindLabel(String kind) {
        return switch (kind) {
            case "critical_facility" -> "critical facility";
            case "blind_spot" -> "audit blind spot";
            case "severe_unaudited" -> "severe theme, no audit";
            case "overdue_cap" -> "overdue CAPs";
            case "shared_agency" -> "recruitment agency";
            default -> kind.replace('_', ' ');
        };
    }

    private String auditVerdicts() {
        Headlines.Figure f = hl.get("caps_verdict_audit");
        if (!f.withheld() && f.present() && f.n() == 0) {
            return "none has a verdict: their effect on workers is not known.";
        }
        return f.count() + (f.n() == 1 ? " has" : " have")
                + " a verdict: for the others, the effect on workers is not known.";
    }

    private String tierRule() {
        Map<String, Double> f = d.tierFloors();
        if (f.isEmpty()) {
            return "tiers of the risk model";
        }
        return "critical from " + score(f.get("critical")) + ", high from " + score(f.get("high")) + ", medium from "
                + score(f.get("medium")) + " on the true score, low below that: each tier holds as many facilities as "
                + "the evidence expects to have a true score there, highest scores first (calibrated per period over "
                + "every facility scored, so the score a tier starts at varies by period); a facility without worker "
                + "voice is at least medium";
    }

    private void risk() {
        section(
                "risk",
                "Highest-risk facilities and what drives their scores",
                "CSDDD Arts 8, 9 · ESRS S2.SBM-3, S2-4");
        h.append("<p>Score 0–100 = 100 · (1 − e<sup>−B/2.5</sup>), B = Σ severity × likelihood over the themes. ")
                .append("Tiers: ")
                .append(text(tierRule()))
                .append(". Each row adds up: prior + drivers + other = score. ")
                .append("<em>prior</em>: points from the country, sector and goods before any evidence; ")
                .append("<em>drivers</em>: the three pieces of evidence (theme and kind) that moved the score most; ")
                .append("<em>other</em>: the rest of the evidence. <em>coverage gap</em>: the facility had too few ")
                .append("workers reached over the history window; its tier rests mostly on what cannot be seen. ")
                .append("A worker-voice driver whose theme fewer than ")
                .append(d.k())
                .append(" workers reported is shown without the theme.</p>");
        img(ReportCharts.TIERS, "Facilities by risk tier, with and without worker voice");
        Table s = d.scores();
        int withVoice = 0;
        int gap = 0;
        for (int i = 0; i < s.rowCount(); i++) {
            if (LISTED_TIERS.contains(s.stringColumn("tier").get(i))) {
                if (Boolean.TRUE.equals(s.booleanColumn("is_worker_covered").get(i))) {
                    withVoice++;
                } else {
                    gap++;
                }
            }
        }
        h.append("<h3>Critical and high facilities with worker voice (")
                .append(withVoice)
                .append(")</h3>")
                .append("<p class=\"note\">Highest score first. All ")
                .append(s.rowCount())
                .append(" scored facilities are in the workbook's Facilities sheet.</p>");
        h.append("<table class=\"fixed small\"><thead><tr><th style=\"width:22%\">facility (supplier)</th>")
                .append("<th style=\"width:10%\">country, sector</th><th class=\"n\" style=\"width:6%\">score</th>")
                .append("<th style=\"width:8%\">tier</th><th style=\"width:15%\">confidence, trend</th>")
                .append("<th class=\"n\" style=\"width:6%\">prior</th><th style=\"width:27%\">drivers (points)</th>")
                .append("<th class=\"n\" style=\"width:6%\">other</th></tr></thead><tbody>");
        for (int i = 0; i < s.rowCount(); i++) {
            String tier = s.stringColumn("tier").get(i);
            boolean covered =
                    Boolean.TRUE.equals(s.booleanColumn("is_worker_covered").get(i));
            if (!LISTED_TIERS.contains(tier) || !covered) {
                continue;
            }
            h.append("<tr><td>")
                    .append(text(s.stringColumn("facility_id").get(i)))
                    .append(" ")
                    .append(text(s.stringColumn("facility_name").get(i)))
                    .append("<br/><span class=\"note\">")
                    .append(text(s.stringColumn("supplier_name").get(i)))
                    .append("</span></td><td>")
                    .append(text(s.stringColumn("country_code").get(i)))
                    .append(", ")
                    .append(text(s.stringColumn("sector").get(i).replace('_', ' ')))
                    .append("</td><td class=\"n\">")
                    .append(fmt1(s.doubleColumn("score").get(i)))
                    .append("</td><td class=\"tier ")
                    .append(text(tier))
                    .append("\">")
                    .append(text(Labels.tier(tier, true)))
                    .append("</td><td>")
                    .append(text(s.stringColumn("confidence_level").get(i)))
                    .append(", ")
                    .append(nowrap(Labels.trend(
                            s.stringColumn("trend").get(i),
                            s.doubleColumn("score_change").get(i))))
                    .append("</td><td class=\"n\">")
                    .append(signed(s.doubleColumn("inherent_contribution").get(i)))
                    .append("</td><td>");
            driverCells(s, i);
            h.append("</td><td class=\"n\">")
                    .append(signed(s.doubleColumn("other_contribution").get(i)))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
        h.append("<h3>Critical and high facilities without worker voice: coverage gap (")
                .append(gap)
                .append(")</h3>")
                .append(
                        "<p class=\"note\">Too few workers were reached over the history window for worker voice to count. ")
                .append(
                        "Their scores rest mostly on the inherent prior (country, sector, goods) and an uncertainty loading; ")
                .append("what they need first is evidence: a worker-voice channel, an unannounced audit.</p>");
        h.append("<table class=\"fixed small\"><thead><tr><th style=\"width:31%\">facility</th>")
                .append("<th style=\"width:22%\">supplier</th><th style=\"width:15%\">country, sector</th>")
                .append("<th class=\"n\" style=\"width:7%\">score</th><th style=\"width:9%\">tier</th>")
                .append("<th class=\"n\" style=\"width:8%\">prior</th><th class=\"n\" style=\"width:8%\">other</th>")
                .append("</tr></thead><tbody>");
        for (int i = 0; i < s.rowCount(); i++) {
            String tier = s.stringColumn("tier").get(i);
            if (!LISTED_TIERS.contains(tier)
                    || Boolean.TRUE.equals(s.booleanColumn("is_worker_covered").get(i))) {
                continue;
            }
            h.append("<tr><td>")
                    .append(text(s.stringColumn("facility_id").get(i)))
                    .append(" ")
                    .append(text(s.stringColumn("facility_name").get(i)))
                    .append("</td><td>")
                    .append(text(s.stringColumn("supplier_name").get(i)))
                    .append("</td><td>")
                    .append(text(s.stringColumn("country_code").get(i)))
                    .append(", ")
                    .append(text(s.stringColumn("sector").get(i).replace('_', ' ')))
                    .append("</td><td class=\"n\">")
                    .append(fmt1(s.doubleColumn("score").get(i)))
                    .append("</td><td class=\"tier ")
                    .append(text(tier))
                    .append("\">")
                    .append(text(tier))
                    .append("</td><td class=\"n\">")
                    .append(signed(s.doubleColumn("inherent_contribution").get(i)))
                    .append("</td><td class=\"n\">")
                    .append(signed(s.doubleColumn("score").get(i)
                            - s.doubleColumn("inherent_contribution").get(i)))
                    .append("</td></tr>");
        }
        h.append("</tbody></table><p class=\"note\"><em>other</em>: every other point of the score (the coverage-gap ")
                .append("loading, audits, remediation and what worker voice there is), so prior + other = score; the ")
                .append(
                        "workbook's Facilities sheet splits it into drivers. Tier \"(coverage gap)\" in the workbook marks ")
                .append("these facilities. ")
                .append("<code>hrdd explain --facility ID --period ")
                .append(text(d.period()))
                .append("</code> shows the evidence behind each driver. Trend <em>n/a (no new evidence)</em>: nothing ")
                .append(
                        "new about the facility arrived in the period (no worker reached, no audit, no CAP closed); its ")
                .append(
                        "score can still move as older evidence weighs less, which is not a change at the facility.</p>");
        img(ReportCharts.TREND, "Score trend of the highest-risk facilities");
        indicatorTotals(RISK);
    }

    /** The drivers of row {@code i}, one per line. */
    private void driverCells(Table s, int i) {
        h.append(text(drivers(d, s, i)).replace("\n", "<br/>"));
    }

    private static String nowrap(String s) {
        return "<span class=\"nw\">" + text(s) + "</span>";
    }

    /** Prose, escaped; the PDF's line breaker keeps its numbers whole ({@link PdfReport}). */
    static String prose(String s) {
        return text(s);
    }

    /** A facility's drivers, one per line: theme (evidence, points); a withheld theme is said to be withheld. */
    static String drivers(ReportData d, Table s, int i) {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= 3; k++) {
            String evidence = s.stringColumn("driver_" + k + "_evidence").get(i);
            if (evidence == null || evidence.isEmpty()) {
                continue;
            }
            boolean withheld = Boolean.TRUE.equals(
                    s.booleanColumn("driver_" + k + "_withheld").get(i));
            String theme = withheld
                    ? "a theme fewer than " + d.k() + " workers reported"
                    : d.themeName(s.stringColumn("driver_" + k + "_theme").get(i));
            b.append(b.length() == 0 ? "" : "\n")
                    .append(theme)
                    .append(" (")
                    .append(Labels.evidence(evidence))
                    .append(", ")
                    .append(signed(
                            s.doubleColumn("driver_" + k + "_contribution").get(i)))
                    .append(")");
        }
        return b.toString();
    }

    private void corroboration() {
        section(
                "corroboration",
                "Audits and worker voice: corroboration and blind spots",
                "CSDDD Arts 8, 15 · ESRS S2-4");
        h.append(
                        "<p>A cell is a facility × theme in the period. Its evidence status:</p><table class=\"small glossary\">")
                .append("<tbody>");
        for (Map.Entry<String, String[]> e : Labels.STATUSES.entrySet()) {
            h.append("<tr><td class=\"term\">")
                    .append(text(e.getValue()[0]))
                    .append("<br/><span class=\"note\">")
                    .append(text(e.getKey()))
                    .append("</span></td><td>")
                    .append(text(e.getValue()[1]))
                    .append("</td></tr>");
        }
        h.append(
                        "</tbody></table><p>Worker elevation uses the shrunk worker rate against the rate expected at the theme's ")
                .append("high-risk prevalence, with false-discovery control across the period; cells with fewer than ")
                .append(d.minWorkersReached())
                .append(" workers reached are unknown.</p>");
        img(ReportCharts.BLIND_SPOTS, "Worker-elevated cells by theme: corroborated, audited and missed, not audited");
        indicatorTotals(CORROBORATION);
    }

    /** The company's report: each brand's indicator totals side by side (their own disclosure control applied). */
    private void brands() {
        section("brands", "Brands compared", "CSDDD Arts 8, 9, 15 · ESRS S2.SBM-3");
        Table b = d.brands();
        java.util.List<String> ids = List.of(
                "high_risk_facilities_share",
                "wv_facility_coverage",
                "worker_elevated_cells",
                "audit_blind_spot_rate",
                "remediation_verdict_share",
                "caps_overdue_share",
                "grievances_received");
        java.util.List<String> heads = List.of(
                "high or critical",
                "worker voice",
                "worker-elevated cells",
                "blind-spot rate",
                "CAPs with a verdict",
                "CAPs overdue",
                "grievances");
        // value, and for a share its numerator and denominator on a line of their own (a column is too narrow for both)
        java.util.Map<String, java.util.Map<String, String[]>> byBrand = new java.util.TreeMap<>();
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (int i = 0; i < b.rowCount(); i++) {
            String brand = b.stringColumn("brand_id").get(i);
            names.put(brand, b.stringColumn("brand_name").get(i));
            String unit = b.stringColumn("unit").get(i);
            boolean hidden =
                    Boolean.TRUE.equals(b.booleanColumn("is_suppressed").get(i));
            String[] value = hidden
                    ? new String[] {"withheld", null}
                    : new String[] {
                        Values.format(unit, b.doubleColumn("value").get(i)),
                        "share".equals(unit)
                                ? Values.count(b.doubleColumn("numerator").get(i)) + " of "
                                        + Values.count(
                                                b.doubleColumn("denominator").get(i))
                                : null
                    };
            byBrand.computeIfAbsent(brand, x -> new java.util.HashMap<>())
                    .put(b.stringColumn("indicator_id").get(i), value);
        }
        h.append(
                        "<p>Each brand's figures for the facilities linked to it in the period (a facility several brands buy ")
                .append(
                        "from counts for each of them), from the brands' rows of the indicator table; under a share, its ")
                .append("numerator of its denominator.</p>");
        h.append("<table class=\"fixed small\"><thead><tr><th style=\"width:23%\">brand</th>");
        for (String head : heads) {
            h.append("<th class=\"n\" style=\"width:11%\">").append(text(head)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (java.util.Map.Entry<String, java.util.Map<String, String[]>> e : byBrand.entrySet()) {
            h.append("<tr><td>")
                    .append(text(e.getKey() + " " + (names.get(e.getKey()) == null ? "" : names.get(e.getKey()))))
                    .append("</td>");
            for (String id : ids) {
                String[] v = e.getValue().getOrDefault(id, new String[] {"–", null});
                h.append("<td class=\"n")
                        .append(v[0].equals("withheld") ? " supp" : "")
                        .append("\">")
                        .append(text(v[0]));
                if (v[1] != null) {
                    h.append("<br/><span class=\"parts\">").append(text(v[1])).append("</span>");
                }
                h.append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    /** Suppliers of the scope: their facilities here, by tier, the highest score, and how many lack worker voice. */
    private void suppliers() {
        section("suppliers", "Suppliers", "CSDDD Arts 8, 9 · ESRS S2.SBM-3");
        Table s = d.scores();
        java.util.Map<String, int[]> tiers = new java.util.TreeMap<>();
        java.util.Map<String, Double> top = new java.util.HashMap<>();
        for (int i = 0; i < s.rowCount(); i++) {
            String supplier = s.stringColumn("supplier_name").get(i);
            supplier = supplier == null ? "(no supplier)" : supplier;
            int[] t = tiers.computeIfAbsent(supplier, x -> new int[6]);
            t[ReportData.TIERS.indexOf(s.stringColumn("tier").get(i))]++;
            t[4]++;
            t[5] += Boolean.TRUE.equals(s.booleanColumn("is_worker_covered").get(i)) ? 0 : 1;
            top.merge(supplier, s.doubleColumn("score").get(i), Math::max);
        }
        java.util.List<String> order = new java.util.ArrayList<>(tiers.keySet());
        order.sort(java.util.Comparator.comparing((String x) -> -top.get(x)).thenComparing(x -> x));
        h.append("<p>The ")
                .append(order.size())
                .append(" suppliers with a scored facility in scope, by their highest ")
                .append(d.company() ? "facility score" : "facility score among the brand's facilities")
                .append(" (a supplier's own row in gold.risk_score covers all its facilities, other brands' too). ")
                .append("\"no voice\": facilities whose tier rests on missing worker voice.</p>");
        h.append("<table class=\"fixed small\"><thead><tr><th style=\"width:38%\">supplier</th>")
                .append(
                        "<th class=\"n\" style=\"width:9%\">facilities</th><th class=\"n\" style=\"width:9%\">critical</th>")
                .append("<th class=\"n\" style=\"width:9%\">high</th><th class=\"n\" style=\"width:9%\">medium</th>")
                .append("<th class=\"n\" style=\"width:9%\">low</th><th class=\"n\" style=\"width:8%\">no voice</th>")
                .append("<th class=\"n\" style=\"width:9%\">highest</th></tr></thead><tbody>");
        for (String supplier : order) {
            int[] t = tiers.get(supplier);
            h.append("<tr><td>")
                    .append(text(supplier))
                    .append("</td><td class=\"n\">")
                    .append(t[4])
                    .append("</td>");
            for (int i = 0; i < 4; i++) {
                h.append("<td class=\"n\">").append(t[i] == 0 ? "" : t[i]).append("</td>");
            }
            h.append("<td class=\"n\">")
                    .append(t[5] == 0 ? "" : t[5])
                    .append("</td><td class=\"n\">")
                    .append(fmt1(top.get(supplier)))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    /** How far each audit scheme finds what workers report: detection rate per scheme × theme, portfolio-wide. */
    private void schemes() {
        section("schemes", "How far each audit scheme can be relied on", "CSDDD Arts 8, 15 · ESRS S2-4");
        Table t = d.schemes();
        java.util.TreeSet<String> schemes =
                new java.util.TreeSet<>(t.stringColumn("scheme").asList());
        java.util.TreeSet<String> themes = new java.util.TreeSet<>(java.util.Comparator.comparing(d::themeName));
        themes.addAll(t.stringColumn("theme").asList());
        if (t.rowCount() == 0) {
            h.append("<p>No scheme agreement was estimated for the period (<code>hrdd analyse</code>).</p>");
            return;
        }
        h.append("<p>The audit detection rate of each scheme and theme: the share of cells where workers report the ")
                .append("theme at a high-risk level that an audit of the scheme flagged (standardised to an announced ")
                .append("audit by a new lead auditor, shrunk towards the scheme × theme fit), with its ")
                .append((int) Math.round(100 * 0.95))
                .append(" % interval, over the portfolio's history (every brand's ")
                .append(
                        "facilities: one brand's audits are too few). <b>low</b>: the interval lies below 30 %: a clean ")
                .append(
                        "audit says little about the theme, rely on worker voice and unannounced audits; <b>partial</b>: ")
                .append("it straddles 30–60 %; <b>good</b>: it lies above 60 %. A pair resting on fewer than ")
                .append(d.k())
                .append(" reference cells is not shown (–). Cohen's kappa per pair is in the workbook.</p>");
        h.append("<table class=\"fixed small\"><thead><tr><th style=\"width:24%\">theme</th>");
        for (String sc : schemes) {
            h.append("<th class=\"n\" style=\"width:")
                    .append(76 / Math.max(1, schemes.size()))
                    .append("%\">")
                    .append(text(Labels.scheme(sc)))
                    .append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (String theme : themes) {
            h.append("<tr><td>").append(text(d.themeName(theme))).append("</td>");
            for (String sc : schemes) {
                h.append("<td class=\"n\">")
                        .append(text(detection(t, sc, theme)))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    static String detection(Table t, String scheme, String theme) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (!scheme.equals(t.stringColumn("scheme").get(i))
                    || !theme.equals(t.stringColumn("theme").get(i))) {
                continue;
            }
            Double rate = t.doubleColumn("detection_rate").get(i);
            Double lo = t.doubleColumn("detection_rate_lower").get(i);
            Double hi = t.doubleColumn("detection_rate_upper").get(i);
            if (!Boolean.TRUE.equals(t.booleanColumn("is_shown").get(i))
                    || rate == null
                    || rate.isNaN()
                    || lo == null
                    || lo.isNaN()
                    || hi == null
                    || hi.isNaN()) {
                return "–";
            }
            String reliance = hi < 0.30 ? "low" : lo >= 0.60 ? "good" : "partial";
            return String.format(Locale.ROOT, "%s %.0f %% (%.0f–%.0f)", reliance, 100 * rate, 100 * lo, 100 * hi);
        }
        return "–";
    }

    /** Recruitment agencies by corridor (gold.agency_corridor), with the fee figures. */
    private void agencies() {
        section(
                "agencies",
                "Recruitment agencies and corridors",
                "CSDDD Arts 8, 10, 12 · ESRS S2-4 · LkSG §2(2) Nr. 3");
        Table a = d.agencies();
        if (a.rowCount() == 0) {
            h.append("<p>No helpline case names a recruitment agency for these facilities in the window.</p>");
            return;
        }
        h.append(
                        "<p>Recruitment agencies as helpline caseworkers recorded them (surveys do not ask), by corridor: the ")
                .append("workers' nationality → the facility's country, over cases from ")
                .append(text(a.stringColumn("window_from").get(0)))
                .append(" to ")
                .append(text(d.period()))
                .append(". Agencies named by fewer than ")
                .append(d.k())
                .append(" workers in a corridor are merged into ")
                .append("\"other agencies\" and not named; rows and fee figures resting on fewer than ")
                .append(d.k())
                .append(
                        " workers are withheld, with what would give them back. Fees repaid: helpline-case CAPs answering ")
                .append(
                        "those cases, closed in the window (the indicator \"Recruitment fees repaid\" counts every fee ")
                .append("repayment closed in the period, audit findings' included). An agency the watchlist names, on ")
                .append(d.k())
                .append(" or more workers across corridors, can still be merged within each corridor.</p>");
        h.append("<table class=\"fixed small\"><thead><tr><th style=\"width:30%\">agency</th>")
                .append("<th style=\"width:12%\">corridor</th><th class=\"n\" style=\"width:9%\">workers</th>")
                .append(
                        "<th class=\"n\" style=\"width:9%\">facilities</th><th class=\"n\" style=\"width:12%\">fee reports</th>")
                .append(
                        "<th class=\"n\" style=\"width:16%\">fees repaid</th><th class=\"n\" style=\"width:12%\">high-risk</th>")
                .append("</tr></thead><tbody>");
        for (int i = 0; i < a.rowCount(); i++) {
            boolean total =
                    Boolean.TRUE.equals(a.booleanColumn("is_corridor_total").get(i));
            boolean hidden =
                    Boolean.TRUE.equals(a.booleanColumn("is_suppressed").get(i));
            String agency = a.stringColumn("agency").get(i);
            h.append("<tr><td")
                    .append(total ? " class=\"total\"" : " class=\"indent\"")
                    .append(">")
                    .append(text(
                            total
                                    ? "all agencies"
                                    : agency.startsWith("other agencies")
                                            ? "other agencies (each under " + d.k() + " workers)"
                                            : agency))
                    .append("</td><td>")
                    .append(nowrap(a.stringColumn("origin").get(i) + " → "
                            + a.stringColumn("destination").get(i)))
                    .append("</td>");
            if (hidden) {
                h.append("<td class=\"n supp\" colspan=\"5\">")
                        .append(text(Labels.withheld(
                                a.stringColumn("suppression_reason").get(i), d.k())))
                        .append("</td></tr>");
                continue;
            }
            h.append("<td class=\"n\">")
                    .append(a.longColumn("workers").get(i))
                    .append("</td><td class=\"n\">")
                    .append(a.longColumn("facilities").get(i))
                    .append("</td>")
                    .append(cellOrWithheld(
                            a.longColumn("fee_workers").isMissing(i)
                                    ? null
                                    : Values.count(
                                            (double) a.longColumn("fee_workers").get(i))))
                    .append(cellOrWithheld(
                            a.doubleColumn("fees_repaid_eur").isMissing(i)
                                    ? null
                                    : Values.format(
                                            "EUR",
                                            a.doubleColumn("fees_repaid_eur").get(i))))
                    .append("<td class=\"n\">")
                    .append(a.longColumn("high_risk_facilities").get(i))
                    .append(" of ")
                    .append(a.longColumn("facilities").get(i))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
    }

    private static String cellOrWithheld(String v) {
        return v == null ? "<td class=\"n supp\">withheld</td>" : "<td class=\"n\">" + text(v) + "</td>";
    }

    private void grievances() {
        section(
                "grievance-mechanism",
                "Grievance mechanism performance (UNGP 31)",
                "CSDDD Art. 14 · ESRS S2-3 · LkSG §8");
        h.append("<p>Helpline cases of the ")
                .append(d.company() ? "company's" : "brand's")
                .append(" facilities: whether they were addressed and resolved, and whether ")
                .append(
                        "workers confirmed the remedy (UNGP 31: accessible, predictable, equitable, transparent, a source ")
                .append("of continuous learning).</p>");
        indicatorTotals(GRIEVANCE);
        h.append("<h3>Grievances raised by third parties</h3><p>Grievances that NGOs, unions, communities or ")
                .append("journalists raised about the ")
                .append(d.company() ? "company's" : "brand's")
                .append(" facilities in the period, from the sources that hold them (published grievance trackers, ")
                .append("a grievance log). They are their own evidence: no worker was reached through them, and they ")
                .append("are not in the worker-voice figures above. Issues outside labour rights (environment, land) ")
                .append("are kept and shown as out of scope for ESRS S2; the answer and resolution figures count the ")
                .append("grievances in scope only. A grievance dated only to its year counts in no quarter.</p>");
        boolean any = false;
        Table t = d.indicators();
        for (int i = 0; i < t.rowCount() && !any; i++) {
            any = THIRD_PARTY_GRIEVANCE.contains(t.stringColumn("indicator_id").get(i));
        }
        if (any) {
            indicatorTotals(THIRD_PARTY_GRIEVANCE);
        } else {
            h.append("<p><b>No third-party grievance</b> about these facilities was raised in the period in any ")
                    .append("source hrdd holds. That is not evidence that none was raised: a tracker hrdd does not ")
                    .append("read is not counted (conf/sources/README.md, evidence third_party_grievance).</p>");
        }
    }

    private void remediation() {
        section("remediation", "Remediation and its verified effectiveness", "CSDDD Arts 10–12 · ESRS S2-4 · LkSG §7");
        h.append(
                        "<p>Two kinds of evidence say whether a closed corrective action worked, and they cover different CAPs: ")
                .append("the worker who raised a helpline case confirmed the remedy (worker-confirmed), or the worker ")
                .append(
                        "reporting rate of the facility and theme fell significantly after the CAP closed (a before/after ")
                .append(
                        "test, which needs enough workers reached before and after and no other CAP on the same theme at ")
                .append("the time). Read both rates against the share of closed CAPs that got any verdict: the others ")
                .append("are inconclusive, which is not the same as effective.</p>");
        img(ReportCharts.FUNNEL, "Remediation: opened, closed, with a verdict, confirmed or tested effective");
        indicatorTotals(REMEDIATION);
    }

    private void engagement() {
        section("engagement", "Engagement with value-chain workers", "CSDDD Arts 13, 15 · ESRS S2-2");
        h.append("<p>\"Worker voice in the period\" counts facilities with at least ")
                .append(d.minWorkersReached())
                .append(" workers reached in ")
                .append(text(d.period()))
                .append("; \"score draws on worker voice\" counts ")
                .append("facilities with enough workers over the score's history window (from ")
                .append(text(d.model().historyFrom()))
                .append(", older reports weighing less).</p>");
        img(ReportCharts.REACH, "Workers reached by period");
        img(ReportCharts.COVERAGE, "Facilities with worker voice by period");
        indicatorTotals(ENGAGEMENT);
    }

    private void indicatorAnnex() {
        section("indicators", "Indicator tables", "CSDDD Art. 15 · ESRS S2 datapoints");
        h.append("<p>Every indicator of the catalogue for the ")
                .append(d.company() ? "company" : "brand")
                .append(" and period: the total first, then each breakdown. ")
                .append("<span class=\"supp\">withheld</span>: the cell rests on fewer than ")
                .append(d.k())
                .append(" workers, or would let such a cell be recovered from a total or from another indicator.</p>");
        Table t = d.indicators();
        String last = null;
        String lastDim = null;
        for (int i = 0; i < t.rowCount(); i++) {
            String id = t.stringColumn("indicator_id").get(i);
            if (!id.equals(last)) {
                if (last != null) {
                    h.append("</tbody></table></div>");
                }
                h.append("<div class=\"indicator\"><h3>")
                        .append(text(t.stringColumn("name").get(i)))
                        .append(" <span class=\"id\">")
                        .append(text(id))
                        .append("</span></h3><p class=\"refs\">")
                        .append(text(unitLine(t, i)))
                        .append(
                                "</p><table class=\"fixed small values\"><thead><tr><th style=\"width:46%\">breakdown</th>")
                        .append(
                                "<th class=\"n\" style=\"width:18%\">value</th><th class=\"n\" style=\"width:18%\">numerator</th>")
                        .append("<th class=\"n\" style=\"width:18%\">denominator</th></tr></thead><tbody>");
                lastDim = null;
            }
            String dim = t.stringColumn("dimension").get(i);
            if (!dim.equals("total") && !dim.equals(lastDim)) {
                h.append("<tr class=\"dim\"><td colspan=\"4\">by ")
                        .append(text(Labels.dimension(dim)))
                        .append("</td></tr>");
            }
            h.append("<tr><td")
                    .append(dim.equals("total") ? " class=\"total\"" : " class=\"indent\"")
                    .append(">")
                    .append(text(t.stringColumn("breakdown_label").get(i)))
                    .append("</td>");
            valueCells(t, i, true);
            h.append("</tr>");
            last = id;
            lastDim = dim;
        }
        if (last != null) {
            h.append("</tbody></table></div>");
        }
    }

    private static String unitLine(Table t, int i) {
        StringBuilder b =
                new StringBuilder("unit: ").append(t.stringColumn("unit").get(i));
        if (!t.stringColumn("esrs").get(i).isBlank()) {
            b.append(" · ESRS ").append(t.stringColumn("esrs").get(i));
        }
        if (!t.stringColumn("csddd").get(i).isBlank()) {
            b.append(" · CSDDD ").append(t.stringColumn("csddd").get(i));
        }
        if (!t.stringColumn("lksg").get(i).isBlank()) {
            b.append(" · LkSG ").append(t.stringColumn("lksg").get(i));
        }
        return b.toString();
    }

    private void methodology() {
        section("methodology", "Methodology, glossary and limitations", "CSDDD Arts 8, 9 · ESRS S2-4, S2-5");
        h.append("<ul>");
        li("Evidence: social-audit findings and corrective-action logs (top-down) and worker voice from helplines and "
                + "consented surveys (bottom-up), mapped to canonical themes (the 11 ILO forced-labour indicators and ten "
                + "labour-rights themes); facility names resolved to the supplier list with a recorded match method.");
        li("Worker rates: distinct workers reporting over workers reached, Wilson intervals, empirical-Bayes shrinkage "
                + "to the country × sector prior; elevation with Benjamini–Hochberg false-discovery control.");
        li(
                "Risk: likelihood is the posterior share of workers affected (inherent prior calibrated to the portfolio and "
                        + "its peers, worker reports of recent periods, audits at the scheme's estimated detection rate, "
                        + "remediation verdicts, and an uncertainty loading where worker voice is missing); severity is scale, "
                        + "scope and irremediable character per theme. Tiers: " + tierRule() + ". Model "
                        + d.modelVersion()
                        + " (conf/risk-model.yaml).");
        li("Coverage gap: a facility with too few workers reached over the history window is scored from its inherent "
                + "prior, audits and an uncertainty loading; its tier is at least medium and marked \"coverage gap\". "
                + "Unknown is never low risk.");
        li(
                "Remediation verdicts: VERIFIED_BY_WORKERS (the worker confirmed a helpline case's remedy), EFFECTIVE or "
                        + "NOT_EFFECTIVE (a before/after test of the worker reporting rate), INCONCLUSIVE otherwise (too few "
                        + "workers before or after, no report before, another CAP on the same theme, or no significant change).");
        li("Privacy: workers are pseudonymised; only records whose consent allows aggregate reporting are counted; "
                + "every published figure derived from worker records rests on at least " + d.k()
                + " distinct workers, "
                + "whatever its unit (counts, shares, money, days), and the cells that would let a withheld one be "
                + "recovered are withheld too; gender and nationality breakdowns only from records whose consent allows "
                + "them; a worker-voice driver's theme is named only when at least " + d.k() + " workers reported it.");
        li("Limitations: audits detect few forced-labour indicators, so absence of findings is weak evidence; worker "
                + "channels under-report sensitive themes and reach facilities unevenly; most facility × theme cells "
                + "have too few workers reached to tell; remediation verdicts need workers reached before and after, "
                + "so most audit-finding CAPs have none.");
        h.append("</ul>");
    }

    private void lineage() {
        section("lineage", "Data lineage", "reproducibility");
        h.append("<p>Runs that wrote the rows in this report (")
                .append(text("hrdd reproduce RUN_ID"))
                .append(" recomputes a score run from the Delta versions it read)")
                .append(
                        d.lineage().runs().rowCount() == 0
                                ? ": none recorded in ops.runs (jobs run outside the CLI).</p>"
                                : ":</p>");
        table(
                d.lineage().runs(),
                List.of("run_id", "command", "run_date", "model_version", "config_hash", "code_version"));
        h.append("<p>Tables as read (Delta version):</p>");
        table(d.lineage().tables(), List.of("table", "delta_version", "files"));
        Table in = d.lineage().inputs();
        h.append("<p>Ingested export files (")
                .append(in.rowCount())
                .append(", SHA-256")
                .append(
                        in.rowCount() > LINEAGE_FILES
                                ? "; first " + LINEAGE_FILES + " here, all in indicators.xlsx"
                                : "")
                .append("):</p>");
        table(in.first(LINEAGE_FILES), List.of("file", "sha256", "rows"));
    }

    // ------------------------------------------------------------------ pieces

    /** A numbered section heading (the brand's and the company's reports have different sections). */
    private void section(String id, String heading, String refs) {
        h.append("<h2 id=\"")
                .append(id)
                .append("\">")
                .append(++sections)
                .append(". ")
                .append(text(heading))
                .append("</h2><p class=\"refs\">")
                .append(text(refs))
                .append("</p>");
    }

    private void li(String s) {
        h.append("<li>").append(text(s)).append("</li>");
    }

    /** A summary line, left out when its figure's indicator is not in the table (computed by an older catalogue). */
    private void li(String key, String s) {
        if (hl.get(key).present()) {
            li(s);
        }
    }

    private void img(String chart, String alt) {
        h.append("<p class=\"chart\"><img src=\"")
                .append(ReportCharts.DIR)
                .append('/')
                .append(chart)
                .append(".png\" alt=\"")
                .append(text(alt))
                .append("\"/></p>");
    }

    /** The total rows of the given indicators (breakdowns are in the annex). */
    private void indicatorTotals(List<String> ids) {
        Table t = d.indicators();
        h.append("<table class=\"fixed\"><thead><tr><th style=\"width:38%\">indicator</th>")
                .append(
                        "<th class=\"n\" style=\"width:14%\">value</th><th class=\"n\" style=\"width:14%\">numerator</th>")
                .append("<th class=\"n\" style=\"width:16%\">denominator</th><th style=\"width:18%\">ESRS S2</th>")
                .append("</tr></thead><tbody>");
        for (String id : ids) {
            String partition = PARTITIONS.get(id);
            boolean found = false;
            for (int i = 0; i < t.rowCount(); i++) {
                if (!id.equals(t.stringColumn("indicator_id").get(i))
                        || !(partition == null ? "total" : partition)
                                .equals(t.stringColumn("dimension").get(i))) {
                    continue;
                }
                found = true;
                h.append("<tr><td>")
                        .append(text(t.stringColumn("name").get(i)))
                        .append(
                                partition == null
                                        ? ""
                                        : ": "
                                                + text(t.stringColumn("breakdown_label")
                                                        .get(i)))
                        .append("</td>");
                valueCells(t, i, true);
                h.append("<td class=\"refs\">")
                        .append(text(t.stringColumn("esrs").get(i).replace("; ", " ")))
                        .append("</td></tr>");
            }
            if (!found) {
                // an indicator the run did not publish for this scope is said so, never left out as if nothing were
                // there
                h.append("<tr><td>")
                        .append(text(id))
                        .append("</td><td class=\"n\" colspan=\"4\">")
                        .append("no data: not computed for this scope and period</td></tr>");
            }
            String under = UNDER_TOTAL.get(id);
            for (int i = 0; under != null && i < t.rowCount(); i++) {
                if (id.equals(t.stringColumn("indicator_id").get(i))
                        && under.equals(t.stringColumn("dimension").get(i))) {
                    h.append("<tr><td class=\"indent\">")
                            .append(text("of which "
                                    + t.stringColumn("breakdown_label").get(i)))
                            .append("</td>");
                    valueCells(t, i, true);
                    h.append("<td></td></tr>");
                }
            }
        }
        h.append("</tbody></table>");
    }

    private void valueCells(Table t, int i, boolean withParts) {
        String unit = t.stringColumn("unit").get(i);
        if (Boolean.TRUE.equals(t.booleanColumn("is_suppressed").get(i))) {
            h.append("<td class=\"n supp\" colspan=\"")
                    .append(withParts ? 3 : 1)
                    .append("\">")
                    .append(text(
                            Labels.withheld(t.stringColumn("suppression_reason").get(i), d.k())))
                    .append("</td>");
            return;
        }
        h.append("<td class=\"n\">")
                .append(text(Values.format(unit, t.doubleColumn("value").get(i))))
                .append("</td>");
        if (withParts && !"share".equals(unit)) {
            h.append("<td class=\"n\"></td><td class=\"n\"></td>");
        } else if (withParts) {
            h.append("<td class=\"n\">")
                    .append(text(Values.part(unit, t.doubleColumn("numerator").get(i))))
                    .append("</td>")
                    .append("<td class=\"n\">")
                    .append(text(Values.part(unit, t.doubleColumn("denominator").get(i))))
                    .append("</td>");
        }
    }

    private void table(Table t, List<String> cols) {
        h.append("<table class=\"small\"><thead><tr>");
        for (String c : cols) {
            h.append("<th>").append(text(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (int i = 0; i < t.rowCount(); i++) {
            h.append("<tr>");
            for (String c : cols) {
                Object v = t.column(c).get(i);
                h.append("<td class=\"mono\">").append(text(v)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    private static String fmt1(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String score(Double v) {
        return v == null ? "?" : v == Math.rint(v) ? String.valueOf(v.longValue()) : fmt1(v);
    }

    static String signed(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%+.1f", v);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static final String CSS =
            """
            @page { size: A4; margin: 16mm 14mm 18mm 14mm;
                    @bottom-center { content: "page " counter(page) " of " counter(pages); font-family: 'DejaVu Sans', sans-serif;
                    font-size: 8pt; color: #555; } }
            body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #22313f; line-height: 1.35; }
            h1 { font-size: 17pt; margin: 0 0 4pt 0; }
            h2 { font-size: 13pt; margin: 16pt 0 2pt 0; border-bottom: 1px solid #22313f; page-break-after: avoid; }
            h3 { font-size: 10pt; margin: 8pt 0 0 0; page-break-after: avoid; }
            /* a table's heading, note and header row never end a page without the table's first rows */
            h3 { -fs-page-break-min-height: 5cm; }
            h3 span.id { font-weight: normal; color: #666; font-size: 8pt; font-family: 'DejaVu Sans Mono', monospace; }
            span.nw { white-space: nowrap; }
            span.parts { font-size: 7pt; color: #555; }
            div.group h3 { margin-top: 10pt; }
            div.ev { font-size: 7.5pt; color: #555; margin-top: 1pt; }
            td.refs { font-size: 7pt; color: #555; }
            p.sub { color: #444; margin-top: 0; }
            p.refs { font-size: 8pt; color: #666; margin: 0 0 4pt 0; page-break-after: avoid; }
            table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; -fs-table-paginate: paginate; }
            table.fixed { table-layout: fixed; }
            tr { page-break-inside: avoid; }
            th, td { border-bottom: 1px solid #ddd; padding: 2pt 4pt; text-align: left; vertical-align: top; }
            th { background: #eef2f5; font-weight: bold; }
            table.small { font-size: 8pt; }
            table.values { font-size: 7.5pt; margin: 2pt 0 4pt 0; }
            table.values td, table.values th { padding: 1pt 4pt; }
            td.n { text-align: right; white-space: nowrap; }
            th.n { text-align: right; }
            tr.dim td { font-style: italic; color: #555; border-bottom: none; padding-top: 4pt; }
            td.indent { padding-left: 12pt; }
            td.total { font-weight: bold; }
            td.term { width: 22%; font-weight: bold; }
            td.mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 7pt; word-wrap: break-word; }
            td.supp, span.supp { color: #7a4b00; font-style: italic; }
            td.tier.critical { color: #9b1c1c; font-weight: bold; }
            td.tier.high { color: #b35c00; font-weight: bold; }
            p.chart { page-break-inside: avoid; }
            p.chart img { width: 100%; max-width: 170mm; }
            p.note { font-size: 8pt; color: #555; }
            ul.headline li { margin-bottom: 3pt; }
            code { font-family: 'DejaVu Sans Mono', monospace; font-size: 8.5pt; }
            """;
}
