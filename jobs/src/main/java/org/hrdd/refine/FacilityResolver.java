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
    /** @param address the street address, or null (then no address can confirm or rule out a match) */
    public record MasterFacility(
            String facilityId, String countryCode, String osId, List<String> names, String city, String address) {
        public MasterFacility(String facilityId, String countryCode, String osId, List<String> names) {
            this(facilityId, countryCode, osId, names, null, null);
        }

        public MasterFacility(String facilityId, String countryCode, String osId, List<String> names, String city) {
            this(facilityId, countryCode, osId, names, city, null);
        }
    }

    /** A reviewed decision from conf/facility_overrides.yaml. */
    public record Override(
            String name, String countryCode, String facilityId, boolean forceMatch, String who, String why) {}

    /** A match, or {@code facilityId == null} when unresolved (then {@code detail} says why). */
    /**
     * @param margin for a fuzzy match, how far it is ahead of the next facility (the smaller, the likelier a wrong
     *     match: review sorts by it); null for the other methods
     */
    public record Resolution(String facilityId, String method, double confidence, String detail, Double margin) {
        public Resolution(String facilityId, String method, double confidence, String detail) {
            this(facilityId, method, confidence, detail, null);
        }

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
    private final Map<String, String> addresses = new HashMap<>();

    private record Candidate(
            String facilityId,
            FacilityNames.Prepared name,
            String key,
            String town,
            List<Integer> siteNumbers,
            Set<String> words) {}

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
            if (f.address() != null && !f.address().isBlank()) {
                addresses.put(f.facilityId(), f.address());
            }
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
                                f.city() == null ? "" : FacilityNames.compact(f.city()),
                                FacilityNames.siteNumbers(n),
                                new java.util.HashSet<>(java.util.Arrays.asList(
                                        FacilityNames.normalise(n).split(" ")))));
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
        return resolve(name, osId, countryCode, null);
    }

    /**
     * Like {@link #resolve(String, String, String)}, with the reference's address, when it has one: among facilities
     * of the same name the one at that address is taken (when exactly one is, and the others clearly are not), and a
     * name match whose address is clearly another place is left for review (two facilities of one name in a country
     * are common: "Casual Wear Apparel", "Hanes Ink"). Overrides and OS IDs are not second-guessed by the address.
     */
    public Resolution resolve(String name, String osId, String countryCode, String address) {
        Resolution byName = resolveByName(name, osId, countryCode, address);
        if (!byName.resolved()
                || address == null
                || byName.method().equals(OVERRIDE)
                || byName.method().equals(OS_ID)) {
            return byName;
        }
        if (FacilityNames.place(address, addresses.get(byName.facilityId())) == FacilityNames.Place.DIFFERENT) {
            return new Resolution(
                    null,
                    null,
                    byName.confidence(),
                    String.format(
                            Locale.ROOT,
                            "the name matches %s (%s) but its address is another place: a facility of the same name"
                                    + " elsewhere?",
                            byName.facilityId(),
                            byName.method()));
        }
        return byName;
    }

    private Resolution resolveByName(String name, String osId, String countryCode, String address) {
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
            String at = atAddress(allowedExact, address);
            if (at != null) {
                return new Resolution(
                        at,
                        EXACT_NAME,
                        1.0,
                        "the address decided between " + allowedExact.size() + " facilities of this name");
            }
            return new Resolution(null, null, 0, "name matches several facilities: " + allowedExact);
        }
        Resolution abbreviated = abbreviation(name, key, country);
        return abbreviated != null ? abbreviated : fuzzy(name, key, country);
    }

    /** The one facility of {@code ids} at the address, when the others are clearly elsewhere; else null. */
    private String atAddress(List<String> ids, String address) {
        if (address == null) {
            return null;
        }
        String same = null;
        for (String id : ids) {
            FacilityNames.Place place = FacilityNames.place(address, addresses.get(id));
            if (place == FacilityNames.Place.UNKNOWN || (place == FacilityNames.Place.SAME && same != null)) {
                return null;
            }
            if (place == FacilityNames.Place.SAME) {
                same = id;
            }
        }
        return same;
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

    /**
     * The facility whose name is most like the query's, among those of the country whose site numbers agree with it
     * ("unit 6" is not "unit 10", "... Ltd II" not "... Ltd"). The town bonus decides between names that nearly tie
     * (within the minimum margin), never against a clearly stronger name; it also counts toward the threshold, so a
     * name just below it that names the facility's town is matched. The winner must reach the threshold and be ahead
     * of the next facility by the minimum margin, else the reference stays unresolved for review.
     */
    private Resolution fuzzy(String name, String key, String country) {
        FacilityNames.Prepared query = FacilityNames.prepare(name);
        List<Integer> numbers = FacilityNames.siteNumbers(name);
        String neverPrefix = never.isEmpty() ? null : country + "|" + key + "|";
        // per facility: its best name similarity and whether the query names its town
        Map<String, double[]> facilities = new java.util.LinkedHashMap<>();
        double otherSite = 0;
        for (Candidate c : byCountry.getOrDefault(country, List.of())) {
            if (neverPrefix != null && never.contains(neverPrefix + c.facilityId())) {
                continue;
            }
            double s = FacilityNames.similarity(query, c.name());
            // both ways: "X Ltd II" is not "X Ltd", and "Diamant Srl" is not "Diamant Srl #2" (measured on Open
            // Supply Hub's labelled pairs: letting a reference without a number match a numbered site cost precision)
            if (!c.siteNumbers().equals(numbers)) {
                otherSite = Math.max(otherSite, s);
                continue;
            }
            double[] f = facilities.computeIfAbsent(c.facilityId(), k -> new double[2]);
            f[0] = Math.max(f[0], s);
            if (!c.town().isEmpty() && key.contains(c.town())) {
                f[1] = TOWN_BONUS;
            }
        }
        String strongest = best(facilities, null, false);
        if (strongest == null) {
            return unresolvedBelow(0, otherSite, numbers);
        }
        // a name clearly stronger than the town's facility's wins on names alone; otherwise names and towns together
        String withTown = best(facilities, null, true);
        boolean onNames = !withTown.equals(strongest)
                && facilities.get(strongest)[0] - facilities.get(withTown)[0] >= minMargin;
        String winner = onNames ? strongest : withTown;
        double score = facilities.get(winner)[0] + facilities.get(winner)[1];
        if (score < threshold) {
            Resolution within = allWordsIn(name, country, numbers, neverPrefix, score);
            return within != null ? within : unresolvedBelow(score, otherSite, numbers);
        }
        String next = best(facilities, winner, !onNames);
        double nextScore = next == null
                ? 0
                : facilities.get(next)[0] + (onNames ? 0 : facilities.get(next)[1]);
        double margin = (onNames ? facilities.get(winner)[0] : score) - nextScore;
        if (margin < minMargin) {
            return new Resolution(
                    null,
                    null,
                    score,
                    String.format(
                            Locale.ROOT, "ambiguous: best %.3f vs next facility %s %.3f", score, next, nextScore));
        }
        // the town decided when the names alone were not far enough apart
        String nextByName = best(facilities, winner, false);
        boolean byTown = !onNames
                && nextByName != null
                && facilities.get(winner)[0] - facilities.get(nextByName)[0] < minMargin;
        String detail =
                (next == null ? "no other candidate" : String.format(Locale.ROOT, "next: %s %.3f", next, nextScore))
                        + (byTown ? "; the town decided between nearly equal names" : "");
        return new Resolution(winner, FUZZY_NAME, Math.min(1.0, score), detail, margin);
    }

    /**
     * A reference whose words (at least two, after the legal forms, and at least half of the name's) are all among the
     * words of one facility's name in the country, and of no other's, with the same site numbers: a name with a word
     * dropped ("Outdoor VINA" for "Outdoor Designs VINA"), which the character similarity puts below the threshold.
     * Null when no or several facilities hold them all. Measured on Open Supply Hub's lists (2026-12-08): perturbation
     * recall 0.893–0.906 → 0.929–0.934 over seven seeds at the same precision; without the half rule a generic pair of
     * words ("Yesim Tekstil") matched a six-word name of another facility.
     */
    private Resolution allWordsIn(
            String name, String country, List<Integer> numbers, String neverPrefix, double score) {
        java.util.Set<String> words = new java.util.LinkedHashSet<>(
                java.util.Arrays.asList(FacilityNames.normalise(name).split(" ")));
        words.remove("");
        if (words.size() < 2) {
            return null;
        }
        Set<String> found = new LinkedHashSet<>();
        for (Candidate c : byCountry.getOrDefault(country, List.of())) {
            if ((neverPrefix != null && never.contains(neverPrefix + c.facilityId()))
                    || !c.siteNumbers().equals(numbers)) {
                continue;
            }
            if (c.words().containsAll(words) && 2 * words.size() >= c.words().size()) {
                found.add(c.facilityId());
            }
        }
        return found.size() == 1
                ? new Resolution(
                        found.iterator().next(),
                        FUZZY_NAME,
                        score,
                        "every word of the reference is in this facility's name, and in no other's",
                        0.0)
                : null;
    }

    /** The facility with the highest score (name similarity, plus the town bonus if asked), other than {@code not}. */
    private static String best(Map<String, double[]> facilities, String not, boolean withTown) {
        String best = null;
        double top = -1;
        for (Map.Entry<String, double[]> e : facilities.entrySet()) {
            double s = e.getValue()[0] + (withTown ? e.getValue()[1] : 0);
            if (!e.getKey().equals(not) && s > top) {
                top = s;
                best = e.getKey();
            }
        }
        return best;
    }

    private Resolution unresolvedBelow(double best, double otherSite, List<Integer> numbers) {
        String detail = String.format(Locale.ROOT, "best similarity %.3f is below the threshold %.3f", best, threshold);
        if (otherSite >= threshold) {
            detail += String.format(
                    Locale.ROOT,
                    "; a facility named alike (%.3f) is another site (site numbers %s here)",
                    otherSite,
                    numbers.isEmpty() ? "none" : numbers.toString());
        }
        return new Resolution(null, null, best, detail);
    }

    private static String osKey(String osId) {
        return osId.strip().toUpperCase(Locale.ROOT);
    }

    private static String country(String c) {
        return c == null ? "" : c.strip().toUpperCase(Locale.ROOT);
    }
}
