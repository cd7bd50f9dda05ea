package org.hrdd.refine;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** The crosswalks as Spark map lookups: (taxonomy, source code) → theme, (taxonomy, severity word) → severity. */
public final class CrosswalkColumns {

    private final Column themes;
    private final Column severities;

    public CrosswalkColumns(Taxonomies taxonomies) {
        List<Column> themeKeys = new ArrayList<>();
        List<Column> themeValues = new ArrayList<>();
        List<Column> sevKeys = new ArrayList<>();
        List<Column> sevValues = new ArrayList<>();
        for (Taxonomies.Crosswalk c : taxonomies.crosswalks().values()) {
            c.codes().forEach((code, theme) -> {
                themeKeys.add(lit(key(c.taxonomy(), code)));
                themeValues.add(lit(theme));
            });
            c.severities().forEach((word, sev) -> {
                sevKeys.add(lit(key(c.taxonomy(), word)));
                sevValues.add(lit(sev));
            });
        }
        this.themes = functions.map_from_arrays(functions.array(themeKeys.toArray(Column[]::new)),
                functions.array(themeValues.toArray(Column[]::new)));
        this.severities = sevKeys.isEmpty() ? functions.map() : functions.map_from_arrays(
                functions.array(sevKeys.toArray(Column[]::new)), functions.array(sevValues.toArray(Column[]::new)));
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
