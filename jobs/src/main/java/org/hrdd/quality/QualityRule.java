package org.hrdd.quality;

import java.util.List;

/**
 * A data-quality rule in plain Java. {@code ERROR} rules guard what may reach silver; {@code WARNING} rules
 * only record metrics.
 *
 * @param threshold for COMPLETE / ALLOWED_VALUES / NON_NEGATIVE the share of rows that must pass (1.0 = all);
 *                  for ROW_COUNT_AT_LEAST the minimum number of rows
 */
public record QualityRule(
        String name,
        Level level,
        Kind kind,
        String column,
        List<String> otherColumns,
        List<String> allowedValues,
        double threshold) {

    public enum Level {
        ERROR,
        WARNING
    }

    public enum Kind {
        COMPLETE,
        UNIQUE,
        ALLOWED_VALUES,
        NON_NEGATIVE,
        ROW_COUNT_AT_LEAST
    }

    public QualityRule {
        otherColumns = List.copyOf(otherColumns);
        allowedValues = List.copyOf(allowedValues);
    }

    public static QualityRule complete(Level level, String column, double share) {
        return new QualityRule("complete(" + column + ")", level, Kind.COMPLETE, column, List.of(), List.of(), share);
    }

    public static QualityRule unique(Level level, List<String> key) {
        return new QualityRule(
                "unique(" + String.join(", ", key) + ")",
                level,
                Kind.UNIQUE,
                key.get(0),
                key.subList(1, key.size()),
                List.of(),
                1.0);
    }

    public static QualityRule allowed(Level level, String column, List<String> values, double share) {
        return new QualityRule("allowed(" + column + ")", level, Kind.ALLOWED_VALUES, column, List.of(), values, share);
    }

    public static QualityRule nonNegative(Level level, String column, double share) {
        return new QualityRule(
                "non_negative(" + column + ")", level, Kind.NON_NEGATIVE, column, List.of(), List.of(), share);
    }

    public static QualityRule rowsAtLeast(Level level, long rows) {
        return new QualityRule(
                "rows_at_least(" + rows + ")", level, Kind.ROW_COUNT_AT_LEAST, "*", List.of(), List.of(), rows);
    }
}
