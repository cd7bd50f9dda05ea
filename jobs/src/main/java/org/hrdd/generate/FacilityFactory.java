package org.hrdd.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the facility master, suppliers, recruitment agencies and brand links sequentially
 * from one seeded stream (cheap even for 10,000 facilities). Name variants are kept unique after
 * normalisation across all facilities, so every alias maps to exactly one facility.
 */
final class FacilityFactory {

    record Agency(int id, String country, String name, String shortName, double effect) {}

    record BrandLink(String brandId, String brandName, int facility, LocalDate from, LocalDate to) {}

    final World world;
    final List<Facility> facilities = new ArrayList<>();
    final List<Agency> agencies = new ArrayList<>();
    final List<BrandLink> links = new ArrayList<>();
    /** normalised name -> facility index, for every name variant of every facility. */
    final Map<String, Integer> nameIndex = new HashMap<>();

    final Map<String, Integer> osIndex = new HashMap<>();
    private final Rng rng;

    FacilityFactory(World world, long seed) {
        this.world = world;
        this.rng = Rng.of(seed, -1, 0x57A7E);
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    FacilityFactory build(int n, LocalDate windowStart, LocalDate windowEnd) {
        buildAgencies();
        Map<String, Double> countryWeights = new LinkedHashMap<>();
        for (World.Country c : world.countries()) countryWeights.put(c.code(), c.weight());
        int supplierNo = 0;
        while (facilities.size() < n) {
            supplierNo++;
            String countryCode = rng.weighted(countryWeights);
            World.Country country = world.country(countryCode);
            String sector = rng.weighted(country.sectors());
            int sites = rng.chance(world.suppliers().singleSiteShare())
                    ? 1
                    : rng.between(
                            Math.max(2, world.suppliers().sites().get(0)),
                            world.suppliers().sites().get(1));
            sites = Math.min(sites, n - facilities.size());
            String root = uniqueRoot(countryCode);
            String supplierId = String.format(Locale.ROOT, "S%05d", supplierNo);
            String supplierName = sites == 1 ? null : legal(countryCode, root + " Group", 0);
            String sectorWord = rng.pick(Names.SECTOR_WORDS.get(sector));
            List<String> usedCities = new ArrayList<>();
            for (int s = 0; s < sites; s++) {
                String city = rng.pick(Names.CITIES.get(countryCode));
                for (int tries = 0; usedCities.contains(city) && tries < 10; tries++)
                    city = rng.pick(Names.CITIES.get(countryCode));
                if (usedCities.contains(city)) city = city + " " + (s + 1);
                usedCities.add(city);
                facilities.add(makeFacility(
                        countryCode,
                        sector,
                        root,
                        sectorWord,
                        sites > 1 ? city : null,
                        city,
                        supplierId,
                        supplierName));
            }
        }
        buildLinks(windowStart, windowEnd);
        return this;
    }

    private void buildAgencies() {
        int id = 0;
        for (World.Country c : world.countries()) {
            for (int i = 0; i < world.agencies().poolPerCountry(); i++) {
                String word = rng.pick(Names.GENERIC) + " " + rng.pick(Names.AGENCY_WORDS);
                String name = legal(c.code(), word, 0);
                agencies.add(new Agency(
                        id++,
                        c.code(),
                        name,
                        word,
                        rng.normal(0, world.prevalence().agencySd())));
            }
        }
    }

    private final Map<String, Integer> rootsUsed = new HashMap<>();

    private String uniqueRoot(String countryCode) {
        for (int tries = 0; ; tries++) {
            String first = rng.chance(0.55) ? rng.pick(Names.LOCAL.get(countryCode)) : rng.pick(Names.GENERIC);
            String second = rng.pick(Names.GENERIC);
            if (first.equals(second)) continue;
            String root = first + " " + second;
            if (tries > 30) root = root + " " + (char) ('A' + rng.nextInt(26)) + (char) ('A' + rng.nextInt(26));
            if (!rootsUsed.containsKey(norm(root))) {
                rootsUsed.put(norm(root), 1);
                return root;
            }
        }
    }

    /** Name with the country's legal form (variant 0 = registered form). */
    static String legal(String countryCode, String core, int variant) {
        String sfx = Names.SUFFIX.get(countryCode)[variant];
        return Names.suffixIsPrefix(countryCode) ? sfx + " " + core : core + " " + sfx;
    }

    private Facility makeFacility(
            String countryCode,
            String sector,
            String root,
            String sectorWord,
            String siteQualifier,
            String city,
            String supplierId,
            String supplierName) {
        Facility facility = new Facility();
        facility.index = facilities.size();
        facility.id = String.format(Locale.ROOT, "F%06d", facility.index + 1);
        facility.country = countryCode;
        facility.sector = sector;
        facility.city = city;
        World.Country country = world.country(countryCode);
        String core = root + " " + sectorWord + (siteQualifier == null ? "" : " (" + siteQualifier + ")");
        facility.name = legal(countryCode, core, 0);
        facility.supplierId = supplierId;
        facility.supplierName = supplierName == null ? facility.name : supplierName;
        facility.address = (1 + rng.nextInt(899)) + " " + rng.pick(Names.STREETS);
        double hc = Math.exp(
                Math.log(world.headcount().median()) + world.headcount().sigma() * rng.normal());
        facility.headcount = (int)
                Math.max(world.headcount().min(), Math.min(world.headcount().max(), Math.round(hc)));
        World.Sector sec = world.sector(sector);
        double ms = rng.uniform(
                        country.migrantShare().get(0), country.migrantShare().get(1))
                * sec.migrantFactor();
        facility.migrantShare = Math.max(0, Math.min(0.9, ms));
        int k = rng.between(
                world.agencies().perFacility().get(0),
                world.agencies().perFacility().get(1));
        List<Agency> pool =
                agencies.stream().filter(a -> a.country().equals(countryCode)).toList();
        int[] picked = new int[Math.min(k, pool.size())];
        double eff = 0;
        for (int i = 0; i < picked.length; i++) {
            Agency a;
            do {
                a = rng.pick(pool);
            } while (contains(picked, i, a.id()));
            picked[i] = a.id();
            eff += a.effect();
        }
        facility.agencies = picked;
        facility.agencyEffect = picked.length == 0 ? 0 : eff / picked.length;
        facility.scheme = rng.weighted(sec.schemes());
        facility.helpline = rng.chance(country.helplineBShare()) ? "helpline_ngo_b" : "helpline_ngo_a";
        String os;
        do {
            os = Ids.osId(countryCode, rng.between(2016, 2024), rng.between(1, 365), rng.nextLong());
        } while (osIndex.containsKey(os));
        facility.osId = os;
        osIndex.put(os, facility.index);
        makeVariants(facility, root, sectorWord, siteQualifier, core);
        return facility;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) if (a[i] == v) return true;
        return false;
    }

