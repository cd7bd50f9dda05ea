package org.hrdd.reports.publish;

import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Everything one brand's report shows, already scoped to the facilities linked to the brand during the period and
 * already aggregated (Tablesaw tables of aggregates; no worker-level rows). The renderers (HTML/PDF, charts, workbook,
 * CSV, JSON) only format this; {@link ReportQueries} fills it from the lakehouse.
 *
 * @param scores     facility scores of the period (model version), highest first: facility, supplier, country, sector,
 *                   score, tier, confidence, trend, change, inherent contribution, three drivers
 * @param trend      score per period of the top facilities: facility_id, facility_name, period, score
 * @param tiers      tier, facilities (critical → low, every tier present)
 * @param blindSpots theme, scheme, blind_spots (worker-elevated cells the scheme's audits did not flag),
 *                   corroborated, rate; scheme {@value ReportQueries#NO_AUDIT} for elevated cells without an audit
 * @param funnel     stage, caps: opened, closed, verified effective (by the period's end)
 * @param reach      period, workers_reached (null when suppressed), facilities_covered, is_suppressed
 * @param indicators the brand's rows of gold.indicator_value for the period with the catalogue's name, unit and
 *                   references (one row per indicator × breakdown value)
 * @param lineage    runs that wrote the rows shown, tables read with their Delta versions, ingested files with SHA-256
 */
public record ReportData(String brandId, String brandName, String period, String modelVersion, int k,
                         int minWorkersReached, Counts counts, Table scores, Table trend, Table tiers, Table blindSpots,
                         Table funnel, Table reach, Table indicators, Lineage lineage) {

    public ReportData {
        Objects.requireNonNull(brandId);
        Objects.requireNonNull(counts);
        Objects.requireNonNull(lineage);
    }

    /** Headline counts for the executive summary. */
    public record Counts(int facilities, int suppliers, int countries, int scored, int covered, int critical, int high,
                         int blindSpotCells, int elevatedCells, int corroboratedCells) {
    }

    /** Where the figures come from. */
    public record Lineage(Table runs, Table tables, Table inputs) {
        public Lineage {
            Objects.requireNonNull(runs);
            Objects.requireNonNull(tables);
            Objects.requireNonNull(inputs);
        }
    }

    /** The risk tiers in the order reports show them. */
    public static final List<String> TIERS = List.of("critical", "high", "medium", "low");
}
