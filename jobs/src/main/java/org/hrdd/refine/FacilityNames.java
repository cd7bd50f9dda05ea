package org.hrdd.refine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Normalises facility names as caseworkers and auditors type them, and scores how alike two names are.
 * Normal form: accents stripped, lower case, punctuation to spaces, {@code &} to "and", legal forms removed as whole
 * phrases at the edges of the name and of each parenthesised part (Co., Ltd. / Sdn Bhd / Pvt Ltd / PT ... Tbk / JSC /
 * Công ty TNHH / San. ve Tic. A.Ş. / S.A. de C.V. ...). A word that only looks like a legal form inside a name stays:
 * "Thanh Công" (success), "Casa de Campo", "San Miguel", "Hanoi Thể Thao". The compact form also drops the spaces, so
 * transliteration spacing ("Sri Thai" / "Srithai") does not matter. Pure Java.
 */
public final class FacilityNames {

    /** Legal forms that open a name (Vietnamese and Indonesian company types, a leading article), longest first. */
    private static final List<List<String>> LEGAL_PREFIXES =
            phrases("cong ty tnhh mtv", "cong ty tnhh", "cong ty co phan", "cong ty cp", "cong ty", "pt", "cv", "the");

    /** Legal forms that close a name, longest first. */
    private static final List<List<String>> LEGAL_SUFFIXES = phrases(
            "public company limited",
            "public co ltd",
            "joint stock company",
            "joint stock",
            "sanayi ve ticaret ltd sti",
            "sanayi ve ticaret a s",
            "sanayi ve ticaret as",
            "san ve tic ltd sti",
            "san ve tic a s",
            "san ve tic as",
            "san tic a s",
            "san tic ltd sti",
            "san tic as",
            "company limited",
            "private limited",
            "sa de cv",
            "s a de c v",
            "co ltd",
            "co limited",
            "pvt ltd",
            "p ltd",
            "sdn bhd",
            "d o o",
            "doo",
            "s r l",
            "a s",
            "sdn berhad",
            "ltd sti",
            "s b",
            "ltd",
            "limited",
            "company",
            "co",
            "bhd",
            "berhad",
            "jsc",
            "tbk",
            "llc",
            "inc",
            "incorporated",
            "corp",
            "corporation",
            "plc",
            "pcl",
            "gmbh",
            "sa",
            "sas",
            "srl",
            "sti",
            "as",
            "tnhh",
            "mtv",
            "pt");

    private FacilityNames() {}

    private static List<List<String>> phrases(String... p) {
        return Arrays.stream(p)
                .map(x -> List.of(x.split(" ")))
                .sorted(java.util.Comparator.comparingInt((List<String> x) -> -x.size()))
                .toList();
    }

    /** Normal form with single spaces between the remaining words. */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        // Injected markup is not part of a name; dots inside abbreviations (P.T., J.S.C.) are not word breaks, a dot
        // after a word is ("Tic.A.S.", "Co.Ltd", "San.Tic.").
        String s = name.replaceAll("(?is)<script[^>]*>.*?</script>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("(?<=\\p{L}\\p{L})\\.(?=\\p{L})", " ")
                .replace(".", "");
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.toLowerCase(Locale.ROOT)
                .replace("&", " and ")
                .replace('đ', 'd')
                .replace('ı', 'i')
                .replace('ø', 'o');
        List<String> kept = new ArrayList<>();
        List<String> all = new ArrayList<>();
        // each part between parentheses has its own edges: "Garment (Hai Phong) JSC", "X Co., Ltd. (Bac Ninh)"
        for (String part : s.split("[()\\[\\]]")) {
            List<String> words = words(part);
            all.addAll(words);
            kept.addAll(withoutLegalEdges(words));
        }
        if (kept.isEmpty()) {
            return String.join(" ", all);
        }
        return String.join(" ", kept);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" ")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** The words without legal-form phrases at their start and end (repeatedly: "PT X Tbk", "X Co., Ltd. JSC"). */
    static List<String> withoutLegalEdges(List<String> words) {
        List<String> w = new ArrayList<>(words);
        boolean changed = true;
        while (changed && !w.isEmpty()) {
            changed = false;
            for (List<String> p : LEGAL_PREFIXES) {
                if (w.size() >= p.size() && w.subList(0, p.size()).equals(p)) {
                    w.subList(0, p.size()).clear();
                    changed = true;
                    break;
                }
            }
            for (List<String> p : LEGAL_SUFFIXES) {
                if (w.size() >= p.size()
                        && w.subList(w.size() - p.size(), w.size()).equals(p)) {
                    w.subList(w.size() - p.size(), w.size()).clear();
                    changed = true;
                    break;
                }
            }
        }
        return w;
    }

