package org.hrdd.watchlist;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.indicators.IndicatorMeasures;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.GoldWatchlist;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.Joins;
import org.hrdd.time.Periods;

/**
 * What the watchlist of one period reads, gathered from the tables the indicators step has open, as the small records
 * of {@link WatchlistItems}: scope membership, the period's facility scores (with the workers behind each worker-voice
 * driver), its worker-elevated cells, the CAPs overdue at its end, and the recruitment agencies of high-risk
 * facilities per scope. Each is one query, collected: they are a few hundred to a few thousand rows.
 */
public final class WatchlistInputs {

    /** The tables read (as {@link IndicatorMeasures.Inputs} holds them) and the previous period's list, if any. */
    public record Tables(IndicatorMeasures.Inputs in, Dataset<Row> previousWatchlist) {}

    /**
     * Everything {@link WatchlistItems#items} needs for the period, and for replaying the rules over the earlier
     * periods of the history window (their scores and worker-elevated cells, by period) when gold.watchlist holds no
     * list of the period before ({@code previousStored} false: a first run, or a period skipped).
     */
    public record Gathered(
            List<WatchlistItems.Scope> scopes,
            Map<String, WatchlistItems.FacilityScore> scores,
            List<WatchlistItems.Cell> cells,
            List<WatchlistItems.Cap> caps,
            List<WatchlistItems.Agency> agencies,
            Map<String, WatchlistItems.Listed> previous,
            boolean previousStored,
            List<String> earlierPeriods,
            Map<String, Map<String, WatchlistItems.FacilityScore>> earlierScores,
            Map<String, List<WatchlistItems.Cell>> earlierCells) {}

    private WatchlistInputs() {}

    /**
     * @param from first period of the score's history window: agencies and driver workers look that far back, and the
     *             rules are replayed from it when there is no stored list of the period before
     * @param minDaysOverdue the overdue-CAP rule's threshold, which says since when a CAP has been listed
     */
    public static Gathered gather(
            Tables t, Periods.Period period, Periods.Period from, String modelVersion, int minDaysOverdue) {
        IndicatorMeasures.Inputs in = t.in();
        Dataset<Row> members = IndicatorMeasures.members(in.facilities(), in.brandFacilities(), period);
        Map<String, WatchlistItems.Listed> previous = previous(t.previousWatchlist(), period);
        List<String> earlier = new ArrayList<>();
        for (Periods.Period p = from; p.start().isBefore(period.start()); p = p.next()) {
            earlier.add(p.label());
        }
        boolean stored = !previous.isEmpty() || hasList(t.previousWatchlist(), period.previous());
        Map<String, Map<String, WatchlistItems.FacilityScore>> earlierScores = new HashMap<>();
        Map<String, List<WatchlistItems.Cell>> earlierCells = new HashMap<>();
        if (!stored && !earlier.isEmpty()) {
            earlierScores = plainScores(in, earlier, modelVersion);
            earlierCells = cells(in, earlier);
        }
        return new Gathered(
                scopes(members),
                scores(in, period, from.label(), modelVersion),
                cells(in, List.of(period.label())).getOrDefault(period.label(), List.of()),
                caps(in, period, minDaysOverdue),
                agencies(in, members, period, from.label(), modelVersion),
                previous,
                stored,
                earlier,
                earlierScores,
                earlierCells);
    }

    private static boolean hasList(Dataset<Row> watchlist, Periods.Period p) {
        return watchlist != null
                && !watchlist
                        .filter(col(GoldWatchlist.PERIOD).equalTo(p.label()))
                        .isEmpty();
    }

