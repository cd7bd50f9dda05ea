package org.hrdd.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.functions;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.config.ConfigException;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

class PeriodsTest {

    @Test
    void labelsAndBoundsForEveryGranularity() {
        LocalDate d = LocalDate.of(2026, 8, 31);
        assertThat(Periods.of(d, Granularity.QUARTER))
                .isEqualTo(new Periods.Period(
                        "2026-Q3", Granularity.QUARTER, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30)));
        assertThat(Periods.of(d, Granularity.MONTH).label()).isEqualTo("2026-08");
        assertThat(Periods.of(d, Granularity.HALF_YEAR).end()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(Periods.of(d, Granularity.YEAR).label()).isEqualTo("2026");
        assertThat(Periods.parse("2026-q1", Granularity.QUARTER).previous().label())
                .isEqualTo("2025-Q4");
        assertThat(Periods.parse("2025-Q4", Granularity.QUARTER).next().label()).isEqualTo("2026-Q1");
        assertThat(Periods.parse("2024-02", Granularity.MONTH).end()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThatThrownBy(() -> Periods.parse("2026-Q5", Granularity.QUARTER))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'2026-Q5' is not a quarter label (e.g. 2026-Q3)");
        assertThatThrownBy(() -> Periods.parse("2026-13", Granularity.MONTH)).isInstanceOf(ConfigException.class);
    }

    @Test
    void sparkLabelsAgreeWithJavaLabels() {
        List<LocalDate> days = List.of(
                LocalDate.of(2024, 12, 31),
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 6, 30),
                LocalDate.of(2026, 7, 1));
        var df = SharedSpark.session()
                .createDataset(days.stream().map(Date::valueOf).toList(), Encoders.DATE())
                .toDF("d");
        for (Granularity g : Granularity.values()) {
            List<String> spark = df.select(Periods.label(functions.col("d"), g))
                    .as(Encoders.STRING())
                    .collectAsList();
            assertThat(spark)
                    .as(g.name())
                    .containsExactlyElementsOf(
                            days.stream().map(x -> Periods.of(x, g).label()).toList());
        }
    }
}
