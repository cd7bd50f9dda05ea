package org.hrdd.watchlist;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The watchlist of one period from what the gold tables say about it: plain Java over small records (a few hundred
 * facilities' scores, the period's worker-elevated cells, the overdue CAPs, the agencies), so the rules are tested
 * without Spark and the backtest applies exactly the same ones to every period.
 */
public final class WatchlistItems {

    /** A facility's score of the period; drivers as gold.risk_score has them. */
    public record FacilityScore(
            String facilityId,
            double score,
            String tier,
            boolean workerCovered,
            String confidence,
            double priorPoints,
            List<Driver> drivers) {}

    /** A score driver; {@code reporting} the most workers that reported its theme at the facility in the history window. */
    public record Driver(String theme, String evidence, double points, long reporting) {}

    /** A facility × theme cell of the period (gold.facility_theme_period). */
    public record Cell(
            String facilityId,
            String theme,
            String status,
            boolean elevated,
            long auditsInWindow,
            long workersReporting,
            long workersReached,
            Double shrunkRate,
            Double elevationRate,
            String auditSchemes,
            String lastAuditDate) {}

    /**
     * A CAP open at the period's end and past its due date; {@code overdueSince} is the first period whose end found it
     * overdue by the rule's days, {@code periodsOverdue} the periods from then to this one (it was listed in each).
     */
    public record Cap(
            String capId,
            String sourceType,
            String facilityId,
            String theme,
            String dueOn,
            long daysOverdue,
            String overdueSince,
            long periodsOverdue) {}

    /** A recruitment agency in one scope: distinct workers naming it, of them reporting fees, its high-risk facilities. */
    public record Agency(
            String scopeType,
            String scopeId,
            String agency,
            long workers,
            long feeWorkers,
            List<String> highRiskFacilities) {}

    /** A scope and its facilities in the period. */
    public record Scope(String type, String id, Set<String> facilities) {}

    /** An item as listed in the previous period. */
    public record Listed(String firstListedPeriod, long periodsListed) {}

    /** One row of gold.watchlist (run id aside). */
    public record Item(
            String scopeType,
            String scopeId,
            String period,
            String itemKey,
            String kind,
            int priority,
            String facilityId,
            String theme,
            boolean themeWithheld,
            String subject,
            String reason,
            String evidence,
            String nextStep,
            String owner,
            String csddd,
            String firstListedPeriod,
            long periodsListed) {}

    private final WatchlistRules rules;
    private final int k;
    private final Map<String, String> themeNames;
    private final Map<String, Double> tierFloors;

    /**
     * @param tierFloors the lowest score of the critical tier and the others, as the reason states it
     */
    public WatchlistItems(WatchlistRules rules, int k, Map<String, String> themeNames, Map<String, Double> tierFloors) {
        this.rules = rules;
        this.k = k;
        this.themeNames = Map.copyOf(themeNames);
        this.tierFloors = Map.copyOf(tierFloors);
    }

    /**
     * Every scope's items of the period, highest priority first, then highest score. {@code previous} holds the items of
     * the period before, by {@link #listedKey}: an item listed then keeps its first period.
     */
    public List<Item> items(
            String period,
            List<Scope> scopes,
            Map<String, FacilityScore> scores,
            List<Cell> cells,
            List<Cap> caps,
            List<Agency> agencies,
            Map<String, Listed> previous) {
        List<Item> out = new ArrayList<>();
        for (Scope scope : scopes) {
            List<Item> mine = new ArrayList<>();
            if (rules.enabled(WatchlistRules.CRITICAL_FACILITY)) {
                for (FacilityScore f : scores.values()) {
                    if (scope.facilities().contains(f.facilityId()) && "critical".equals(f.tier())) {
                        mine.add(critical(scope, period, f, previous));
                    }
                }
            }
            for (Cell c : cells) {
                if (!scope.facilities().contains(c.facilityId()) || !c.elevated()) {
                    continue;
                }
                if (c.auditsInWindow() > 0
                        && "WORKER_ONLY".equals(c.status())
                        && rules.enabled(WatchlistRules.BLIND_SPOT)) {
                    mine.add(cell(scope, period, WatchlistRules.BLIND_SPOT, c, previous));
                } else if (c.auditsInWindow() == 0
                        && rules.severeThemes().contains(c.theme())
                        && rules.enabled(WatchlistRules.SEVERE_UNAUDITED)) {
                    mine.add(cell(scope, period, WatchlistRules.SEVERE_UNAUDITED, c, previous));
                }
            }
            if (rules.enabled(WatchlistRules.OVERDUE_CAP)) {
                for (Cap cap : caps) {
                    if (scope.facilities().contains(cap.facilityId()) && cap.daysOverdue() >= rules.minDaysOverdue()) {
                        mine.add(overdue(scope, period, cap, previous));
                    }
                }
            }
            if (rules.enabled(WatchlistRules.SHARED_AGENCY)) {
                for (Agency a : agencies) {
                    if (a.scopeType().equals(scope.type())
                            && a.scopeId().equals(scope.id())
                            && a.highRiskFacilities().size() >= rules.minAgencyFacilities()
                            && a.workers() >= k) {
                        mine.add(agency(scope, period, a, previous));
                    }
                }
            }
            mine.sort(Comparator.comparingInt(Item::priority)
                    .thenComparing(i -> -scoreOf(scores, i.facilityId()))
                    .thenComparing(Item::kind)
                    .thenComparing(i -> nz(i.facilityId()))
                    .thenComparing(Item::itemKey));
            out.addAll(mine);
        }
        return out;
    }

