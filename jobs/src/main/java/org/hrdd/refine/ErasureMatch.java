package org.hrdd.refine;

import java.util.regex.Pattern;

/**
 * Where a worker's identifier appears in free text, however it was written. A phone number matches as its digits in
 * order with any spaces, dashes, dots, brackets or {@code +} between them (so {@code +66 81-234 5678} in a caseworker's
 * note is the caller id {@code 66812345678}), never inside a longer number; any other identifier matches as itself,
 * ignoring case. Pure Java; {@link #regex()} is a Java regular expression Spark's {@code regexp_replace} runs as is.
 */
public final class ErasureMatch {

    /** What an erased identifier becomes in text. */
    public static final String REDACTED = "[erased]";

    // as the pseudonymiser decides what is a phone number, so both agree on one identifier
    private static final Pattern PHONE_LIKE = Pattern.compile("[+\\d][\\d\\s().\\-]{6,}");

    private final String regex;
    private final Pattern pattern;

    private ErasureMatch(String regex) {
        this.regex = regex;
        this.pattern = Pattern.compile(regex);
    }

    public static ErasureMatch of(String identifier) {
        String s = identifier == null ? "" : identifier.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the identifier to erase is empty");
        }
        String digits = s.replaceAll("\\D", "");
        if (PHONE_LIKE.matcher(s).matches() && digits.length() >= 7) {
            // a leading + or opening bracket goes with the number
            StringBuilder re = new StringBuilder("(?<![0-9])(?:[+(]\\s*)*");
            for (int i = 0; i < digits.length(); i++) {
                re.append(i == 0 ? "" : "[\\s().+\\-]*").append(digits.charAt(i));
            }
            return new ErasureMatch(re.append("(?![0-9])").toString());
        }
        return new ErasureMatch("(?i)" + Pattern.quote(s));
    }

    public String regex() {
        return regex;
    }

    public boolean foundIn(String text) {
        return text != null && pattern.matcher(text).find();
    }

    public String redact(String text) {
        return text == null ? null : pattern.matcher(text).replaceAll(REDACTED);
    }
}