    private void makeVariants(Facility facility, String root, String sectorWord, String site, String core) {
        String countryCode = facility.country;
        List<String> names = new ArrayList<>();
        List<Byte> kinds = new ArrayList<>();
        claim(facility, facility.name, Facility.REGISTERED, names, kinds, true);
        claim(facility, core, Facility.NO_SUFFIX, names, kinds, false);
        claim(
                facility,
                root + " " + sectorWord + (site == null ? "" : " " + site),
                Facility.SHORT,
                names,
                kinds,
                false);
        String[] sfx = Names.SUFFIX.get(countryCode);
        claim(
                facility,
                legal(countryCode, core, 1 + rng.nextInt(sfx.length - 1)),
                Facility.SUFFIX_VARIANT,
                names,
                kinds,
                false);
        claim(
                facility,
                facility.name.toUpperCase(Locale.ROOT).replace(".", "").replace(",", ""),
                Facility.UPPER,
                names,
                kinds,
                false);
        StringBuilder abbr = new StringBuilder();
        for (String w : (root + " " + sectorWord).split(" ")) abbr.append(Character.toUpperCase(w.charAt(0)));
        claim(facility, abbr + " " + facility.city, Facility.ABBREVIATION, names, kinds, false);
        claim(
                facility,
                legal(countryCode, typo(root) + " " + sectorWord + (site == null ? "" : " (" + site + ")"), 0),
                Facility.TYPO,
                names,
                kinds,
                false);
        String spaced = root.contains(" ") ? root.replaceFirst(" ", "") : root;
        claim(
                facility,
                legal(countryCode, spaced + " " + sectorWord + (site == null ? "" : " (" + site + ")"), 1 % sfx.length),
                Facility.SPACING,
                names,
                kinds,
                false);
        facility.variants = names.toArray(new String[0]);
        facility.kinds = new byte[kinds.size()];
        for (int i = 0; i < facility.kinds.length; i++) facility.kinds[i] = kinds.get(i);
        // The supplier list carries some of the variants as known aliases (never the typo).
        List<String> master = new ArrayList<>();
        for (int i = 1; i < facility.variants.length; i++) {
            if ((facility.kinds[i] == Facility.SHORT || facility.kinds[i] == Facility.ABBREVIATION) && rng.chance(0.6))
                master.add(facility.variants[i]);
        }
        facility.masterAliases = String.join("|", master);
    }

