package org.hrdd.refine;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;

/** The crosswalks as Spark map lookups: (taxonomy, source code) → theme, (taxonomy, severity word) → severity. */
public final class CrosswalkColumns {

    private final Column themes;
    private final Column severities;
    private final Column outOfScope;

    public CrosswalkColumns(Taxonomies taxonomies) {
        Map<String, String> themeMap = new LinkedHashMap<>();
        Map<String, String> severityMap = new LinkedHashMap<>();
        Map<String, String> outOfScopeMap = new LinkedHashMap<>();
        for (Taxonomies.Crosswalk c : taxonomies.crosswalks().values()) {
            c.codes().forEach((code, theme) -> themeMap.put(key(c.taxonomy(), code), theme));
            c.outOfScope().forEach((code, area) -> outOfScopeMap.put(key(c.taxonomy(), code), area));
            c.severities().forEach((word, sev) -> severityMap.put(key(c.taxonomy(), word), sev));
        }
        this.themes = LiteralMaps.of(themeMap, "string");
        this.severities = LiteralMaps.of(severityMap, "string");
        this.outOfScope = LiteralMaps.of(outOfScopeMap, "string");
    }

    /** The area outside ESRS S2 a code belongs to (environment, land, ...), or null for any other code. */
    public Column outOfScope(Column taxonomy, Column code) {
        return element_at(outOfScope, key(taxonomy, code));
    }

    /** Codes compare case-insensitively after trimming. */
    static String key(String taxonomy, String code) {
        return taxonomy + "|" + code.strip().toLowerCase(Locale.ROOT);
    }

    private static Column key(Column taxonomy, Column code) {
        return concat(taxonomy, lit("|"), lower(trim(code)));
    }

    /** Canonical theme, or null for a code the crosswalk does not know. */
    public Column theme(Column taxonomy, Column code) {
        return element_at(themes, key(taxonomy, code));
    }

    /** Normalised severity, or null for a word the crosswalk does not know. */
    public Column severity(Column taxonomy, Column word) {
        return element_at(severities, key(taxonomy, word));
    }
}
