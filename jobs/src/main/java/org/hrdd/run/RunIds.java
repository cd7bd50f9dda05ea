package org.hrdd.run;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: {@code r<run date>-<UTC start time>-<4 hex>}, sortable and readable in a report footer. */
public final class RunIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    private RunIds() {}

    /** Operational metadata: the start time only makes the id unique, logic never reads it. */
    public static String next(LocalDate runDate, ZonedDateTime startedAt) {
        return "r" + runDate.toString().replace("-", "") + "-"
                + startedAt.withZoneSameInstant(ZoneOffset.UTC).format(TIME) + "-"
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
