package org.hrdd.watchlist;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hrdd.config.ConfigException;

/**
 * Scores the watchlist's rules against a synthetic world's truth: every analysed period's list is rebuilt from the gold
 * tables of that period (which rest on data up to that period only) with the same {@link WatchlistItems} the pipeline
 * uses, for the company scope, and compared with {@code truth/facility_theme_prevalence.csv} and
 * {@code truth/facility_risk.csv}.
 *
 * <ul>
 *   <li>Cell items (blind spots, severe themes without an audit): precision, the share of listed facility × theme ×
 *       period cells truly high-risk in that period.</li>
 *   <li>Lead over audits: for each facility × theme listed while truly high-risk, the first period it was listed
 *       against the first period an audit flagged it (any period of the world): listed earlier, the same period, later,
 *       or never flagged by an audit up to the last period.</li>
 *   <li>Critical facilities: precision against the world's high-risk facilities (top 20 % true burden per period).</li>
 * </ul>
 */
public final class WatchlistBacktest {

    /** Figures of one backtest. Lead times are in periods. */
    public record Result(
            List<String> periods,
            int cellItems,
            int cellItemsHighRisk,
            Map<String, int[]> byKind,
            int cellsListedHighRisk,
            int listedBeforeAudit,
            int listedSamePeriod,
            int listedAfterAudit,
            int neverAuditFlagged,
            double medianLeadPeriods,
            double meanLeadPeriods,
            int facilityItems,
            int facilityItemsHighRisk,
            int facilityItemsWithVoice,
            int facilityItemsWithVoiceHighRisk,
            int highRiskFacilityPeriods) {

        public double cellPrecision() {
            return cellItems == 0 ? Double.NaN : (double) cellItemsHighRisk / cellItems;
        }

        public double facilityPrecision() {
            return facilityItems == 0 ? Double.NaN : (double) facilityItemsHighRisk / facilityItems;
        }

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format(
                    Locale.ROOT,
                    "periods %s to %s (%d), company scope",
                    periods.get(0),
                    periods.get(periods.size() - 1),
                    periods.size()));
            out.add(String.format(
                    Locale.ROOT,
                    "cell items: %d, truly high-risk %d, precision %.3f",
                    cellItems,
                    cellItemsHighRisk,
                    cellPrecision()));
            byKind.forEach((kind, n) -> out.add(String.format(
                    Locale.ROOT,
                    "  %-18s %5d items, precision %.3f",
                    kind,
                    n[0],
                    n[0] == 0 ? Double.NaN : (double) n[1] / n[0])));
            out.add(String.format(
                    Locale.ROOT,
                    "truly high-risk cells listed: %d; first listed before an audit flagged "
                            + "them %d, in the same period %d, after %d, never flagged by an audit up to %s %d",
                    cellsListedHighRisk,
                    listedBeforeAudit,
                    listedSamePeriod,
                    listedAfterAudit,
                    periods.get(periods.size() - 1),
                    neverAuditFlagged));
            out.add(String.format(
                    Locale.ROOT,
                    "lead over audits where both flagged (periods): median %.1f, mean %.2f",
                    medianLeadPeriods,
                    meanLeadPeriods));
            out.add(String.format(
                    Locale.ROOT,
                    "critical-facility items: %d, truly high-risk %d, precision %.3f "
                            + "(high-risk facility-periods: %d)",
                    facilityItems,
                    facilityItemsHighRisk,
                    facilityPrecision(),
                    highRiskFacilityPeriods));
            out.add(String.format(
                    Locale.ROOT,
                    "  with worker voice %d, precision %.3f; coverage gap %d, precision %.3f",
                    facilityItemsWithVoice,
                    facilityItemsWithVoice == 0
                            ? Double.NaN
                            : (double) facilityItemsWithVoiceHighRisk / facilityItemsWithVoice,
                    facilityItems - facilityItemsWithVoice,
                    facilityItems == facilityItemsWithVoice
                            ? Double.NaN
                            : (double) (facilityItemsHighRisk - facilityItemsWithVoiceHighRisk)
                                    / (facilityItems - facilityItemsWithVoice)));
            return out;
        }
    }

    private final WatchlistItems items;
    private final String modelVersion;

    public WatchlistBacktest(WatchlistItems items, String modelVersion) {
        this.items = items;
        this.modelVersion = modelVersion;
    }

    public Result run(Connection db, Path truthDir) throws SQLException {
        Map<String, Boolean> cellTruth = truth(truthDir.resolve("facility_theme_prevalence.csv"), true);
        Map<String, Boolean> facilityTruth = truth(truthDir.resolve("facility_risk.csv"), false);
        List<String> periods = new ArrayList<>();
        Map<String, List<WatchlistItems.Cell>> cells = new TreeMap<>();
        Map<String, String> firstAudit = new HashMap<>();
        Set<String> facilities = new TreeSet<>();
        try (PreparedStatement st = db.prepareStatement("SELECT period, facility_id, theme, corroboration_status, "
                        + "is_worker_elevated, audits_in_window, workers_reporting, workers_reached, shrunk_rate, elevation_rate, "
                        + "audit_schemes, CAST(last_audit_date AS VARCHAR), is_audit_flagged FROM gold.facility_theme_period "
                        + "ORDER BY period, facility_id, theme");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String period = rs.getString(1);
                if (periods.isEmpty() || !periods.get(periods.size() - 1).equals(period)) {
                    periods.add(period);
                }
                facilities.add(rs.getString(2));
                String cell = rs.getString(2) + "|" + rs.getString(3);
                if (rs.getBoolean(13)) {
                    firstAudit.putIfAbsent(cell, period);
                }
                if (rs.getBoolean(5)) {
                    cells.computeIfAbsent(period, p -> new ArrayList<>())
                            .add(new WatchlistItems.Cell(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    true,
                                    rs.getLong(6),
                                    rs.getLong(7),
                                    rs.getLong(8),
                                    (Double) rs.getObject(9),
                                    (Double) rs.getObject(10),
                                    rs.getString(11),
                                    rs.getString(12)));
                }
            }
        }
        if (periods.isEmpty()) {
            throw new ConfigException("gold.facility_theme_period has no rows: run hrdd analyse --all-periods first");
        }
        Map<String, Map<String, WatchlistItems.FacilityScore>> scores = scores(db);
        List<WatchlistItems.Scope> company = List.of(new WatchlistItems.Scope("company", "all", facilities));
        int cellItems = 0;
        int cellHigh = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        Map<String, String> firstListed = new HashMap<>();
        int facilityItems = 0;
        int facilityHigh = 0;
        int withVoice = 0;
        int withVoiceHigh = 0;
        int highRiskFacilityPeriods = 0;
        for (String period : periods) {
            List<WatchlistItems.Item> list = items.items(
                    period,
                    company,
                    scores.getOrDefault(period, Map.of()),
                    cells.getOrDefault(period, List.of()),
                    List.of(),
                    List.of(),
                    Map.of());
            for (WatchlistItems.Item i : list) {
                String theme = i.theme();
                if (i.kind().equals(WatchlistRules.CRITICAL_FACILITY)) {
                    boolean high = Boolean.TRUE.equals(facilityTruth.get(i.facilityId() + "|" + period));
                    facilityItems++;
                    facilityHigh += high ? 1 : 0;
                    if (i.priority() == 1) {
                        withVoice++;
                        withVoiceHigh += high ? 1 : 0;
                    }
                    continue;
                }
                if (theme == null) {
                    theme = themeOf(cells.get(period), i);
                }
                boolean high = Boolean.TRUE.equals(cellTruth.get(i.facilityId() + "|" + theme + "|" + period));
                cellItems++;
                cellHigh += high ? 1 : 0;
                int[] k = byKind.computeIfAbsent(i.kind(), x -> new int[2]);
                k[0]++;
                k[1] += high ? 1 : 0;
                if (high) {
                    firstListed.putIfAbsent(i.facilityId() + "|" + theme, period);
                }
            }
            for (String f : facilities) {
                highRiskFacilityPeriods += Boolean.TRUE.equals(facilityTruth.get(f + "|" + period)) ? 1 : 0;
            }
        }
        int before = 0;
        int same = 0;
        int after = 0;
        int never = 0;
        List<Integer> leads = new ArrayList<>();
        for (Map.Entry<String, String> e : firstListed.entrySet()) {
            String audit = firstAudit.get(e.getKey());
            if (audit == null) {
                never++;
                continue;
            }
            int lead = periods.indexOf(audit) - periods.indexOf(e.getValue());
            leads.add(lead);
            if (lead > 0) {
                before++;
            } else if (lead == 0) {
                same++;
            } else {
                after++;
            }
        }
        leads.sort(null);
        double median = leads.isEmpty()
                ? Double.NaN
                : leads.size() % 2 == 1
                        ? leads.get(leads.size() / 2)
                        : (leads.get(leads.size() / 2 - 1) + leads.get(leads.size() / 2)) / 2.0;
        double mean = leads.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        return new Result(
                periods,
                cellItems,
                cellHigh,
                byKind,
                firstListed.size(),
                before,
                same,
                after,
                never,
                median,
                mean,
                facilityItems,
                facilityHigh,
                withVoice,
                withVoiceHigh,
                highRiskFacilityPeriods);
    }

    /** The theme of a withheld-theme cell item: the cell of the period with the item's key. */
    private static String themeOf(List<WatchlistItems.Cell> cells, WatchlistItems.Item i) {
        for (WatchlistItems.Cell c : cells) {
            if (c.facilityId().equals(i.facilityId())
                    && WatchlistItems.key(i.kind(), c.facilityId(), c.theme(), null)
                            .equals(i.itemKey())) {
                return c.theme();
            }
        }
        throw new IllegalStateException("no cell for item " + i.itemKey());
    }

    private Map<String, Map<String, WatchlistItems.FacilityScore>> scores(Connection db) throws SQLException {
        Map<String, Map<String, WatchlistItems.FacilityScore>> out = new HashMap<>();
        boolean present;
        try (ResultSet rs = db.createStatement()
                .executeQuery("SELECT count(*) FROM information_schema.tables "
                        + "WHERE table_schema = 'gold' AND table_name = 'risk_score'")) {
            rs.next();
            present = rs.getLong(1) > 0;
        }
        if (!present) {
            return out;
        }
        try (PreparedStatement st = db.prepareStatement("SELECT period, scope_id, score, tier, is_worker_covered, "
                + "confidence_level, inherent_contribution FROM gold.risk_score WHERE scope_type = 'facility' "
                + "AND model_version = ?")) {
            st.setString(1, modelVersion);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), p -> new HashMap<>())
                            .put(
                                    rs.getString(2),
                                    new WatchlistItems.FacilityScore(
                                            rs.getString(2),
                                            rs.getDouble(3),
                                            rs.getString(4),
                                            rs.getBoolean(5),
                                            rs.getString(6),
                                            rs.getDouble(7),
                                            List.of()));
                }
            }
        }
        return out;
    }

    /** facility|theme|period (or facility|period) → is_high_risk. */
    static Map<String, Boolean> truth(Path csv, boolean cells) {
        if (!Files.isRegularFile(csv)) {
            throw new ConfigException(csv + " does not exist: --evaluate takes the truth/ folder of a generated world");
        }
        Map<String, Boolean> out = new HashMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(r)) {
                String key = cells
                        ? rec.get("facility_id") + "|" + rec.get("theme") + "|" + rec.get("period")
                        : rec.get("facility_id") + "|" + rec.get("period");
                out.put(key, Boolean.parseBoolean(rec.get("is_high_risk")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        return out;
    }
}