    private void claim(Facility facility, String name, byte kind, List<String> names, List<Byte> kinds, boolean must) {
        String key = norm(name);
        Integer owner = nameIndex.get(key);
        if (owner != null && owner != facility.index) {
            if (must) throw new IllegalStateException("duplicate registered name " + name);
            return; // ambiguous across facilities: this variant is not used
        }
        if (names.contains(name)) return;
        nameIndex.put(key, facility.index);
        names.add(name);
        kinds.add(kind);
    }

    private String typo(String s) {
        char[] c = s.toCharArray();
        int i = 1 + rng.nextInt(Math.max(1, c.length - 2));
        if (c[i] == ' ' || c[i - 1] == ' ') i = Math.min(c.length - 1, i + 1);
        switch (rng.nextInt(3)) {
            case 0 -> { // drop a character
                return s.substring(0, i) + s.substring(Math.min(s.length(), i + 1));
            }
            case 1 -> { // swap two characters
                if (i + 1 < c.length && c[i + 1] != ' ') {
                    char t = c[i];
                    c[i] = c[i + 1];
                    c[i + 1] = t;
                    return new String(c);
                }
                return s.substring(0, i) + c[i] + s.substring(i);
            }
            default -> { // double a character
                return s.substring(0, i) + c[i] + s.substring(i);
            }
        }
    }

    private void buildLinks(LocalDate start, LocalDate end) {
        World.BrandLinks brandLinks = world.brandLinks();
        int n = facilities.size();
        long daysBefore = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2018, 1, 1), start);
        long window = java.time.temporal.ChronoUnit.DAYS.between(start, end);
        List<BrandLink> moves = new ArrayList<>();
        for (World.Brand b : world.brands()) {
            // Weighted sampling without replacement (Efraimidis-Spirakis keys), exact share.
            double[] key = new double[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                double w = b.sectors().contains(facilities.get(i).sector) ? brandLinks.focusWeight() : 1.0;
                key[i] = Math.pow(rng.uniform(), 1.0 / w);
                order[i] = i;
            }
            Arrays.sort(
                    order,
                    (x, y) -> Double.compare(key[y], key[x]) != 0
                            ? Double.compare(key[y], key[x])
                            : Integer.compare(x, y));
            int m = (int) Math.round(b.share() * n);
            int[] chosen = new int[m];
            for (int i = 0; i < m; i++) chosen[i] = order[i];
            Arrays.sort(chosen);
            for (int fi : chosen) {
                LocalDate from = rng.chance(brandLinks.startedBeforeShare())
                        ? LocalDate.of(2018, 1, 1).plusDays(rng.nextInt((int) daysBefore))
                        : start.plusDays(rng.nextInt((int) (window * 3 / 4)));
                LocalDate to = null;
                if (rng.chance(brandLinks.endedShare())) {
                    LocalDate lo = from.isAfter(start) ? from : start;
                    long span = java.time.temporal.ChronoUnit.DAYS.between(lo, end);
                    to = lo.plusDays(30 + rng.nextInt((int) Math.max(1, span - 30)));
                    if (rng.chance(brandLinks.moveShare())) {
                        World.Brand other;
                        do {
                            other = rng.pick(world.brands());
                        } while (other == b);
                        moves.add(new BrandLink(other.id(), other.name(), fi, to.plusDays(1 + rng.nextInt(90)), null));
                    }
                }
                links.add(new BrandLink(b.id(), b.name(), fi, from, to));
            }
        }
        links.addAll(moves);
        links.sort((x, y) -> x.brandId().compareTo(y.brandId()) != 0
                ? x.brandId().compareTo(y.brandId())
                : x.facility() != y.facility()
                        ? Integer.compare(x.facility(), y.facility())
                        : x.from().compareTo(y.from()));
    }
}
