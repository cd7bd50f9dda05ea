package org.hrdd.refine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a facility as a source names it (name, OS ID, country) to the facility master: reviewed overrides
 * first, then OS ID, then exact normalised name (or known alias) within the country, then a fuzzy name match
 * within the country with a recorded similarity. Below the threshold, or when two facilities are about equally
 * close, the name stays unresolved (quarantine {@code UNRESOLVED_FACILITY}) rather than risk a wrong merge.
 * Pure Java: run it on distinct names only.
 */
public final class FacilityResolver {

    public static final String OS_ID = "os_id";
    public static final String FACILITY_ID = "facility_id";
    public static final String EXACT_NAME = "exact_name";
    public static final String FUZZY_NAME = "fuzzy_name";
    public static final String ABBREVIATION = "abbreviation";
    /** Confidence recorded for an initials-plus-town match that is unique in the country. */
    public static final double ABBREVIATION_CONFIDENCE = 0.95;

    public static final String OVERRIDE = "override";

    /** A facility of the master, with every name it is known by and its town. */
    public record MasterFacility(String facilityId, String countryCode, String osId, List<String> names, String city) {
        public MasterFacility(String facilityId, String countryCode, String osId, List<String> names) {
            this(facilityId, countryCode, osId, names, null);
        }
    }

    /** A reviewed decision from conf/facility_overrides.yaml. */
    public record Override(
            String name, String countryCode, String facilityId, boolean forceMatch, String who, String why) {}

    /** A match, or {@code facilityId == null} when unresolved (then {@code detail} says why). */
    public record Resolution(String facilityId, String method, double confidence, String detail) {
        public boolean resolved() {
            return facilityId != null;
        }
    }

    private final double threshold;
    private final double minMargin;
    private final Map<String, String> byOsId = new HashMap<>();
    private final Map<String, String> byId = new HashMap<>();
    private final Map<String, Set<String>> byCountryKey = new HashMap<>();
    private final Map<String, List<Candidate>> byCountry = new HashMap<>();
    private final Map<String, Set<String>> byInitialsAndTown = new HashMap<>();
    private final Map<String, String> forced = new HashMap<>();
    private final Set<String> never = new java.util.HashSet<>();

    private record Candidate(String facilityId, FacilityNames.Prepared name, String key, String town) {}

    /** Added to a candidate's similarity when the query names the candidate's town (sister sites differ by town). */
    static final double TOWN_BONUS = 0.05;

    /**
     * @param threshold lowest similarity accepted for a fuzzy match
     * @param minMargin how much better the best candidate must be than the next other facility
     */
    public FacilityResolver(List<MasterFacility> master, List<Override> overrides, double threshold, double minMargin) {
        this.threshold = threshold;
        this.minMargin = minMargin;
        // in facility id order, whatever order the rows came in (a table read back from Delta gives its files' order):
        // which of two facilities sharing an OS ID wins, the order of ids a "matches several" detail lists and which
        // candidate an exact tie goes to depend on it
        for (MasterFacility f : master.stream()
                .sorted(java.util.Comparator.comparing(MasterFacility::facilityId))
                .toList()) {
            byId.put(f.facilityId(), f.facilityId());
            if (f.osId() != null && !f.osId().isBlank()) {
                byOsId.put(osKey(f.osId()), f.facilityId());
            }
            String country = country(f.countryCode());
            if (f.city() != null && !f.city().isBlank() && !f.names().isEmpty()) {
                String initials = FacilityNames.initials(f.names().get(0));
                if (initials.length() >= 2) {
                    byInitialsAndTown
                            .computeIfAbsent(
                                    country + "|" + initials + "|" + FacilityNames.compact(f.city()),
                                    k -> new LinkedHashSet<>())
                            .add(f.facilityId());
                }
            }
            for (String n : f.names()) {
                String key = FacilityNames.compact(n);
                if (key.isEmpty()) {
                    continue;
                }
                byCountryKey
                        .computeIfAbsent(country + "|" + key, k -> new LinkedHashSet<>())
                        .add(f.facilityId());
                byCountry
                        .computeIfAbsent(country, k -> new ArrayList<>())
                        .add(new Candidate(
                                f.facilityId(),
                                FacilityNames.prepare(n),
                                key,
                                f.city() == null ? "" : FacilityNames.compact(f.city())));
            }
        }
        for (Override o : overrides) {
            String k = country(o.countryCode()) + "|" + FacilityNames.compact(o.name());
            if (o.forceMatch()) {
                forced.put(k, o.facilityId());
            } else {
                never.add(k + "|" + o.facilityId());
            }
        }
    }