    /**
     * The initials of a name's words without legal forms and without a parenthesised place, e.g. "An Phu Evergreen
     * Garment (Hai Phong) JSC" → "apeg": caseworkers abbreviate a facility as initials plus its town.
     */
    public static String initials(String name) {
        String withoutPlace = name == null ? "" : name.replaceAll("\\([^)]*\\)", " ");
        StringBuilder sb = new StringBuilder();
        for (String w : normalise(withoutPlace).split(" ")) {
            if (!w.isEmpty()) {
                sb.appendCodePoint(w.codePointAt(0));
            }
        }
        return sb.toString();
    }

    /** Words that number a site: "unit 6", "plant no. 2", "branch #2", "phase II", "factory 3". */
    private static final java.util.regex.Pattern NUMBERED_SITE = java.util.regex.Pattern.compile(
            // a Roman numeral needs a space, dot or # before it: "Novi Sad" is no site "no vi", "Milli" no "mill i"
            "(?:\\b(?:unit|branch|facility|plant|factory|phase|site|block|building|bldg|line|mill|workshop)"
                    + "(?:\\.?\\s*(?:no\\.?\\s*)?#?\\s*(\\d{1,4})|(?:\\.\\s*|\\s+|\\s*#\\s*)(?:no\\.?\\s*)?"
                    + "(i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xvi{0,3}|xix|xx))|#\\s*(\\d{1,4}))\\b");

    /** A site word glued to its number, as exports run them together: "ltdunit14", "Plant2". */
    private static final java.util.regex.Pattern GLUED_SITE =
            java.util.regex.Pattern.compile("(?:unit|branch|plant|factory|phase)(\\d{1,4})\\b");

    /** A bare number or a Roman numeral of two letters or more closing the name ("... Ltd II", "... Garment 2"). */
    private static final java.util.regex.Pattern TRAILING_NUMBER =
            // two letters or more, and not "xi" (a pinyin syllable closing many Chinese names)
            java.util.regex.Pattern.compile("(?:^|\\s)(\\d{1,3}|ii|iii|iv|vi|vii|viii|ix)\\s*$");

