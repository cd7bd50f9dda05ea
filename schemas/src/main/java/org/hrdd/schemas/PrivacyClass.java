package org.hrdd.schemas;

import java.util.Locale;

/** How sensitive a column is; decides where it may flow (direct identifiers never leave bronze). */
public enum PrivacyClass {
    DIRECT_IDENTIFIER,
    QUASI_IDENTIFIER,
    SENSITIVE,
    NONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PrivacyClass fromCode(String code) {
        for (PrivacyClass c : values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown privacy class '" + code + "' (allowed: direct_identifier, quasi_identifier, sensitive, none)");
    }
}
