package org.hrdd.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.AppConfig;
import org.hrdd.reports.catalogue.IndicatorCatalogue;
import org.hrdd.run.Progress;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleWorld;
import org.hrdd.time.Periods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disclosure control of every kind of indicator cell, on a hand-made world of three facilities whose small cells are
 * worked out by hand below: money paid to one worker, a CAP answering one worker's case, a verdict resting on one
 * worker's confirmation, worker-elevated cells resting on 3 or 4 reporting workers, a channel with 2 workers. Each is
 * withheld at k = 5 whatever its unit, and the cell that would give it back by subtraction is withheld with it.
 */
class IndicatorDisclosureTest {

    static final Periods.Period Q3 = Periods.parse("2026-Q3", AppConfig.Granularity.QUARTER);
    static final int K = 5;
    static SparkSession spark;
    static IndicatorsJob job;
    static IndicatorCatalogue catalogue;
    static IndicatorMeasures.Inputs inputs;

    @BeforeAll
    static void world() {
        spark = SharedSpark.session();
        catalogue = IndicatorCatalogue.load(SampleWorld.conf());
        job = new IndicatorsJob(
                new IndicatorsJob.Config(
                        catalogue,
                        K,
                        10,
                        "m1",
                        AppConfig.Granularity.QUARTER,
                        ContractLoader.loadAll().get(GoldIndicatorValue.TABLE),
                        null,
                        "test"),
                Progress.silent());
        // F1 and F2 in Thailand, F3 in Vietnam; brand B buys from F1 and F3
        Dataset<Row> facilities = frame(
                SilverFacility.TABLE,
                row(
                        SilverFacility.FACILITY_ID,
                        "F1",
                        SilverFacility.COUNTRY_CODE,
                        "TH",
                        SilverFacility.SECTOR,
                        "apparel",
                        SilverFacility.SUPPLIER_ID,
                        "S1"),
                row(
                        SilverFacility.FACILITY_ID,
                        "F2",
                        SilverFacility.COUNTRY_CODE,
                        "TH",
                        SilverFacility.SECTOR,
                        "apparel",
                        SilverFacility.SUPPLIER_ID,
                        "S2"),
                row(
                        SilverFacility.FACILITY_ID,
                        "F3",
                        SilverFacility.COUNTRY_CODE,
                        "VN",
                        SilverFacility.SECTOR,
                        "electronics",
                        SilverFacility.SUPPLIER_ID,
                        "S3"));
        Dataset<Row> links = frame(
                SilverBrandFacility.TABLE,
                row(
                        SilverBrandFacility.BRAND_ID,
                        "B",
                        SilverBrandFacility.FACILITY_ID,
                        "F1",
                        SilverBrandFacility.VALID_FROM,
                        "2025-01-01"),
                row(
                        SilverBrandFacility.BRAND_ID,
                        "B",
                        SilverBrandFacility.FACILITY_ID,
                        "F3",
                        SilverBrandFacility.VALID_FROM,
                        "2025-01-01"));
        // helpline cases: K1 and K4 raised by worker w1 at F1, K3 by w3 at F3
        Dataset<Row> signals = frame(
                SilverWorkerSignal.TABLE,
                signal("K1", "w1", "F1", "recruitment_fees", "2026-Q2"),
                signal("K4", "w1", "F1", "excessive_overtime", "2026-Q3"),
                signal("K3", "w3", "F3", "recruitment_fees", "2026-Q3"));
        // contacts of Q3: w1 (helpline) and six survey respondents at F1, w3 (helpline) at F3; x9 did not consent
        List<Map<String, Object>> contacts = new ArrayList<>();
        contacts.add(contact("F1", "helpline", "w1", true));
        for (int i = 1; i <= 6; i++) {
            contacts.add(contact("F1", "survey", "s" + i, true));
        }
        contacts.add(contact("F3", "helpline", "w3", true));
        contacts.add(contact("F1", "survey", "x9", false));
        Dataset<Row> caps = frame(
                SilverRemediation.TABLE,
                cap(
                        "C1",
                        "helpline_case",
                        "hl:K1",
                        "F1",
                        "recruitment_fees",
                        "2026-05-01",
                        "2026-06-01",
                        "2026-08-10",
                        "fee_repayment",
                        900.0,
                        1L),
                cap(
                        "C2",
                        "audit_finding",
                        "smeta:A1:NC-1",
                        "F2",
                        "recruitment_fees",
                        "2026-04-01",
                        "2026-05-01",
                        "2026-07-20",
                        "fee_repayment",
                        5000.0,
                        60L),
                cap(
                        "C3",
                        "helpline_case",
                        "hl:K3",
                        "F3",
                        "recruitment_fees",
                        "2026-06-01",
                        "2026-07-01",
                        "2026-09-01",
                        "fee_repayment",
                        883.0,
                        null),
                cap(
                        "C4",
                        "helpline_case",
                        "hl:K4",
                        "F1",
                        "excessive_overtime",
                        "2026-07-05",
                        "2026-08-01",
                        null,
                        "other",
                        null,
                        1L),
                cap(
                        "C5",
                        "audit_finding",
                        "smeta:A1:NC-2",
                        "F1",
                        "health_safety",
                        "2026-09-01",
                        "2026-10-15",
                        null,
                        "training",
                        null,
                        30L),
                cap(
                        "C6",
                        "audit_finding",
                        "smeta:A1:NC-3",
                        "F1",
                        "wages_benefits",
                        "2026-08-01",
                        "2026-09-01",
                        null,
                        "back_wages",
                        null,
                        12L));
        Dataset<Row> verdicts = frame(
                GoldRemediationEffectiveness.TABLE,
                verdict("C1", "helpline_case", "F1", "recruitment_fees", "VERIFIED_BY_WORKERS", 12L, 0L),
                verdict("C2", "audit_finding", "F2", "recruitment_fees", "EFFECTIVE", 40L, 35L),
                verdict("C3", "helpline_case", "F3", "recruitment_fees", "INCONCLUSIVE", 2L, 3L));
        Dataset<Row> cells = frame(
                GoldFacilityThemePeriod.TABLE,
                cell("F1", "recruitment_fees", "WORKER_ONLY", true, 6L, 1L),
                cell("F1", "excessive_overtime", "CORROBORATED", true, 3L, 1L),
                cell("F3", "recruitment_fees", "WORKER_ONLY", true, 4L, 0L),
                cell("F2", "health_safety", "AUDIT_ONLY", false, 1L, 1L),
                cell("F2", "wages_benefits", "INSUFFICIENT_DATA", false, 2L, 0L));
        inputs = new IndicatorMeasures.Inputs(
                facilities,
                links,
                frame(SilverWorkerReach.TABLE),
                frame(SilverWorkerContact.TABLE, contacts.toArray(Map[]::new)),
                signals,
                caps,
                frame(SilverAudit.TABLE),
                frame(SilverAuditFinding.TABLE),
                cells,
                verdicts,
                frame(GoldRiskScore.TABLE),
                frame(
                        org.hrdd.schemas.Columns.SilverGrievance.TABLE,
                        // T1 names F1 and F2: a labour issue and deforestation (out of scope), answered in 10 days
                        grievance(
                                "T1",
                                "F1",
                                "freedom_of_association",
                                "2026-08-01",
                                "day",
                                "2026-08-11",
                                "day",
                                "in_progress"),
                        grievance("T1", "F1", null, "2026-08-01", "day", "2026-08-11", "day", "in_progress"),
                        grievance(
                                "T1",
                                "F2",
                                "freedom_of_association",
                                "2026-08-01",
                                "day",
                                "2026-08-11",
                                "day",
                                "in_progress"),
                        grievance("T1", "F2", null, "2026-08-01", "day", "2026-08-11", "day", "in_progress"),
                        // T2 at F3, raised in July (month only): a response but no days to count
                        grievance("T2", "F3", "health_safety", "2026-07-01", "month", "2026-07-20", "day", "resolved"),
                        // T3 at F1, raised in Q2, answered in Q3: not a grievance of Q3
                        grievance("T3", "F1", "health_safety", "2026-05-04", "day", "2026-08-01", "day", "open"),
                        // T4 out of scope only, at F3
                        grievance("T4", "F3", null, "2026-09-30", "day", null, null, "open"),
                        // T5 at F3, answered in 20 days
                        grievance("T5", "F3", "health_safety", "2026-09-01", "day", "2026-09-21", "day", "open"),
                        // T6 at F2, answered some time in 2026 (year only): not known to be answered by 30 September
                        grievance("T6", "F2", "health_safety", "2026-08-01", "day", "2026-01-01", "year", "open")));
    }

