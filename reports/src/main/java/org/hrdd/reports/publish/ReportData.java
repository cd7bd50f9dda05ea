package org.hrdd.reports.publish;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Everything one brand's report shows, already scoped to the facilities linked to the brand during the period and
 * already aggregated (Tablesaw tables of aggregates; no worker-level rows), with every withheld value blanked. The
 * renderers (HTML/PDF, charts, workbook, CSV, JSON) only format this; {@link ReportQueries} fills it from the lakehouse.
 *
 * @param model      tier floors, history window and theme names the report states
 * @param scope      facilities, suppliers and countries in scope
 * @param headlines  the summary's figures, each one row of {@code indicators}
 * @param scores     facility scores of the period (model version), highest first: facility, supplier, country, sector,
 *                   score, tier, is_worker_covered, confidence, trend, change, inherent contribution, three drivers
 *                   (theme, evidence, points, and {@code driver_N_withheld}: a worker-voice driver whose facility ×
 *                   theme rests on fewer than k reporting workers, its theme blanked), other contribution
 * @param trend      score per period of the top facilities: facility_id, facility_name, period, score
 * @param tiers      tier, with_voice, without_voice (facilities; critical → low, every tier present)
 * @param reach      period, workers_reached (distinct consenting workers; null when below k), is_suppressed,
 *                   facilities_covered (facilities with at least the minimum workers reached)
 * @param indicators the scope's rows of gold.indicator_value for the period with the catalogue's name, unit and
 *                   references (one row per indicator × breakdown value), withheld values blanked
 * @param watchlist  the scope's rows of gold.watchlist for the period with facility names, highest priority first
 * @param agencies   the scope's rows of gold.agency_corridor for the period
 * @param schemes    gold.scheme_agreement of the period (history scope, portfolio-wide), {@code is_shown} when it rests on
 *                   at least k reference cells
 * @param brands     for the company's report, each brand's indicator totals; empty for a brand's
 * @param scopeType  brand or company ({@link ReportRequest#BRAND}, {@link ReportRequest#COMPANY})
 * @param lineage    runs that wrote the rows shown, tables read with their Delta versions, ingested files with SHA-256
 */
public record ReportData(
        String brandId,
        String brandName,
        String period,
        String modelVersion,
        int k,
        int minWorkersReached,
        ReportRequest.Model model,
        Scope scope,
        Headlines headlines,
        Table scores,
        Table trend,
        Table tiers,
        Table reach,
        Table indicators,
        Table watchlist,
        Table agencies,
        Table schemes,
        Table brands,
        String scopeType,
        Lineage lineage) {

    public ReportData {
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(model);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(headlines);
        Objects.requireNonNull(watchlist);
        Objects.requireNonNull(agencies);
        Objects.requireNonNull(schemes);
        Objects.requireNonNull(brands);
        Objects.requireNonNull(lineage);
    }

    /** Facilities, suppliers and countries linked to the brand in the period. */
    public record Scope(int facilities, int suppliers, int countries) {}

    /** Where the figures come from. */
    public record Lineage(Table runs, Table tables, Table inputs) {
        public Lineage {
            Objects.requireNonNull(runs);
            Objects.requireNonNull(tables);
            Objects.requireNonNull(inputs);
        }
    }

    /** Whether this is the company's report. */
    public boolean company() {
        return ReportRequest.COMPANY.equals(scopeType);
    }

    /** The risk tiers in the order reports show them. */
    public static final List<String> TIERS = List.of("critical", "high", "medium", "low");

    /** A theme's name in the taxonomy, or the id with spaces. */
    public String themeName(String theme) {
        if (theme == null) {
            return "";
        }
        return model.themeNames().getOrDefault(theme, theme.replace('_', ' '));
    }

    /** The lowest score of each tier but low, as the report states them. */
    public Map<String, Double> tierFloors() {
        return model.tierFloors();
    }
}
