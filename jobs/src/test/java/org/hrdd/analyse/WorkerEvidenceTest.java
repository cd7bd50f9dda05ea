package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.AppConfig;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.spark.SharedSpark;
import org.hrdd.stats.BetaBinomialPrior;
import org.hrdd.stats.Interval;
import org.hrdd.stats.WilsonInterval;
import org.junit.jupiter.api.Test;

class WorkerEvidenceTest {

    static final AppConfig.AnalysisSettings SETTINGS = new AppConfig.AnalysisSettings(
            2,
            10,
            0.95,
            0.10,
            10,
            AppConfig.PriorMethod.METHOD_OF_MOMENTS,
            1.0,
            new AppConfig.RemediationSettings(1, 1, 2, 10, 0.05));
    static final ThemePriors PRIORS = new ThemePriors(
            1,
            0.01,
            0.5,
            20,
            20,
            Map.of(
                    "t",
                    new ThemePriors.Theme(0.20, 0.70, 0.10),
                    "u",
                    new ThemePriors.Theme(0.10, 0.50, 0.05),
                    "v",
                    new ThemePriors.Theme(0.03, 0.45, 0.02)));

    @Test
    void benjaminiHochbergPerPeriodOverCellsWithEnoughWorkers() {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType()
                .add(GoldFacilityThemePeriod.FACILITY_ID, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.THEME, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.PERIOD, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.WORKERS_REACHED, DataTypes.LongType)
                .add(GoldFacilityThemePeriod.ELEVATION_P_VALUE, DataTypes.DoubleType)
                .add(GoldFacilityThemePeriod.SHRUNK_RATE, DataTypes.DoubleType)
                .add(GoldFacilityThemePeriod.ELEVATION_RATE, DataTypes.DoubleType);
        Dataset<Row> cells = spark.createDataFrame(
                List.of(
                        RowFactory.create("F1", "t", "P", 50L, 0.001, 0.4, 0.2),
                        RowFactory.create(
                                "F2", "t", "P", 50L, 0.01, 0.1, 0.2), // significant, but below the high-risk rate
                        RowFactory.create("F3", "t", "P", 50L, 0.03, 0.4, 0.2),
                        RowFactory.create("F4", "t", "P", 50L, 0.04, 0.4, 0.2),
                        RowFactory.create("F5", "t", "P", 50L, 0.5, 0.4, 0.2),
                        RowFactory.create(
                                "F6", "t", "P", 9L, 0.0001, 0.9, 0.2), // too few workers: not tested, not counted
                        RowFactory.create("F1", "t", "Q", 50L, 0.04, 0.4, 0.2)), // another period: m = 1
                schema);
        // p·m/i = .005, .025, .05, .05, .5 → q = running minimum from the top = .005, .025, .05, .05, .5
        List<Row> out = new WorkerEvidence(SETTINGS, PRIORS)
                .elevate(cells)
                .orderBy(GoldFacilityThemePeriod.PERIOD, GoldFacilityThemePeriod.FACILITY_ID)
                .select(GoldFacilityThemePeriod.ELEVATION_Q_VALUE, GoldFacilityThemePeriod.IS_WORKER_ELEVATED)
                .collectAsList();
        Double[] q =
                out.stream().map(r -> r.isNullAt(0) ? null : r.getDouble(0)).toArray(Double[]::new);
        assertThat(q[0]).isCloseTo(0.005, within(1e-12));
        assertThat(q[1]).isCloseTo(0.025, within(1e-12));
        assertThat(q[2]).isCloseTo(0.05, within(1e-12));
        assertThat(q[3]).isCloseTo(0.05, within(1e-12));
        assertThat(q[4]).isCloseTo(0.5, within(1e-12));
        assertThat(q[5]).isNull();
        assertThat(q[6]).isCloseTo(0.04, within(1e-12));
        assertThat(out).extracting(r -> r.getBoolean(1)).containsExactly(true, false, true, true, false, false, true);
    }