    static Map<String, Object> grievance(
            String id,
            String facility,
            String theme,
            String raised,
            String raisedPrecision,
            String responded,
            String respondedPrecision,
            String status) {
        return row(
                org.hrdd.schemas.Columns.SilverGrievance.GRIEVANCE_ID,
                id + facility + theme,
                org.hrdd.schemas.Columns.SilverGrievance.CASE_ID,
                id,
                org.hrdd.schemas.Columns.SilverGrievance.FACILITY_ID,
                facility,
                org.hrdd.schemas.Columns.SilverGrievance.RAISED_BY,
                "ngo",
                org.hrdd.schemas.Columns.SilverGrievance.RAISED_ON,
                raised,
                org.hrdd.schemas.Columns.SilverGrievance.RAISED_ON_PRECISION,
                raisedPrecision,
                org.hrdd.schemas.Columns.SilverGrievance.PERIOD,
                raised.startsWith("2026-05") ? "2026-Q2" : "2026-Q3",
                org.hrdd.schemas.Columns.SilverGrievance.THEME,
                theme,
                org.hrdd.schemas.Columns.SilverGrievance.S2_SCOPE,
                theme == null ? "out_of_scope" : "in_scope",
                org.hrdd.schemas.Columns.SilverGrievance.OUT_OF_SCOPE_AREA,
                theme == null ? "environment" : null,
                org.hrdd.schemas.Columns.SilverGrievance.STATUS,
                status,
                org.hrdd.schemas.Columns.SilverGrievance.RESPONDED_ON,
                responded,
                org.hrdd.schemas.Columns.SilverGrievance.RESPONDED_ON_PRECISION,
                respondedPrecision,
                org.hrdd.schemas.Lineage.SOURCE_SYSTEM,
                "tracker");
    }

