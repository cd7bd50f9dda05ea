package org.hrdd.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.hrdd.indicators.IndicatorCells.CAP_SOURCE;
import static org.hrdd.indicators.IndicatorCells.CHANNEL;
import static org.hrdd.indicators.IndicatorCells.COUNTRY;
import static org.hrdd.indicators.IndicatorCells.GENDER;
import static org.hrdd.indicators.IndicatorCells.NATIONALITY;
import static org.hrdd.indicators.IndicatorCells.SECTOR;
import static org.hrdd.indicators.IndicatorCells.SEVERITY;
import static org.hrdd.indicators.IndicatorCells.STATUS;
import static org.hrdd.indicators.IndicatorCells.THEME;
import static org.hrdd.indicators.IndicatorCells.TIER;
import static org.hrdd.indicators.IndicatorCells.WORKER_VOICE;
import static org.hrdd.indicators.IndicatorCells.countDistinctWhere;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.hrdd.analyse.RemediationEffectiveness;
import org.hrdd.analyse.RemediationVerdict;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverGrievance;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.Joins;
import org.hrdd.time.Periods;

/**
 * How each indicator of the catalogue is counted, from silver and gold, for every scope of one period. Each measure
 * is a base dataset (one row per counted thing, with its scope and breakdown columns) and its aggregates; the
 * catalogue decides which breakdowns are published.
 */
public final class IndicatorMeasures implements AutoCloseable {

    /** The tables a computation reads. */
    public record Inputs(
            Dataset<Row> facilities,
            Dataset<Row> brandFacilities,
            Dataset<Row> reach,
            Dataset<Row> contacts,
            Dataset<Row> signals,
            Dataset<Row> remediation,
            Dataset<Row> audits,
            Dataset<Row> findings,
            Dataset<Row> cells,
            Dataset<Row> verdicts,
            Dataset<Row> scores,
            Dataset<Row> grievances) {}

    /** Base-row columns: the worker of a helpline case's record, and the workers one row stands for at least. */
    static final String CASE_WORKER = "_case_worker";

    static final String FLOOR = "_workers_floor";
    static final String CASE = "_case";
    /** Values of the {@link IndicatorCells#WORKER_VOICE} breakdown. */
    public static final String WITH_VOICE = "with";

    public static final String WITHOUT_VOICE = "without";

    public static final String COMPANY = "company";
    public static final String BRAND = "brand";
    public static final String ALL = "all";

    private final Inputs in;
    private final Periods.Period period;
    private final int minWorkers;
    private final String modelVersion;
    private final Dataset<Row> members;
    /** Period-filtered bases and their scope joins, computed once and kept in memory for all indicators. */
    private final Map<String, Dataset<Row>> kept = new java.util.HashMap<>();

    public IndicatorMeasures(Inputs in, Periods.Period period, int minWorkers, String modelVersion) {
        this.in = in;
        this.period = period;
        this.minWorkers = minWorkers;
        this.modelVersion = modelVersion;
        this.members = members(in.facilities(), in.brandFacilities(), period)
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    }

    private Dataset<Row> keep(String key, java.util.function.Supplier<Dataset<Row>> make) {
        Dataset<Row> d = kept.get(key);
        if (d == null) {
            d = make.get().persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
            kept.put(key, d);
        }
        return d;
    }

    /** A base joined to the scope membership, kept in memory like the base itself. */
    private Dataset<Row> scoped(String base, java.util.function.Supplier<Dataset<Row>> rows) {
        return keep("scoped:" + base, () -> withScope(rows.get()));
    }

    /** Releases the datasets kept in memory. */
    @Override
    public void close() {
        kept.values().forEach(Dataset::unpersist);
        kept.clear();
        members.unpersist();
    }

