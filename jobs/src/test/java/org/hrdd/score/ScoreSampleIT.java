package org.hrdd.score;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.run.Progress;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.GoldRiskTheme;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.spark.Joins;
import org.hrdd.spark.Lakehouse;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.hrdd.time.Periods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The risk score on the sample world: its arithmetic, its rules, and its ranking against the world's truth. */
class ScoreSampleIT {

    static SparkSession spark;
    static Dataset<Row> scores;
    static Dataset<Row> themes;
    static String version;

    @BeforeAll
    static void score() {
        spark = SharedSpark.session();
        SampleLakehouse.scored();
        version = ScoreJob.Config.of(SampleLakehouse.config()).model().version();
        scores = spark.read()
                .format("delta")
                .load(SampleLakehouse.table(GoldRiskScore.TABLE))
                .filter(col(GoldRiskScore.MODEL_VERSION).equalTo(version))
                .cache();
        themes = spark.read()
                .format("delta")
                .load(SampleLakehouse.table(GoldRiskTheme.TABLE))
                .filter(col(GoldRiskTheme.MODEL_VERSION).equalTo(version))
                .cache();
    }

    /** The cached tables go with this class: later classes share the session, and its cache lookups. */
    @AfterAll
    static void release() {
        if (scores != null) {
            scores.unpersist();
        }
        if (themes != null) {
            themes.unpersist();
        }
    }