    /**
     * The site numbers a name carries, sorted: after a site word ("unit 6", "branch #2", "phase II") and a number or
     * Roman numeral closing the name ("... Co., Ltd. II"). Sister sites that differ only by these are different
     * facilities, however alike the rest of their names.
     */
    public static List<Integer> siteNumbers(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[-,;:()\\[\\]/]", " ");
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        java.util.regex.Matcher m = NUMBERED_SITE.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= 3; g++) {
                Integer n = m.group(g) == null ? null : number(m.group(g));
                if (n != null) {
                    out.add(n);
                }
            }
        }
        java.util.regex.Matcher g = GLUED_SITE.matcher(text);
        while (g.find()) {
            out.add(Integer.parseInt(g.group(1)));
        }
        java.util.regex.Matcher t = TRAILING_NUMBER.matcher(text.replaceAll("[.\\s]+$", ""));
        if (t.find()) {
            Integer n = number(t.group(1));
            if (n != null) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    /** A decimal number or a well-formed Roman numeral (i to xxxix), else null. */
    static Integer number(String token) {
        if (token.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(token);
        }
        int value = 0;
        int prev = 0;
        for (int i = token.length() - 1; i >= 0; i--) {
            int v =
                    switch (token.charAt(i)) {
                        case 'i' -> 1;
                        case 'v' -> 5;
                        case 'x' -> 10;
                        default -> 0;
                    };
            if (v == 0) {
                return null;
            }
            value += v < prev ? -v : v;
            prev = Math.max(prev, v);
        }
        return roman(value).equals(token) ? value : null;
    }

    private static String roman(int n) {
        String[] tens = {"", "x", "xx", "xxx"};
        String[] ones = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
        return n < 1 || n > 39 ? "" : tens[n / 10] + ones[n % 10];
    }

    /** Normal form without spaces: the exact-match key. */
    public static String compact(String name) {
        return normalise(name).replace(" ", "");
    }

    /**
     * Similarity in [0, 1]: the best of Jaro-Winkler on the compact forms and on the sorted word lists
     * (word order swaps), so typos, dropped letters and reordered words score high, different names low.
     */
    public static double similarity(String a, String b) {
        return similarity(prepare(a), prepare(b));
    }

    /**
     * A name's two forms that {@link #similarity(Prepared, Prepared)} compares: normalising is far dearer than the
     * comparison, so a matcher prepares each name once, not once per pair.
     */
    public record Prepared(String compact, String sortedWords) {}

    public static Prepared prepare(String name) {
        String n = normalise(name);
        return n.isEmpty() ? new Prepared("", "") : new Prepared(n.replace(" ", ""), sortedWords(n));
    }

    /** {@link #similarity(String, String)} of prepared names. */
    public static double similarity(Prepared a, Prepared b) {
        if (a.compact().isEmpty() || b.compact().isEmpty()) {
            return 0;
        }
        return Math.max(jaroWinkler(a.compact(), b.compact()), jaroWinkler(a.sortedWords(), b.sortedWords()));
    }

    private static String sortedWords(String normalised) {
        String[] w = normalised.split(" ");
        Arrays.sort(w);
        return String.join("", w);
    }

    /** Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4). */
    static double jaroWinkler(String s1, String s2) {
        if (s1.equals(s2)) {
            return 1.0;
        }
        int len1 = s1.length();
        int len2 = s2.length();
        if (len1 == 0 || len2 == 0) {
            return 0.0;
        }
        int window = Math.max(0, Math.max(len1, len2) / 2 - 1);
        boolean[] m1 = new boolean[len1];
        boolean[] m2 = new boolean[len2];
        int matches = 0;
        for (int i = 0; i < len1; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(len2 - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!m2[j] && s1.charAt(i) == s2.charAt(j)) {
                    m1[i] = true;
                    m2[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < len1; i++) {
            if (m1[i]) {
                while (!m2[k]) {
                    k++;
                }
                if (s1.charAt(i) != s2.charAt(k)) {
                    transpositions++;
                }
                k++;
            }
        }
        double m = matches;
        double jaro = (m / len1 + m / len2 + (m - transpositions / 2.0) / m) / 3.0;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(len1, len2)) && s1.charAt(i) == s2.charAt(i); i++) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /** Words of addresses that say nothing of where a facility is. */
    private static final Set<String> ADDRESS_STOP_WORDS = Set.of(
            "no",
            "nr",
            "road",
            "rd",
            "street",
            "st",
            "str",
            "avenue",
            "ave",
            "lane",
            "the",
            "of",
            "and",
            "de",
            "del",
            "la",
            "el",
            "y",
            "district",
            "dist",
            "province",
            "prov",
            "city",
            "county",
            "town",
            "village",
            "industrial",
            "zone",
            "area",
            "park",
            "estate",
            "building",
            "bldg",
            "floor",
            "fl",
            "block",
            "plot",
            "lot",
            "unit",
            "room",
            "km",
            "co",
            "ltd",
            "sub",
            "tambon",
            "amphur",
            "amphoe",
            "moo",
            "mah",
            "sok",
            "cad",
            "sk");

    /**
     * An address's words: lower case, accents and punctuation gone, digits split from letters ("12cortes" is 12 and
     * cortes), stop words and one-letter words left out, each once.
     */
    static Set<String> addressWords(String address) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (address == null) {
            return out;
        }
        String s = Normalizer.normalize(address, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("(?<=\\d)(?=\\p{L})|(?<=\\p{L})(?=\\d)", " ");
        for (String w : s.split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 || (!w.isEmpty() && Character.isDigit(w.charAt(0)))) {
                if (!ADDRESS_STOP_WORDS.contains(w)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** Whether two addresses are one place, two places, or cannot tell. */
    public enum Place {
        SAME,
        DIFFERENT,
        UNKNOWN
    }

    /**
     * Two addresses are the same place when they share at least half of the shorter one's words; else different
     * places when both carry numbers (street, plot, building, postcode) and share none, or share less than a quarter of
     * the words and no number; else (or with fewer than three words on a side) nothing can be told. Measured on Open Supply Hub's labelled pairs: the
     * numbers rule out "shed no 37" against "block 36" where the words of a town and a zone agree.
     */
    public static Place place(String a, String b) {
        Set<String> x = addressWords(a);
        Set<String> y = addressWords(b);
        Double overlap = overlap(x, y);
        if (overlap == null) {
            return Place.UNKNOWN;
        }
        Set<String> nx = numbers(x);
        Set<String> ny = numbers(y);
        boolean sharedNumber = nx.stream().anyMatch(ny::contains);
        boolean otherNumbers = !nx.isEmpty() && !ny.isEmpty() && !sharedNumber;
        if (overlap >= 0.5) {
            return Place.SAME;
        }
        // a shared number (a postcode, a plot) keeps two differently written addresses from being two places
        return (overlap < 0.25 && !sharedNumber) || otherNumbers ? Place.DIFFERENT : Place.UNKNOWN;
    }

    private static Set<String> numbers(Set<String> words) {
        Set<String> out = new java.util.HashSet<>();
        for (String w : words) {
            if (w.chars().allMatch(Character::isDigit)) {
                out.add(w.replaceFirst("^0+(?=\\d)", ""));
            }
        }
        return out;
    }

    /**
     * How much two addresses share: the words they have in common over the words of the shorter (so a country or
     * province only one of them writes costs little); null when either has fewer than three words, too few to tell.
     */
    private static Double overlap(Set<String> x, Set<String> y) {
        if (x.size() < 3 || y.size() < 3) {
            return null;
        }
        long shared = x.stream().filter(y::contains).count();
        return (double) shared / Math.min(x.size(), y.size());
    }
}
