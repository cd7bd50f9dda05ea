package org.hrdd.cli;

import java.sql.SQLException;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.explain.CellExplainer;
import org.hrdd.reports.lakehouse.LakehouseSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd explain}: why a facility × theme × period cell has its status, and the evidence behind it. */
@Command(
        name = "explain",
        header = "Explain a facility's score and the evidence behind each of its cells.",
        mixinStandardHelpOptions = true,
        description = {
            "Explain a facility's score and its facility x theme cells of gold.facility_theme_period: the",
            "score, tier, confidence, trend and top drivers (with hrdd score), each cell's numbers, status and why,",
            "and the evidence (worker-signal counts by channel, audit findings with scheme and clause, CAPs with",
            "dates). Without --theme: every theme of the facility, then each cell with a signal. Internal output by",
            "default (small counts shown); --for-sharing withholds every count below privacy.k_threshold workers.",
            "Reads the lakehouse with DuckDB, no Spark."
        })
final class ExplainCommand extends HrddCommand {

    @Option(names = "--facility", required = true, paramLabel = "ID", description = "Facility id, e.g. F000123.")
    String facility;

    @picocli.CommandLine.Mixin
    PeriodOption period = new PeriodOption();

    @Option(
            names = "--theme",
            paramLabel = "THEME",
            description = "Canonical theme, e.g. recruitment_fees (default: all).")
    String theme;

    @Option(
            names = "--for-sharing",
            description = "Withhold worker counts below privacy.k_threshold, with the rates and "
                    + "dates that rest on them.")
    boolean forSharing;

    @Override
    public Integer call() {
        String period = this.period.required();
        AppConfig cfg = config();
        String label =
                org.hrdd.time.Periods.parse(period, cfg.period().granularity()).label();
        java.util.Set<String> themes =
                org.hrdd.refine.Taxonomies.load(cfg.taxonomyDir()).themes().keySet();
        if (theme != null && !themes.contains(theme)) {
            throw new ConfigException("--theme " + theme + " is not a canonical theme; themes: "
                    + String.join(", ", new java.util.TreeSet<>(themes)));
        }
        try (LakehouseSql sql = SqlCommand.open(cfg)) {
            sql.missing(java.util.List.of("silver.facility", "gold.facility_theme_period"), label)
                    .ifPresent(m -> {
                        throw new ConfigException(m);
                    });
            knownFacility(sql);
            String modelVersion =
                    org.hrdd.score.RiskModel.load(cfg.riskModelFile(), themes).version();
            boolean found = new CellExplainer(
                            sql.connection(),
                            cfg.analysis().minWorkersReached(),
                            cfg.analysis().fdr(),
                            modelVersion,
                            forSharing ? cfg.privacy().kThreshold() : 0)
                    .explain(facility, label, theme, out());
            if (!found) {
                throw new ConfigException("facility " + facility + " has no cell for " + label
                        + (theme == null ? "" : ", theme " + theme)
                        + " in gold.facility_theme_period: run hrdd analyse "
                        + "--period " + label);
            }
        } catch (SQLException e) {
            throw new ConfigException("explain failed: " + e.getMessage().strip(), e);
        }
        out().flush();
        return Hrdd.OK;
    }

    private void knownFacility(LakehouseSql sql) throws SQLException {
        try (java.sql.PreparedStatement st = sql.connection()
                .prepareStatement(
                        "SELECT count(*) FILTER (WHERE facility_id = ?), min(facility_id), max(facility_id) FROM silver.facility")) {
            st.setString(1, facility);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    throw new ConfigException("--facility " + facility + " is not in silver.facility (ids run from "
                            + rs.getString(2) + " to " + rs.getString(3) + ")");
                }
            }
        }
    }
}
