package org.hrdd.refine;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** A small Java map as a Spark map literal, for lookups with {@code element_at} (crosswalks, catalogues, rates). */
final class LiteralMaps {

    private LiteralMaps() {}

    /** An empty map comes out typed as {@code map<string,V>} with V taken from {@code emptyValueType}. */
    static Column of(Map<String, ?> m, String emptyValueType) {
        if (m.isEmpty()) {
            return functions.map().cast("map<string," + emptyValueType + ">");
        }
        return functions.map_from_arrays(
                functions.array(m.keySet().stream().map(functions::lit).toArray(Column[]::new)),
                functions.array(m.values().stream().map(functions::lit).toArray(Column[]::new)));
    }
}