    /** Scores of earlier periods, without drivers (the replay needs tiers only). */
    static Map<String, Map<String, WatchlistItems.FacilityScore>> plainScores(
            IndicatorMeasures.Inputs in, List<String> periods, String modelVersion) {
        Map<String, Map<String, WatchlistItems.FacilityScore>> out = new HashMap<>();
        for (Row r : in.scores()
                .filter(col(GoldRiskScore.PERIOD)
                        .isin(periods.toArray())
                        .and(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                        .and(col(GoldRiskScore.MODEL_VERSION).equalTo(modelVersion)))
                .select(
                        GoldRiskScore.PERIOD,
                        GoldRiskScore.SCOPE_ID,
                        GoldRiskScore.SCORE,
                        GoldRiskScore.TIER,
                        GoldRiskScore.IS_WORKER_COVERED,
                        GoldRiskScore.CONFIDENCE_LEVEL,
                        GoldRiskScore.INHERENT_CONTRIBUTION)
                .collectAsList()) {
            out.computeIfAbsent(r.getString(0), x -> new LinkedHashMap<>())
                    .put(
                            r.getString(1),
                            new WatchlistItems.FacilityScore(
                                    r.getString(1),
                                    r.getDouble(2),
                                    r.getString(3),
                                    r.getBoolean(4),
                                    r.getString(5),
                                    r.getDouble(6),
                                    List.of()));
        }
        return out;
    }

    static List<WatchlistItems.Scope> scopes(Dataset<Row> members) {
        Map<String, java.util.Set<String>> by = new LinkedHashMap<>();
        for (Row r : members.select(
                        GoldIndicatorValue.SCOPE_TYPE, GoldIndicatorValue.SCOPE_ID, SilverFacility.FACILITY_ID)
                .collectAsList()) {
            by.computeIfAbsent(r.getString(0) + "\u0001" + r.getString(1), x -> new TreeSet<>())
                    .add(r.getString(2));
        }
        List<WatchlistItems.Scope> out = new ArrayList<>();
        new java.util.TreeMap<>(by).forEach((k, f) -> {
            String[] p = k.split("\u0001", 2);
            out.add(new WatchlistItems.Scope(p[0], p[1], f));
        });
        // the company first, then the brands in id order
        out.sort(java.util.Comparator.comparing(
                        (WatchlistItems.Scope s) -> !s.type().equals(IndicatorMeasures.COMPANY))
                .thenComparing(WatchlistItems.Scope::id));
        return out;
    }

    static Map<String, WatchlistItems.FacilityScore> scores(
            IndicatorMeasures.Inputs in, Periods.Period period, String historyFrom, String modelVersion) {
        Dataset<Row> reporting = in.cells()
                .filter(col(GoldFacilityThemePeriod.PERIOD).between(historyFrom, period.label()))
                .groupBy(col(GoldFacilityThemePeriod.FACILITY_ID), col(GoldFacilityThemePeriod.THEME))
                .agg(max(GoldFacilityThemePeriod.WORKERS_REPORTING).as("_reporting"));
        Dataset<Row> s = in.scores()
                .filter(col(GoldRiskScore.PERIOD)
                        .equalTo(period.label())
                        .and(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                        .and(col(GoldRiskScore.MODEL_VERSION).equalTo(modelVersion)));
        List<Column> cols = new ArrayList<>(List.of(
                col(GoldRiskScore.SCOPE_ID),
                col(GoldRiskScore.SCORE),
                col(GoldRiskScore.TIER),
                col(GoldRiskScore.IS_WORKER_COVERED),
                col(GoldRiskScore.CONFIDENCE_LEVEL),
                col(GoldRiskScore.INHERENT_CONTRIBUTION)));
        for (int i = 1; i <= 3; i++) {
            Dataset<Row> r = reporting.select(
                    col(GoldFacilityThemePeriod.FACILITY_ID).as(GoldRiskScore.SCOPE_ID),
                    col(GoldFacilityThemePeriod.THEME).as("driver_" + i + "_theme"),
                    col("_reporting").as("_r" + i));
            s = Joins.left(s, r, GoldRiskScore.SCOPE_ID, "driver_" + i + "_theme");
            cols.addAll(List.of(
                    col("driver_" + i + "_theme"),
                    col("driver_" + i + "_evidence"),
                    col("driver_" + i + "_contribution"),
                    coalesce(col("_r" + i), lit(0L))));
        }
        Map<String, WatchlistItems.FacilityScore> out = new LinkedHashMap<>();
        for (Row r : s.select(cols.toArray(Column[]::new)).collectAsList()) {
            List<WatchlistItems.Driver> drivers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int c = 6 + 4 * i;
                if (!r.isNullAt(c)) {
                    drivers.add(new WatchlistItems.Driver(
                            r.getString(c), r.getString(c + 1), r.getDouble(c + 2), r.getLong(c + 3)));
                }
            }
            out.put(
                    r.getString(0),
                    new WatchlistItems.FacilityScore(
                            r.getString(0),
                            r.getDouble(1),
                            r.getString(2),
                            r.getBoolean(3),
                            r.getString(4),
                            r.getDouble(5),
                            drivers));
        }
        return out;
    }

    /** The worker-elevated cells of the periods, by period. */
    static Map<String, List<WatchlistItems.Cell>> cells(IndicatorMeasures.Inputs in, List<String> periods) {
        Map<String, List<WatchlistItems.Cell>> out = new HashMap<>();
        for (Row r : in.cells()
                .filter(col(GoldFacilityThemePeriod.PERIOD)
                        .isin(periods.toArray())
                        .and(col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED)))
                .select(
                        GoldFacilityThemePeriod.FACILITY_ID,
                        GoldFacilityThemePeriod.THEME,
                        GoldFacilityThemePeriod.CORROBORATION_STATUS,
                        GoldFacilityThemePeriod.AUDITS_IN_WINDOW,
                        GoldFacilityThemePeriod.WORKERS_REPORTING,
                        GoldFacilityThemePeriod.WORKERS_REACHED,
                        GoldFacilityThemePeriod.SHRUNK_RATE,
                        GoldFacilityThemePeriod.ELEVATION_RATE,
                        GoldFacilityThemePeriod.AUDIT_SCHEMES,
                        GoldFacilityThemePeriod.LAST_AUDIT_DATE,
                        GoldFacilityThemePeriod.PERIOD)
                .orderBy(
                        GoldFacilityThemePeriod.PERIOD,
                        GoldFacilityThemePeriod.FACILITY_ID,
                        GoldFacilityThemePeriod.THEME)
                .collectAsList()) {
            out.computeIfAbsent(r.getString(10), x -> new ArrayList<>())
                    .add(new WatchlistItems.Cell(
                            r.getString(0),
                            r.getString(1),
                            r.getString(2),
                            true,
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.isNullAt(6) ? null : r.getDouble(6),
                            r.isNullAt(7) ? null : r.getDouble(7),
                            r.getString(8),
                            r.isNullAt(9) ? null : r.get(9).toString()));
        }
        return out;
    }