    public Resolution resolve(String name, String osId, String countryCode) {
        String country = country(countryCode);
        String key = FacilityNames.compact(name);
        String forcedId = forced.get(country + "|" + key);
        if (forcedId != null) {
            return new Resolution(forcedId, OVERRIDE, 1.0, null);
        }
        if (osId != null && !osId.isBlank()) {
            String id = byOsId.get(osKey(osId));
            if (id != null && !never.contains(country + "|" + key + "|" + id)) {
                return new Resolution(id, OS_ID, 1.0, null);
            }
        }
        if (key.isEmpty()) {
            return new Resolution(null, null, 0, "no facility name or known OS ID");
        }
        Set<String> exact = byCountryKey.getOrDefault(country + "|" + key, Set.of());
        List<String> allowedExact = exact.stream()
                .filter(id -> !never.contains(country + "|" + key + "|" + id))
                .toList();
        if (allowedExact.size() == 1) {
            return new Resolution(allowedExact.get(0), EXACT_NAME, 1.0, null);
        }
        if (allowedExact.size() > 1) {
            return new Resolution(null, null, 0, "name matches several facilities: " + allowedExact);
        }
        Resolution abbreviated = abbreviation(name, key, country);
        return abbreviated != null ? abbreviated : fuzzy(name, key, country);
    }

    /** Resolution by the master's own facility id (CAP log rows carry it). */
    public Resolution resolveById(String facilityId) {
        String id = facilityId == null ? null : byId.get(facilityId.strip());
        return id != null
                ? new Resolution(id, FACILITY_ID, 1.0, null)
                : new Resolution(null, null, 0, "unknown facility id '" + facilityId + "'");
    }

    /** "APEG Bac Ninh": initials of the facility's name, then its town, unique in the country. */
    private Resolution abbreviation(String name, String key, String country) {
        String[] words = FacilityNames.normalise(name).split(" ");
        if (words.length < 2 || words[0].length() < 2 || words[0].length() > 6) {
            return null;
        }
        String town = FacilityNames.compact(String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length)));
        List<String> ids = byInitialsAndTown.getOrDefault(country + "|" + words[0] + "|" + town, Set.of()).stream()
                .filter(id -> !never.contains(country + "|" + key + "|" + id))
                .toList();
        return ids.size() == 1 ? new Resolution(ids.get(0), ABBREVIATION, ABBREVIATION_CONFIDENCE, null) : null;
    }

    private Resolution fuzzy(String name, String key, String country) {
        String bestId = null;
        double best = 0;
        double second = 0;
        FacilityNames.Prepared query = FacilityNames.prepare(name);
        String neverPrefix = never.isEmpty() ? null : country + "|" + key + "|";
        for (Candidate c : byCountry.getOrDefault(country, List.of())) {
            if (neverPrefix != null && never.contains(neverPrefix + c.facilityId())) {
                continue;
            }
            double s = FacilityNames.similarity(query, c.name())
                    + (!c.town().isEmpty() && key.contains(c.town()) ? TOWN_BONUS : 0);
            if (s > best) {
                if (bestId != null && !bestId.equals(c.facilityId())) {
                    second = Math.max(second, best);
                }
                best = s;
                bestId = c.facilityId();
            } else if (!c.facilityId().equals(bestId)) {
                second = Math.max(second, s);
            }
        }
        if (bestId == null || best < threshold) {
            return new Resolution(
                    null,
                    null,
                    best,
                    String.format(Locale.ROOT, "best similarity %.3f is below the threshold %.3f", best, threshold));
        }
        if (best - second < minMargin) {
            return new Resolution(
                    null,
                    null,
                    best,
                    String.format(Locale.ROOT, "ambiguous: best %.3f vs next facility %.3f", best, second));
        }
        return new Resolution(bestId, FUZZY_NAME, Math.min(1.0, best), null);
    }

    private static String osKey(String osId) {
        return osId.strip().toUpperCase(Locale.ROOT);
    }

    private static String country(String c) {
        return c == null ? "" : c.strip().toUpperCase(Locale.ROOT);
    }
}
