package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.reports.lakehouse.ResultFormat;
import org.hrdd.reports.lakehouse.ResultWriter;
import org.hrdd.time.Periods;
import org.hrdd.watchlist.WatchlistBacktest;
import org.hrdd.watchlist.WatchlistItems;
import org.hrdd.watchlist.WatchlistSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd watchlist}: what needs attention now, from gold.watchlist (DuckDB, no Spark); or its backtest. */
@Command(
        name = "watchlist",
        header = "Print what needs attention now: the watchlist of a period.",
        mixinStandardHelpOptions = true,
        description = {
            "Print gold.watchlist (written by hrdd indicators) for the company or one brand: critical",
            "facilities, blind spots at audited facilities, severe worker-reported themes no audit looked at,",
            "overdue CAPs, recruitment agencies of several high-risk facilities; each with why, the evidence, the",
            "suggested next step (conf/watchlist.yaml), its owner and since when it is listed. With --evaluate",
            "TRUTH_DIR: rebuild every analysed period's list and score it against a synthetic world's truth."
        })
final class WatchlistCommand extends HrddCommand {

    @picocli.CommandLine.Mixin
    PeriodOption period = new PeriodOption();

    @Option(names = "--brand", paramLabel = "BRAND", description = "A brand's list (default: the company's).")
    String brand;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, csv or json (one JSON object per line); default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--evaluate",
            paramLabel = "TRUTH_DIR",
            description = "Backtest against the truth/ folder of a generated world (every analysed period).")
    Path evaluate;

    @Override
    public Integer call() {
        AppConfig cfg = config();
        if (evaluate != null) {
            return backtest(cfg);
        }
        String label = Periods.parse(
                        period.required("or --evaluate"), cfg.period().granularity())
                .label();
        String scopeType = brand == null ? "company" : "brand";
        String scopeId = brand == null ? "all" : brand;
        try (LakehouseSql sql = SqlCommand.open(cfg)) {
            sql.missing(java.util.List.of("gold.watchlist", "silver.facility"), label)
                    .ifPresent(m -> {
                        throw new ConfigException(m.replace("hrdd refine", "hrdd indicators --period " + label));
                    });
            String q =
                    """
                    SELECT w.priority, replace(w.kind, '_', ' ') AS kind, w.facility_id, f.facility_name, w.theme,
                           w.is_theme_withheld, w.subject, w.reason, w.evidence, w.next_step, w.owner, w.csddd,
                           w.first_listed_period, w.periods_listed
                    FROM gold.watchlist w LEFT JOIN silver.facility f USING (facility_id)
                    WHERE w.scope_type = ? AND w.scope_id = ? AND w.period = ?
                    ORDER BY w.priority, w.kind <> 'critical_facility', w.kind, w.facility_id, w.subject, w.item_key""";
            try (PreparedStatement st = sql.connection().prepareStatement(q)) {
                st.setString(1, scopeType);
                st.setString(2, scopeId);
                st.setString(3, label);
                try (ResultSet rs = st.executeQuery()) {
                    if (format.equalsIgnoreCase("text")) {
                        text(
                                rs,
                                brand == null ? "the company" : "brand " + brand,
                                label,
                                WatchlistSettings.of(cfg).themeNames());
                    } else {
                        ResultFormat f =
                                switch (format.toLowerCase(Locale.ROOT)) {
                                    case "csv" -> ResultFormat.CSV;
                                    case "json" -> ResultFormat.JSON;
                                    default -> throw new ConfigException(
                                            "--format must be text, csv or json, is '" + format + "'");
                                };
                        ResultWriter.write(rs, f, Integer.MAX_VALUE, out());
                    }
                }
            }
        } catch (SQLException e) {
            throw new ConfigException("watchlist failed: " + e.getMessage().strip(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out().flush();
        return Hrdd.OK;
    }

    private void text(ResultSet rs, String scope, String label, java.util.Map<String, String> themes)
            throws SQLException {
        PrintWriter o = out();
        StringBuilder body = new StringBuilder();
        int[] byPriority = new int[4];
        int n = 0;
        while (rs.next()) {
            n++;
            byPriority[rs.getInt(1)]++;
            String subject = rs.getString(3) != null ? rs.getString(3) + " " + nz(rs.getString(4)) : rs.getString(7);
            String theme = rs.getBoolean(6)
                    ? " · theme withheld"
                    : rs.getString(5) == null ? "" : " · " + themes.getOrDefault(rs.getString(5), rs.getString(5));
            body.append(
                    String.format(Locale.ROOT, "%n%d  %-18s %s%s%n", rs.getInt(1), rs.getString(2), subject, theme));
            body.append("   since:    ")
                    .append(rs.getString(13))
                    .append(" (")
                    .append(rs.getLong(14))
                    .append(rs.getLong(14) == 1 ? " period)" : " periods in a row)")
                    .append('\n');
            body.append("   why:      ").append(rs.getString(8)).append('\n');
            body.append("   evidence: ").append(rs.getString(9)).append('\n');
            body.append("   next:     ")
                    .append(rs.getString(10))
                    .append(" [")
                    .append(rs.getString(12))
                    .append("; owner: ")
                    .append(rs.getString(11))
                    .append("]\n");
        }
        o.printf(
                Locale.ROOT,
                "watchlist of %s, %s: %d items (priority 1: %d, 2: %d, 3: %d)%n",
                scope,
                label,
                n,
                byPriority[1],
                byPriority[2],
                byPriority[3]);
        o.print(body);
        if (n == 0) {
            o.println("nothing listed (the rules are in conf/watchlist.yaml)");
        }
    }

    private Integer backtest(AppConfig cfg) {
        WatchlistSettings ws = WatchlistSettings.of(cfg);
        String modelVersion = org.hrdd.score.RiskModel.load(
                        cfg.riskModelFile(), ws.themeNames().keySet())
                .version();
        try (LakehouseSql sql = SqlCommand.open(cfg)) {
            sql.missing(java.util.List.of("gold.facility_theme_period"), "P").ifPresent(m -> {
                throw new ConfigException(m);
            });
            WatchlistBacktest.Result r = new WatchlistBacktest(
                            new WatchlistItems(
                                    ws.rules(), cfg.privacy().kThreshold(), ws.themeNames(), ws.tierFloors()),
                            modelVersion)
                    .run(sql.connection(), evaluate);
            out().println("watchlist backtest against " + evaluate);
            r.lines().forEach(l -> out().println("  " + l));
        } catch (SQLException e) {
            throw new ConfigException(
                    "watchlist backtest failed: " + e.getMessage().strip(), e);
        }
        out().flush();
        return Hrdd.OK;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
