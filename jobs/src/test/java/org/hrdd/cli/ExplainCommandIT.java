package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;

/** {@code hrdd explain} on the analysed sample lakehouse: the printed numbers and status are gold's, with evidence. */
class ExplainCommandIT {

    @Test
    void explainsAWorkerOnlyCellWithItsNumbersAndEvidence() {
        SampleLakehouse.analysed();
        Row cell = SharedSpark.session()
                .read()
                .format("delta")
                .load(SampleLakehouse.table(GoldFacilityThemePeriod.TABLE))
                .filter("period = '2026-Q3' AND corroboration_status = 'WORKER_ONLY'")
                .orderBy(GoldFacilityThemePeriod.FACILITY_ID, GoldFacilityThemePeriod.THEME)
                .first();
        String facility = cell.getAs(GoldFacilityThemePeriod.FACILITY_ID);
        String theme = cell.getAs(GoldFacilityThemePeriod.THEME);
        HrddCliIT.Result r = HrddCliIT.run(
                "explain",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--facility",
                facility,
                "--period",
                "2026-Q3",
                "--theme",
                theme);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("== " + theme + ": worker-only (WORKER_ONLY)")
                .contains("status means: worker reports significantly above the high-risk level")
                .contains("workers report it above the high-risk rate")
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "workers reached %d (helpline %d, survey %d)",
                        cell.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REACHED),
                        cell.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE),
                        cell.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY)))
                .contains(String.format(
                        java.util.Locale.ROOT, "shrunk %.3f", cell.<Double>getAs(GoldFacilityThemePeriod.SHRUNK_RATE)))
                .contains("evidence: worker signals")
                .contains("evidence: audit findings")
                .contains("evidence: CAPs");
        // pseudonyms never appear: only counts
        List<Row> pseudonyms = SharedSpark.session()
                .read()
                .format("delta")
                .load(SampleLakehouse.table("silver.worker_signal"))
                .filter(String.format("facility_id = '%s' AND theme = '%s' AND period = '2026-Q3'", facility, theme))
                .select("worker_pseudonym")
                .collectAsList();
        assertThat(pseudonyms).isNotEmpty();
        pseudonyms.forEach(p -> assertThat(r.out()).doesNotContain(p.getString(0)));

        HrddCliIT.Result all = HrddCliIT.run(
                "explain",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--facility",
                facility,
                "--period",
                "2026-Q3");
        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("theme").contains("status").contains(theme);

        HrddCliIT.Result missing = HrddCliIT.run(
                "explain",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--facility",
                "F999999",
                "--period",
                "2026-Q3");
        assertThat(missing.code()).isEqualTo(Hrdd.USAGE);
        assertThat(missing.err()).contains("F999999 is not in silver.facility");
        HrddCliIT.Result period = HrddCliIT.run(
                "explain",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--facility",
                facility,
                "--period",
                "2026Q3");
        assertThat(period.code()).isEqualTo(Hrdd.USAGE);
        assertThat(period.err()).contains("2026Q3").contains("quarter");
        HrddCliIT.Result typo = HrddCliIT.run(
                "explain",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--facility",
                facility,
                "--period",
                "2026-Q3",
                "--theme",
                "recruitment_fee");
        assertThat(typo.code()).isEqualTo(Hrdd.USAGE);
        assertThat(typo.err())
                .contains("recruitment_fee is not a canonical theme")
                .contains("recruitment_fees");
    }

    /** --for-sharing: a cell a handful of workers reported shows neither their count, nor the rate, nor the dates. */
    @Test
    void forSharingWithholdsCountsBelowK() {
        SampleLakehouse.analysed();
        Row cell = SharedSpark.session()
                .read()
                .format("delta")
                .load(SampleLakehouse.table(GoldFacilityThemePeriod.TABLE))
                .filter("period = '2026-Q3' AND workers_reporting BETWEEN 2 AND 4 AND workers_reached >= 10")
                .orderBy(GoldFacilityThemePeriod.FACILITY_ID, GoldFacilityThemePeriod.THEME)
                .first();
        String facility = cell.getAs(GoldFacilityThemePeriod.FACILITY_ID);
        String theme = cell.getAs(GoldFacilityThemePeriod.THEME);
        long reporting = cell.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REPORTING);
        String[] args = {
            "explain",
            "--conf",
            HrddCliIT.CONF,
            "--lakehouse",
            SampleLakehouse.config().lakehouse(),
            "--facility",
            facility,
            "--period",
            "2026-Q3",
            "--theme",
            theme
        };
        HrddCliIT.Result internal = HrddCliIT.run(args);
        assertThat(internal.out()).contains("reporting the theme " + reporting);
        String[] sharing = java.util.Arrays.copyOf(args, args.length + 1);
        sharing[args.length] = "--for-sharing";
        HrddCliIT.Result shared = HrddCliIT.run(sharing);
        assertThat(shared.code()).as(shared.err()).isZero();
        assertThat(shared.out())
                .contains("reporting the theme: fewer than 5")
                .doesNotContain("reporting the theme " + reporting)
                .doesNotContain(String.format(
                        java.util.Locale.ROOT, "shrunk %.3f", cell.<Double>getAs(GoldFacilityThemePeriod.SHRUNK_RATE)))
                .doesNotContainPattern("\\b" + reporting + " workers, 20");
    }

    @Test
    void explainsTheScoreWithItsDriversAndTheEvidenceBehindThem() {
        SampleLakehouse.scored();
        Row top = SharedSpark.session()
                .read()
                .format("delta")
                .load(SampleLakehouse.table(GoldRiskScore.TABLE))
                .filter("period = '2026-Q3' AND scope_type = 'facility' AND driver_1_evidence = 'worker_voice'")
                .orderBy(org.apache.spark.sql.functions.col(GoldRiskScore.SCORE).desc())
                .first();
        String facility = top.getAs(GoldRiskScore.SCOPE_ID);
        HrddCliIT.Result r = HrddCliIT.run(
                "explain",
                "--conf",
                HrddCliIT.CONF,
                "--lakehouse",
                SampleLakehouse.config().lakehouse(),
                "--facility",
                facility,
                "--period",
                "2026-Q3");
        assertThat(r.code()).as(r.err()).isZero();
        String theme = top.getAs("driver_1_theme");
        assertThat(r.out())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%.1f / 100, tier %s",
                        top.<Double>getAs(GoldRiskScore.SCORE),
                        top.<String>getAs(GoldRiskScore.TIER)))
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "confidence %.2f (%s)",
                        top.<Double>getAs(GoldRiskScore.CONFIDENCE),
                        top.<String>getAs(GoldRiskScore.CONFIDENCE_LEVEL)))
                .containsPattern("1\\. " + theme + "\\s+worker_voice\\s+"
                        + java.util.regex.Pattern.quote(String.format(
                                        java.util.Locale.ROOT, "%+7.1f", top.<Double>getAs("driver_1_contribution"))
                                .strip()))
                .contains("  " + theme + ": likelihood ")
                .contains("  evidence: worker signals");
    }
}
