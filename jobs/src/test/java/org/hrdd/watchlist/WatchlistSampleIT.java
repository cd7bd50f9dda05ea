package org.hrdd.watchlist;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;
import org.hrdd.reports.lakehouse.LakehouseSql;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldWatchlist;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gold.watchlist on the sample world, checked against the tables it rests on (not against its own rules' code): each
 * brand's blind spots are its indicator's audited-and-missed cells, a theme is withheld exactly when fewer than k
 * workers reported the cell, a brand lists only its own facilities; and the backtest against the world's truth.
 */
class WatchlistSampleIT {

    static final String P = SampleLakehouse.LAST_PERIOD;
    static SparkSession spark;
    static List<Row> items;

    @BeforeAll
    static void computed() {
        spark = SharedSpark.session();
        SampleLakehouse.indicators();
        items = table(GoldWatchlist.TABLE)
                .filter(col(GoldWatchlist.PERIOD).equalTo(P))
                .collectAsList();
    }

    static Dataset<Row> table(String name) {
        return spark.read().format("delta").load(SampleLakehouse.table(name));
    }

    @Test
    void blindSpotsAndSevereThemesAreTheCellsTheIndicatorsCount() {
        Map<String, Long> blind = items.stream()
                .filter(r -> r.<String>getAs(GoldWatchlist.KIND).equals("blind_spot"))
                .collect(Collectors.groupingBy(r -> r.<String>getAs(GoldWatchlist.SCOPE_ID), Collectors.counting()));
        List<Row> rates = table(GoldIndicatorValue.TABLE)
                .filter(col(GoldIndicatorValue.PERIOD)
                        .equalTo(P)
                        .and(col(GoldIndicatorValue.INDICATOR_ID).equalTo("audit_blind_spot_rate"))
                        .and(col(GoldIndicatorValue.DIMENSION).equalTo("total"))
                        .and(col(GoldIndicatorValue.IS_SUPPRESSED).equalTo(false)))
                .collectAsList();
        assertThat(rates).hasSizeGreaterThan(1);
        int compared = 0;
        for (Row r : rates) {
            long numerator = Math.round(r.<Double>getAs(GoldIndicatorValue.NUMERATOR));
            assertThat(blind.getOrDefault(r.<String>getAs(GoldIndicatorValue.SCOPE_ID), 0L))
                    .as(r.<String>getAs(GoldIndicatorValue.SCOPE_ID))
                    .isEqualTo(numerator);
            compared += numerator > 0 ? 1 : 0;
        }
        assertThat(compared).as("scopes with blind spots").isPositive();
        // a severe item is a worker-elevated cell with no audit in the window, of a listed theme
        Map<String, Row> cells = table(GoldFacilityThemePeriod.TABLE)
                .filter(col(GoldFacilityThemePeriod.PERIOD).equalTo(P))
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(
                        c -> c.getAs(GoldFacilityThemePeriod.FACILITY_ID) + "|"
                                + c.getAs(GoldFacilityThemePeriod.THEME),
                        c -> c));
        WatchlistRules rules = WatchlistRules.load(
                SampleWorld.conf().resolve(WatchlistRules.FILE_NAME),
                org.hrdd.refine.Taxonomies.load(SampleWorld.conf().resolve("taxonomy"))
                        .themes()
                        .keySet());
        long severe = 0;
        for (Row i : items) {
            String kind = i.getAs(GoldWatchlist.KIND);
            String theme = i.getAs(GoldWatchlist.THEME);
            if (!kind.equals("severe_unaudited") || theme == null) {
                continue;
            }
            Row c = cells.get(i.getAs(GoldWatchlist.FACILITY_ID) + "|" + theme);
            assertThat(c.<Boolean>getAs(GoldFacilityThemePeriod.IS_WORKER_ELEVATED))
                    .isTrue();
            assertThat(c.<Long>getAs(GoldFacilityThemePeriod.AUDITS_IN_WINDOW)).isZero();
            assertThat(rules.severeThemes()).contains(theme);
            severe++;
        }
        assertThat(severe).isPositive();
    }

    @Test
    void aThemeIsWithheldExactlyWhenFewerThanKWorkersReportedTheCell() {
        int k = SampleLakehouse.config().privacy().kThreshold();
        Map<String, List<Row>> cellsByFacility = table(GoldFacilityThemePeriod.TABLE)
                .filter(col(GoldFacilityThemePeriod.PERIOD)
                        .equalTo(P)
                        .and(col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED)))
                .collectAsList()
                .stream()
                .collect(Collectors.groupingBy(c -> c.getAs(GoldFacilityThemePeriod.FACILITY_ID)));
        int withheld = 0;
        for (Row i : items) {
            String kind = i.getAs(GoldWatchlist.KIND);
            if (!kind.equals("blind_spot") && !kind.equals("severe_unaudited")) {
                continue;
            }
            String theme = i.getAs(GoldWatchlist.THEME);
            if (i.<Boolean>getAs(GoldWatchlist.IS_THEME_WITHHELD)) {
                withheld++;
                assertThat(theme).isNull();
                // some elevated cell of the facility rests on fewer than k reporting workers
                assertThat(cellsByFacility.get(i.<String>getAs(GoldWatchlist.FACILITY_ID)))
                        .anyMatch(c -> c.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REPORTING) < k);
                assertThat(i.<String>getAs(GoldWatchlist.REASON) + i.getAs(GoldWatchlist.EVIDENCE))
                        .doesNotContainPattern("\\b[1-4] of \\d+ workers");
            } else {
                Row c = cellsByFacility.get(i.<String>getAs(GoldWatchlist.FACILITY_ID)).stream()
                        .filter(x -> theme.equals(x.getAs(GoldFacilityThemePeriod.THEME)))
                        .findFirst()
                        .orElseThrow();
                assertThat(c.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REPORTING))
                        .isGreaterThanOrEqualTo(k);
            }
        }
        assertThat(items).anyMatch(i -> i.getAs(GoldWatchlist.THEME) != null);
    }

    @Test
    void aBrandListsOnlyItsOwnFacilitiesAndEveryItemSaysWhatToDo() {
        AppConfig cfg = SampleLakehouse.config();
        org.hrdd.time.Periods.Period p =
                org.hrdd.time.Periods.parse(P, cfg.period().granularity());
        Map<String, Set<String>> linked = table(SilverBrandFacility.TABLE)
                .filter(col(SilverBrandFacility.VALID_FROM)
                        .leq(org.apache.spark.sql.functions.lit(Date.valueOf(p.end())))
                        .and(col(SilverBrandFacility.VALID_TO)
                                .isNull()
                                .or(col(SilverBrandFacility.VALID_TO)
                                        .geq(org.apache.spark.sql.functions.lit(Date.valueOf(p.start()))))))
                .collectAsList()
                .stream()
                .collect(Collectors.groupingBy(
                        r -> r.getAs(SilverBrandFacility.BRAND_ID),
                        Collectors.mapping(r -> r.<String>getAs(SilverBrandFacility.FACILITY_ID), Collectors.toSet())));
        assertThat(items).isNotEmpty();
        for (Row i : items) {
            String facility = i.getAs(GoldWatchlist.FACILITY_ID);
            if (i.<String>getAs(GoldWatchlist.SCOPE_TYPE).equals("brand") && facility != null) {
                assertThat(linked.get(i.<String>getAs(GoldWatchlist.SCOPE_ID)))
                        .as(i.toString())
                        .contains(facility);
            }
            assertThat(i.<String>getAs(GoldWatchlist.NEXT_STEP)).isNotBlank();
            assertThat(i.<String>getAs(GoldWatchlist.OWNER)).isNotBlank();
            assertThat(i.<String>getAs(GoldWatchlist.CSDDD)).startsWith("Art. ");
            assertThat(i.<String>getAs(GoldWatchlist.FIRST_LISTED_PERIOD)).isLessThanOrEqualTo(P);
        }
        assertThat(items.stream().map(i -> i.<String>getAs(GoldWatchlist.KIND)).distinct())
                .contains("critical_facility", "blind_spot", "severe_unaudited", "overdue_cap");
    }

    /** The rules replayed over every period against the world's truth: listed cells are truly high-risk. */
    @Test
    void backtestListsTrulyHighRiskCellsMostlyBeforeOrWithoutAudits() throws Exception {
        AppConfig cfg = SampleLakehouse.config();
        WatchlistSettings ws = WatchlistSettings.of(cfg);
        String model = org.hrdd.score.RiskModel.load(
                        cfg.riskModelFile(), ws.themeNames().keySet())
                .version();
        WatchlistBacktest.Result r;
        try (LakehouseSql sql = LakehouseSql.open(java.nio.file.Path.of(cfg.lakehouse()))) {
            r = new WatchlistBacktest(
                            new WatchlistItems(
                                    ws.rules(), cfg.privacy().kThreshold(), ws.themeNames(), ws.tierFloors()),
                            model)
                    .run(sql.connection(), SampleWorld.truth());
        }
        r.lines().forEach(System.out::println);
        assertThat(r.periods()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(r.cellItems()).isGreaterThan(20);
        assertThat(r.cellPrecision()).isGreaterThanOrEqualTo(0.85);
        assertThat(r.listedBeforeAudit() + r.listedSamePeriod() + r.listedAfterAudit() + r.neverAuditFlagged())
                .isEqualTo(r.cellsListedHighRisk());
        // audits find these cells late if ever: most truly high-risk listed cells were never or later flagged by one
        assertThat(r.listedBeforeAudit() + r.neverAuditFlagged())
                .isGreaterThan(r.listedAfterAudit() + r.listedSamePeriod());
    }
}
