package org.hrdd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hrdd.config.ConfigException;
import org.hrdd.ingest.Feed;
import org.hrdd.refine.FacilityNames;
import org.hrdd.refine.FacilityResolver;

/**
 * Facility resolution measured on facility data the user provides, never shipped: facility lists (CSV with a name and
 * a country column, e.g. Open Supply Hub downloads) and labelled pairs (JSON in the dedupe training format Open Supply
 * Hub publishes: {@code {"match": [{"__value__": [a, b]}], "distinct": [...]}}, each record with name, address and
 * country). Two figures, each precision and recall:
 *
 * <ul>
 *   <li><b>labelled pairs</b>: every pair's second record joins the master (the lists' facilities too); its first
 *       record is resolved. A match pair is right when it resolves to its partner, wrong when it resolves to another
 *       facility; a distinct pair is wrong when it resolves to its partner.
 *   <li><b>perturbations</b>: every listed facility is typed again as caseworkers do (legal form added or dropped, a
 *       typo, a word dropped, words joined or split, case and punctuation), seeded; right when it resolves to itself.
 * </ul>
 *
 * Precision = right ÷ (right + wrong); recall = right ÷ the references that have a true facility in the master. A pair
 * whose first record is itself in the master (as another pair's second) and resolves to it counts neither way.
 */
public final class ResolutionBench {

    private ResolutionBench() {}

    /** One set's figures and the first wrong resolutions, for reading. */
    /** @param missedExamples the first references with a true facility left unresolved, with the resolver's reason */
    public record Figures(
            String set,
            int references,
            int resolved,
            int right,
            int wrong,
            List<String> wrongExamples,
            List<String> missedExamples) {
        public double precision() {
            return right + wrong == 0 ? Double.NaN : (double) right / (right + wrong);
        }

        /** Right ÷ the references with a true facility in the master (match pairs, perturbations). */
        public double recall(int withTruth) {
            return withTruth == 0 ? Double.NaN : (double) right / withTruth;
        }
    }

    /**
     * @param pairs the labelled pairs resolved by name (and country) alone
     * @param pairsWithAddress the same pairs resolved with each record's address too
     */
    public record Result(
            int listedFacilities,
            int skippedRows,
            Figures pairs,
            Figures pairsWithAddress,
            int matchPairs,
            Figures perturbations,
            int perturbedReferences) {}

    private record Facility(String id, String country, String name, String address) {}

