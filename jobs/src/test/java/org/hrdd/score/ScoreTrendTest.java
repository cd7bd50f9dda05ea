package org.hrdd.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.AppConfig;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * A score's trend says something moved at the facility only when something about it arrived: a facility with no
 * worker reached, no audit and no CAP closed in the period gets "no_new_evidence", whatever its score did (before, a
 * facility with no evidence in two periods showed as "falling -8.3", recalibration moving its score).
 */
class ScoreTrendTest {

    @Test
    void aFacilityWithNothingNewInThePeriodHasNoTrendItsSupplierFollowsAnyOfItsFacilities() {
        SparkSession spark = SharedSpark.session();
        StructType cellSchema = new StructType()
                .add(GoldFacilityThemePeriod.FACILITY_ID, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.PERIOD, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.WORKERS_REACHED, DataTypes.LongType)
                .add(GoldFacilityThemePeriod.CAPS_CLOSED, DataTypes.LongType)
                .add(GoldFacilityThemePeriod.LAST_AUDIT_DATE, DataTypes.DateType);
        Dataset<Row> cells = spark.createDataFrame(
                List.of(
                        // F1: workers reached in Q3; F2: only an audit back in Q2 (still its last audit in Q3) and
                        // nothing else;
                        // F3: a CAP closed in Q3; F4: an audit dated in Q3
                        RowFactory.create("F1", "2026-Q3", 25L, 0L, null),
                        RowFactory.create("F2", "2026-Q2", 30L, 0L, Date.valueOf("2026-05-02")),
                        RowFactory.create("F2", "2026-Q3", 0L, 0L, Date.valueOf("2026-05-02")),
                        RowFactory.create("F3", "2026-Q3", 0L, 1L, null),
                        RowFactory.create("F4", "2026-Q3", 0L, 0L, Date.valueOf("2026-08-20"))),
                cellSchema);
        Map<String, Boolean> fresh =
                RiskScoring.newEvidence(cells, AppConfig.Granularity.QUARTER)
                        .filter("period = '2026-Q3'")
                        .collectAsList()
                        .stream()
                        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getBoolean(2)));
        assertThat(fresh).containsExactlyInAnyOrderEntriesOf(Map.of("F1", true, "F2", false, "F3", true, "F4", true));

        StructType scoreSchema = new StructType()
                .add(GoldRiskScore.SCOPE_TYPE, DataTypes.StringType)
                .add(GoldRiskScore.SCOPE_ID, DataTypes.StringType)
                .add(GoldRiskScore.PERIOD, DataTypes.StringType)
                .add(GoldRiskScore.SUPPLIER_ID, DataTypes.StringType)
                .add(GoldRiskScore.SCORE, DataTypes.DoubleType);
        Dataset<Row> scores = spark.createDataFrame(
                List.of(
                        RowFactory.create("facility", "F1", "2026-Q2", "S1", 60.0),
                        RowFactory.create("facility", "F1", "2026-Q3", "S1", 50.0),
                        RowFactory.create("facility", "F2", "2026-Q2", "S1", 60.0),
                        RowFactory.create("facility", "F2", "2026-Q3", "S1", 51.7),
                        RowFactory.create("facility", "F2b", "2026-Q2", "S2", 60.0),
                        RowFactory.create("facility", "F2b", "2026-Q3", "S2", 51.7),
                        RowFactory.create("supplier", "S1", "2026-Q2", "S1", 60.0),
                        RowFactory.create("supplier", "S1", "2026-Q3", "S1", 50.8),
                        RowFactory.create("supplier", "S2", "2026-Q2", "S2", 60.0),
                        RowFactory.create("supplier", "S2", "2026-Q3", "S2", 51.7)),
                scoreSchema);
        RiskScoring scoring = new RiskScoring(
                CellRiskTest.MODEL, null, null, 10, List.of("2026-Q2", "2026-Q3"), RiskScoring.Mode.FULL);
        Map<String, String> trend = scoring
                .withTrend(scores, RiskScoring.newEvidence(cells, AppConfig.Granularity.QUARTER))
                .filter("period = '2026-Q3'")
                .collectAsList()
                .stream()
                .collect(Collectors.toMap(
                        r -> r.<String>getAs(GoldRiskScore.SCOPE_TYPE) + ":" + r.<String>getAs(GoldRiskScore.SCOPE_ID),
                        r -> String.format(
                                java.util.Locale.ROOT,
                                "%s %.1f",
                                r.<String>getAs(GoldRiskScore.TREND),
                                r.<Double>getAs(GoldRiskScore.SCORE_CHANGE))));
        assertThat(trend)
                .containsEntry("facility:F1", "falling -10.0")
                // 8.3 points less with nothing new: no trend, the change kept
                .containsEntry("facility:F2", RiskScoring.NO_NEW_EVIDENCE + " -8.3")
                // F2b has no cell at all in the period: nothing arrived either
                .containsEntry("facility:F2b", RiskScoring.NO_NEW_EVIDENCE + " -8.3")
                .containsEntry("supplier:S1", "falling -9.2")
                .containsEntry("supplier:S2", RiskScoring.NO_NEW_EVIDENCE + " -8.3");
    }
}