    /**
     * Scope membership in the period: every facility of the master for the company; for a brand, the facilities
     * linked to it at any time during the period. Columns: scope type and id, facility, country, sector, supplier.
     */
    public static Dataset<Row> members(Dataset<Row> facilities, Dataset<Row> brandFacilities, Periods.Period period) {
        Dataset<Row> f = facilities.select(
                col(SilverFacility.FACILITY_ID),
                col(SilverFacility.COUNTRY_CODE).as(COUNTRY),
                col(SilverFacility.SECTOR).as(SECTOR),
                col(SilverFacility.SUPPLIER_ID));
        Dataset<Row> company = f.withColumn(GoldIndicatorValue.SCOPE_TYPE, lit(COMPANY))
                .withColumn(GoldIndicatorValue.SCOPE_ID, lit(ALL));
        Column overlaps = col(SilverBrandFacility.VALID_FROM)
                .leq(lit(Date.valueOf(period.end())))
                .and(col(SilverBrandFacility.VALID_TO)
                        .isNull()
                        .or(col(SilverBrandFacility.VALID_TO).geq(lit(Date.valueOf(period.start())))));
        Dataset<Row> links = brandFacilities
                .filter(overlaps)
                .select(
                        col(SilverBrandFacility.FACILITY_ID),
                        col(SilverBrandFacility.BRAND_ID).as(GoldIndicatorValue.SCOPE_ID))
                .distinct()
                .withColumn(GoldIndicatorValue.SCOPE_TYPE, lit(BRAND));
        Dataset<Row> brands = Joins.inner(f, links, SilverFacility.FACILITY_ID);
        return company.unionByName(brands);
    }

