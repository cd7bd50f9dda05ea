package org.hrdd.watchlist;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrdd.config.YamlTree;

/**
 * {@code conf/watchlist.yaml}: one rule per kind of watchlist item, with its owner, the CSDDD articles its next step
 * serves and the step itself; thresholds where a rule has one. Read strictly: an unknown key, kind, theme or article is
 * an error naming the file and key.
 */
public record WatchlistRules(
        Map<String, Rule> rules, Set<String> severeThemes, int minDaysOverdue, int minAgencyFacilities) {

    public static final String CRITICAL_FACILITY = "critical_facility";
    public static final String BLIND_SPOT = "blind_spot";
    public static final String SEVERE_UNAUDITED = "severe_unaudited";
    public static final String OVERDUE_CAP = "overdue_cap";
    public static final String SHARED_AGENCY = "shared_agency";
    public static final List<String> KINDS =
            List.of(CRITICAL_FACILITY, BLIND_SPOT, SEVERE_UNAUDITED, OVERDUE_CAP, SHARED_AGENCY);
    static final Set<String> ARTICLES =
            Set.of("Art. 8", "Art. 9", "Art. 10", "Art. 11", "Art. 12", "Art. 13", "Art. 14", "Art. 15", "Art. 16");

    public static final String FILE_NAME = "watchlist.yaml";

    /**
     * One rule. {@code nextStepCoverageGap} is the step for a critical facility whose tier rests on missing worker voice
     * (null for other kinds).
     */
    public record Rule(
            String kind,
            boolean enabled,
            String owner,
            List<String> csddd,
            String nextStep,
            String nextStepCoverageGap) {
        public Rule {
            csddd = List.copyOf(csddd);
        }
    }

    public WatchlistRules {
        rules = Map.copyOf(rules);
        severeThemes = Set.copyOf(severeThemes);
    }

    public Rule rule(String kind) {
        Rule r = rules.get(kind);
        if (r == null) {
            throw new IllegalArgumentException("no watchlist rule " + kind);
        }
        return r;
    }

    public boolean enabled(String kind) {
        return rules.containsKey(kind) && rules.get(kind).enabled();
    }

    public static WatchlistRules load(Path file, Set<String> themes) {
        YamlTree root = YamlTree.load(file);
        root.integer("version", 1, 1);
        YamlTree r = root.child("rules");
        Map<String, Rule> rules = new LinkedHashMap<>();
        Set<String> severe = Set.of();
        int minDays = 30;
        int minFacilities = 2;
        for (String kind : KINDS) {
            YamlTree t = r.child(kind);
            List<String> csddd = t.strings("csddd");
            for (String a : csddd) {
                if (!ARTICLES.contains(a)) {
                    throw t.error("csddd", "cites " + a + "; CSDDD articles: " + new java.util.TreeSet<>(ARTICLES));
                }
            }
            String coverageGap = null;
            switch (kind) {
                case CRITICAL_FACILITY -> coverageGap = t.string("next_step_coverage_gap");
                case SEVERE_UNAUDITED -> {
                    List<String> listed = t.strings("themes");
                    for (String theme : listed) {
                        if (!themes.contains(theme)) {
                            throw t.error("themes", "names " + theme + ", which is not a canonical theme");
                        }
                    }
                    severe = Set.copyOf(listed);
                }
                case OVERDUE_CAP -> minDays = t.integer("min_days_overdue", 0, 3650);
                case SHARED_AGENCY -> minFacilities = t.integer("min_facilities", 1, 1000);
                default -> {}
            }
            rules.put(
                    kind,
                    new Rule(kind, t.bool("enabled"), t.string("owner"), csddd, t.string("next_step"), coverageGap));
            t.done();
        }
        r.done();
        root.done();
        return new WatchlistRules(rules, severe, minDays, minFacilities);
    }
}
