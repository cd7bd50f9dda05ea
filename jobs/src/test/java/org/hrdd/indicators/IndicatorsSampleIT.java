package org.hrdd.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.time.Periods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gold.indicator_value on the sample world: values recomputed independently from silver, brand scoping, k. */
class IndicatorsSampleIT {

    static final String P = SampleLakehouse.LAST_PERIOD;
    static SparkSession spark;
    static Dataset<Row> values;
    static IndicatorsJob.Config config;

    @BeforeAll
    static void compute() {
        spark = SharedSpark.session();
        config = IndicatorsJob.Config.of(SampleLakehouse.config());
        SampleLakehouse.indicators();
        values = spark.read()
                .format("delta")
                .load(SampleLakehouse.table(GoldIndicatorValue.TABLE))
                .filter(col(GoldIndicatorValue.PERIOD).equalTo(P))
                .cache();
    }

    /** The cached values go with this class: later classes share the session, and its cache lookups. */
    @AfterAll
    static void release() {
        if (values != null) {
            values.unpersist();
        }
    }

    static Dataset<Row> silver(String table) {
        return spark.read().format("delta").load(SampleLakehouse.table(table));
    }

    static Row total(String indicator, String scopeType, String scopeId) {
        return values.filter(col(GoldIndicatorValue.INDICATOR_ID)
                        .equalTo(indicator)
                        .and(col(GoldIndicatorValue.SCOPE_TYPE).equalTo(scopeType))
                        .and(col(GoldIndicatorValue.SCOPE_ID).equalTo(scopeId))
                        .and(col(GoldIndicatorValue.DIMENSION).equalTo("total")))
                .first();
    }

    /** Facilities linked to a brand at any time in the period, computed here from silver. */
    static List<String> linked(String brand) {
        Periods.Period p = Periods.parse(P, config.granularity());
        return silver(SilverBrandFacility.TABLE)
                .filter(col(SilverBrandFacility.BRAND_ID)
                        .equalTo(brand)
                        .and(col(SilverBrandFacility.VALID_FROM).leq(lit(Date.valueOf(p.end()))))
                        .and(col(SilverBrandFacility.VALID_TO)
                                .isNull()
                                .or(col(SilverBrandFacility.VALID_TO).geq(lit(Date.valueOf(p.start()))))))
                .select(SilverBrandFacility.FACILITY_ID)
                .distinct()
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .collect(Collectors.toList());
    }

    @Test
    void everyCatalogueIndicatorHasACompanyTotal() {
        // exactly one company total per catalogue indicator, each with a value or a suppression
        List<Row> totals = values.filter(col(GoldIndicatorValue.SCOPE_TYPE)
                        .equalTo("company")
                        .and(col(GoldIndicatorValue.SCOPE_ID).equalTo("all"))
                        .and(col(GoldIndicatorValue.DIMENSION).equalTo("total")))
                .select(GoldIndicatorValue.INDICATOR_ID, GoldIndicatorValue.VALUE, GoldIndicatorValue.IS_SUPPRESSED)
                .collectAsList();
        // the sample world holds no third-party grievance (no source of that kind): those indicators have no cell at
        // all, not a total of zero that would read as "none raised"
        assertThat(silver(org.hrdd.schemas.Columns.SilverGrievance.TABLE).count())
                .isZero();
        assertThat(values.filter(col(GoldIndicatorValue.INDICATOR_ID).startsWith("tpg_"))
                        .count())
                .isZero();
        assertThat(totals.stream().map(r -> r.getString(0)).toList())
                .containsExactlyInAnyOrderElementsOf(config.catalogue().indicators().stream()
                        .map(IndicatorCatalogue.Indicator::id)
                        .filter(id -> !id.startsWith("tpg_"))
                        .toList());
        for (Row r : totals) {
            assertThat(!r.isNullAt(1) || r.getBoolean(2))
                    .as(r.getString(0) + " has a value or is suppressed")
                    .isTrue();
        }
    }

