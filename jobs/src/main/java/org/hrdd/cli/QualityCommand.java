package org.hrdd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.refine.Refined;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.lakehouse.ResultFormat;
import org.hrdd.reports.lakehouse.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd quality}: the data-quality summary of a refine run (no Spark). */
@Command(
        name = "quality",
        header = "Print the quality summary of a refine run.",
        mixinStandardHelpOptions = true,
        description = {
            "Print the quality summary of a refine run: rows per source (bronze = silver-bound + quarantined",
            "+ superseded), the gate outcome, and the quarantine's top reasons with an example row each."
        })
final class QualityCommand extends HrddCommand {

    @Option(
            names = "--run",
            paramLabel = "RUN_ID",
            description = "Refine run to summarise (default: the latest that refined something).")
    String runId;

    /** A refine with nothing to refine records no row counts and no metrics: the summary skips it. */
    private static final String LATEST_THAT_REFINED = "AND row_counts <> '{}' ";

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = config();
        PrintWriter out = out();
        try (LakehouseSql sql = SqlCommand.open(cfg)) {
            String q = "SELECT run_id, status, run_date, row_counts, message FROM ops.runs WHERE command = 'refine' "
                    + (runId == null ? LATEST_THAT_REFINED : "AND run_id = ? ") + "ORDER BY started_at DESC LIMIT 1";
            String run;
            try (PreparedStatement st = sql.connection().prepareStatement(q)) {
                if (runId != null) {
                    st.setString(1, runId);
                }
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new ConfigException(
                                runId == null
                                        ? "no refine run in " + cfg.lakehouse()
                                        : "--run " + runId + ": no refine run with that id in ops.runs");
                    }
                    run = rs.getString(1);
                    out.printf(
                            Locale.ROOT, "refine run %s (%s, run date %s)%n%n", run, rs.getString(2), rs.getString(3));
                    java.util.Map<String, Long> counts = new ObjectMapper()
                            .readValue(
                                    rs.getString(4),
                                    new com.fasterxml.jackson.core.type.TypeReference<
                                            java.util.LinkedHashMap<String, Long>>() {});
                    printAccounting(out, counts);
                    java.util.List<String> converted = RefineCommand.conversions(counts);
                    out.println();
                    if (converted.isEmpty()) {
                        out.println(
                                "dates read other than as written (Buddhist-era years, Excel serial numbers): none");
                    } else {
                        out.println(
                                "dates read other than as written (each file's count; the converted date is in silver):");
                        converted.forEach(l -> out.println("  " + l));
                    }
                    out.println();
                    out.println(rs.getString(5));
                }
            }
            out.println();
            // the metrics of the run summarised above
            try (PreparedStatement st = sql.connection()
                    .prepareStatement("SELECT count(*), count(*) FILTER (WHERE NOT passed), "
                            + "string_agg(CASE WHEN NOT passed THEN table_name || ' ' || rule END, '; ') "
                            + "FROM ops.quality_metrics WHERE run_id = ?")) {
                st.setString(1, run);
                ResultSet rs = st.executeQuery();
                rs.next();
                out.printf(
                        Locale.ROOT,
                        "Deequ rules on silver: %d checked, %d failed%s%n",
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(2) == 0 ? "" : ": " + rs.getString(3));
            }
            out.println();
            out.println("quarantine now, by source and reason (an example row each):");
            try (var st = sql.connection().createStatement();
                    // the example comes from the file with most rows of the reason (on a tie the later file name): the
                    // file
                    // a gate failure names, not the alphabetically first one
                    ResultSet rs =
                            st.executeQuery("WITH per_file AS (SELECT table_name, reason, source_file, count(*) AS n, "
                                    + "min(source_row) AS first_row, arg_min(detail, source_row) AS first_detail "
                                    + "FROM ops.quarantine GROUP BY 1, 2, 3) "
                                    + "SELECT table_name, reason, sum(n)::BIGINT AS rows, "
                                    + "arg_max(source_file || ' row ' || first_row, lpad(n::VARCHAR, 12, '0') || source_file) AS example, "
                                    + "arg_max(first_detail, lpad(n::VARCHAR, 12, '0') || source_file) AS detail "
                                    + "FROM per_file GROUP BY 1, 2 ORDER BY 1, 3 DESC")) {
                ResultWriter.write(rs, ResultFormat.TABLE, Integer.MAX_VALUE, out);
            }
        } catch (SQLException e) {
            throw new ConfigException(
                    "cannot read the quality summary: " + e.getMessage().strip(), e);
        }
        out.flush();
        return Hrdd.OK;
    }

    /** The accounting per bronze table; the share is of the quarantined rows the gate counts (the excluded aside). */
    static void printAccounting(PrintWriter out, Map<String, Long> counts) {
        Map<String, long[]> tables = new LinkedHashMap<>();
        String[] parts = {"bronze_rows", "silver_bound", "quarantined", "superseded", "excluded"};
        counts.forEach((key, n) -> {
            for (int i = 0; i < parts.length; i++) {
                if (key.endsWith("." + parts[i])) {
                    String table = key.substring(0, key.length() - parts[i].length() - 1);
                    tables.computeIfAbsent(table, t -> new long[parts.length])[i] = n;
                }
            }
        });
        out.printf(
                Locale.ROOT,
                "%-26s %10s %12s %11s %10s %9s %8s%n",
                "bronze table",
                "rows",
                "silver-bound",
                "quarantined",
                "superseded",
                "excluded",
                "share");
        tables.forEach((t, v) -> {
            Refined.Accounting a = new Refined.Accounting(v[0], v[1], v[2], v[3], v[4]);
            out.printf(
                    Locale.ROOT,
                    "%-26s %,10d %,12d %,11d %,10d %,9d %7.2f%%%n",
                    t,
                    v[0],
                    v[1],
                    v[2],
                    v[3],
                    v[4],
                    100.0 * a.quarantineShare());
        });
    }
}