    /**
     * CAPs open at the period's end and past their due date, with the period they first were overdue by the rule's
     * days in (the period holding due date + days: from then on each period's end found them so, until they closed).
     */
    static List<WatchlistItems.Cap> caps(IndicatorMeasures.Inputs in, Periods.Period period, int minDaysOverdue) {
        Column end = lit(Date.valueOf(period.end()));
        List<WatchlistItems.Cap> out = new ArrayList<>();
        for (Row r : in.remediation()
                .filter(col(SilverRemediation.OPENED_ON)
                        .leq(end)
                        .and(col(SilverRemediation.CLOSED_ON)
                                .isNull()
                                .or(col(SilverRemediation.CLOSED_ON).gt(end)))
                        .and(col(SilverRemediation.DUE_ON).lt(end)))
                .select(
                        col(SilverRemediation.CAP_ID),
                        col(SilverRemediation.SOURCE_TYPE),
                        col(SilverRemediation.FACILITY_ID),
                        col(SilverRemediation.THEME),
                        col(SilverRemediation.DUE_ON),
                        datediff(end, col(SilverRemediation.DUE_ON)))
                .orderBy(SilverRemediation.CAP_ID)
                .collectAsList()) {
            java.time.LocalDate due = r.getDate(4).toLocalDate();
            Periods.Period since = period;
            long periods = 1;
            java.time.LocalDate listedFrom = due.plusDays(minDaysOverdue);
            while (since.start().isAfter(listedFrom)) {
                since = since.previous();
                periods++;
            }
            out.add(new WatchlistItems.Cap(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    due.toString(),
                    r.getInt(5),
                    since.label(),
                    periods));
        }
        return out;
    }