    @Test
    void cellsGetTheirGroupPriorShrinkageIntervalsAndHighRiskRate() {
        SparkSession spark = SharedSpark.session();
        List<Row> rows = new ArrayList<>();
        long[] k = {0, 2, 5, 9, 1, 3, 4, 12, 0, 6, 2, 8};
        long[] n = {40, 35, 50, 45, 30, 40, 38, 60, 25, 50, 33, 41};
        for (int i = 0; i < k.length; i++) {
            // theme t: twelve survey cells in one country x sector group; theme u: two cells only
            rows.add(RowFactory.create("F" + i, "t", "2026-Q3", "TH", "apparel", "S", 0L, n[i], 0L, k[i]));
            if (i < 2) {
                rows.add(RowFactory.create("F" + i, "u", "2026-Q3", "TH", "apparel", "S", 0L, n[i], 0L, k[i] / 2));
            }
            // theme v: nobody reports it anywhere (the demo world has such periods): still a proper prior
            rows.add(RowFactory.create("F" + i, "v", "2026-Q3", "TH", "apparel", "S", 0L, n[i], 0L, 0L));
        }
        rows.add(RowFactory.create("F99", "t", "2026-Q3", "TH", "apparel", "S", 0L, 0L, 0L, 0L));
        StructType schema = new StructType()
                .add(GoldFacilityThemePeriod.FACILITY_ID, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.THEME, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.PERIOD, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.COUNTRY_CODE, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.SECTOR, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.SUPPLIER_ID, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE, DataTypes.LongType)
                .add(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY, DataTypes.LongType)
                .add(GoldFacilityThemePeriod.WORKERS_REPORTING_HELPLINE, DataTypes.LongType)
                .add(GoldFacilityThemePeriod.WORKERS_REPORTING_SURVEY, DataTypes.LongType);
        List<Row> out = new WorkerEvidence(SETTINGS, PRIORS)
                .apply(spark, spark.createDataFrame(rows, schema))
                .orderBy(GoldFacilityThemePeriod.THEME, GoldFacilityThemePeriod.FACILITY_ID)
                .collectAsList();

        BetaBinomialPrior expected = BetaBinomialPrior.fitMoments(
                k, n, new BetaBinomialPrior.FitOptions(BetaBinomialPrior.Method.METHOD_OF_MOMENTS, 10, 1e4, 2));
        Row f2 = out.stream()
                .filter(r ->
                        r.getAs("facility_id").equals("F2") && r.getAs("theme").equals("t"))
                .findFirst()
                .orElseThrow();
        assertThat(f2.<String>getAs(GoldFacilityThemePeriod.PRIOR_SOURCE)).isEqualTo("country_sector");
        assertThat(f2.<Double>getAs(GoldFacilityThemePeriod.PRIOR_MEAN)).isCloseTo(expected.mean(), within(1e-9));
        assertThat(f2.<Double>getAs(GoldFacilityThemePeriod.PRIOR_STRENGTH))
                .isCloseTo(expected.strength(), within(1e-6));
        assertThat(f2.<Double>getAs(GoldFacilityThemePeriod.SHRUNK_RATE))
                .isCloseTo((expected.alpha() + 5) / (expected.strength() + 50), within(1e-9));
        Interval w = WilsonInterval.of(5, 50, 0.95);
        assertThat(f2.<Double>getAs(GoldFacilityThemePeriod.WORKER_RATE_LOWER)).isCloseTo(w.lower(), within(1e-12));
        assertThat(f2.<Double>getAs(GoldFacilityThemePeriod.WORKER_RATE_UPPER)).isCloseTo(w.upper(), within(1e-12));
        // survey only: high-risk rate 0.2·0.7 + 0.8·0.01
        assertThat(f2.<Double>getAs(GoldFacilityThemePeriod.ELEVATION_RATE)).isCloseTo(0.148, within(1e-12));
        assertThat(f2.<Double>getAs(GoldFacilityThemePeriod.SHRUNK_RATE_LOWER))
                .isLessThan(f2.<Double>getAs(GoldFacilityThemePeriod.SHRUNK_RATE));

        // theme u has two cells: below prior_min_groups, so the configured prior (0.05·0.5 + 0.95·0.01, strength 20)
        Row u0 = out.stream()
                .filter(r -> r.getAs("theme").equals("u"))
                .findFirst()
                .orElseThrow();
        assertThat(u0.<String>getAs(GoldFacilityThemePeriod.PRIOR_SOURCE)).isEqualTo("configured");
        assertThat(u0.<Double>getAs(GoldFacilityThemePeriod.PRIOR_MEAN)).isCloseTo(0.0345, within(1e-12));
        assertThat(u0.<Double>getAs(GoldFacilityThemePeriod.PRIOR_STRENGTH)).isCloseTo(20, within(1e-12));

        Row v0 = out.stream()
                .filter(r -> r.getAs("theme").equals("v"))
                .findFirst()
                .orElseThrow();
        assertThat(v0.<String>getAs(GoldFacilityThemePeriod.PRIOR_SOURCE)).isEqualTo("theme");
        assertThat(v0.<Double>getAs(GoldFacilityThemePeriod.PRIOR_MEAN))
                .isPositive()
                .isLessThan(0.01);
        assertThat(v0.<Double>getAs(GoldFacilityThemePeriod.SHRUNK_RATE_UPPER)).isLessThan(0.1);
        assertThat(v0.<Boolean>getAs(GoldFacilityThemePeriod.IS_WORKER_ELEVATED))
                .isFalse();

        // nobody reached: no rate, no prior source, not elevated
        Row f99 = out.stream()
                .filter(r -> r.getAs("facility_id").equals("F99"))
                .findFirst()
                .orElseThrow();
        assertThat(f99.<Object>getAs(GoldFacilityThemePeriod.WORKER_RATE)).isNull();
        assertThat(f99.<Object>getAs(GoldFacilityThemePeriod.SHRUNK_RATE)).isNull();
        assertThat(f99.<Object>getAs(GoldFacilityThemePeriod.PRIOR_SOURCE)).isNull();
        assertThat(f99.<Boolean>getAs(GoldFacilityThemePeriod.IS_WORKER_ELEVATED))
                .isFalse();
    }
}