    private static double scoreOf(Map<String, FacilityScore> scores, String facility) {
        FacilityScore f = facility == null ? null : scores.get(facility);
        return f == null ? -1 : f.score();
    }

    private Item critical(Scope scope, String period, FacilityScore f, Map<String, Listed> previous) {
        WatchlistRules.Rule rule = rules.rule(WatchlistRules.CRITICAL_FACILITY);
        String reason;
        String evidence;
        String step;
        if (f.workerCovered()) {
            reason = "critical tier (a true score from " + fmt0(tierFloors.get("critical"))
                    + " expected, calibrated per period), resting on evidence";
            StringBuilder d = new StringBuilder();
            for (Driver driver : f.drivers()) {
                boolean withheld = driver.evidence().equals("worker_voice") && driver.reporting() < k;
                d.append(d.length() == 0 ? "" : "; ")
                        .append(withheld ? "a theme fewer than " + k + " workers reported" : name(driver.theme()))
                        .append(" (")
                        .append(driver.evidence().replace('_', ' '))
                        .append(", ")
                        .append(String.format(Locale.ROOT, "%+.1f", driver.points()))
                        .append(")");
            }
            evidence = "score " + fmt1(f.score()) + ", confidence " + f.confidence() + "; prior "
                    + String.format(Locale.ROOT, "%+.1f", f.priorPoints()) + "; drivers: "
                    + (d.length() == 0 ? "none" : d);
            step = rule.nextStep();
        } else {
            reason = "critical tier resting mostly on missing worker voice (coverage gap)";
            evidence = "score " + fmt1(f.score()) + ", " + String.format(Locale.ROOT, "%+.1f", f.priorPoints())
                    + " points of it from the inherent prior; too few workers reached over the score's history window";
            step = rule.nextStepCoverageGap();
        }
        return item(
                scope,
                period,
                WatchlistRules.CRITICAL_FACILITY,
                f.workerCovered() ? 1 : 2,
                f.facilityId(),
                null,
                false,
                null,
                reason,
                evidence,
                step,
                rule,
                previous);
    }

    private Item cell(Scope scope, String period, String kind, Cell c, Map<String, Listed> previous) {
        WatchlistRules.Rule rule = rules.rule(kind);
        boolean withheld = c.workersReporting() < k;
        String theme = withheld ? "a theme (withheld: fewer than " + k + " workers reported it)" : name(c.theme());
        String workers = withheld
                ? "fewer than " + k + " of " + c.workersReached() + " workers reached reported it (an "
                        + "authorised analyst finds the theme with hrdd explain, internal output)"
                : c.workersReporting() + " of " + c.workersReached() + " workers reached reported it (shrunk rate "
                        + pct(c.shrunkRate()) + ", high-risk level " + pct(c.elevationRate()) + ")";
        String reason;
        String evidence;
        if (kind.equals(WatchlistRules.BLIND_SPOT)) {
            reason =
                    "workers report " + theme + " significantly above its high-risk level; the facility's audit in the "
                            + "window did not flag it (audit blind spot)";
            evidence = workers + "; audited in the window (" + schemes(c.auditSchemes()) + ", latest "
                    + nz(c.lastAuditDate()) + "), no finding on it";
        } else {
            reason = "workers report "
                    + (withheld
                            ? "a severe theme (withheld: fewer than " + k + " workers reported it)"
                            : theme + ", a severe theme,")
                    + " significantly above its high-risk level, and no audit looked at the "
                    + "facility in the window";
            evidence = workers + "; no audit in the window";
        }
        return item(
                scope,
                period,
                kind,
                kind.equals(WatchlistRules.SEVERE_UNAUDITED) ? 1 : 2,
                c.facilityId(),
                withheld ? null : c.theme(),
                withheld,
                null,
                reason,
                evidence,
                rule.nextStep(),
                rule,
                previous,
                c.theme());
    }

