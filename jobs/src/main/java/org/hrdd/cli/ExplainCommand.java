package org.hrdd.cli;

import java.sql.SQLException;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.explain.CellExplainer;
import org.hrdd.reports.lakehouse.LakehouseSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd explain}: why a facility × theme × period cell has its status, and the evidence behind it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain a cell of gold.facility_theme_period: the numbers, the status and why, and the evidence",
                "(worker-signal counts by channel, audit findings with scheme and clause, CAPs with dates). Without",
                "--theme: a summary of every theme of the facility, then each cell with a signal. Internal output",
                "(counts are not suppressed): not for publication. With scores (hrdd score): the facility's score, tier,",
                "confidence, trend and top drivers with the evidence behind each. Reads the lakehouse with DuckDB, no Spark."})
final class ExplainCommand extends HrddCommand {

    @Option(names = "--facility", required = true, paramLabel = "ID", description = "Facility id, e.g. F000123.")
    String facility;

    @Option(names = "--period", required = true, paramLabel = "PERIOD", description = "Analysed period, e.g. 2026-Q3.")
    String period;

    @Option(names = "--theme", paramLabel = "THEME", description = "Canonical theme, e.g. recruitment_fees (default: all).")
    String theme;

    @Override
    public Integer call() {
        AppConfig cfg = config();
        try (LakehouseSql sql = LakehouseSql.open(SqlCommand.localPath(cfg.lakehouse()))) {
            sql.missing(java.util.List.of("gold.facility_theme_period"), period).ifPresent(m -> {
                throw new ConfigException(m);
            });
            String modelVersion = org.hrdd.score.RiskModel.load(cfg.riskModelFile(),
                    org.hrdd.refine.Taxonomies.load(cfg.taxonomyDir()).themes().keySet()).version();
            boolean found = new CellExplainer(sql.connection(), cfg.analysis().minWorkersReached(), cfg.analysis().fdr(),
                    modelVersion).explain(facility, period, theme, out());
            if (!found) {
                throw new ConfigException("no cell for facility " + facility + ", period " + period
                        + (theme == null ? "" : ", theme " + theme) + " in gold.facility_theme_period (analysed?)");
            }
        } catch (SQLException e) {
            throw new ConfigException("explain failed: " + e.getMessage().strip(), e);
        }
        out().flush();
        return Hrdd.OK;
    }
}