    /**
     * Third-party grievances count in cases, never in workers: no cell is withheld for resting on few workers (there are
     * none), out-of-scope issues are their own breakdown, and the response indicators count grievances in scope only.
     */
    @Test
    void thirdPartyGrievancesCountCasesInScopeAndNeverWorkers() {
        Map<String, Row> received = published("tpg_grievances_received");
        // Q3: T1, T2, T4, T5, T6 for the company; brand B (F1, F3): T1 (at F1), T2, T4, T5
        assertThat(value(received.get("all|total|*"))).isEqualTo(5.0);
        assertThat(value(received.get("all|s2_scope|in_scope"))).isEqualTo(4.0);
        assertThat(value(received.get("all|s2_scope|out_of_scope"))).isEqualTo(2.0);
        assertThat(value(received.get("all|theme|out_of_scope"))).isEqualTo(2.0);
        assertThat(value(received.get("all|theme|freedom_of_association"))).isEqualTo(1.0);
        assertThat(value(received.get("all|country|TH")))
                .as("T1 once though at two Thai facilities, and T6")
                .isEqualTo(2.0);
        assertThat(value(received.get("B|total|*"))).isEqualTo(4.0);
        assertThat(received.values()).allSatisfy(r -> assertThat(workers(r)).isZero());
        assertThat(received.values()).noneMatch(r -> r.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED));

