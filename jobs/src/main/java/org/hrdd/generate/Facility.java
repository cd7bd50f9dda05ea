package org.hrdd.generate;

/** One facility of the synthetic world: master data plus the hidden attributes that drive it. */
final class Facility {
    // Kinds of name variants (index into variants/kinds).
    static final byte REGISTERED = 0,
            NO_SUFFIX = 1,
            SHORT = 2,
            SUFFIX_VARIANT = 3,
            UPPER = 4,
            ABBREVIATION = 5,
            TYPO = 6,
            SPACING = 7;
    static final String[] KIND_NAMES = {
        "registered",
        "no_suffix",
        "short",
        "suffix_variant",
        "upper_case",
        "abbreviation",
        "typo",
        "transliteration_spacing"
    };

    int index;
    String id;
    String name;
    String country;
    String sector;
    String city;
    String address;
    String osId;
    int headcount;
    String supplierId;
    String supplierName;
    double migrantShare;
    int[] agencies;
    double agencyEffect;
    String scheme;
    String helpline; // helpline_ngo_a or helpline_ngo_b
    String[] variants;
    byte[] kinds;
    String masterAliases;

    /** Index of the first variant of a kind, or 0 (registered name) when the facility has none. */
    int variant(byte kind) {
        for (int i = 0; i < kinds.length; i++) if (kinds[i] == kind) return i;
        return 0;
    }
}
