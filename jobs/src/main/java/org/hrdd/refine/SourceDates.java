package org.hrdd.refine;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the dates that exports really contain: the source's declared formats (conf/sources), ISO dates and
 * timestamps, {@code d MMM yyyy}, Thai Buddhist-era years (2566 → 2023) and Excel serial numbers (when the
 * source declares {@code excel_serial}). Strict: 2025-02-31 and 2021-05-00 are {@code BAD_DATE}; a date after
 * the run date is {@code FUTURE_DATE}. A declared format without a day ({@code yyyy-MM-00}, {@code MM/yyyy},
 * {@code yyyy}) reads a partial date: the first day of its month or year, with its {@link Precision}; only such a
 * declaration makes a partial date valid. Pure Java, no Spark, no wall clock.
 */
public final class SourceDates {

    public static final String BAD_DATE = "BAD_DATE";
    public static final String FUTURE_DATE = "FUTURE_DATE";
    public static final String EXCEL_SERIAL = "excel_serial";

    /** Buddhist era = Gregorian + 543; a year at or above this is read as Buddhist era. */
    static final int BUDDHIST_ERA_FROM = 2400;

    static final int BUDDHIST_ERA_OFFSET = 543;
    /** Dates before this are implausible for any export hrdd reads. */
    static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final Pattern SERIAL = Pattern.compile("\\d{4,6}(\\.0+)?");

    /** A parsed value: a date, or a reason code (and detail) why not; both null for a blank input. */
    /** A Buddhist-era year read as Gregorian (2566 → 2023), in {@link Parsed#converted}. */
    public static final String BUDDHIST_ERA = "buddhist_era";

    /** How precise a date is: a whole date, or only its month or year (the date is then the first day of it). */
    public enum Precision {
        DAY,
        MONTH,
        YEAR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param converted how a valid date was read, when not as written: {@link #BUDDHIST_ERA} or {@link #EXCEL_SERIAL}
     *                  (counted per file, so that a conversion is never silent); null otherwise
     * @param precision of a valid date; null otherwise
     */
    public record Parsed(LocalDate date, String reason, String detail, String converted, Precision precision) {
        public Parsed(LocalDate date, String reason, String detail) {
            this(date, reason, detail, null, date == null ? null : Precision.DAY);
        }

        public boolean ok() {
            return reason == null;
        }
    }

    /** A date as read, how if it was converted, and its precision. */
    private record Read(LocalDate date, String converted, Precision precision) {
        Read(LocalDate date, String converted) {
            this(date, converted, Precision.DAY);
        }
    }

    /** A declared format without a day: what it reads is only a month or a year. */
    private record Partial(DateTimeFormatter format, Precision precision) {}

    private final List<DateTimeFormatter> formats;
    private final List<Partial> partials;
    private final boolean excelSerial;

    /** Whether a declared date format reads a partial date (it has no day field). */
    public static boolean isPartial(String declared) {
        return !declared.equals(EXCEL_SERIAL) && !declared.contains("d") && !declared.contains("HH");
    }

    /** @param declared the source's date formats, as in conf/sources (e.g. {@code dd/MM/yyyy}, {@code excel_serial}) */
    public SourceDates(List<String> declared) {
        List<DateTimeFormatter> f = new ArrayList<>();
        List<Partial> p = new ArrayList<>();
        boolean serial = false;
        for (String d : declared) {
            if (d.equals(EXCEL_SERIAL)) {
                serial = true;
            } else if (isPartial(d)) {
                p.add(new Partial(strict(d), d.contains("M") ? Precision.MONTH : Precision.YEAR));
            } else if (!d.contains("HH")) {
                f.add(strict(d));
            }
        }
        for (String fallback : List.of("yyyy-MM-dd", "d MMM yyyy", "d MMMM yyyy")) {
            f.add(strict(fallback));
        }
        this.formats = List.copyOf(f);
        this.partials = List.copyOf(p);
        this.excelSerial = serial;
    }

    public Parsed parse(String raw, LocalDate runDate) {
        if (raw == null || raw.isBlank()) {
            return new Parsed(null, null, null);
        }
        String s = raw.strip();
        Read read = parseDate(s);
        LocalDate d = read == null ? null : read.date();
        if (d == null) {
            return new Parsed(null, BAD_DATE, "'" + s + "' is not a valid date in any accepted format");
        }
        if (d.isBefore(EARLIEST)) {
            return new Parsed(null, BAD_DATE, "'" + s + "' is before " + EARLIEST);
        }
        if (d.isAfter(runDate)) {
            // The detail does not name the run date: a row still in the future when the date moves on is the same
            // quarantine row, whose run (and its date, in ops.runs) says when it was judged.
            return new Parsed(null, FUTURE_DATE, "'" + s + FUTURE_DETAIL);
        }
        return new Parsed(d, null, null, read.converted(), read.precision());
    }

    private static final String FUTURE_DETAIL = "' is after the run date (of the run that quarantined it)";

    /**
     * The raw values a FUTURE_DATE quarantine detail names: one per date of the row that lay after the run date
     * (details of one reason are joined with "; "), as {@link #parse} wrote them.
     */
    public static List<String> futureValues(String detail) {
        List<String> values = new ArrayList<>();
        String[] parts = detail.split(Pattern.quote(FUTURE_DETAIL), -1);
        // each value is followed by the text: the part after the last one names none
        for (int i = 0; i < parts.length - 1; i++) {
            String p = parts[i].startsWith("; ") ? parts[i].substring(2) : parts[i];
            if (p.startsWith("'")) {
                values.add(p.substring(1));
            }
        }
        return values;
    }

    private Read parseDate(String s) {
        if (excelSerial && SERIAL.matcher(s).matches()) {
            return new Read(EXCEL_EPOCH.plusDays((long) Double.parseDouble(s)), EXCEL_SERIAL);
        }
        if (s.length() > 10 && s.charAt(4) == '-' && s.contains("T")) {
            try {
                return buddhist(OffsetDateTime.parse(s).toLocalDate());
            } catch (DateTimeParseException e) {
                s = s.substring(0, s.indexOf('T'));
            }
        }
        for (DateTimeFormatter f : formats) {
            try {
                return buddhist(LocalDate.parse(s, f));
            } catch (DateTimeException e) {
                // try the next format
            }
        }
        for (Partial p : partials) {
            try {
                java.time.temporal.TemporalAccessor t = p.format().parse(s);
                LocalDate first = p.precision() == Precision.MONTH
                        ? java.time.YearMonth.from(t).atDay(1)
                        : java.time.Year.from(t).atDay(1);
                Read r = buddhist(first);
                return new Read(r.date(), r.converted(), p.precision());
            } catch (DateTimeException e) {
                // try the next format
            }
        }
        return null;
    }

    /** Thai exports often write the Buddhist-era year (B.E. 2566 = 2023 CE). */
    private static Read buddhist(LocalDate d) {
        return d.getYear() >= BUDDHIST_ERA_FROM
                ? new Read(d.minusYears(BUDDHIST_ERA_OFFSET), BUDDHIST_ERA)
                : new Read(d, null);
    }

    private static DateTimeFormatter strict(String pattern) {
        // 'uuuu' (proleptic year) is what STRICT resolution needs; sources write 'yyyy'.
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern.replace("yyyy", "uuuu"))
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