    /**
     * @param countries the shipped country table (names and codes to ISO alpha-2), for list rows that name the country
     */
    public static Result run(
            Path dir, long seed, int perFacility, double threshold, double minMargin, Feed.ValueMap countries) {
        List<Path> csvs = files(dir, ".csv");
        List<Path> jsons = files(dir, ".json");
        if (csvs.isEmpty() && jsons.isEmpty()) {
            throw new ConfigException(dir + ": no facility list (*.csv) and no labelled pairs (*.json) in the folder");
        }
        Map<String, Facility> master = new LinkedHashMap<>();
        int skipped = 0;
        for (Path csv : csvs) {
            skipped += readList(csv, countries, master);
        }
        List<Facility> listed = List.copyOf(master.values());

        // labelled pairs: the second records join the master, the first are resolved
        List<JsonNode[]> match = new ArrayList<>();
        List<JsonNode[]> distinct = new ArrayList<>();
        for (Path json : jsons) {
            readPairs(json, match, distinct);
        }
        Map<String, Facility> withPairs = new LinkedHashMap<>(master);
        // every record each master facility was built from: a query whose very record (name, address, country) is in
        // the master through another pair resolves to itself, which says nothing of the resolver
        Map<String, java.util.Set<String>> records = new java.util.HashMap<>();
        List<String> matchIds = new ArrayList<>();
        List<String> distinctIds = new ArrayList<>();
        for (JsonNode[] p : match) {
            matchIds.add(addRecord(withPairs, records, p[1], countries));
        }
        for (JsonNode[] p : distinct) {
            distinctIds.add(addRecord(withPairs, records, p[1], countries));
        }
        Map<String, Facility> byId = new LinkedHashMap<>();
        withPairs.values().forEach(f -> byId.put(f.id(), f));
        Labelled labelled = new Labelled(
                resolver(withPairs, threshold, minMargin), match, distinct, matchIds, distinctIds, byId, records);
        Figures pairs = pairs("labelled pairs, names", labelled, countries, false);
        Figures pairsWithAddress = pairs("labelled pairs, names and addresses", labelled, countries, true);

        // perturbations of the listed names, resolved against the lists' master
        FacilityResolver listResolver = resolver(master, threshold, minMargin);
        SplittableRandom rng = new SplittableRandom(seed);
        int queries = 0, pResolved = 0, pRight = 0, pWrong = 0;
        List<String> pExamples = new ArrayList<>();
        List<String> pMissed = new ArrayList<>();
        for (Facility f : listed) {
            for (int k = 0; k < perFacility; k++) {
                String typed = perturb(f.name(), rng);
                queries++;
                FacilityResolver.Resolution r = listResolver.resolve(typed, null, f.country());
                if (!r.resolved() && pMissed.size() < 15) {
                    pMissed.add(String.format(
                            Locale.ROOT, "%s '%s' typed as '%s': %s", f.country(), f.name(), typed, r.detail()));
                }
                if (r.resolved()) {
                    pResolved++;
                    if (r.facilityId().equals(f.id())) {
                        pRight++;
                    } else {
                        pWrong++;
                        if (pExamples.size() < 15) {
                            pExamples.add(String.format(
                                    Locale.ROOT,
                                    "%s '%s' typed as '%s' -> '%s' (%s %.3f)",
                                    f.country(),
                                    f.name(),
                                    typed,
                                    master.get(r.facilityId()) == null
                                            ? r.facilityId()
                                            : master.get(r.facilityId()).name(),
                                    r.method(),
                                    r.confidence()));
                        }
                    }
                }
            }
        }
        Figures perturbations = new Figures("perturbations", queries, pResolved, pRight, pWrong, pExamples, pMissed);
        return new Result(listed.size(), skipped, pairs, pairsWithAddress, match.size(), perturbations, queries);
    }

    /**
     * The labelled pairs, their partners' ids in the master that holds them, that master's resolver and facilities by
     * id, and the records each master facility was built from.
     */
    private record Labelled(
            FacilityResolver resolver,
            List<JsonNode[]> match,
            List<JsonNode[]> distinct,
            List<String> matchIds,
            List<String> distinctIds,
            Map<String, Facility> byId,
            Map<String, java.util.Set<String>> records) {}