    /**
     * Per scope, each recruitment agency caseworkers recorded for workers of the scope's high or critical facilities
     * in the history window: distinct workers, of them those reporting recruitment fees, and the facilities.
     */
    static List<WatchlistItems.Agency> agencies(
            IndicatorMeasures.Inputs in,
            Dataset<Row> members,
            Periods.Period period,
            String historyFrom,
            String modelVersion) {
        Dataset<Row> highRisk = in.scores()
                .filter(col(GoldRiskScore.PERIOD)
                        .equalTo(period.label())
                        .and(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                        .and(col(GoldRiskScore.MODEL_VERSION).equalTo(modelVersion))
                        .and(col(GoldRiskScore.TIER).isin("critical", "high")))
                .select(col(GoldRiskScore.SCOPE_ID).as(SilverFacility.FACILITY_ID));
        Dataset<Row> named = in.signals()
                .filter(col(SilverWorkerSignal.CHANNEL)
                        .equalTo("helpline")
                        .and(col(SilverWorkerSignal.RECRUITER_KEY).isNotNull())
                        .and(col(SilverWorkerSignal.PERIOD).between(historyFrom, period.label())))
                .select(
                        SilverWorkerSignal.FACILITY_ID,
                        SilverWorkerSignal.RECRUITER_KEY,
                        SilverWorkerSignal.WORKER_PSEUDONYM,
                        SilverWorkerSignal.THEME);
        Dataset<Row> scoped = Joins.inner(
                Joins.inner(named, highRisk, SilverFacility.FACILITY_ID),
                members.select(GoldIndicatorValue.SCOPE_TYPE, GoldIndicatorValue.SCOPE_ID, SilverFacility.FACILITY_ID),
                SilverFacility.FACILITY_ID);
        List<WatchlistItems.Agency> out = new ArrayList<>();
        for (Row r : scoped.groupBy(
                        col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID),
                        col(SilverWorkerSignal.RECRUITER_KEY))
                .agg(
                        countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)),
                        countDistinct(when(
                                col(SilverWorkerSignal.THEME).equalTo("recruitment_fees"),
                                col(SilverWorkerSignal.WORKER_PSEUDONYM))),
                        collect_set(col(SilverWorkerSignal.FACILITY_ID)))
                .orderBy(GoldIndicatorValue.SCOPE_TYPE, GoldIndicatorValue.SCOPE_ID, SilverWorkerSignal.RECRUITER_KEY)
                .collectAsList()) {
            List<String> facilities = new ArrayList<>(new TreeSet<>(r.<String>getList(5)));
            out.add(new WatchlistItems.Agency(
                    r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), facilities));
        }
        return out;
    }

    /** The previous period's items, by {@link WatchlistItems#listedKey}; empty without a table. */
    static Map<String, WatchlistItems.Listed> previous(Dataset<Row> watchlist, Periods.Period period) {
        Map<String, WatchlistItems.Listed> out = new HashMap<>();
        if (watchlist == null) {
            return out;
        }
        for (Row r : watchlist
                .filter(col(GoldWatchlist.PERIOD).equalTo(period.previous().label()))
                .select(
                        GoldWatchlist.SCOPE_TYPE,
                        GoldWatchlist.SCOPE_ID,
                        GoldWatchlist.ITEM_KEY,
                        GoldWatchlist.FIRST_LISTED_PERIOD,
                        GoldWatchlist.PERIODS_LISTED)
                .collectAsList()) {
            out.put(
                    WatchlistItems.listedKey(r.getString(0), r.getString(1), r.getString(2)),
                    new WatchlistItems.Listed(r.getString(3), r.getLong(4)));
        }
        return out;
    }
}