        Map<String, Row> responded = published("tpg_responded_share");
        // in scope: T1 (responded 11 Aug), T2 (20 Jul), T5 (21 Sep) answered by 30 September, T6 (2026) not known to
        // be; T4 is out of scope only
        assertThat(responded.get("all|total|*").<Double>getAs(GoldIndicatorValue.NUMERATOR))
                .isEqualTo(3.0);
        assertThat(responded.get("all|total|*").<Double>getAs(GoldIndicatorValue.DENOMINATOR))
                .isEqualTo(4.0);
        Map<String, Row> resolved = published("tpg_resolved_share");
        assertThat(value(resolved.get("all|total|*"))).isCloseTo(1.0 / 4, within(1e-12));
        Map<String, Row> days = published("tpg_days_to_response");
        assertThat(value(days.get("all|total|*")))
                .as("T1's 10 days once though at two facilities, T5's 20; T2's month-only date counts no days")
                .isEqualTo(15.0);
        assertThat(value(days.get("B|total|*"))).as("T1 at F1, T5").isEqualTo(15.0);
        assertThat(days).containsOnlyKeys("B|total|*", "all|total|*");
    }

    /** indicator → "scope|dimension|value" → the published row. */
    static Map<String, Row> published(String indicator) {
        try (IndicatorMeasures m = new IndicatorMeasures(inputs, Q3, 10, "m1")) {
            IndicatorCatalogue.Indicator ind = catalogue.get(indicator);
            List<Row> cells =
                    m.all().get(indicator).apply(ind.disaggregations()).collectAsList();
            Map<String, List<Row>> byScope = new TreeMap<>();
            for (Row c : cells) {
                byScope.computeIfAbsent(c.<String>getAs(GoldIndicatorValue.SCOPE_ID), x -> new ArrayList<>())
                        .add(c);
            }
            Map<String, Row> out = new TreeMap<>();
            StructType schema =
                    ContractSchemas.structType(ContractLoader.loadAll().get(GoldIndicatorValue.TABLE));
            for (List<Row> scope : byScope.values()) {
                for (Row published : job.publish(ind, Q3, scope)) {
                    Row r = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                            valuesOf(published), schema);
                    out.put(
                            r.getAs(GoldIndicatorValue.SCOPE_ID) + "|" + r.getAs(GoldIndicatorValue.DIMENSION) + "|"
                                    + r.getAs(GoldIndicatorValue.DIMENSION_VALUE),
                            r);
                }
            }
            return out;
        }
    }

    static Object[] valuesOf(Row r) {
        Object[] v = new Object[r.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.get(i);
        }
        return v;
    }

    static String reason(Row r) {
        return r.getAs(GoldIndicatorValue.SUPPRESSION_REASON);
    }

    static Double value(Row r) {
        return r.getAs(GoldIndicatorValue.VALUE);
    }

    static Long workers(Row r) {
        return r.getAs(GoldIndicatorValue.WORKERS);
    }

    @Test
    void moneyPaidToFewerThanKWorkersIsWithheldAndTheCellThatWouldGiveItBackToo() {
        Map<String, Row> eur = published("fees_repaid_eur");
        // company: C1 EUR 900 (w1) + C2 EUR 5000 (60 workers covered) + C3 EUR 883 (w3): at least 60 workers
        assertThat(value(eur.get("all|total|*"))).isEqualTo(6783.0);
        assertThat(workers(eur.get("all|total|*"))).isEqualTo(60L);
        // Vietnam: EUR 883 paid to one worker; Thailand would give it back as total - TH
        assertThat(reason(eur.get("all|country|VN"))).isEqualTo("K_THRESHOLD");
        assertThat(value(eur.get("all|country|VN"))).isNull();
        assertThat(reason(eur.get("all|country|TH"))).isEqualTo("COMPLEMENTARY");
        // brand B (F1, F3): EUR 1,783 paid to w1 and w3 only: nothing of it is published
        assertThat(eur.entrySet())
                .filteredOn(e -> e.getKey().startsWith("B|"))
                .allSatisfy(e -> assertThat(value(e.getValue())).as(e.getKey()).isNull());
        assertThat(reason(eur.get("B|total|*"))).isEqualTo("K_THRESHOLD");
        Map<String, Row> repaid = published("fees_repaid_workers");
        assertThat(value(repaid.get("all|total|*"))).isEqualTo(61.0);
        assertThat(reason(repaid.get("all|country|VN"))).isEqualTo("K_THRESHOLD");
    }

    @Test
    void aCapAnsweringOneWorkersCaseIsWithheldAuditOnlyCellsAreNot() {
        Map<String, Row> overdue = published("caps_overdue_share");
        // open at 30 September: C4 (w1's case, overdue), C5 (audit, due later), C6 (audit, overdue)
        assertThat(reason(overdue.get("all|total|*"))).isEqualTo("K_THRESHOLD");
        assertThat(reason(overdue.get("all|cap_source|helpline_case"))).isEqualTo("K_THRESHOLD");
        assertThat(reason(overdue.get("all|theme|excessive_overtime"))).isEqualTo("K_THRESHOLD");
        Row audit = overdue.get("all|cap_source|audit_finding");
        assertThat(audit.<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED)).isFalse();
        assertThat(value(audit)).isEqualTo(0.5);
        assertThat(workers(audit)).isZero();
        assertThat(value(overdue.get("all|theme|wages_benefits"))).isEqualTo(1.0);
    }

    @Test
    void verdictsRestOnTheConfirmingWorkerOrOnTheWorkersTheTestCompared() {
        Map<String, Row> share = published("remediation_verdict_share");
        // C1 confirmed by w1, C2 tested on 40 workers, C3 w3's case inconclusive: 2 of 3, at least 40 workers
        assertThat(value(share.get("all|total|*"))).isEqualTo(2.0 / 3);
        assertThat(workers(share.get("all|total|*"))).isEqualTo(40L);
        assertThat(reason(share.get("all|cap_source|helpline_case"))).isEqualTo("K_THRESHOLD");
        assertThat(reason(share.get("all|cap_source|audit_finding"))).isEqualTo("COMPLEMENTARY");
        Map<String, Row> tested = published("remediation_effectiveness_rate");
        assertThat(value(tested.get("all|total|*"))).isEqualTo(1.0);
        // the before/after test alone: C2 of C2; the worker's confirmation of C1 is another figure (it made 2 of 2,
        // the "99.7 % effective" headline that was mostly helpline cases the worker confirmed)
        assertThat(tested.get("all|total|*").<Double>getAs(GoldIndicatorValue.NUMERATOR))
                .isEqualTo(1.0);
        assertThat(tested.get("all|total|*").<Double>getAs(GoldIndicatorValue.DENOMINATOR))
                .isEqualTo(1.0);
        // 1 of 3 closed CAPs confirmed by the worker: a figure about that one worker, withheld though 40 workers stand
        // behind the 3 CAPs
        Map<String, Row> confirmed = published("remediation_worker_verified_share");
        assertThat(reason(confirmed.get("all|total|*"))).isEqualTo("K_THRESHOLD");
        assertThat(workers(tested.get("all|total|*"))).isEqualTo(40L);
        // brand B has only the two helpline cases' CAPs: everything withheld
        assertThat(reason(published("caps_closed").get("B|total|*"))).isEqualTo("K_THRESHOLD");
    }

    @Test
    void workerElevatedCellsRestOnTheirReportingWorkers() {
        Map<String, Row> elevated = published("worker_elevated_cells");
        assertThat(value(elevated.get("all|total|*"))).isEqualTo(3.0);
        assertThat(workers(elevated.get("all|total|*"))).isEqualTo(6L);
        // overtime: one cell of 3 workers; fees: two cells, 6 and 4 workers
        assertThat(reason(elevated.get("all|theme|excessive_overtime"))).isEqualTo("K_THRESHOLD");
        assertThat(reason(elevated.get("all|theme|recruitment_fees"))).isEqualTo("COMPLEMENTARY");
        assertThat(reason(elevated.get("all|country|VN"))).isEqualTo("K_THRESHOLD");
        Map<String, Row> blind = published("audit_blind_spot_rate");
        // audited and missed: F1 fees; audited and elevated: F1 fees and F1 overtime. F3 had no audit.
        assertThat(value(blind.get("all|total|*"))).isEqualTo(0.5);
        Map<String, Row> unaudited = published("worker_elevated_unaudited_cells");
        assertThat(reason(unaudited.get("all|total|*"))).isEqualTo("K_THRESHOLD");
        Map<String, Row> status = published("cells_by_status");
        assertThat(value(status.get("all|status|INSUFFICIENT_DATA"))).isEqualTo(0.2);
        assertThat(reason(status.get("all|status|CORROBORATED"))).isEqualTo("K_THRESHOLD");
        // the partner: the published cell resting on the fewest workers, before cells resting on none
        assertThat(reason(status.get("all|status|WORKER_ONLY"))).isEqualTo("COMPLEMENTARY");
        assertThat(status.get("all|status|AUDIT_ONLY").<Boolean>getAs(GoldIndicatorValue.IS_SUPPRESSED))
                .isFalse();
    }

    /**
     * Elevated = corroborated + audited and missed + not audited, per theme: F3's unaudited recruitment-fee cell (4
     * workers) withheld alone would come back as elevated(fees) - corroborated(fees) - missed(fees); so every breakdown
     * value withheld in one of the four is withheld in all of them.
     */
    @Test
    void cellsThatAddUpAcrossIndicatorsAreWithheldTogether() {
        Map<String, List<List<Row>>> cells = new LinkedHashMap<>();
        try (IndicatorMeasures m = new IndicatorMeasures(inputs, Q3, 10, "m1")) {
            for (String id : IndicatorsJob.FAMILIES.get(0)) {
                Map<String, List<Row>> byScope = new TreeMap<>();
                for (Row c : m.all()
                        .get(id)
                        .apply(catalogue.get(id).disaggregations())
                        .collectAsList()) {
                    byScope.computeIfAbsent(c.<String>getAs(GoldIndicatorValue.SCOPE_ID), x -> new ArrayList<>())
                            .add(c);
                }
                cells.put(id, new ArrayList<>(byScope.values()));
            }
        }
        List<Row> rows = job.publish(cells, Q3);
        Map<String, Map<String, Boolean>> hidden = new TreeMap<>();
        for (Row r : rows) {
            hidden.computeIfAbsent(r.getString(2) + "|" + r.getString(4) + "|" + r.getString(5), x -> new TreeMap<>())
                    .put(r.getString(0), r.getBoolean(11));
        }
        assertThat(hidden.get("all|theme|recruitment_fees"))
                .containsEntry("worker_elevated_unaudited_cells", true)
                .containsEntry("worker_elevated_cells", true)
                .containsEntry("audit_blind_spot_rate", true)
                .containsEntry("corroboration_rate", true);
        hidden.forEach((key, byIndicator) -> assertThat(new java.util.HashSet<>(byIndicator.values()))
                .as(key)
                .hasSize(1));
        // published alone (the way it was), the elevated total was shown beside a withheld unaudited total: 3 - 1 - 1
        assertThat(published("worker_elevated_cells").get("all|total|*").getBoolean(11))
                .isFalse();
        assertThat(published("worker_elevated_unaudited_cells")
                        .get("all|total|*")
                        .getBoolean(11))
                .isTrue();
        assertThat(hidden.get("all|total|*")).containsEntry("worker_elevated_cells", true);
    }

    @Test
    void workersReachedAreDistinctConsentingWorkers() {
        Map<String, Row> reached = published("wv_workers_reached");
        assertThat(value(reached.get("all|total|*"))).isEqualTo(8.0);
        assertThat(reason(reached.get("all|channel|helpline"))).isEqualTo("K_THRESHOLD");
        assertThat(reason(reached.get("all|channel|survey"))).isEqualTo("COMPLEMENTARY");
        assertThat(reason(reached.get("all|country|VN"))).isEqualTo("K_THRESHOLD");
        assertThat(reason(reached.get("all|country|TH"))).isEqualTo("COMPLEMENTARY");
    }

    @Test
    void anIndicatorDeclaredWithoutWorkersMayNotCountAny() {
        IndicatorCatalogue.Indicator audits = catalogue.get("audit_findings");
        assertThat(audits.restsOnWorkers()).isFalse();
        StructType schema = new StructType()
                .add(GoldIndicatorValue.SCOPE_TYPE, DataTypes.StringType)
                .add(GoldIndicatorValue.SCOPE_ID, DataTypes.StringType)
                .add(GoldIndicatorValue.DIMENSION, DataTypes.StringType)
                .add(GoldIndicatorValue.DIMENSION_VALUE, DataTypes.StringType)
                .add(GoldIndicatorValue.NUMERATOR, DataTypes.DoubleType)
                .add(GoldIndicatorValue.DENOMINATOR, DataTypes.DoubleType)
                .add(GoldIndicatorValue.WORKERS, DataTypes.LongType);
        Row counted = new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                new Object[] {"company", "all", "total", "*", 4.0, null, 3L}, schema);
        assertThatThrownBy(() -> job.publish(audits, Q3, List.of(counted)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audit_findings")
                .hasMessageContaining("3 workers");
        assertThatThrownBy(() -> new IndicatorCells.Measure(org.apache.spark.sql.functions.lit(1), null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("workers");
    }

    // ---------------------------------------------------------------- the hand-made world

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> signal(String caseId, String worker, String facility, String theme, String period) {
        return row(
                SilverWorkerSignal.SIGNAL_ID,
                caseId + theme,
                SilverWorkerSignal.WORKER_PSEUDONYM,
                worker,
                SilverWorkerSignal.FACILITY_ID,
                facility,
                SilverWorkerSignal.THEME,
                theme,
                SilverWorkerSignal.PERIOD,
                period,
                SilverWorkerSignal.CHANNEL,
                "helpline",
                SilverWorkerSignal.SOURCE_RECORD_ID,
                caseId,
                org.hrdd.schemas.Lineage.SOURCE_SYSTEM,
                "hl",
                SilverWorkerSignal.CONSENT_AGGREGATE,
                true,
                SilverWorkerSignal.STATUS,
                "open",
                SilverWorkerSignal.REPORTED_ON,
                "2026-07-02");
    }

    static Map<String, Object> contact(String facility, String channel, String worker, boolean consent) {
        return row(
                SilverWorkerContact.FACILITY_ID,
                facility,
                SilverWorkerContact.PERIOD,
                "2026-Q3",
                SilverWorkerContact.CHANNEL,
                channel,
                SilverWorkerContact.WORKER_PSEUDONYM,
                worker,
                SilverWorkerContact.SOURCE_RECORD_ID,
                worker,
                SilverWorkerContact.CONSENT_AGGREGATE,
                consent);
    }

    static Map<String, Object> cap(
            String id,
            String sourceType,
            String ref,
            String facility,
            String theme,
            String opened,
            String due,
            String closed,
            String remedy,
            Double eur,
            Long covered) {
        return row(
                SilverRemediation.CAP_ID,
                id,
                SilverRemediation.SOURCE_TYPE,
                sourceType,
                SilverRemediation.SOURCE_REF,
                ref,
                SilverRemediation.FACILITY_ID,
                facility,
                SilverRemediation.THEME,
                theme,
                SilverRemediation.OPENED_ON,
                opened,
                SilverRemediation.DUE_ON,
                due,
                SilverRemediation.CLOSED_ON,
                closed,
                SilverRemediation.REMEDY_TYPE,
                remedy,
                SilverRemediation.AMOUNT_EUR,
                eur,
                SilverRemediation.WORKERS_COVERED,
                covered);
    }

    static Map<String, Object> verdict(
            String cap, String sourceType, String facility, String theme, String status, long before, long after) {
        return row(
                GoldRemediationEffectiveness.CAP_ID,
                cap,
                GoldRemediationEffectiveness.PERIOD,
                "2026-Q3",
                GoldRemediationEffectiveness.OPENED_ON,
                "2026-05-01",
                GoldRemediationEffectiveness.SOURCE_TYPE,
                sourceType,
                GoldRemediationEffectiveness.FACILITY_ID,
                facility,
                GoldRemediationEffectiveness.THEME,
                theme,
                GoldRemediationEffectiveness.EFFECTIVENESS_STATUS,
                status,
                GoldRemediationEffectiveness.WORKERS_BEFORE,
                before,
                GoldRemediationEffectiveness.WORKERS_AFTER,
                after);
    }

    static Map<String, Object> cell(
            String facility, String theme, String status, boolean elevated, long reporting, long audits) {
        return row(
                GoldFacilityThemePeriod.FACILITY_ID,
                facility,
                GoldFacilityThemePeriod.THEME,
                theme,
                GoldFacilityThemePeriod.PERIOD,
                "2026-Q3",
                GoldFacilityThemePeriod.CORROBORATION_STATUS,
                status,
                GoldFacilityThemePeriod.IS_WORKER_ELEVATED,
                elevated,
                GoldFacilityThemePeriod.WORKERS_REPORTING,
                reporting,
                GoldFacilityThemePeriod.AUDITS_IN_WINDOW,
                audits);
    }

    /** A table of the contract's columns (every one nullable here), the given values in place, nulls elsewhere. */
    @SafeVarargs
    static Dataset<Row> frame(String table, Map<String, Object>... rows) {
        StructType contract =
                ContractSchemas.structType(ContractLoader.loadAll().get(table));
        StructType schema = new StructType(Arrays.stream(contract.fields())
                .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata()))
                .toArray(StructField[]::new));
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            for (String c : r.keySet()) {
                schema.fieldIndex(c); // a misspelt column fails here, not as a silent null
            }
            Object[] values = new Object[schema.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = typed(schema.fields()[i].dataType(), r.get(schema.fields()[i].name()));
            }
            out.add(RowFactory.create(values));
        }
        return spark.createDataFrame(out, schema);
    }

    private static Object typed(DataType type, Object v) {
        if (v == null) {
            return null;
        }
        if (type.equals(DataTypes.DateType)) {
            return Date.valueOf((String) v);
        }
        if (type.equals(DataTypes.LongType)) {
            return ((Number) v).longValue();
        }
        if (type.equals(DataTypes.DoubleType)) {
            return ((Number) v).doubleValue();
        }
        return v;
    }
}