    @Test
    void everyFacilityAndSupplierIsScoredInEveryPeriod() {
        long facilities = spark.read()
                .format("delta")
                .load(SampleLakehouse.table(SilverFacility.TABLE))
                .count();
        long suppliers = spark.read()
                .format("delta")
                .load(SampleLakehouse.table(SilverFacility.TABLE))
                .select(SilverFacility.SUPPLIER_ID)
                .distinct()
                .count();
        long periods = SampleLakehouse.scored().periodsWritten().size();
        assertThat(periods).isEqualTo(8);
        assertThat(scores.filter(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                        .count())
                .isEqualTo(facilities * periods);
        assertThat(scores.filter(col(GoldRiskScore.SCOPE_TYPE).equalTo("supplier"))
                        .count())
                .isEqualTo(suppliers * periods);
        assertThat(themes.count()).isEqualTo(facilities * 21 * periods);
        assertThat(scores.filter(col(GoldRiskScore.TREND).equalTo("new")).count())
                .isEqualTo(facilities + suppliers); // only the first period has no previous score
    }

    @Test
    void peersAreTheOtherCoveredCellsOfTheCountrySectorOverTheHistoryWindow() {
        // recounted from gold.facility_theme_period: covered cells (enough workers, an estimate) of the same country x
        // sector x theme in the last period and the history window before it, the facility's own left out
        ScoreJob.Config cfg = ScoreJob.Config.of(SampleLakehouse.config());
        List<String> periods = new java.util.ArrayList<>(
                new java.util.TreeSet<>(SampleLakehouse.scored().periodsWritten()));
        String last = periods.get(periods.size() - 1);
        List<String> window = periods.subList(
                Math.max(0, periods.size() - 1 - cfg.model().history().periods()), periods.size());
        Dataset<Row> covered = spark.read()
                .format("delta")
                .load(SampleLakehouse.table(org.hrdd.schemas.Columns.GoldFacilityThemePeriod.TABLE))
                .filter(col("period")
                        .isin(window.toArray())
                        .and(col("workers_reached").geq(cfg.minWorkers()))
                        .and(col("prevalence_estimate").isNotNull()));
        Dataset<Row> group =
                covered.groupBy("country_code", "sector", "theme").count().withColumnRenamed("count", "_group");
        Dataset<Row> own = covered.groupBy("facility_id", "theme").count().withColumnRenamed("count", "_own");
        Dataset<Row> rows = themes.filter(col(GoldRiskTheme.PERIOD).equalTo(last))
                .select(
                        GoldRiskTheme.FACILITY_ID,
                        GoldRiskTheme.THEME,
                        GoldRiskTheme.COUNTRY_CODE,
                        GoldRiskTheme.SECTOR,
                        GoldRiskTheme.PEER_FACILITIES);
        List<Row> compared = Joins.left(
                        Joins.left(rows, group, "country_code", "sector", "theme"), own, "facility_id", "theme")
                .select(
                        col(GoldRiskTheme.PEER_FACILITIES),
                        org.apache
                                .spark
                                .sql
                                .functions
                                .coalesce(col("_group"), org.apache.spark.sql.functions.lit(0L))
                                .minus(org.apache.spark.sql.functions.coalesce(
                                        col("_own"), org.apache.spark.sql.functions.lit(0L)))
                                .as("expected"))
                .collectAsList();
        assertThat(compared).isNotEmpty().allSatisfy(r -> assertThat(r.getLong(0))
                .isEqualTo(r.getLong(1)));
        assertThat(compared.stream().filter(r -> r.getLong(0) > 0).count())
                .as("rows with peers")
                .isGreaterThan(compared.size() / 2);
    }

    @Test
    void driversAndThemeContributionsAddUpToTheScore() {
        Dataset<Row> facility = scores.filter(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"));
        Column parts = col("driver_1_contribution")
                .plus(col("driver_2_contribution"))
                .plus(col("driver_3_contribution"))
                .plus(col(GoldRiskScore.OTHER_CONTRIBUTION))
                .plus(col(GoldRiskScore.INHERENT_CONTRIBUTION));
        assertThat(scores.filter(abs(parts.minus(col(GoldRiskScore.SCORE))).gt(1e-6))
                        .count())
                .isZero();
        Dataset<Row> byTheme = themes.groupBy(
                        col(GoldRiskTheme.FACILITY_ID).as(GoldRiskScore.SCOPE_ID), col(GoldRiskTheme.PERIOD))
                .agg(sum(GoldRiskTheme.CONTRIBUTION).as("sum"));
        Dataset<Row> joined = Joins.inner(facility, byTheme, GoldRiskScore.SCOPE_ID, GoldRiskScore.PERIOD);
        assertThat(joined.count()).isEqualTo(facility.count());
        assertThat(joined.filter(abs(col("sum").minus(col(GoldRiskScore.SCORE))).gt(1e-6))
                        .count())
                .isZero();
        Column evidence = col(GoldRiskTheme.CONTRIBUTION_INHERENT_PRIOR)
                .plus(col(GoldRiskTheme.CONTRIBUTION_WORKER_VOICE))
                .plus(col(GoldRiskTheme.CONTRIBUTION_AUDIT))
                .plus(col(GoldRiskTheme.CONTRIBUTION_REMEDIATION))
                .plus(col(GoldRiskTheme.CONTRIBUTION_COVERAGE_GAP));
        assertThat(themes.filter(abs(evidence.minus(col(GoldRiskTheme.CONTRIBUTION)))
                                .gt(1e-9))
                        .count())
                .isZero();
        Column likelihood = col(GoldRiskTheme.LIKELIHOOD_PRIOR)
                .plus(col(GoldRiskTheme.LIKELIHOOD_WORKER_VOICE))
                .plus(col(GoldRiskTheme.LIKELIHOOD_AUDIT))
                .plus(col(GoldRiskTheme.LIKELIHOOD_REMEDIATION))
                .plus(col(GoldRiskTheme.LIKELIHOOD_COVERAGE_GAP));
        assertThat(themes.filter(abs(likelihood.minus(col(GoldRiskTheme.LIKELIHOOD)))
                                .gt(1e-12))
                        .count())
                .isZero();
    }

    @Test
    void aFacilityWithoutWorkerCoverageIsNeverInTierLow() {
        Dataset<Row> uncovered = scores.filter(col(GoldRiskScore.SCOPE_TYPE)
                .equalTo("facility")
                .and(col(GoldRiskScore.IS_WORKER_COVERED).equalTo(false)));
        assertThat(uncovered.count()).isPositive();
        assertThat(uncovered.filter(col(GoldRiskScore.TIER).equalTo("low")).count())
                .isZero();
        // and the floor is marked where it applied
        assertThat(scores.filter(col(GoldRiskScore.IS_TIER_FLOORED).and(col(GoldRiskScore.IS_WORKER_COVERED)))
                        .count())
                .isZero();
    }

    @Test
    void scoresRankTheWorldsHighRiskFacilitiesAndWorkerVoiceAddsToAudits() {
        ScoreJob.Config config = ScoreJob.Config.of(SampleLakehouse.config());
        Map<String, Dataset<Row>> inputs = ScoreJob.read(
                spark,
                new Lakehouse(SampleLakehouse.config().lakehouse()),
                SampleLakehouse.scored().versionsRead(),
                new LinkedHashMap<>());
        ScoreEvaluation.Report report = ScoreEvaluation.evaluate(
                spark,
                new ScoreJob(config, Progress.silent()),
                inputs,
                Periods.parse(SampleLakehouse.LAST_PERIOD, config.granularity()),
                SampleWorld.truth());
        java.io.StringWriter printed = new java.io.StringWriter();
        report.print(new java.io.PrintWriter(printed, true));
        System.out.println(printed);
        ScoreEvaluation.Metrics full = report.get(ScoreEvaluation.FULL, ScoreEvaluation.ALL);
        ScoreEvaluation.Metrics covered = report.get(ScoreEvaluation.FULL, ScoreEvaluation.COVERED);
        ScoreEvaluation.Metrics auditCovered = report.get(ScoreEvaluation.AUDIT_ONLY, ScoreEvaluation.COVERED);
        ScoreEvaluation.Metrics prior = report.get(ScoreEvaluation.PRIOR_ONLY, ScoreEvaluation.ALL);
        assertThat(full.facilityPeriods()).isEqualTo(200 * 8);
        assertThat(full.auc()).isGreaterThan(prior.auc());
        assertThat(full.auc()).isGreaterThanOrEqualTo(0.70);
        assertThat(covered.auc() - auditCovered.auc()).isGreaterThanOrEqualTo(0.10);
        assertThat(covered.precisionAt10()).isGreaterThan(auditCovered.precisionAt10());
    }

    @Test
    void scoringTheLastPeriodAloneGivesTheRowsOfScoringEveryPeriod() {
        ScoreJob.Config config = ScoreJob.Config.of(SampleLakehouse.config());
        ScoreJob job = new ScoreJob(config, Progress.silent());
        Periods.Period last = Periods.parse(SampleLakehouse.LAST_PERIOD, config.granularity());
        Map<String, Dataset<Row>> inputs = ScoreJob.read(
                spark,
                new Lakehouse(SampleLakehouse.config().lakehouse()),
                SampleLakehouse.scored().versionsRead(),
                new LinkedHashMap<>());
        try (ScoreJob.Scores alone = job.compute(inputs, last, RiskScoring.Mode.FULL, true)) {
            Dataset<Row> lastScores =
                    alone.scores().filter(col(GoldRiskScore.PERIOD).equalTo(last.label()));
            Dataset<Row> lastThemes =
                    alone.themes().filter(col(GoldRiskTheme.PERIOD).equalTo(last.label()));
            // history only: no rows before the second-last period (that one is scored for the trend)
            assertThat(alone.scores().select(GoldRiskScore.PERIOD).distinct().count())
                    .isEqualTo(2);
            Dataset<Row> fullScores = scores.filter(col(GoldRiskScore.PERIOD).equalTo(last.label()));
            assertThat(lastScores.count()).isEqualTo(fullScores.count()).isPositive();
            Dataset<Row> s = Joins.inner(
                    lastScores.select(
                            col(GoldRiskScore.SCOPE_TYPE),
                            col(GoldRiskScore.SCOPE_ID),
                            col(GoldRiskScore.SCORE).as("a"),
                            col(GoldRiskScore.PREVIOUS_SCORE).as("pa"),
                            col(GoldRiskScore.TIER).as("ta"),
                            col(GoldRiskScore.TREND).as("tra")),
                    fullScores.select(
                            col(GoldRiskScore.SCOPE_TYPE),
                            col(GoldRiskScore.SCOPE_ID),
                            col(GoldRiskScore.SCORE).as("b"),
                            col(GoldRiskScore.PREVIOUS_SCORE).as("pb"),
                            col(GoldRiskScore.TIER).as("tb"),
                            col(GoldRiskScore.TREND).as("trb")),
                    GoldRiskScore.SCOPE_TYPE,
                    GoldRiskScore.SCOPE_ID);
            assertThat(s.count()).isEqualTo(fullScores.count());
            assertThat(s.filter(abs(col("a").minus(col("b")))
                                    .gt(1e-9)
                                    .or(abs(col("pa").minus(col("pb"))).gt(1e-9))
                                    .or(col("pa").isNull().notEqual(col("pb").isNull()))
                                    .or(col("ta").notEqual(col("tb")))
                                    .or(col("tra").notEqual(col("trb"))))
                            .count())
                    .isZero();
            Dataset<Row> fullThemes = themes.filter(col(GoldRiskTheme.PERIOD).equalTo(last.label()));
            Dataset<Row> t = Joins.inner(
                    lastThemes.select(
                            col(GoldRiskTheme.FACILITY_ID),
                            col(GoldRiskTheme.THEME),
                            col(GoldRiskTheme.LIKELIHOOD).as("a"),
                            col(GoldRiskTheme.SEVERITY).as("sa")),
                    fullThemes.select(
                            col(GoldRiskTheme.FACILITY_ID),
                            col(GoldRiskTheme.THEME),
                            col(GoldRiskTheme.LIKELIHOOD).as("b"),
                            col(GoldRiskTheme.SEVERITY).as("sb")),
                    GoldRiskTheme.FACILITY_ID,
                    GoldRiskTheme.THEME);
            assertThat(t.count()).isEqualTo(fullThemes.count()).isEqualTo(lastThemes.count());
            assertThat(t.filter(abs(col("a").minus(col("b")))
                                    .gt(1e-9)
                                    .or(abs(col("sa").minus(col("sb"))).gt(1e-9)))
                            .count())
                    .isZero();
            // and every column, as multisets
            for (String table : List.of(GoldRiskScore.TABLE, GoldRiskTheme.TABLE)) {
                List<String> columns = org.hrdd.schemas.ContractLoader.loadAll().get(table).columnNames().stream()
                        .filter(c -> !c.equals(org.hrdd.schemas.Lineage.RUN_ID))
                        .toList();
                Dataset<Row> mine = (table.equals(GoldRiskScore.TABLE) ? lastScores : lastThemes);
                Dataset<Row> full = (table.equals(GoldRiskScore.TABLE) ? fullScores : fullThemes);
                org.hrdd.run.TableComparison.Outcome o =
                        org.hrdd.run.TableComparison.compare(table, full, mine, columns);
                assertThat(o.identical()).as(o.toString()).isTrue();
            }
        }
    }
}