    @Test
    void companyValuesEqualWhatSilverSays() {
        long reached = silver(SilverWorkerContact.TABLE)
                .filter(col(SilverWorkerContact.PERIOD).equalTo(P).and(col(SilverWorkerContact.CONSENT_AGGREGATE)))
                .select(SilverWorkerContact.WORKER_PSEUDONYM)
                .distinct()
                .count();
        assertThat(total("wv_workers_reached", "company", "all").<Double>getAs(GoldIndicatorValue.VALUE))
                .isEqualTo((double) reached);
        long facilities = silver(SilverFacility.TABLE).count();
        long audited = silver(SilverAudit.TABLE)
                .filter(col(SilverAudit.PERIOD).equalTo(P))
                .select(SilverAudit.FACILITY_ID)
                .distinct()
                .count();
        Row share = total("facilities_audited_share", "company", "all");
        assertThat(share.<Double>getAs(GoldIndicatorValue.NUMERATOR)).isEqualTo((double) audited);
        assertThat(share.<Double>getAs(GoldIndicatorValue.DENOMINATOR)).isEqualTo((double) facilities);
        assertThat(share.<Double>getAs(GoldIndicatorValue.VALUE))
                .isCloseTo((double) audited / facilities, within(1e-12));
        long reporting = silver(SilverWorkerSignal.TABLE)
                .filter(col(SilverWorkerSignal.PERIOD).equalTo(P).and(col(SilverWorkerSignal.CONSENT_AGGREGATE)))
                .agg(countDistinct(SilverWorkerSignal.WORKER_PSEUDONYM))
                .first()
                .getLong(0);
        assertThat(total("workers_reporting", "company", "all").<Double>getAs(GoldIndicatorValue.VALUE))
                .isEqualTo((double) reporting);
        // the facility shares by tier add up to one
        double tiers = values.filter(col(GoldIndicatorValue.INDICATOR_ID)
                        .equalTo("facilities_by_risk_tier")
                        .and(col(GoldIndicatorValue.SCOPE_TYPE).equalTo("company"))
                        .and(col(GoldIndicatorValue.DIMENSION).equalTo("tier")))
                .agg(sum(GoldIndicatorValue.VALUE))
                .first()
                .getDouble(0);
        assertThat(tiers).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aBrandsValuesUseOnlyTheFacilitiesLinkedToIt() {
        List<String> brands = silver(SilverBrandFacility.TABLE)
                .select(SilverBrandFacility.BRAND_ID)
                .distinct()
                .orderBy(SilverBrandFacility.BRAND_ID)
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList();
        assertThat(brands).hasSizeGreaterThanOrEqualTo(2);
        for (String brand : brands.subList(0, 2)) {
            List<String> mine = linked(brand);
            long reached = silver(SilverWorkerContact.TABLE)
                    .filter(col(SilverWorkerContact.PERIOD)
                            .equalTo(P)
                            .and(col(SilverWorkerContact.CONSENT_AGGREGATE))
                            .and(col(SilverWorkerContact.FACILITY_ID).isin(mine.toArray())))
                    .select(SilverWorkerContact.WORKER_PSEUDONYM)
                    .distinct()
                    .count();
            Row r = total("wv_workers_reached", "brand", brand);
            if (r.getBoolean(r.fieldIndex(GoldIndicatorValue.IS_SUPPRESSED))) {
                assertThat(reached).isLessThan(config.k());
            } else {
                assertThat(r.<Double>getAs(GoldIndicatorValue.VALUE)).as(brand).isEqualTo((double) reached);
            }
            Row coverage = total("wv_facility_coverage", "brand", brand);
            assertThat(coverage.<Double>getAs(GoldIndicatorValue.DENOMINATOR)).isEqualTo((double) mine.size());
        }
    }

    @Test
    void noPublishedWorkerCellRestsOnFewerThanKWorkersNorCanBeRecoveredFromItsTotal() {
        List<Row> rows = values.collectAsList();
        for (Row r : rows) {
            if (!r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED)) {
                long w = r.<Long>getAs(GoldIndicatorValue.WORKERS);
                assertThat(w == 0 || w >= config.k()).as(r.toString()).isTrue();
            }
            if (r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED)) {
                assertThat(r.isNullAt(r.fieldIndex(GoldIndicatorValue.VALUE))).isTrue();
                assertThat(r.isNullAt(r.fieldIndex(GoldIndicatorValue.WORKERS))).isTrue();
            }
        }
        assertThat(rows.stream().filter(r -> r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED)))
                .isNotEmpty();
        // per indicator x scope x breakdown: the cells and the total never hide exactly one value
        Map<String, List<Row>> groups = rows.stream()
                .collect(Collectors.groupingBy(r -> r.getAs(GoldIndicatorValue.INDICATOR_ID) + "|"
                        + r.getAs(GoldIndicatorValue.SCOPE_TYPE) + "|" + r.getAs(GoldIndicatorValue.SCOPE_ID)));
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            boolean totalHidden = g.getValue().stream()
                    .anyMatch(r -> "total".equals(r.getAs(GoldIndicatorValue.DIMENSION))
                            && r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED));
            Map<String, Long> hiddenByDimension = g.getValue().stream()
                    .filter(r -> !"total".equals(r.getAs(GoldIndicatorValue.DIMENSION)))
                    .collect(Collectors.groupingBy(
                            r -> r.getAs(GoldIndicatorValue.DIMENSION),
                            Collectors.summingLong(r -> r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED) ? 1 : 0)));
            hiddenByDimension.forEach((d, hidden) -> assertThat(hidden + (totalHidden ? 1 : 0))
                    .as(g.getKey() + " by " + d)
                    .isNotEqualTo(1));
        }
    }

    /** Every catalogue indicator is in exactly one of these; a new one must be placed by whoever adds it. */
    static final java.util.Set<String> ONLY_WORKER_RECORDS = java.util.Set.of(
            "wv_workers_reached",
            "workers_reporting",
            "worker_reporting_rate",
            "grievances_received",
            "grievances_addressed_share",
            "grievances_resolved_share",
            "grievances_resolved_confirmed_share",
            "grievance_days_to_resolution",
            "fees_repaid_eur",
            "fees_repaid_workers");

    static final java.util.Set<String> NO_WORKER_RECORDS = java.util.Set.of(
            "tpg_grievances_received",
            "tpg_responded_share",
            "tpg_resolved_share",
            "tpg_days_to_response",
            "audit_findings",
            "facilities_audited_share",
            "unannounced_audit_share",
            "facilities_by_risk_tier",
            "high_risk_facilities_share",
            "facilities_scored_with_worker_voice");
    static final java.util.Set<String> MIXED = java.util.Set.of(
            "wv_facility_coverage",
            "suppliers_without_worker_voice",
            "caps_opened",
            "caps_closed",
            "caps_overdue_share",
            "cells_by_status",
            "worker_elevated_cells",
            "audit_blind_spot_rate",
            "worker_elevated_unaudited_cells",
            "corroboration_rate",
            "remediation_verdict_share",
            "remediation_worker_verified_share",
            "remediation_effectiveness_rate");

    /**
     * Every indicator and every breakdown, with k from the default to more workers than the world has (then every cell
     * resting on a worker is small): no published cell rests on 1 to k - 1 workers, none can be recovered from its
     * total, withheld cells carry no number, and at the largest k what stays published is checked against what the
     * test knows each indicator counts (independently of the measures' own worker counts).
     */
    @Test
    void everyIndicatorAndBreakdownWithholdsCellsRestingOnFewerThanKWorkersWhateverK() {
        assertThat(config.catalogue().indicators())
                .allSatisfy(i -> assertThat((ONLY_WORKER_RECORDS.contains(i.id()) ? 1 : 0)
                                + (NO_WORKER_RECORDS.contains(i.id()) ? 1 : 0)
                                + (MIXED.contains(i.id()) ? 1 : 0))
                        .as(i.id())
                        .isEqualTo(1));
        assertThat(config.catalogue().indicators())
                .allSatisfy(
                        i -> assertThat(i.restsOnWorkers()).as(i.id()).isEqualTo(!NO_WORKER_RECORDS.contains(i.id())));
        Periods.Period period = Periods.parse(P, config.granularity());
        Map<String, Dataset<Row>> t = org.hrdd.spark.DeltaTables.readCurrent(
                spark,
                SampleLakehouse.context("r-test", "indicators").lakehouse(),
                IndicatorsJob.INPUTS,
                new java.util.HashMap<>(),
                "");
        IndicatorMeasures.Inputs inputs = new IndicatorMeasures.Inputs(
                t.get(SilverFacility.TABLE),
                t.get(SilverBrandFacility.TABLE),
                t.get(SilverWorkerReach.TABLE),
                t.get(SilverWorkerContact.TABLE),
                t.get(SilverWorkerSignal.TABLE),
                t.get(org.hrdd.schemas.Columns.SilverRemediation.TABLE),
                t.get(SilverAudit.TABLE),
                t.get(org.hrdd.schemas.Columns.SilverAuditFinding.TABLE),
                t.get(org.hrdd.schemas.Columns.GoldFacilityThemePeriod.TABLE),
                t.get(org.hrdd.schemas.Columns.GoldRemediationEffectiveness.TABLE),
                t.get(org.hrdd.schemas.Columns.GoldRiskScore.TABLE),
                t.get(org.hrdd.schemas.Columns.SilverGrievance.TABLE));
        Map<String, List<List<Row>>> raw =
                new IndicatorsJob(config, org.hrdd.run.Progress.silent()).cells(inputs, period);
        for (int k : new int[] {config.k(), 20, 100, 1_000_000_000}) {
            IndicatorsJob.Config atK = config.withK(k);
            List<Row> rows = new IndicatorsJob(atK, org.hrdd.run.Progress.silent()).publish(raw, period);
            for (Row r : rows) {
                String id = r.getString(0);
                boolean hidden = r.getBoolean(11);
                if (hidden) {
                    assertThat(r.isNullAt(7) && r.isNullAt(8) && r.isNullAt(9) && r.isNullAt(10))
                            .as(r.toString())
                            .isTrue();
                } else {
                    long w = r.getLong(10);
                    assertThat(w == 0 || w >= k).as("k=" + k + " " + r).isTrue();
                }
                if (k == 1_000_000_000 && !hidden) {
                    String dim = r.getString(4);
                    String v = r.getString(5);
                    assertThat(ONLY_WORKER_RECORDS)
                            .as("published at k=" + k + ": " + r)
                            .doesNotContain(id);
                    if (dim.equals("cap_source")) {
                        assertThat(v).as(r.toString()).isNotEqualTo("helpline_case");
                    }
                    if (dim.equals("status")) {
                        assertThat(v).as(r.toString()).isNotIn("WORKER_ONLY", "CORROBORATED");
                    }
                    if (id.equals("audit_blind_spot_rate")) {
                        assertThat(r.getDouble(9)).as(r.toString()).isZero();
                    }
                    if (id.equals("corroboration_rate")
                            || id.equals("worker_elevated_unaudited_cells")
                            || id.equals("worker_elevated_cells")
                            || id.equals("wv_facility_coverage")) {
                        assertThat(r.getDouble(8)).as(r.toString()).isZero();
                    }
                    if (id.equals("suppliers_without_worker_voice")) {
                        assertThat(r.getDouble(8)).as(r.toString()).isEqualTo(r.getDouble(9));
                    }
                }
            }
            if (k == 1_000_000_000) {
                for (IndicatorCatalogue.Indicator i : config.catalogue().indicators()) {
                    long hiddenRows = rows.stream()
                            .filter(r -> r.getString(0).equals(i.id()) && r.getBoolean(11))
                            .count();
                    // an indicator resting on workers counts them somewhere in the world; one resting on none hides
                    // nothing
                    assertThat(hiddenRows > 0).as(i.id()).isEqualTo(i.restsOnWorkers());
                }
            }
            assertNoBreakdownHidesExactlyOne(rows, k);
            assertCellsThatAddUpAcrossIndicatorsAreWithheldTogether(rows, k);
        }
        // at the configured k, the published rows are gold's
        List<Row> atDefault = new IndicatorsJob(config, org.hrdd.run.Progress.silent()).publish(raw, period);
        Map<String, Object> gold = values.collectAsList().stream()
                .collect(Collectors.toMap(
                        IndicatorsSampleIT::key,
                        r -> java.util.Objects.toString(r.get(r.fieldIndex(GoldIndicatorValue.VALUE)))));
        assertThat(atDefault).hasSize(gold.size());
        for (Row r : atDefault) {
            assertThat(java.util.Objects.toString(r.get(7))).as(key(r)).isEqualTo(gold.get(key(r)));
        }
    }

    static String key(Row r) {
        return r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(4) + "|" + r.get(5);
    }

    /**
     * worker_elevated_cells = CORROBORATED + WORKER_ONLY, the rates' numerators are those parts and the unaudited count
     * is WORKER_ONLY less the blind spots: a breakdown cell withheld in one of them is withheld in every one that has it.
     */
    static void assertCellsThatAddUpAcrossIndicatorsAreWithheldTogether(List<Row> rows, int k) {
        List<String> family = List.of(
                "worker_elevated_cells",
                "corroboration_rate",
                "audit_blind_spot_rate",
                "worker_elevated_unaudited_cells");
        Map<String, List<Row>> byCell = rows.stream()
                .filter(r -> family.contains(r.getString(0)))
                .collect(Collectors.groupingBy(r -> r.get(1) + "|" + r.get(2) + "|" + r.get(4) + "|" + r.get(5)));
        assertThat(byCell).isNotEmpty();
        byCell.forEach((cell, members) -> assertThat(
                        members.stream().map(r -> r.getBoolean(11)).distinct().count())
                .as("k=" + k + " " + cell + " " + members)
                .isEqualTo(1));
    }

    /** Per indicator × scope × breakdown, the cells and the total never hide exactly one value. */
    static void assertNoBreakdownHidesExactlyOne(List<Row> rows, int k) {
        Map<String, List<Row>> groups =
                rows.stream().collect(Collectors.groupingBy(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)));
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            boolean totalHidden = g.getValue().stream().anyMatch(r -> "total".equals(r.get(4)) && r.getBoolean(11));
            Map<Object, Long> hiddenByDimension = g.getValue().stream()
                    .filter(r -> !"total".equals(r.get(4)))
                    .collect(Collectors.groupingBy(
                            r -> r.get(4), Collectors.summingLong(r -> r.getBoolean(11) ? 1 : 0)));
            hiddenByDimension.forEach((d, hidden) -> assertThat(hidden + (totalHidden ? 1 : 0))
                    .as("k=" + k + " " + g.getKey() + " by " + d)
                    .isNotEqualTo(1));
        }
    }
}
