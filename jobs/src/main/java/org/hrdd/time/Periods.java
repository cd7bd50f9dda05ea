package org.hrdd.time;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.config.ConfigException;

/**
 * Reporting periods: {@code 2026-07} (month), {@code 2026-Q3} (quarter), {@code 2026-H2} (half year),
 * {@code 2026} (year). Labels sort in time order within one granularity.
 */
public final class Periods {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    private Periods() {}

    /** A period: its label and first and last day. */
    public record Period(String label, Granularity granularity, LocalDate start, LocalDate end) {
        public boolean contains(LocalDate d) {
            return !d.isBefore(start) && !d.isAfter(end);
        }

        /** The period before this one. */
        public Period previous() {
            return of(start.minusDays(1), granularity);
        }

        public Period next() {
            return of(end.plusDays(1), granularity);
        }
    }

    public static Period of(LocalDate d, Granularity g) {
        return switch (g) {
            case MONTH -> new Period(
                    String.format(Locale.ROOT, "%d-%02d", d.getYear(), d.getMonthValue()),
                    g,
                    d.withDayOfMonth(1),
                    d.withDayOfMonth(d.lengthOfMonth()));
            case QUARTER -> {
                int q = (d.getMonthValue() - 1) / 3 + 1;
                LocalDate s = LocalDate.of(d.getYear(), (q - 1) * 3 + 1, 1);
                yield new Period(d.getYear() + "-Q" + q, g, s, s.plusMonths(3).minusDays(1));
            }
            case HALF_YEAR -> {
                int h = d.getMonthValue() <= 6 ? 1 : 2;
                LocalDate s = LocalDate.of(d.getYear(), h == 1 ? 1 : 7, 1);
                yield new Period(d.getYear() + "-H" + h, g, s, s.plusMonths(6).minusDays(1));
            }
            case YEAR -> new Period(
                    Integer.toString(d.getYear()),
                    g,
                    LocalDate.of(d.getYear(), 1, 1),
                    LocalDate.of(d.getYear(), 12, 31));
        };
    }

    /** Parses a label of the given granularity; a wrong label is a usage error naming it. */
    public static Period parse(String label, Granularity g) {
        String s = label == null ? "" : label.strip().toUpperCase(Locale.ROOT);
        Matcher m;
        LocalDate first =
                switch (g) {
                    case MONTH -> (m = MONTH.matcher(s)).matches()
                                    && Integer.parseInt(m.group(2)) >= 1
                                    && Integer.parseInt(m.group(2)) <= 12
                            ? LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1)
                            : null;
                    case QUARTER -> (m = QUARTER.matcher(s)).matches()
                            ? LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1)
                            : null;
                    case HALF_YEAR -> (m = HALF.matcher(s)).matches()
                            ? LocalDate.of(
                                    Integer.parseInt(m.group(1)), m.group(2).equals("1") ? 1 : 7, 1)
                            : null;
                    case YEAR -> (m = YEAR.matcher(s)).matches()
                            ? LocalDate.of(Integer.parseInt(m.group(1)), 1, 1)
                            : null;
                };
        if (first == null) {
            throw new ConfigException("period '" + label + "' is not a "
                    + g.name().toLowerCase(Locale.ROOT) + " label (e.g. " + example(g) + ")");
        }
        return of(first, g);
    }

    /** Spark expression: the period label of a date column. */
    public static Column label(Column date, Granularity g) {
        Column y = functions.year(date).cast("string");
        return switch (g) {
            case MONTH -> functions.date_format(date, "yyyy-MM");
            case QUARTER -> functions.concat(
                    y, functions.lit("-Q"), functions.quarter(date).cast("string"));
            case HALF_YEAR -> functions.concat(
                    y,
                    functions.lit("-H"),
                    functions
                            .when(functions.month(date).leq(6), functions.lit("1"))
                            .otherwise(functions.lit("2")));
            case YEAR -> y;
        };
    }

    private static String example(Granularity g) {
        return switch (g) {
            case MONTH -> "2026-07";
            case QUARTER -> "2026-Q3";
            case HALF_YEAR -> "2026-H2";
            case YEAR -> "2026";
        };
    }
}
