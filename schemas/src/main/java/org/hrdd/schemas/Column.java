package org.hrdd.schemas;

import java.util.List;

/**
 * One column (ODCS "property") of a contract.
 *
 * @param physicalType one of string, long, int, double, boolean, date, timestamp
 * @param allowedValues empty when any value is allowed
 * @param minimum inclusive lower bound for numeric columns, or null
 * @param maximum inclusive upper bound for numeric columns, or null
 * @param pattern a regular expression every present value matches whole (ODCS {@code logicalTypeOptions.pattern}),
 *                or null; ids that become folder names carry one, so none can be {@code ..}, hold a separator or NUL
 */
public record Column(
        String name,
        String logicalType,
        String physicalType,
        boolean required,
        boolean unique,
        String classification,
        String description,
        PrivacyClass privacyClass,
        List<String> allowedValues,
        Double minimum,
        Double maximum,
        String pattern) {

    public static final List<String> PHYSICAL_TYPES =
            List.of("string", "long", "int", "double", "boolean", "date", "timestamp");

    public Column {
        allowedValues = List.copyOf(allowedValues);
    }

    /** Lineage and technical columns start with an underscore. */
    public boolean isTechnical() {
        return name.startsWith("_");
    }
}