    private Item overdue(Scope scope, String period, Cap cap, Map<String, Listed> previous) {
        WatchlistRules.Rule rule = rules.rule(WatchlistRules.OVERDUE_CAP);
        String reason = "corrective action " + cap.daysOverdue() + " days overdue at the period's end (listed from "
                + rules.minDaysOverdue() + ")";
        // a helpline case's CAP carries the theme one worker reported: not named where it could point at them
        boolean caseCap = "helpline_case".equals(cap.sourceType());
        String evidence = cap.capId() + " (" + cap.sourceType().replace('_', ' ') + ", "
                + (caseCap ? "theme withheld: it answers one worker's case" : name(cap.theme())) + "), due "
                + cap.dueOn();
        Item i = item(
                scope,
                period,
                WatchlistRules.OVERDUE_CAP,
                3,
                cap.facilityId(),
                caseCap ? null : cap.theme(),
                caseCap,
                cap.capId(),
                reason,
                evidence,
                rule.nextStep(),
                rule,
                previous,
                cap.theme());
        // an open CAP past its date stays overdue until it closes: since when follows from its due date
        return new Item(
                i.scopeType(),
                i.scopeId(),
                i.period(),
                i.itemKey(),
                i.kind(),
                i.priority(),
                i.facilityId(),
                i.theme(),
                i.themeWithheld(),
                i.subject(),
                i.reason(),
                i.evidence(),
                i.nextStep(),
                i.owner(),
                i.csddd(),
                cap.overdueSince(),
                cap.periodsOverdue());
    }

    private Item agency(Scope scope, String period, Agency a, Map<String, Listed> previous) {
        WatchlistRules.Rule rule = rules.rule(WatchlistRules.SHARED_AGENCY);
        String reason =
                "recruitment agency for " + a.highRiskFacilities().size() + " facilities in the high or critical tier";
        String evidence = "recorded in helpline cases of " + a.workers() + " workers over the score's history window; "
                + (a.feeWorkers() == 0
                        ? "none"
                        : a.feeWorkers() < k ? "fewer than " + k : Long.toString(a.feeWorkers()))
                + " of them reported recruitment fees; high-risk facilities: "
                + String.join(", ", a.highRiskFacilities());
        return item(
                scope,
                period,
                WatchlistRules.SHARED_AGENCY,
                2,
                null,
                null,
                false,
                a.agency(),
                reason,
                evidence,
                rule.nextStep(),
                rule,
                previous);
    }

    private Item item(
            Scope scope,
            String period,
            String kind,
            int priority,
            String facility,
            String theme,
            boolean withheld,
            String subject,
            String reason,
            String evidence,
            String step,
            WatchlistRules.Rule rule,
            Map<String, Listed> previous) {
        return item(
                scope, period, kind, priority, facility, theme, withheld, subject, reason, evidence, step, rule,
                previous, theme);
    }

    private Item item(
            Scope scope,
            String period,
            String kind,
            int priority,
            String facility,
            String theme,
            boolean withheld,
            String subject,
            String reason,
            String evidence,
            String step,
            WatchlistRules.Rule rule,
            Map<String, Listed> previous,
            String keyTheme) {
        String key = key(kind, facility, keyTheme, subject);
        Listed before = previous.get(listedKey(scope.type(), scope.id(), key));
        return new Item(
                scope.type(),
                scope.id(),
                period,
                key,
                kind,
                priority,
                facility,
                theme,
                withheld,
                subject,
                reason,
                evidence,
                step,
                rule.owner(),
                String.join("; ", rule.csddd()),
                before == null ? period : before.firstListedPeriod(),
                before == null ? 1 : before.periodsListed() + 1);
    }

    /**
     * The items of the periods before this one, replayed from their scores and cells (oldest first, each period's list
     * the next one's previous), as the previous list of the period after the last: for a first run, or when a period's
     * list was never written. CAPs say since when themselves; agencies start with this period.
     */
    public Map<String, Listed> replay(
            List<String> periods,
            List<Scope> scopes,
            Map<String, Map<String, FacilityScore>> scores,
            Map<String, List<Cell>> cells,
            Map<String, Listed> start) {
        Map<String, Listed> previous = start;
        for (String p : periods) {
            Map<String, Listed> next = new java.util.HashMap<>();
            for (Item i : items(
                    p,
                    scopes,
                    scores.getOrDefault(p, Map.of()),
                    cells.getOrDefault(p, List.of()),
                    List.of(),
                    List.of(),
                    previous)) {
                next.put(
                        listedKey(i.scopeType(), i.scopeId(), i.itemKey()),
                        new Listed(i.firstListedPeriod(), i.periodsListed()));
            }
            previous = next;
        }
        return previous;
    }

    /** The key of an item in {@code previous}. */
    public static String listedKey(String scopeType, String scopeId, String itemKey) {
        return scopeType + "\u0001" + scopeId + "\u0001" + itemKey;
    }

    /** 16 hex digits of SHA-256 over the item's parts: stable across periods, the theme not readable from it. */
    static String key(String kind, String facility, String theme, String subject) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0001", kind, nz(facility), nz(theme), nz(subject))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String schemes(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String c : codes.split(",")) {
            out.add(org.hrdd.reports.publish.Labels.scheme(c.strip()));
        }
        return String.join(", ", out);
    }

    private String name(String theme) {
        return theme == null ? "" : themeNames.getOrDefault(theme, theme.replace('_', ' '));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt0(Double v) {
        return v == null ? "?" : v == Math.rint(v) ? String.valueOf(v.longValue()) : fmt1(v);
    }
}
