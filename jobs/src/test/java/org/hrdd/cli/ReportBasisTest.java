package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hrdd.reports.publish.ReportRequest;
import org.junit.jupiter.api.Test;

/**
 * A report's recorded basis is the same text in every JVM: the request's maps (held as {@code Map.copyOf}, whose order
 * changes from one JVM to the next) are written in key order, so a report asked again by another process is found up
 * to date. A request text in the record's own order fails here with 21 themes (their order would have to come out
 * sorted by chance).
 */
class ReportBasisTest {

    @Test
    void theRequestTextListsEveryMapInKeyOrder() {
        Map<String, String> themes = new LinkedHashMap<>();
        for (char c = 'u'; c >= 'a'; c--) {
            themes.put("theme_" + c, "Theme " + c);
        }
        Map<String, Double> tiers = new LinkedHashMap<>();
        tiers.put("medium", 38.0);
        tiers.put("critical", 57.0);
        tiers.put("high", 49.0);
        ReportRequest r = new ReportRequest(
                Path.of("/lh"),
                Path.of("/conf"),
                Path.of("/conf/indicators.yaml"),
                "B01",
                "2026-Q3",
                LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 9, 30),
                "m1",
                5,
                10,
                Path.of("/out"),
                new ReportRequest.Model(tiers, "2025-Q4", themes),
                ReportRequest.BRAND);
        String text = ReportCommand.requestText(r);
        assertThat(text)
                .contains("tiers {critical=57.0, high=49.0, medium=38.0}")
                .contains("themes {theme_a=Theme a, theme_b=Theme b, theme_c=Theme c,")
                .contains("scope brand B01")
                .contains("period 2026-Q3 2026-07-01 2026-09-30")
                .contains("k 5 min workers 10");
        int last = -1;
        for (char c = 'a'; c <= 'u'; c++) {
            int at = text.indexOf("theme_" + c + "=");
            assertThat(at).as("theme_" + c).isGreaterThan(last);
            last = at;
        }
    }
}
