package org.hrdd.reports.lakehouse;

import java.util.Locale;

/** The one place contract (and Spark) column types become DuckDB types. */
public final class DuckDbTypes {

    private DuckDbTypes() {}

    /** A contract physicalType ({@code string, long, int, double, boolean, date, timestamp}). */
    public static String of(String physicalType) {
        return switch (physicalType.toLowerCase(Locale.ROOT)) {
            case "string" -> "VARCHAR";
            case "long", "bigint" -> "BIGINT";
            case "int", "integer" -> "INTEGER";
            case "short" -> "SMALLINT";
            case "double" -> "DOUBLE";
            case "float" -> "FLOAT";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp", "timestamp_ntz" -> "TIMESTAMP";
            default -> {
                if (physicalType.startsWith("decimal")) {
                    yield physicalType.toUpperCase(Locale.ROOT);
                }
                throw new IllegalArgumentException("no DuckDB type for column type " + physicalType);
            }
        };
    }
}
