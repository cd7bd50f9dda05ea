package org.hrdd.reports.publish;

import static org.hrdd.reports.publish.Html.text;

import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * The due-diligence report as one XHTML document (the same file is the HTML report and the PDF's source), structured
 * along CSDDD Arts 8–16 and ESRS S2 (SBM-3, S2-1…S2-5). All data is escaped by {@link Html#text}; charts are the
 * PNGs of {@link ReportCharts}, referenced relative to the output directory.
 */
public final class HtmlReport {

    /** Highest-risk facilities listed in the report. */
    public static final int TOP_FACILITIES = 10;
    /** Ingested files listed in the lineage section (all of them are in the workbook's lineage sheet). */
    public static final int LINEAGE_FILES = 40;

    static final List<String> ENGAGEMENT = List.of("wv_facility_coverage", "wv_workers_reached", "workers_reporting",
            "worker_reporting_rate");
    static final List<String> GRIEVANCE = List.of("grievances_received", "grievances_addressed_share",
            "grievances_resolved_share", "grievances_resolved_confirmed_share", "grievance_days_to_resolution");
    static final List<String> REMEDIATION = List.of("caps_overdue_share", "fees_repaid_eur", "fees_repaid_workers",
            "remediation_effectiveness_rate", "remediation_worker_verified_share");
    static final List<String> CORROBORATION = List.of("audit_findings", "facilities_audited_share",
            "unannounced_audit_share", "worker_elevated_cells", "audit_blind_spot_rate", "corroboration_rate");
    static final List<String> RISK = List.of("facilities_by_risk_tier", "high_risk_facilities_share",
            "suppliers_without_worker_voice");

    private final ReportData d;
    private final StringBuilder h = new StringBuilder(64 * 1024);

    private HtmlReport(ReportData d) {
        this.d = d;
    }

    public static String render(ReportData d) {
        return new HtmlReport(d).build();
    }

    private String build() {
        h.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>").append(text(title())).append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<h1>").append(text(title())).append("</h1>");
        h.append("<p class=\"sub\">Human-rights due diligence report under the EU CSDDD (Directive (EU) 2024/1760, Arts 8–16) ")
                .append("and ESRS S2 (workers in the value chain). Scope: facilities linked to the brand during the period. ")
                .append("Risk model ").append(text(d.modelVersion())).append("; cells resting on fewer than ")
                .append(d.k()).append(" workers are withheld.</p>");
        summary();
        risk();
        corroboration();
        grievances();
        remediation();
        engagement();
        indicatorAnnex();
        methodology();
        lineage();
        h.append("</body></html>\n");
        return h.toString();
    }

    private String title() {
        return "Due-diligence report: " + d.brandName() + " (" + d.brandId() + "), " + d.period();
    }

    // ------------------------------------------------------------------ sections

    private void summary() {
        ReportData.Counts c = d.counts();
        section("executive-summary", "1. Executive summary", "CSDDD Art. 16 · ESRS S2-1, S2.SBM-3");
        h.append("<ul class=\"headline\">");
        li(n(c.facilities()) + " facilities of " + n(c.suppliers()) + " suppliers in " + n(c.countries())
                + " countries were linked to the brand in " + d.period() + "; " + n(c.scored()) + " have a risk score.");
        li(n(c.critical()) + " facilities are in the critical tier and " + n(c.high()) + " in the high tier (severity × "
                + "likelihood, CSDDD Art. 9).");
        li(n(c.covered()) + " of " + n(c.scored()) + " scored facilities have worker voice (enough workers reached through "
                + "helplines or surveys); the others are scored from the inherent prior and audits, and never rank below medium.");
        li(n(c.elevatedCells()) + " facility × theme cells show elevated worker reports; audits flagged "
                + n(c.corroboratedCells()) + " of them and missed " + n(c.blindSpotCells()) + " (audit blind spots).");
        li("Remediation: " + funnelText() + ".");
        h.append("</ul>");
        h.append("<p>Indicators in this report are computed by <code>hrdd indicators</code> for the brand's scope only; "
                + "withheld values are marked <span class=\"supp\">withheld</span> with the reason.</p>");
    }

    private String funnelText() {
        Table f = d.funnel();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < f.rowCount(); i++) {
            s.append(i == 0 ? "" : ", ").append(n(f.longColumn("caps").get(i))).append(" CAPs ")
                    .append(f.stringColumn("stage").get(i));
        }
        return s.append(" by the end of the period").toString();
    }

    private void risk() {
        section("risk", "2. Highest-risk suppliers and their drivers", "CSDDD Arts 8, 9 · ESRS S2.SBM-3, S2-4");
        h.append("<p>Score 0–100 = 100 · (1 − e<sup>−B/2.5</sup>), B = Σ severity × likelihood over themes. Drivers are ")
                .append("the evidence that moved the score most (points); the inherent prior (country, sector, goods) ")
                .append("is the column prior (points).</p>");
        img(ReportCharts.TIERS, "Facilities by risk tier");
        Table s = d.scores();
        h.append("<table class=\"fixed\"><thead><tr><th style=\"width:24%\">facility (supplier)</th>")
                .append("<th style=\"width:13%\">country, sector</th><th class=\"n\" style=\"width:7%\">score</th>")
                .append("<th style=\"width:9%\">tier</th><th style=\"width:13%\">confidence, trend</th>")
                .append("<th class=\"n\" style=\"width:10%\">prior</th><th style=\"width:24%\">drivers (points)</th>")
                .append("</tr></thead><tbody>");
        for (int i = 0; i < Math.min(TOP_FACILITIES, s.rowCount()); i++) {
            h.append("<tr><td>").append(text(s.stringColumn("facility_id").get(i))).append(" ")
                    .append(text(s.stringColumn("facility_name").get(i))).append("<br/><span class=\"note\">")
                    .append(text(s.stringColumn("supplier_name").get(i))).append("</span></td><td>")
                    .append(text(s.stringColumn("country_code").get(i))).append(", ")
                    .append(text(s.stringColumn("sector").get(i))).append("</td><td class=\"n\">")
                    .append(fmt1(s.doubleColumn("score").get(i))).append("</td><td class=\"tier ")
                    .append(text(s.stringColumn("tier").get(i))).append("\">").append(text(s.stringColumn("tier").get(i)))
                    .append(Boolean.TRUE.equals(s.booleanColumn("is_tier_floored").get(i)) ? " *" : "")
                    .append("</td><td>").append(text(s.stringColumn("confidence_level").get(i))).append(", ")
                    .append(text(s.stringColumn("trend").get(i))).append("</td><td class=\"n\">")
                    .append(fmt1(s.doubleColumn("inherent_contribution").get(i))).append("</td><td>");
            for (int k = 1; k <= 3; k++) {
                String theme = s.stringColumn("driver_" + k + "_theme").get(i);
                if (theme == null || theme.isEmpty()) {
                    continue;
                }
                h.append(k > 1 ? "<br/>" : "").append(text(theme.replace('_', ' '))).append(" (")
                        .append(text(s.stringColumn("driver_" + k + "_evidence").get(i).replace('_', ' '))).append(", ")
                        .append(signed(s.doubleColumn("driver_" + k + "_contribution").get(i))).append(")");
            }
            h.append("</td></tr>");
        }
        h.append("</tbody></table><p class=\"note\">* tier raised to the minimum for facilities without worker voice. ")
                .append("All ").append(s.rowCount()).append(" scored facilities are in <code>gold.risk_score</code>; ")
                .append("<code>hrdd explain --facility ID --period ").append(text(d.period()))
                .append("</code> shows the evidence behind each driver.</p>");
        img(ReportCharts.TREND, "Score trend of the highest-risk facilities");
        indicatorTotals(RISK);
    }

    private void corroboration() {
        section("corroboration", "3. Audits and worker voice: corroboration and blind spots",
                "CSDDD Arts 8, 15 · ESRS S2-4");
        h.append("<p>A cell is a facility × theme in the period. Worker-elevated cells (worker reports above comparable ")
                .append("facilities and above the theme's high-risk level, with false-discovery control) are ")
                .append("<em>corroborated</em> when an audit in the window flagged the theme and <em>blind spots</em> ")
                .append("when it did not. Cells with fewer than ").append(d.minWorkersReached())
                .append(" workers reached are unknown, not safe.</p>");
        img(ReportCharts.BLIND_SPOTS, "Blind-spot rate by theme and scheme");
        indicatorTotals(CORROBORATION);
    }

    private void grievances() {
        section("grievance-mechanism", "4. Grievance mechanism performance (UNGP 31)",
                "CSDDD Art. 14 · ESRS S2-3 · LkSG §8");
        h.append("<p>Helpline cases of the brand's facilities: whether they were addressed and resolved, and whether ")
                .append("workers confirmed the remedy (UNGP 31: accessible, predictable, equitable, transparent, a source ")
                .append("of continuous learning).</p>");
        indicatorTotals(GRIEVANCE);
    }

    private void remediation() {
        section("remediation", "5. Remediation and its verified effectiveness",
                "CSDDD Arts 10–12 · ESRS S2-4 · LkSG §7");
        h.append("<p>A closed corrective action counts as effective only when later worker reports on the same facility ")
                .append("and theme fall, or the worker confirmed the remedy; otherwise it is not effective or inconclusive.</p>");
        img(ReportCharts.FUNNEL, "Remediation funnel");
        indicatorTotals(REMEDIATION);
    }

    private void engagement() {
        section("engagement", "6. Engagement with value-chain workers", "CSDDD Arts 13, 15 · ESRS S2-2");
        img(ReportCharts.REACH, "Worker reach by period");
        indicatorTotals(ENGAGEMENT);
    }

    private void indicatorAnnex() {
        section("indicators", "7. Indicator tables", "CSDDD Art. 15 · ESRS S2 datapoints");
        h.append("<p>Every indicator of the catalogue for the brand and period, with its breakdowns. ")
                .append("<span class=\"supp\">withheld</span>: the cell rests on fewer than ").append(d.k())
                .append(" workers, or would let such a cell be recovered from a total (complementary suppression).</p>");
        Table t = d.indicators();
        h.append("<table class=\"small\"><thead><tr><th>indicator</th><th>breakdown</th><th class=\"n\">value</th>")
                .append("<th class=\"n\">numerator</th><th class=\"n\">denominator</th><th>ESRS S2</th><th>CSDDD</th>")
                .append("</tr></thead><tbody>");
        String last = null;
        for (int i = 0; i < t.rowCount(); i++) {
            String id = t.stringColumn("indicator_id").get(i);
            h.append("<tr><td>").append(id.equals(last) ? "" : text(t.stringColumn("name").get(i) + " (" + id + ")"))
                    .append("</td><td>").append(text(breakdown(t, i))).append("</td>");
            valueCells(t, i, true);
            h.append("<td>").append(id.equals(last) ? "" : text(t.stringColumn("esrs").get(i))).append("</td><td>")
                    .append(id.equals(last) ? "" : text(t.stringColumn("csddd").get(i))).append("</td></tr>");
            last = id;
        }
        h.append("</tbody></table>");
    }

    private void methodology() {
        section("methodology", "8. Methodology and limitations", "CSDDD Arts 8, 9 · ESRS S2-4, S2-5");
        h.append("<ul>");
        li("Evidence: social-audit findings and corrective-action logs (top-down) and worker voice from helplines and "
                + "consented surveys (bottom-up), mapped to canonical themes (the 11 ILO forced-labour indicators and ten "
                + "labour-rights themes); facility names resolved to the supplier list with a recorded match method.");
        li("Worker rates: distinct workers reporting over workers reached, Wilson intervals, empirical-Bayes shrinkage "
                + "to the country × sector prior; elevation with Benjamini–Hochberg false-discovery control.");
        li("Risk: likelihood is the posterior share of workers affected (inherent prior calibrated to the portfolio and "
                + "its peers, worker reports of recent periods, audits at the scheme's estimated detection rate, "
                + "remediation verdicts, and an uncertainty loading where worker voice is missing); severity is scale, "
                + "scope and irremediable character per theme. Model " + d.modelVersion() + " (conf/risk-model.yaml).");
        li("Privacy: workers are pseudonymised; only records whose consent allows aggregate reporting are counted; "
                + "published cells rest on at least " + d.k() + " workers; gender and nationality breakdowns only from "
                + "records whose consent allows them.");
        li("Limitations: audits detect few forced-labour indicators, so absence of findings is weak evidence; worker "
                + "channels under-report sensitive themes and reach facilities unevenly; facilities without worker voice "
                + "carry more uncertainty (tier at least medium); remediation verdicts need workers reached before and after.");
        h.append("</ul>");
    }

    private void lineage() {
        section("lineage", "9. Data lineage", "reproducibility");
        h.append("<p>Runs that wrote the rows in this report (").append(text("hrdd reproduce RUN_ID"))
                .append(" recomputes a score run from the Delta versions it read)")
                .append(d.lineage().runs().rowCount() == 0 ? ": none recorded in ops.runs (jobs run outside the CLI).</p>"
                        : ":</p>");
        table(d.lineage().runs(), List.of("run_id", "command", "run_date", "model_version", "config_hash", "code_version"));
        h.append("<p>Tables as read (Delta version):</p>");
        table(d.lineage().tables(), List.of("table", "delta_version", "files"));
        Table in = d.lineage().inputs();
        h.append("<p>Ingested export files (").append(in.rowCount()).append(", SHA-256")
                .append(in.rowCount() > LINEAGE_FILES ? "; first " + LINEAGE_FILES + " here, all in indicators.xlsx" : "")
                .append("):</p>");
        table(in.first(LINEAGE_FILES), List.of("file", "sha256", "rows"));
    }

    // ------------------------------------------------------------------ pieces

    private void section(String id, String heading, String refs) {
        h.append("<h2 id=\"").append(id).append("\">").append(text(heading)).append("</h2><p class=\"refs\">")
                .append(text(refs)).append("</p>");
    }

    private void li(String s) {
        h.append("<li>").append(text(s)).append("</li>");
    }

    private void img(String chart, String alt) {
        h.append("<p class=\"chart\"><img src=\"").append(ReportCharts.DIR).append('/').append(chart)
                .append(".png\" alt=\"").append(text(alt)).append("\"/></p>");
    }

    /** The total rows of the given indicators (breakdowns are in the annex). */
    private void indicatorTotals(List<String> ids) {
        Table t = d.indicators();
        h.append("<table><thead><tr><th>indicator</th><th class=\"n\">value</th><th class=\"n\">numerator</th>")
                .append("<th class=\"n\">denominator</th><th>ESRS S2</th></tr></thead><tbody>");
        for (String id : ids) {
            for (int i = 0; i < t.rowCount(); i++) {
                if (!id.equals(t.stringColumn("indicator_id").get(i))
                        || !"total".equals(t.stringColumn("dimension").get(i))) {
                    continue;
                }
                h.append("<tr><td>").append(text(t.stringColumn("name").get(i))).append("</td>");
                valueCells(t, i, true);
                h.append("<td>").append(text(t.stringColumn("esrs").get(i))).append("</td></tr>");
            }
        }
        h.append("</tbody></table>");
    }

    private void valueCells(Table t, int i, boolean withParts) {
        String unit = t.stringColumn("unit").get(i);
        if (Boolean.TRUE.equals(t.booleanColumn("is_suppressed").get(i))) {
            h.append("<td class=\"n supp\" colspan=\"").append(withParts ? 3 : 1).append("\">withheld (")
                    .append(text(t.stringColumn("suppression_reason").get(i))).append(")</td>");
            return;
        }
        h.append("<td class=\"n\">").append(text(Values.format(unit, t.doubleColumn("value").get(i)))).append("</td>");
        if (withParts) {
            h.append("<td class=\"n\">").append(text(Values.count(t.doubleColumn("numerator").get(i)))).append("</td>")
                    .append("<td class=\"n\">").append(text(Values.count(t.doubleColumn("denominator").get(i))))
                    .append("</td>");
        }
    }

    static String breakdown(Table t, int i) {
        String dim = t.stringColumn("dimension").get(i);
        return "total".equals(dim) ? "total" : dim + ": " + t.stringColumn("dimension_value").get(i);
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

    private static String signed(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%+.1f", v);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static final String CSS = """
            @page { size: A4; margin: 16mm 14mm 18mm 14mm;
                    @bottom-center { content: "page " counter(page) " of " counter(pages); font-family: 'DejaVu Sans', sans-serif;
                    font-size: 8pt; color: #555; } }
            body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #22313f; line-height: 1.35; }
            h1 { font-size: 17pt; margin: 0 0 4pt 0; }
            h2 { font-size: 13pt; margin: 16pt 0 2pt 0; border-bottom: 1px solid #22313f; page-break-after: avoid; }
            p.sub { color: #444; margin-top: 0; }
            p.refs { font-size: 8pt; color: #666; margin: 0 0 6pt 0; }
            table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; -fs-table-paginate: paginate; }
            table.fixed { table-layout: fixed; }
            tr { page-break-inside: avoid; }
            td { word-wrap: break-word; }
            th, td { border-bottom: 1px solid #ddd; padding: 2pt 4pt; text-align: left; vertical-align: top; }
            th { background: #eef2f5; font-weight: bold; }
            table.small { font-size: 8pt; }
            td.n, th.n { text-align: right; }
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
