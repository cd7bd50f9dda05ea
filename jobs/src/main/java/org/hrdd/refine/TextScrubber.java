package org.hrdd.refine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes direct identifiers from free text before it reaches silver: e-mail addresses, phone numbers
 * (Thai, Malaysian, Myanmar, Indian, Nepali and international formats), passport and national-ID-like numbers,
 * and the names that appear in the row's own identifier columns. Works on any script: the patterns are
 * ASCII-anchored and names are matched as written. Pure Java.
 */
public final class TextScrubber {

    public static final String EMAIL = "[EMAIL]";
    public static final String PHONE = "[PHONE]";
    public static final String ID = "[ID]";
    public static final String NAME = "[NAME]";

    private static final Pattern EMAIL_RE = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /**
     * Phone numbers: an optional + and country code, then 8-13 digits possibly grouped by spaces, dots or
     * dashes (e.g. +66 81 234 5678, 081-234-5678, +60 12-345 6789, 09 420 123 456, +91 98765 43210).
     */
    private static final Pattern PHONE_RE =
            Pattern.compile("(?<![\\p{Alnum}])(?:\\+|00)?\\d(?:[\\s.\\-()]{0,2}\\d){7,13}(?![\\p{Alnum}])");
    /** Passport / ID numbers: 1-2 letters followed by 6-9 digits (MA1234567, P1234567, A12345678). */
    private static final Pattern PASSPORT_RE =
            Pattern.compile("(?<![\\p{Alnum}])[A-Za-z]{1,2}\\d{6,9}(?![\\p{Alnum}])");
    /** Thai national ID 1-2345-67890-12-3 and similar dashed 13-digit forms. */
    private static final Pattern NATIONAL_ID_RE =
            Pattern.compile("(?<![\\p{Alnum}])\\d-\\d{4}-\\d{5}-\\d{2}-\\d(?![\\p{Alnum}])");

    /** Scrubbed text and how many identifiers of each kind were removed. */
    public record Result(String text, int emails, int phones, int ids, int names) {
        public int total() {
            return emails + phones + ids + names;
        }
    }

    private TextScrubber() {}

    /**
     * @param text free text (may be null)
     * @param names names from the row's identifier columns (worker name, ...); each full name and each of its
     *              parts of at least 3 characters is removed
     */
    public static Result scrub(String text, Collection<String> names) {
        return scrub(text, names, false);
    }

    /**
     * Like {@link #scrub(String, Collection)}; with {@code titledNames}, also every capitalised name of up to three
     * words after an honorific or a role ("union leader Budi Santoso", "Mr. Aung Min", "Ibu Sari"): the people a
     * third party's grievance names are in no identifier column of the row.
     */
    public static Result scrub(String text, Collection<String> names, boolean titledNames) {
        if (text == null || text.isEmpty()) {
            return new Result(text, 0, 0, 0, 0);
        }
        int[] counts = new int[4];
        String s = replace(EMAIL_RE, text, EMAIL, counts, 0);
        s = replace(NATIONAL_ID_RE, s, ID, counts, 2);
        s = replace(PASSPORT_RE, s, ID, counts, 2);
        s = replacePhones(s, counts);
        for (String name : nameVariants(names)) {
            Matcher m = Pattern.compile(
                            "(?<![\\p{L}\\p{M}])" + Pattern.quote(name) + "(?![\\p{L}\\p{M}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                counts[3]++;
                m.appendReplacement(sb, Matcher.quoteReplacement(NAME));
            }
            m.appendTail(sb);
            s = sb.toString();
        }
        if (titledNames) {
            Matcher m = TITLED_NAME_RE.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                counts[3]++;
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + NAME));
            }
            m.appendTail(sb);
            s = sb.toString();
        }
        return new Result(s, counts[0], counts[1], counts[2], counts[3]);
    }

    /**
     * An honorific or a role word, then one to three capitalised words (the name). The role word matches in any case,
     * the name only capitalised, so "the leader said" keeps its words.
     */
    private static final Pattern TITLED_NAME_RE = Pattern.compile("((?<![\\p{L}\\p{M}])(?i:mr|mrs|ms|dr|pak|bu|ibu"
            + "|bapak|leader|chairman|chairwoman|chairperson|secretary|president|activist|organi[sz]er|representative"
            + "|spokesperson|spokesman|spokeswoman|lawyer|journalist|villager|farmer|named|called)\\.?,?\\s+)"
            + "(?:\\p{Lu}[\\p{L}\\p{M}'\\-]+)(?:\\s+\\p{Lu}[\\p{L}\\p{M}'\\-]+){0,2}");

    private static String replace(Pattern p, String text, String token, int[] counts, int slot) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            counts[slot]++;
            m.appendReplacement(sb, Matcher.quoteReplacement(token));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Like {@link #replace} for phone numbers, but a date (2026-03-04, 04/03/2026) is not a phone number. */
    private static String replacePhones(String text, int[] counts) {
        Matcher m = PHONE_RE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (DATE_RE.matcher(m.group().strip()).matches()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
            } else {
                counts[1]++;
                m.appendReplacement(sb, Matcher.quoteReplacement(PHONE));
            }
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static final Pattern DATE_RE =
            Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}");

    /** Full names first, then their parts (longest first so "Aung Aung" goes before "Aung"). */
    static List<String> nameVariants(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n == null || n.isBlank()) {
                continue;
            }
            String full = n.strip().replaceAll("\\s+", " ");
            if (!out.contains(full)) {
                out.add(full);
            }
            for (String part : full.split(" ")) {
                if (part.codePointCount(0, part.length()) >= 3
                        && !out.contains(part)
                        && !TITLES.contains(part.toLowerCase(Locale.ROOT))) {
                    out.add(part);
                }
            }
        }
        out.sort(Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** Honorifics are not identifying on their own. */
    private static final List<String> TITLES =
            List.of("mr", "mrs", "ms", "miss", "u", "daw", "ma", "ko", "nai", "nang", "khun", "mr.", "mrs.", "ms.");
}