    /** Every indicator's cells, by id. */
    public Map<String, Function<List<String>, Dataset<Row>>> all() {
        Map<String, Function<List<String>, Dataset<Row>>> m = new LinkedHashMap<>();
        Column pseudonym = col(SilverWorkerSignal.WORKER_PSEUDONYM);
        Column none = IndicatorCells.noWorkers();
        m.put(
                "wv_facility_coverage",
                d -> facilityShare("wv_facility_coverage", d, coveredFacilities(), max(col(FLOOR))));
        m.put(
                "wv_workers_reached",
                d -> IndicatorCells.cells(
                        "wv_workers_reached",
                        scoped("contacts", this::contacts),
                        d,
                        new IndicatorCells.Measure(countDistinct(pseudonym), null, countDistinct(pseudonym))));
        m.put(
                "workers_reporting",
                d -> IndicatorCells.cells(
                        "workers_reporting",
                        scoped("signals", this::signals),
                        d,
                        new IndicatorCells.Measure(countDistinct(pseudonym), null, countDistinct(pseudonym))));
        m.put("worker_reporting_rate", this::reportingRate);
        m.put(
                "grievances_received",
                d -> IndicatorCells.cells(
                        "grievances_received",
                        scoped("cases", this::cases),
                        d,
                        new IndicatorCells.Measure(countDistinct(col(CASE)), null, countDistinct(pseudonym))));
        m.put(
                "grievances_addressed_share",
                d -> caseShare("grievances_addressed_share", d, col("_has_cap"), lit(true)));
        m.put("grievances_resolved_share", d -> caseShare("grievances_resolved_share", d, col("_resolved"), lit(true)));
        m.put(
                "grievances_resolved_confirmed_share",
                d -> caseShare(
                        "grievances_resolved_confirmed_share",
                        d,
                        col("_resolved").and(col(SilverWorkerSignal.IS_WORKER_CONFIRMED)),
                        col("_resolved")));
        m.put(
                "grievance_days_to_resolution",
                d -> IndicatorCells.cells(
                        "grievance_days_to_resolution",
                        withScope(cases().filter(col("_resolved"))
                                .withColumn(
                                        "_days",
                                        datediff(
                                                col(SilverWorkerSignal.RESOLVED_ON),
                                                col(SilverWorkerSignal.REPORTED_ON)))),
                        d,
                        new IndicatorCells.Measure(expr("percentile(_days, 0.5)"), null, countDistinct(pseudonym))));
        thirdPartyGrievances(m, none);
        Date end = Date.valueOf(period.end());
        Column openedByEnd = col(SilverRemediation.OPENED_ON).leq(lit(end));
        Column openAtEnd = openedByEnd.and(col(SilverRemediation.CLOSED_ON)
                .isNull()
                .or(col(SilverRemediation.CLOSED_ON).gt(lit(end))));
        Column caseWorker = col(CASE_WORKER);
        m.put(
                "caps_opened",
                d -> IndicatorCells.cells(
                        "caps_opened",
                        scoped("caps", this::caps).filter(openedByEnd),
                        d,
                        new IndicatorCells.Measure(count(lit(1)), null, countDistinct(caseWorker))));
        Column verdict = col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS);
        Column tested = verdict.isin(RemediationVerdict.EFFECTIVE, RemediationVerdict.NOT_EFFECTIVE);
        Column verified = verdict.equalTo(RemediationVerdict.VERIFIED_BY_WORKERS);
        Column judged = tested.or(verified);
        Column verdictWorkers = IndicatorCells.workersAtLeast(caseWorker, col(FLOOR));
        Column effective = verdict.equalTo(RemediationVerdict.EFFECTIVE);
        m.put(
                "caps_closed",
                d -> IndicatorCells.cells(
                        "caps_closed",
                        scoped("verdicts", this::verdicts),
                        d,
                        new IndicatorCells.Measure(count(lit(1)), null, verdictWorkers)));
        m.put(
                "caps_overdue_share",
                d -> IndicatorCells.cells(
                        "caps_overdue_share",
                        scoped("caps", this::caps).filter(openAtEnd),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(col(SilverRemediation.DUE_ON).lt(lit(end)), 1)
                                        .otherwise(0)),
                                count(lit(1)),
                                countDistinct(caseWorker))));
        Column repaidWorkers = IndicatorCells.workersAtLeast(
                caseWorker, coalesce(col(SilverRemediation.WORKERS_COVERED).cast("long"), lit(1L)));
        m.put(
                "fees_repaid_eur",
                d -> IndicatorCells.cells(
                        "fees_repaid_eur",
                        feeRepayments(),
                        d,
                        new IndicatorCells.Measure(sum(SilverRemediation.AMOUNT_EUR), null, repaidWorkers)));
        m.put(
                "fees_repaid_workers",
                d -> IndicatorCells.cells(
                        "fees_repaid_workers",
                        feeRepayments(),
                        d,
                        new IndicatorCells.Measure(sum(SilverRemediation.WORKERS_COVERED), null, repaidWorkers)));
        Dataset<Row> findings = in.findings()
                .filter(col(SilverAuditFinding.PERIOD)
                        .equalTo(period.label())
                        .and(col(SilverAuditFinding.SEVERITY).isin("critical", "major", "minor")))
                .withColumn(SEVERITY, col(SilverAuditFinding.SEVERITY))
                .withColumn(THEME, col(SilverAuditFinding.THEME));
        m.put(
                "audit_findings",
                d -> IndicatorCells.cells(
                        "audit_findings",
                        withScope(findings),
                        d,
                        new IndicatorCells.Measure(count(lit(1)), null, none)));
        m.put(
                "facilities_audited_share",
                d -> facilityShare(
                        "facilities_audited_share",
                        d,
                        in.audits()
                                .filter(col(SilverAudit.PERIOD).equalTo(period.label()))
                                .select(SilverAudit.FACILITY_ID)
                                .distinct(),
                        none));
        m.put(
                "unannounced_audit_share",
                d -> IndicatorCells.cells(
                        "unannounced_audit_share",
                        withScope(in.audits().filter(col(SilverAudit.PERIOD).equalTo(period.label()))),
                        d,
                        new IndicatorCells.Measure(
                                countDistinctWhere(
                                        col(SilverAudit.IS_ANNOUNCED).equalTo(false), col(SilverAudit.AUDIT_ID)),
                                countDistinct(col(SilverAudit.AUDIT_ID)),
                                none)));
        Column elevated = col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED);
        Column status = col(GoldFacilityThemePeriod.CORROBORATION_STATUS);
        Column audited = col(GoldFacilityThemePeriod.AUDITS_IN_WINDOW).gt(0);
        m.put(
                "cells_by_status",
                d -> shareOfScopeTotal(IndicatorCells.cells(
                        "cells_by_status",
                        scoped("cellRows", this::cellRows),
                        d,
                        new IndicatorCells.Measure(count(lit(1)), null, max(col(FLOOR))))));
        m.put(
                "worker_elevated_cells",
                d -> IndicatorCells.cells(
                        "worker_elevated_cells",
                        scoped("cellRows", this::cellRows),
                        d,
                        new IndicatorCells.Measure(sum(when(elevated, 1).otherwise(0)), null, max(col(FLOOR)))));
        Column missed = status.equalTo("WORKER_ONLY").and(audited);
        m.put(
                "audit_blind_spot_rate",
                d -> IndicatorCells.cells(
                        "audit_blind_spot_rate",
                        scoped("cellRows", this::cellRows),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(missed, 1).otherwise(0)),
                                sum(when(elevated.and(audited), 1).otherwise(0)),
                                IndicatorCells.shareWorkers(
                                        coalesce(max(when(missed, col(FLOOR))), lit(0L)),
                                        coalesce(max(when(audited, col(FLOOR))), lit(0L)),
                                        lit(0L)))));
        m.put(
                "worker_elevated_unaudited_cells",
                d -> IndicatorCells.cells(
                        "worker_elevated_unaudited_cells",
                        scoped("cellRows", this::cellRows),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(elevated.and(not(audited)), 1).otherwise(0)),
                                null,
                                max(when(not(audited), col(FLOOR))))));
        Column corroborated = status.equalTo("CORROBORATED");
        m.put(
                "corroboration_rate",
                d -> IndicatorCells.cells(
                        "corroboration_rate",
                        scoped("cellRows", this::cellRows),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(corroborated, 1).otherwise(0)),
                                sum(when(status.isin("CORROBORATED", "WORKER_ONLY", "AUDIT_ONLY"), 1)
                                        .otherwise(0)),
                                IndicatorCells.shareWorkers(
                                        coalesce(max(when(corroborated, col(FLOOR))), lit(0L)),
                                        coalesce(max(col(FLOOR)), lit(0L)),
                                        lit(0L)))));
        m.put(
                "remediation_verdict_share",
                d -> IndicatorCells.cells(
                        "remediation_verdict_share",
                        scoped("verdicts", this::verdicts),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(judged, 1).otherwise(0)),
                                count(lit(1)),
                                IndicatorCells.shareWorkers(
                                        verdictWorkersWhere(judged), verdictWorkers, verdictWorkers))));
        m.put(
                "remediation_worker_verified_share",
                d -> IndicatorCells.cells(
                        "remediation_worker_verified_share",
                        scoped("verdicts", this::verdicts),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(verified, 1).otherwise(0)),
                                count(lit(1)),
                                IndicatorCells.shareWorkers(
                                        verdictWorkersWhere(verified), verdictWorkers, verdictWorkers))));
        m.put(
                "remediation_effectiveness_rate",
                d -> IndicatorCells.cells(
                        "remediation_effectiveness_rate",
                        scoped("verdicts", this::verdicts),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(effective, 1).otherwise(0)),
                                sum(when(tested, 1).otherwise(0)),
                                IndicatorCells.shareWorkers(
                                        verdictWorkersWhere(effective), verdictWorkersWhere(tested), verdictWorkers))));
        m.put(
                "facilities_by_risk_tier",
                d -> shareOfScopeTotal(IndicatorCells.cells(
                        "facilities_by_risk_tier",
                        scoped("scores", this::scores),
                        d,
                        new IndicatorCells.Measure(count(lit(1)), null, none))));
        m.put(
                "high_risk_facilities_share",
                d -> IndicatorCells.cells(
                        "high_risk_facilities_share",
                        scoped("scores", this::scores),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(col(TIER).isin("critical", "high"), 1).otherwise(0)), count(lit(1)), none)));
        m.put(
                "facilities_scored_with_worker_voice",
                d -> IndicatorCells.cells(
                        "facilities_scored_with_worker_voice",
                        scoped("scores", this::scores),
                        d,
                        new IndicatorCells.Measure(
                                sum(when(col(GoldRiskScore.IS_WORKER_COVERED), 1)
                                        .otherwise(0)),
                                count(lit(1)),
                                none)));
        m.put("suppliers_without_worker_voice", this::suppliersWithoutVoice);
        return m;
    }

    /** The workers behind the verdict rows where {@code condition} holds (case workers, or the test's workers). */
    private static Column verdictWorkersWhere(Column condition) {
        return IndicatorCells.workersAtLeast(when(condition, col(CASE_WORKER)), when(condition, col(FLOOR)));
    }

    /** A breakdown of a count as shares: every cell's denominator is the scope's total count. */
    public static Dataset<Row> shareOfScopeTotal(Dataset<Row> cells) {
        Dataset<Row> totals = cells.filter(col(GoldIndicatorValue.DIMENSION).equalTo(IndicatorCells.TOTAL_DIMENSION))
                .select(
                        col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID),
                        col(GoldIndicatorValue.NUMERATOR).as("_total"));
        return Joins.left(
                        cells.drop(GoldIndicatorValue.DENOMINATOR),
                        totals,
                        GoldIndicatorValue.SCOPE_TYPE,
                        GoldIndicatorValue.SCOPE_ID)
                .withColumn(GoldIndicatorValue.DENOMINATOR, col("_total"))
                .drop("_total");
    }

    /** Joins a base (with a facility_id) to the scope membership: each row once per scope its facility is in. */
    Dataset<Row> withScope(Dataset<Row> base) {
        Dataset<Row> b = base;
        for (String c : List.of(COUNTRY, SECTOR)) {
            if (List.of(b.columns()).contains(c)) {
                b = b.drop(c);
            }
        }
        return Joins.inner(b, members, SilverFacility.FACILITY_ID);
    }

    /** Worker-voice contacts of the period with aggregate consent: one row per record, with its worker. */
    private Dataset<Row> contacts() {
        return keep("contacts", () -> in.contacts()
                .filter(col(SilverWorkerContact.PERIOD)
                        .equalTo(period.label())
                        .and(col(SilverWorkerContact.CONSENT_AGGREGATE)))
                .withColumn(CHANNEL, col(SilverWorkerContact.CHANNEL)));
    }

    /**
     * Facilities with worker voice in the period (at least the minimum workers reached, as everywhere else), with the
     * largest count of workers reached at one of their channels ({@link #FLOOR}): a lower bound of the distinct workers.
     */
    private Dataset<Row> coveredFacilities() {
        return keep("covered", () -> in.reach()
                .filter(col(SilverWorkerReach.PERIOD).equalTo(period.label()))
                .groupBy(col(SilverWorkerReach.FACILITY_ID))
                .agg(
                        sum(SilverWorkerReach.WORKERS_REACHED).as("_reached"),
                        max(SilverWorkerReach.WORKERS_REACHED).as(FLOOR))
                .filter(col("_reached").geq(minWorkers))
                .drop("_reached"));
    }

    /** Helpline case (source system : record id) → the worker who raised it, over every period. */
    private Dataset<Row> caseWorkers() {
        return keep("caseWorkers", () -> in.signals()
                .filter(col(SilverWorkerSignal.CHANNEL).equalTo("helpline"))
                .groupBy(RemediationEffectiveness.caseRef().as(SilverRemediation.SOURCE_REF))
                .agg(functions.min(col(SilverWorkerSignal.WORKER_PSEUDONYM)).as(CASE_WORKER)));
    }

    /**
     * Every CAP with its breakdowns ({@link IndicatorCells#CAP_SOURCE}, theme) and, for a helpline case's CAP, the
     * worker who raised the case ({@link #CASE_WORKER}; null for an audit finding's).
     */
    private Dataset<Row> caps() {
        return keep(
                "caps",
                () -> Joins.left(
                        in.remediation()
                                .withColumn(CAP_SOURCE, col(SilverRemediation.SOURCE_TYPE))
                                .withColumn(THEME, col(SilverRemediation.THEME)),
                        caseWorkers(),
                        SilverRemediation.SOURCE_REF));
    }

    /** Recruitment-fee repayments closed in the period, in scope. */
    private Dataset<Row> feeRepayments() {
        return scoped("caps", this::caps)
                .filter(col(SilverRemediation.REMEDY_TYPE)
                        .equalTo("fee_repayment")
                        .and(col(SilverRemediation.CLOSED_ON)
                                .between(Date.valueOf(period.start()), Date.valueOf(period.end()))));
    }

    /** Adverse-theme signals of the period with aggregate consent (gender and nationality are null without it). */
    private Dataset<Row> signals() {
        return keep("signals", () -> in.signals()
                .filter(col(SilverWorkerSignal.PERIOD)
                        .equalTo(period.label())
                        .and(col(SilverWorkerSignal.CONSENT_AGGREGATE)))
                .withColumn(THEME, col(SilverWorkerSignal.THEME))
                .withColumn(CHANNEL, col(SilverWorkerSignal.CHANNEL))
                .withColumn(GENDER, col(SilverWorkerSignal.GENDER))
                .withColumn(NATIONALITY, col(SilverWorkerSignal.NATIONALITY)));
    }

    /** Breakdowns of third-party grievances (the catalogue's disaggregation names). */
    static final String RAISED_BY = "raised_by";

    static final String S2_SCOPE = "s2_scope";
    /** A third-party grievance: its source system and case id. */
    static final String GRIEVANCE = "_grievance";

    /**
     * Third-party grievances raised in the period about facilities in scope: their own evidence, counted in cases and
     * never in workers (they are raised by organisations about companies and hold no worker record, so no cell rests
     * on a worker). Every grievance counts in {@code tpg_grievances_received}, broken down by its ESRS S2 scope; the
     * response and resolution indicators count those in scope only (labour rights, a canonical theme).
     */
    private void thirdPartyGrievances(Map<String, Function<List<String>, Dataset<Row>>> m, Column none) {
        Column grievance = col(GRIEVANCE);
        Column inScope = col(SilverGrievance.S2_SCOPE).equalTo(org.hrdd.refine.GrievanceRefiner.IN_SCOPE);
        Date end = Date.valueOf(period.end());
        // answered by the period's end: the last day the answer's precision allows (a year-only 2026 answer is not
        // known to come before 30 September)
        Column answeredByEnd = org.hrdd.refine.GrievanceRefiner.lastDay(
                        col(SilverGrievance.RESPONDED_ON), col(SilverGrievance.RESPONDED_ON_PRECISION))
                .leq(lit(end));
        m.put(
                "tpg_grievances_received",
                d -> IndicatorCells.cells(
                        "tpg_grievances_received",
                        scoped("grievances", this::grievances),
                        d,
                        new IndicatorCells.Measure(countDistinct(grievance), null, none)));
        m.put(
                "tpg_responded_share",
                d -> IndicatorCells.cells(
                        "tpg_responded_share",
                        scoped("grievances", this::grievances).filter(inScope),
                        d,
                        new IndicatorCells.Measure(
                                countDistinctWhere(answeredByEnd, grievance), countDistinct(grievance), none)));
        m.put(
                "tpg_resolved_share",
                d -> IndicatorCells.cells(
                        "tpg_resolved_share",
                        scoped("grievances", this::grievances).filter(inScope),
                        d,
                        new IndicatorCells.Measure(
                                countDistinctWhere(col(SilverGrievance.STATUS).equalTo("resolved"), grievance),
                                countDistinct(grievance),
                                none)));
        // days only between two whole dates: a month-only date would add up to a month of error
        // over the answers the share counts (by the period's end)
        Column days = when(
                col(SilverGrievance.RAISED_ON_PRECISION)
                        .equalTo("day")
                        .and(col(SilverGrievance.RESPONDED_ON_PRECISION).equalTo("day"))
                        .and(answeredByEnd),
                datediff(col(SilverGrievance.RESPONDED_ON), col(SilverGrievance.RAISED_ON)));
        // one row per grievance and scope: a grievance about two facilities or on two themes is one answer, once
        m.put(
                "tpg_days_to_response",
                d -> IndicatorCells.cells(
                        "tpg_days_to_response",
                        scoped("grievances", this::grievances)
                                .filter(inScope)
                                .withColumn("_days", days)
                                .filter(col("_days").isNotNull())
                                .dropDuplicates(GoldIndicatorValue.SCOPE_TYPE, GoldIndicatorValue.SCOPE_ID, GRIEVANCE),
                        d,
                        new IndicatorCells.Measure(expr("percentile(_days, 0.5)"), null, none)));
    }

    /** Third-party grievances raised in the period: one row per grievance, facility and issue code. */
    private Dataset<Row> grievances() {
        return in.grievances()
                .filter(col(SilverGrievance.PERIOD).equalTo(period.label()))
                .withColumn(
                        GRIEVANCE,
                        functions.concat_ws(
                                "|", col(org.hrdd.schemas.Lineage.SOURCE_SYSTEM), col(SilverGrievance.CASE_ID)))
                // an issue out of scope for S2 has no theme: it is broken down as such, never as "unknown"
                .withColumn(
                        THEME, coalesce(col(SilverGrievance.THEME), lit(org.hrdd.refine.GrievanceRefiner.OUT_OF_SCOPE)))
                .withColumn(RAISED_BY, col(SilverGrievance.RAISED_BY))
                .withColumn(S2_SCOPE, col(SilverGrievance.S2_SCOPE));
    }

    /** Helpline cases (signals of the helpline channel, one row per case × theme) with resolution and CAP flags. */
    private Dataset<Row> cases() {
        return keep("cases", this::makeCases);
    }

    private Dataset<Row> makeCases() {
        Dataset<Row> caps = in.remediation()
                .filter(col(SilverRemediation.SOURCE_TYPE).equalTo("helpline_case"))
                .select(col(SilverRemediation.SOURCE_REF).as(CASE))
                .distinct()
                .withColumn("_has_cap", lit(true));
        Dataset<Row> helpline = signals()
                .filter(col(SilverWorkerSignal.CHANNEL).equalTo("helpline"))
                .withColumn(CASE, RemediationEffectiveness.caseRef())
                .withColumn(
                        "_resolved",
                        col(SilverWorkerSignal.STATUS)
                                .equalTo("resolved")
                                .and(col(SilverWorkerSignal.RESOLVED_ON).isNotNull()));
        return Joins.left(helpline, caps, CASE).withColumn("_has_cap", coalesce(col("_has_cap"), lit(false)));
    }

    private Dataset<Row> caseShare(String id, List<String> d, Column numeratorCondition, Column denominatorCondition) {
        Column pseudonym = col(SilverWorkerSignal.WORKER_PSEUDONYM);
        return IndicatorCells.cells(
                id,
                scoped("cases", this::cases),
                d,
                new IndicatorCells.Measure(
                        countDistinctWhere(numeratorCondition, col(CASE)),
                        countDistinctWhere(denominatorCondition, col(CASE)),
                        IndicatorCells.shareWorkers(
                                countDistinctWhere(numeratorCondition, pseudonym),
                                countDistinctWhere(denominatorCondition, pseudonym),
                                countDistinct(pseudonym))));
    }

    private Dataset<Row> reportingRate(List<String> d) {
        // numerator: distinct workers reporting (by theme / channel); denominator: workers reached in the scope
        // (by channel when broken down by channel, else all of them)
        Dataset<Row> reporting = IndicatorCells.cells(
                "worker_reporting_rate",
                scoped("signals", this::signals),
                d,
                new IndicatorCells.Measure(
                        countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)),
                        null,
                        countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM))));
        Dataset<Row> reached = IndicatorCells.cells(
                        "worker_reporting_rate",
                        scoped("contacts", this::contacts),
                        d.stream().filter(x -> !x.equals(THEME)).toList(),
                        new IndicatorCells.Measure(
                                countDistinct(col(SilverWorkerContact.WORKER_PSEUDONYM)),
                                null,
                                IndicatorCells.noWorkers()))
                .select(
                        col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID),
                        col(GoldIndicatorValue.DIMENSION),
                        col(GoldIndicatorValue.DIMENSION_VALUE),
                        col(GoldIndicatorValue.NUMERATOR).as("_reached"));
        Dataset<Row> totalReached = reached.filter(
                        col(GoldIndicatorValue.DIMENSION).equalTo(IndicatorCells.TOTAL_DIMENSION))
                .select(
                        col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID),
                        col("_reached").as("_all"));
        Dataset<Row> joined = Joins.left(
                Joins.left(
                        reporting.drop(GoldIndicatorValue.DENOMINATOR),
                        reached,
                        GoldIndicatorValue.SCOPE_TYPE,
                        GoldIndicatorValue.SCOPE_ID,
                        GoldIndicatorValue.DIMENSION,
                        GoldIndicatorValue.DIMENSION_VALUE),
                totalReached,
                GoldIndicatorValue.SCOPE_TYPE,
                GoldIndicatorValue.SCOPE_ID);
        return joined.withColumn(
                        GoldIndicatorValue.DENOMINATOR,
                        when(col(GoldIndicatorValue.DIMENSION).equalTo(THEME), col("_all"))
                                .otherwise(col("_reached")))
                .drop("_reached", "_all");
    }

    /** Share of the scope's facilities among {@code qualifying} (facility ids, with whatever {@code workers} reads). */
    private Dataset<Row> facilityShare(String id, List<String> d, Dataset<Row> qualifying, Column workers) {
        Dataset<Row> base = Joins.left(members, qualifying.withColumn("_q", lit(true)), SilverFacility.FACILITY_ID);
        return IndicatorCells.cells(
                id,
                base,
                d,
                new IndicatorCells.Measure(
                        countDistinctWhere(col("_q").equalTo(true), col(SilverFacility.FACILITY_ID)),
                        countDistinct(col(SilverFacility.FACILITY_ID)),
                        workers));
    }

    /**
     * The corroboration cells of the period; a worker-elevated cell rests on its workers reporting ({@link #FLOOR}),
     * the others on no worker report (their status says too few workers were reached, or nothing significant).
     */
    private Dataset<Row> cellRows() {
        return keep("cells", () -> in.cells()
                .filter(col(GoldFacilityThemePeriod.PERIOD).equalTo(period.label()))
                .withColumn(THEME, col(GoldFacilityThemePeriod.THEME))
                .withColumn(STATUS, col(GoldFacilityThemePeriod.CORROBORATION_STATUS))
                .withColumn(
                        FLOOR,
                        when(
                                col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED),
                                col(GoldFacilityThemePeriod.WORKERS_REPORTING))));
    }

    /**
     * The effectiveness rows of the period (every CAP closed by its end), with the worker of a helpline case's CAP
     * ({@link #CASE_WORKER}) and, for a verdict of the before / after test (EFFECTIVE, NOT_EFFECTIVE), the workers it
     * compared ({@link #FLOOR}, the larger window). A worker's confirmation rests on that worker; an INCONCLUSIVE
     * audit-finding CAP states nothing about any worker.
     */
    private Dataset<Row> verdicts() {
        return keep("verdicts", () -> {
            // CAPs opened by the period's end, as every other CAP figure counts them (a CAP recorded as closed before
            // it opened would make opened - closed differ from open)
            Dataset<Row> v = in.verdicts()
                    .filter(col(GoldRemediationEffectiveness.PERIOD)
                            .equalTo(period.label())
                            .and(col(GoldRemediationEffectiveness.OPENED_ON).leq(lit(Date.valueOf(period.end())))))
                    .withColumn(THEME, col(GoldRemediationEffectiveness.THEME))
                    .withColumn(CAP_SOURCE, col(GoldRemediationEffectiveness.SOURCE_TYPE))
                    .withColumn(
                            FLOOR,
                            when(
                                    col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS)
                                            .isin(RemediationVerdict.EFFECTIVE, RemediationVerdict.NOT_EFFECTIVE),
                                    functions
                                            .greatest(
                                                    coalesce(col(GoldRemediationEffectiveness.WORKERS_BEFORE), lit(0L)),
                                                    coalesce(col(GoldRemediationEffectiveness.WORKERS_AFTER), lit(0L)))
                                            .cast("long")));
            Dataset<Row> workerOf = Joins.inner(
                            in.remediation().select(col(SilverRemediation.CAP_ID), col(SilverRemediation.SOURCE_REF)),
                            caseWorkers(),
                            SilverRemediation.SOURCE_REF)
                    .select(col(SilverRemediation.CAP_ID).as(GoldRemediationEffectiveness.CAP_ID), col(CASE_WORKER));
            return Joins.left(v, workerOf, GoldRemediationEffectiveness.CAP_ID);
        });
    }

    private Dataset<Row> scores() {
        return in.scores()
                .filter(col(GoldRiskScore.PERIOD)
                        .equalTo(period.label())
                        .and(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                        .and(col(GoldRiskScore.MODEL_VERSION).equalTo(modelVersion)))
                .select(
                        col(GoldRiskScore.SCOPE_ID).as(SilverFacility.FACILITY_ID),
                        col(GoldRiskScore.TIER).as(TIER),
                        col(GoldRiskScore.IS_WORKER_COVERED),
                        when(col(GoldRiskScore.IS_WORKER_COVERED), lit(WITH_VOICE))
                                .otherwise(lit(WITHOUT_VOICE))
                                .as(WORKER_VOICE));
    }

    private Dataset<Row> suppliersWithoutVoice(List<String> d) {
        Dataset<Row> covered = coveredFacilities().withColumn("_q", lit(true));
        List<Column> keys = new ArrayList<>(List.of(
                col(GoldIndicatorValue.SCOPE_TYPE), col(GoldIndicatorValue.SCOPE_ID), col(SilverFacility.SUPPLIER_ID)));
        Dataset<Row> perSupplier = Joins.left(members, covered, SilverFacility.FACILITY_ID)
                .filter(col(SilverFacility.SUPPLIER_ID).isNotNull())
                .groupBy(keys.toArray(Column[]::new))
                .agg(
                        max(coalesce(col("_q"), lit(false))).as("_covered"),
                        max(col(FLOOR)).as(FLOOR),
                        first(col(COUNTRY)).as(COUNTRY));
        return IndicatorCells.cells(
                "suppliers_without_worker_voice",
                perSupplier,
                d,
                new IndicatorCells.Measure(
                        countDistinctWhere(col("_covered").equalTo(false), col(SilverFacility.SUPPLIER_ID)),
                        countDistinct(col(SilverFacility.SUPPLIER_ID)),
                        max(col(FLOOR))));
    }
}
