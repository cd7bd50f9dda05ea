package org.hrdd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.junit.jupiter.api.Test;

/** {@code hrdd explain} on the analysed sample lakehouse: the printed numbers and status are gold's, with evidence. */
class ExplainCommandTest {

    @Test
    void explainsAWorkerOnlyCellWithItsNumbersAndEvidence() {
        SampleLakehouse.analysed();
        Row cell = SharedSpark.session().read().format("delta").load(SampleLakehouse.table(GoldFacilityThemePeriod.TABLE))
                .filter("period = '2026-Q3' AND corroboration_status = 'WORKER_ONLY'")
                .orderBy(GoldFacilityThemePeriod.FACILITY_ID, GoldFacilityThemePeriod.THEME).first();
        String facility = cell.getAs(GoldFacilityThemePeriod.FACILITY_ID);
        String theme = cell.getAs(GoldFacilityThemePeriod.THEME);
        HrddCliTest.Result r = HrddCliTest.run("explain", "--conf", HrddCliTest.CONF, "--lakehouse",
                SampleLakehouse.config().lakehouse(), "--facility", facility, "--period", "2026-Q3", "--theme", theme);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("== " + theme + ": WORKER_ONLY")
                .contains("workers report it above the high-risk rate")
                .contains(String.format(java.util.Locale.ROOT, "workers reached %d (helpline %d, survey %d)",
                        cell.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REACHED),
                        cell.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REACHED_HELPLINE),
                        cell.<Long>getAs(GoldFacilityThemePeriod.WORKERS_REACHED_SURVEY)))
                .contains(String.format(java.util.Locale.ROOT, "shrunk %.3f", cell.<Double>getAs(GoldFacilityThemePeriod.SHRUNK_RATE)))
                .contains("evidence: worker signals").contains("evidence: audit findings").contains("evidence: CAPs");
        // pseudonyms never appear: only counts
        List<Row> pseudonyms = SharedSpark.session().read().format("delta").load(SampleLakehouse.table("silver.worker_signal"))
                .filter(String.format("facility_id = '%s' AND theme = '%s' AND period = '2026-Q3'", facility, theme))
                .select("worker_pseudonym").collectAsList();
        assertThat(pseudonyms).isNotEmpty();
        pseudonyms.forEach(p -> assertThat(r.out()).doesNotContain(p.getString(0)));

        HrddCliTest.Result all = HrddCliTest.run("explain", "--conf", HrddCliTest.CONF, "--lakehouse",
                SampleLakehouse.config().lakehouse(), "--facility", facility, "--period", "2026-Q3");
        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("theme").contains("status").contains(theme);

        HrddCliTest.Result missing = HrddCliTest.run("explain", "--conf", HrddCliTest.CONF, "--lakehouse",
                SampleLakehouse.config().lakehouse(), "--facility", "F999999", "--period", "2026-Q3");
        assertThat(missing.code()).isEqualTo(Hrdd.USAGE);
    }
}
