package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDatesTest {

    static final LocalDate RUN = LocalDate.of(2026, 10, 20);

    final SourceDates iso = new SourceDates(List.of("yyyy-MM-dd"));
    final SourceDates dmy = new SourceDates(List.of("dd/MM/yyyy"));
    final SourceDates capLog = new SourceDates(List.of("yyyy-MM-dd", "dd/MM/yyyy", "excel_serial"));

    @Test
    void acceptsDeclaredAndUnambiguousFormats() {
        assertThat(iso.parse("2026-03-04", RUN).date()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(dmy.parse("04/03/2026", RUN).date()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(dmy.parse("2026-03-04", RUN).date())
                .as("ISO is always accepted")
                .isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(iso.parse("3 Mar 2026", RUN).date()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(iso.parse(" 3 march 2026 ", RUN).date()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(iso.parse("2026-03-04T23:10:00+07:00", RUN).date())
                .as("local date of the timestamp")
                .isEqualTo(LocalDate.of(2026, 3, 4));
    }

    @Test
    void readsBuddhistEraYearsAndExcelSerials() {
        assertThat(iso.parse("2566-05-17", RUN).date()).isEqualTo(LocalDate.of(2023, 5, 17));
        assertThat(dmy.parse("17/05/2569", RUN).date()).isEqualTo(LocalDate.of(2026, 5, 17));
        // 45000 days after 1899-12-30 is 2023-03-15 (Excel's serial for that day).
        assertThat(capLog.parse("45000", RUN).date()).isEqualTo(LocalDate.of(2023, 3, 15));
        assertThat(capLog.parse("46000.0", RUN).date()).isEqualTo(LocalDate.of(2025, 12, 9));
        assertThat(iso.parse("2566-05-17", RUN).converted()).isEqualTo(SourceDates.BUDDHIST_ERA);
        assertThat(capLog.parse("45000", RUN).converted()).isEqualTo(SourceDates.EXCEL_SERIAL);
        assertThat(iso.parse("2023-05-17", RUN).converted())
                .as("read as written")
                .isNull();
        assertThat(iso.parse("45000", RUN).reason())
                .as("serials only where the source declares them")
                .isEqualTo(SourceDates.BAD_DATE);
    }

    @Test
    void aDeclaredFormatWithoutADayReadsAPartialDateWithItsPrecision() {
        SourceDates tracker = new SourceDates(List.of("yyyy-MM-dd", "yyyy-MM-00", "MM/yyyy", "yyyy"));
        SourceDates.Parsed month = tracker.parse("2020-08-00", RUN);
        assertThat(month.date()).isEqualTo(LocalDate.of(2020, 8, 1));
        assertThat(month.precision()).isEqualTo(SourceDates.Precision.MONTH);
        assertThat(tracker.parse("08/2020", RUN).date()).isEqualTo(LocalDate.of(2020, 8, 1));
        SourceDates.Parsed year = tracker.parse("2019", RUN);
        assertThat(year.date()).isEqualTo(LocalDate.of(2019, 1, 1));
        assertThat(year.precision()).isEqualTo(SourceDates.Precision.YEAR);
        assertThat(tracker.parse("2020-08-17", RUN).precision()).isEqualTo(SourceDates.Precision.DAY);
        assertThat(tracker.parse("2020-13-00", RUN).reason()).isEqualTo(SourceDates.BAD_DATE);
        assertThat(tracker.parse("2026-11-00", RUN).reason())
                .as("a month that starts after the run date")
                .isEqualTo(SourceDates.FUTURE_DATE);
        assertThat(iso.parse("2020-08-00", RUN).reason())
                .as("only a feed that declares a partial format accepts one")
                .isEqualTo(SourceDates.BAD_DATE);
        assertThat(SourceDates.isPartial("yyyy-MM-00")).isTrue();
        assertThat(SourceDates.isPartial("dd/MM/yyyy")).isFalse();
        assertThat(SourceDates.isPartial("excel_serial")).isFalse();
    }

    @Test
    void impossibleUnparseableAndFutureDatesHaveReasons() {
        assertThat(iso.parse("2025-02-31", RUN).reason()).isEqualTo(SourceDates.BAD_DATE);
        assertThat(iso.parse("2021-05-00", RUN).reason()).isEqualTo(SourceDates.BAD_DATE);
        assertThat(dmy.parse("31/02/2025", RUN).reason()).isEqualTo(SourceDates.BAD_DATE);
        assertThat(iso.parse("yesterday", RUN).reason()).isEqualTo(SourceDates.BAD_DATE);
        assertThat(iso.parse("1899-12-31", RUN).reason()).isEqualTo(SourceDates.BAD_DATE);
        SourceDates.Parsed future = iso.parse("2026-10-21", RUN);
        assertThat(future.reason()).isEqualTo(SourceDates.FUTURE_DATE);
        assertThat(future.detail()).isEqualTo("'2026-10-21' is after the run date (of the run that quarantined it)");
        // the same quarantine row while the run date moves on and the date stays in the future
        assertThat(iso.parse("2026-10-21", RUN.minusDays(5))).isEqualTo(future);
        assertThat(iso.parse("2026-10-20", RUN).ok()).isTrue();
        assertThat(iso.parse("  ", RUN)).isEqualTo(new SourceDates.Parsed(null, null, null));
    }

    @Test
    void aFutureDateDetailNamesItsValuesAgain() {
        String one = iso.parse("2026-10-21", RUN).detail();
        String other = capLog.parse("17/11/2026", RUN).detail();
        assertThat(SourceDates.futureValues(one)).containsExactly("2026-10-21");
        // two dates of one row after the run date: Quarantine joins the details of one reason with "; "
        assertThat(SourceDates.futureValues(one + "; " + other)).containsExactly("2026-10-21", "17/11/2026");
        assertThat(SourceDates.futureValues("'x' is not a valid date in any accepted format"))
                .isEmpty();
    }
}