    /** The labelled pairs' first records resolved against the master holding their partners. */
    private static Figures pairs(String set, Labelled l, Feed.ValueMap countries, boolean withAddress) {
        int resolved = 0, right = 0, wrong = 0;
        List<String> examples = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            List<JsonNode[]> pairs = pass == 0 ? l.match() : l.distinct();
            List<String> partners = pass == 0 ? l.matchIds() : l.distinctIds();
            for (int i = 0; i < pairs.size(); i++) {
                JsonNode a = pairs.get(i)[0];
                FacilityResolver.Resolution r = l.resolver()
                        .resolve(
                                a.path("name").asText(),
                                null,
                                country(a, countries),
                                withAddress ? a.path("address").asText(null) : null);
                if (!r.resolved()) {
                    if (pass == 0 && missed.size() < 15) {
                        missed.add(String.format(
                                Locale.ROOT,
                                "match pair %s: '%s' (partner '%s'): %s",
                                a.path("country").asText().toUpperCase(Locale.ROOT),
                                a.path("name").asText(),
                                pairs.get(i)[1].path("name").asText(),
                                r.detail()));
                    }
                    continue;
                }
                resolved++;
                boolean toPartner = r.facilityId().equals(partners.get(i));
                if (!toPartner
                        && l.records()
                                .getOrDefault(r.facilityId(), java.util.Set.of())
                                .contains(record(a))) {
                    continue; // resolved to its own record, listed through another pair
                }
                if (pass == 0 && toPartner) {
                    right++;
                } else if (pass == 0 || toPartner) {
                    wrong++;
                    example(
                            examples,
                            pass == 0 ? "match pair" : "distinct pair",
                            a,
                            pairs.get(i)[1],
                            l.byId().get(r.facilityId()),
                            r);
                }
            }
        }
        return new Figures(set, l.match().size() + l.distinct().size(), resolved, right, wrong, examples, missed);
    }

    private static void example(
            List<String> examples, String kind, JsonNode a, JsonNode b, Facility got, FacilityResolver.Resolution r) {
        if (examples.size() < 15) {
            examples.add(String.format(
                    Locale.ROOT,
                    "%s %s: '%s' (partner '%s') -> '%s' (%s %.3f)",
                    kind,
                    a.path("country").asText().toUpperCase(Locale.ROOT),
                    a.path("name").asText(),
                    b.path("name").asText(),
                    got == null ? r.facilityId() : got.name(),
                    r.method(),
                    r.confidence()));
        }
    }

    private static FacilityResolver resolver(Map<String, Facility> master, double threshold, double minMargin) {
        List<FacilityResolver.MasterFacility> facilities = new ArrayList<>();
        for (Facility f : master.values()) {
            facilities.add(new FacilityResolver.MasterFacility(
                    f.id(), f.country(), null, List.of(f.name()), null, f.address()));
        }
        return new FacilityResolver(facilities, List.of(), threshold, minMargin);
    }

    private static String addRecord(
            Map<String, Facility> master,
            Map<String, java.util.Set<String>> records,
            JsonNode r,
            Feed.ValueMap countries) {
        String id = add(
                master,
                country(r, countries),
                r.path("name").asText(),
                r.path("address").asText(null));
        records.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(record(r));
        return id;
    }

    /** A pair record's country through the country table (codes and names alike). */
    private static String country(JsonNode r, Feed.ValueMap countries) {
        String c = countries.apply(r.path("country").asText());
        return c == null ? r.path("country").asText() : c;
    }

    private static String record(JsonNode r) {
        return (r.path("country").asText() + "|" + r.path("name").asText() + "|"
                        + r.path("address").asText())
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The facility's id: the same name (normal form) in the same country is the same facility, unless its address is
     * clearly another place (then it is another facility of that name, as supplier lists hold them).
     */
    private static String add(Map<String, Facility> master, String country, String name, String address) {
        String cc = country.strip().toUpperCase(Locale.ROOT);
        String key = cc + "|" + FacilityNames.compact(name);
        for (int n = 0; ; n++) {
            String k = n == 0 ? key : key + "#" + n;
            Facility f = master.get(k);
            if (f == null) {
                f = new Facility("M" + (master.size() + 1), cc, name.strip(), address);
                master.put(k, f);
                return f.id();
            }
            if (FacilityNames.place(address, f.address()) != FacilityNames.Place.DIFFERENT) {
                return f.id();
            }
        }
    }

    /** Rows with a name and a country the table knows join the master; the others are counted. */
    private static int readList(Path csv, Feed.ValueMap countries, Map<String, Facility> master) {
        int skipped = 0;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setIgnoreHeaderCase(true)
                        .setTrim(true)
                        .get()
                        .parse(r)) {
            String nameCol = column(p, csv, "name", "facility_name");
            String countryCol = column(p, csv, "country", "country_code", "country_name");
            String addressCol = p.getHeaderNames().stream()
                    .filter(h -> h.strip().equalsIgnoreCase("address"))
                    .findFirst()
                    .orElse(null);
            for (CSVRecord rec : p) {
                String name = rec.isSet(nameCol) ? rec.get(nameCol) : "";
                String country = rec.isSet(countryCol) ? countries.apply(rec.get(countryCol)) : null;
                if (name.isBlank() || country == null || !country.matches("[A-Z]{2}")) {
                    skipped++;
                    continue;
                }
                add(master, country, name, addressCol != null && rec.isSet(addressCol) ? rec.get(addressCol) : null);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException(csv + ": cannot read the facility list: " + e.getMessage(), e);
        }
        return skipped;
    }

    private static String column(CSVParser p, Path csv, String... names) {
        for (String h : p.getHeaderNames()) {
            for (String n : names) {
                if (h.strip().equalsIgnoreCase(n)) {
                    return h;
                }
            }
        }
        throw new ConfigException(
                csv + ": no column " + String.join(" or ", names) + " (has " + p.getHeaderNames() + ")");
    }

    private static void readPairs(Path json, List<JsonNode[]> match, List<JsonNode[]> distinct) {
        try {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            for (String kind : List.of("match", "distinct")) {
                for (JsonNode pair : root.path(kind)) {
                    JsonNode v = pair.has("__value__") ? pair.get("__value__") : pair;
                    if (v.size() != 2) {
                        throw new ConfigException(json + ": a '" + kind + "' entry is not a pair of records");
                    }
                    (kind.equals("match") ? match : distinct).add(new JsonNode[] {v.get(0), v.get(1)});
                }
            }
        } catch (IOException e) {
            throw new ConfigException(json + ": cannot read labelled pairs: " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static final String[] LEGAL = {"Co., Ltd.", "Limited", "Pvt. Ltd.", "Company Limited", "Ltd", "Inc."};

    /** The name typed again with one or two of: legal form, typo, dropped word, joined or split words, case. */
    static String perturb(String name, SplittableRandom rng) {
        String out = name;
        int edits = 1 + rng.nextInt(2);
        for (int e = 0; e < edits; e++) {
            out = switch (rng.nextInt(5)) {
                case 0 -> legalForm(out, rng);
                case 1 -> typo(out, rng);
                case 2 -> dropWord(out, rng);
                case 3 -> spacing(out, rng);
                default -> rng.nextBoolean() ? out.toUpperCase(Locale.ROOT) : out.replaceAll("[.,()&'-]", " ");
            };
        }
        return out.replaceAll("\\s+", " ").strip();
    }

    private static String legalForm(String name, SplittableRandom rng) {
        for (String l : LEGAL) {
            if (name.toLowerCase(Locale.ROOT).endsWith(l.toLowerCase(Locale.ROOT))) {
                return name.substring(0, name.length() - l.length()).strip();
            }
        }
        return name + " " + LEGAL[rng.nextInt(LEGAL.length)];
    }

    private static String typo(String name, SplittableRandom rng) {
        String[] words = name.split(" ");
        List<Integer> long5 = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            if (words[i].length() >= 5 && words[i].chars().allMatch(Character::isLetter)) {
                long5.add(i);
            }
        }
        if (long5.isEmpty()) {
            return name;
        }
        int w = long5.get(rng.nextInt(long5.size()));
        StringBuilder sb = new StringBuilder(words[w]);
        int at = 1 + rng.nextInt(sb.length() - 2);
        if (rng.nextBoolean()) {
            char c = sb.charAt(at);
            sb.setCharAt(at, sb.charAt(at + 1));
            sb.setCharAt(at + 1, c);
        } else {
            sb.deleteCharAt(at);
        }
        words[w] = sb.toString();
        return String.join(" ", words);
    }

    private static String dropWord(String name, SplittableRandom rng) {
        String[] words = name.split(" ");
        if (words.length < 3) {
            return name;
        }
        int w = 1 + rng.nextInt(words.length - 1);
        if (words[w].chars().anyMatch(Character::isDigit)) {
            return name; // a site number is not a word to drop
        }
        List<String> out = new ArrayList<>(List.of(words));
        out.remove(w);
        return String.join(" ", out);
    }

    private static String spacing(String name, SplittableRandom rng) {
        String[] words = name.split(" ");
        if (words.length >= 2 && rng.nextBoolean()) {
            int w = rng.nextInt(words.length - 1);
            List<String> out = new ArrayList<>(List.of(words));
            out.set(w, words[w] + words[w + 1]);
            out.remove(w + 1);
            return String.join(" ", out);
        }
        for (int i = 0; i < words.length; i++) {
            if (words[i].length() >= 8) {
                words[i] =
                        words[i].substring(0, words[i].length() / 2) + " " + words[i].substring(words[i].length() / 2);
                return String.join(" ", words);
            }
        }
        return name;
    }
}
