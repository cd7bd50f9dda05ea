package org.hrdd.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.hrdd.indicators.IndicatorCells.CHANNEL;
import static org.hrdd.indicators.IndicatorCells.COUNTRY;
import static org.hrdd.indicators.IndicatorCells.GENDER;
import static org.hrdd.indicators.IndicatorCells.NATIONALITY;
import static org.hrdd.indicators.IndicatorCells.SECTOR;
import static org.hrdd.indicators.IndicatorCells.SEVERITY;
import static org.hrdd.indicators.IndicatorCells.THEME;
import static org.hrdd.indicators.IndicatorCells.TIER;
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
import org.hrdd.analyse.RemediationVerdict;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverRemediation;
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
    public record Inputs(Dataset<Row> facilities, Dataset<Row> brandFacilities, Dataset<Row> reach, Dataset<Row> signals,
                         Dataset<Row> remediation, Dataset<Row> audits, Dataset<Row> findings, Dataset<Row> cells,
                         Dataset<Row> verdicts, Dataset<Row> scores) {
    }

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
        Dataset<Row> f = facilities.select(col(SilverFacility.FACILITY_ID), col(SilverFacility.COUNTRY_CODE).as(COUNTRY),
                col(SilverFacility.SECTOR).as(SECTOR), col(SilverFacility.SUPPLIER_ID));
        Dataset<Row> company = f.withColumn(GoldIndicatorValue.SCOPE_TYPE, lit(COMPANY))
                .withColumn(GoldIndicatorValue.SCOPE_ID, lit(ALL));
        Column overlaps = col(SilverBrandFacility.VALID_FROM).leq(lit(Date.valueOf(period.end())))
                .and(col(SilverBrandFacility.VALID_TO).isNull()
                        .or(col(SilverBrandFacility.VALID_TO).geq(lit(Date.valueOf(period.start())))));
        Dataset<Row> links = brandFacilities.filter(overlaps)
                .select(col(SilverBrandFacility.FACILITY_ID), col(SilverBrandFacility.BRAND_ID).as(GoldIndicatorValue.SCOPE_ID))
                .distinct().withColumn(GoldIndicatorValue.SCOPE_TYPE, lit(BRAND));
        Dataset<Row> brands = Joins.inner(f, links, SilverFacility.FACILITY_ID);
        return company.unionByName(brands);
    }

    /** Every indicator's cells, by id. */
    public Map<String, Function<List<String>, Dataset<Row>>> all() {
        Map<String, Function<List<String>, Dataset<Row>>> m = new LinkedHashMap<>();
        m.put("wv_facility_coverage", d -> facilityShare("wv_facility_coverage", d,
                reachPerFacility().filter(col("_reached").geq(minWorkers)).select(SilverFacility.FACILITY_ID)));
        m.put("wv_workers_reached", d -> IndicatorCells.cells("wv_workers_reached", scoped("reachRows", this::reachRows), d,
                new IndicatorCells.Measure(sum(SilverWorkerReach.WORKERS_REACHED), null, sum(SilverWorkerReach.WORKERS_REACHED))));
        m.put("workers_reporting", d -> IndicatorCells.cells("workers_reporting", scoped("signals", this::signals), d,
                new IndicatorCells.Measure(countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)), null,
                        countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)))));
        m.put("worker_reporting_rate", this::reportingRate);
        m.put("grievances_received", d -> IndicatorCells.cells("grievances_received", scoped("cases", this::cases), d,
                new IndicatorCells.Measure(countDistinct(col("_case")), null, countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)))));
        m.put("grievances_addressed_share", d -> caseShare("grievances_addressed_share", d, col("_has_cap"), lit(true)));
        m.put("grievances_resolved_share", d -> caseShare("grievances_resolved_share", d, col("_resolved"), lit(true)));
        m.put("grievances_resolved_confirmed_share", d -> caseShare("grievances_resolved_confirmed_share", d,
                col("_resolved").and(col(SilverWorkerSignal.IS_WORKER_CONFIRMED)), col("_resolved")));
        m.put("grievance_days_to_resolution", d -> IndicatorCells.cells("grievance_days_to_resolution",
                withScope(cases().filter(col("_resolved")).withColumn("_days", datediff(col(SilverWorkerSignal.RESOLVED_ON),
                        col(SilverWorkerSignal.REPORTED_ON)))), d,
                new IndicatorCells.Measure(expr("percentile(_days, 0.5)"), null,
                        countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)))));
        m.put("caps_overdue_share", d -> IndicatorCells.cells("caps_overdue_share", scoped("cellRows", this::cellRows), d,
                new IndicatorCells.Measure(sum(GoldFacilityThemePeriod.CAPS_OVERDUE), sum(GoldFacilityThemePeriod.CAPS_OPEN), null)));
        Dataset<Row> fees = in.remediation().filter(col(SilverRemediation.REMEDY_TYPE).equalTo("fee_repayment")
                .and(col(SilverRemediation.CLOSED_ON).between(Date.valueOf(period.start()), Date.valueOf(period.end()))));
        m.put("fees_repaid_eur", d -> IndicatorCells.cells("fees_repaid_eur", withScope(fees), d,
                new IndicatorCells.Measure(sum(SilverRemediation.AMOUNT_EUR), null, null)));
        m.put("fees_repaid_workers", d -> IndicatorCells.cells("fees_repaid_workers", withScope(fees), d,
                new IndicatorCells.Measure(sum(SilverRemediation.WORKERS_COVERED), null, sum(SilverRemediation.WORKERS_COVERED))));
        Dataset<Row> findings = in.findings().filter(col(SilverAuditFinding.PERIOD).equalTo(period.label())
                        .and(col(SilverAuditFinding.SEVERITY).isin("critical", "major", "minor")))
                .withColumn(SEVERITY, col(SilverAuditFinding.SEVERITY)).withColumn(THEME, col(SilverAuditFinding.THEME));
        m.put("audit_findings", d -> IndicatorCells.cells("audit_findings", withScope(findings), d,
                new IndicatorCells.Measure(count(lit(1)), null, null)));
        m.put("facilities_audited_share", d -> facilityShare("facilities_audited_share", d,
                in.audits().filter(col(SilverAudit.PERIOD).equalTo(period.label())).select(SilverAudit.FACILITY_ID).distinct()));
        m.put("unannounced_audit_share", d -> IndicatorCells.cells("unannounced_audit_share",
                withScope(in.audits().filter(col(SilverAudit.PERIOD).equalTo(period.label()))), d,
                new IndicatorCells.Measure(countDistinctWhere(col(SilverAudit.IS_ANNOUNCED).equalTo(false), col(SilverAudit.AUDIT_ID)),
                        countDistinct(col(SilverAudit.AUDIT_ID)), null)));
        Column elevated = col(GoldFacilityThemePeriod.IS_WORKER_ELEVATED);
        Column status = col(GoldFacilityThemePeriod.CORROBORATION_STATUS);
        m.put("worker_elevated_cells", d -> IndicatorCells.cells("worker_elevated_cells", scoped("cellRows", this::cellRows), d,
                new IndicatorCells.Measure(sum(when(elevated, 1).otherwise(0)), null, null)));
        m.put("audit_blind_spot_rate", d -> IndicatorCells.cells("audit_blind_spot_rate", scoped("cellRows", this::cellRows), d,
                new IndicatorCells.Measure(sum(when(status.equalTo("WORKER_ONLY"), 1).otherwise(0)),
                        sum(when(elevated, 1).otherwise(0)), null)));
        m.put("corroboration_rate", d -> IndicatorCells.cells("corroboration_rate", scoped("cellRows", this::cellRows), d,
                new IndicatorCells.Measure(sum(when(status.equalTo("CORROBORATED"), 1).otherwise(0)),
                        sum(when(status.isin("CORROBORATED", "WORKER_ONLY", "AUDIT_ONLY"), 1).otherwise(0)), null)));
        Column verdict = col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS);
        Column worked = verdict.isin(RemediationVerdict.EFFECTIVE, RemediationVerdict.VERIFIED_BY_WORKERS);
        m.put("remediation_effectiveness_rate", d -> IndicatorCells.cells("remediation_effectiveness_rate",
                scoped("verdicts", this::verdicts), d, new IndicatorCells.Measure(sum(when(worked, 1).otherwise(0)),
                        sum(when(worked.or(verdict.equalTo(RemediationVerdict.NOT_EFFECTIVE)), 1).otherwise(0)), null)));
        m.put("remediation_worker_verified_share", d -> IndicatorCells.cells("remediation_worker_verified_share",
                scoped("verdicts", this::verdicts), d, new IndicatorCells.Measure(
                        sum(when(verdict.equalTo(RemediationVerdict.VERIFIED_BY_WORKERS), 1).otherwise(0)), count(lit(1)), null)));
        m.put("facilities_by_risk_tier", d -> shareOfScopeTotal(IndicatorCells.cells("facilities_by_risk_tier",
                scoped("scores", this::scores), d, new IndicatorCells.Measure(count(lit(1)), null, null))));
        m.put("high_risk_facilities_share", d -> IndicatorCells.cells("high_risk_facilities_share", scoped("scores", this::scores), d,
                new IndicatorCells.Measure(sum(when(col(TIER).isin("critical", "high"), 1).otherwise(0)), count(lit(1)), null)));
        m.put("suppliers_without_worker_voice", this::suppliersWithoutVoice);
        return m;
    }

    /** A breakdown of a count as shares: every cell's denominator is the scope's total count. */
    public static Dataset<Row> shareOfScopeTotal(Dataset<Row> cells) {
        Dataset<Row> totals = cells.filter(col(GoldIndicatorValue.DIMENSION).equalTo(IndicatorCells.TOTAL_DIMENSION))
                .select(col(GoldIndicatorValue.SCOPE_TYPE), col(GoldIndicatorValue.SCOPE_ID),
                        col(GoldIndicatorValue.NUMERATOR).as("_total"));
        return Joins.left(cells.drop(GoldIndicatorValue.DENOMINATOR), totals, GoldIndicatorValue.SCOPE_TYPE,
                        GoldIndicatorValue.SCOPE_ID)
                .withColumn(GoldIndicatorValue.DENOMINATOR, col("_total")).drop("_total");
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

    private Dataset<Row> reachRows() {
        return keep("reach", () -> in.reach().filter(col(SilverWorkerReach.PERIOD).equalTo(period.label()))
                .withColumn(CHANNEL, col(SilverWorkerReach.CHANNEL)));
    }

    private Dataset<Row> reachPerFacility() {
        return reachRows().groupBy(col(SilverWorkerReach.FACILITY_ID))
                .agg(sum(SilverWorkerReach.WORKERS_REACHED).as("_reached"));
    }

    /** Adverse-theme signals of the period with aggregate consent (gender and nationality are null without it). */
    private Dataset<Row> signals() {
        return keep("signals", () -> in.signals().filter(col(SilverWorkerSignal.PERIOD).equalTo(period.label())
                        .and(col(SilverWorkerSignal.CONSENT_AGGREGATE)))
                .withColumn(THEME, col(SilverWorkerSignal.THEME)).withColumn(CHANNEL, col(SilverWorkerSignal.CHANNEL))
                .withColumn(GENDER, col(SilverWorkerSignal.GENDER)).withColumn(NATIONALITY, col(SilverWorkerSignal.NATIONALITY)));
    }

    /** Helpline cases (signals of the helpline channel, one row per case × theme) with resolution and CAP flags. */
    private Dataset<Row> cases() {
        return keep("cases", this::makeCases);
    }

    private Dataset<Row> makeCases() {
        Dataset<Row> caps = in.remediation().filter(col(SilverRemediation.SOURCE_TYPE).equalTo("helpline_case"))
                .select(col(SilverRemediation.SOURCE_REF).as("_case")).distinct().withColumn("_has_cap", lit(true));
        Dataset<Row> helpline = signals().filter(col(SilverWorkerSignal.CHANNEL).equalTo("helpline"))
                .withColumn("_case", concat(col(org.hrdd.schemas.Lineage.SOURCE_SYSTEM), lit(":"), col(SilverWorkerSignal.SOURCE_RECORD_ID)))
                .withColumn("_resolved", col(SilverWorkerSignal.STATUS).equalTo("resolved")
                        .and(col(SilverWorkerSignal.RESOLVED_ON).isNotNull()));
        return Joins.left(helpline, caps, "_case").withColumn("_has_cap",
                org.apache.spark.sql.functions.coalesce(col("_has_cap"), lit(false)));
    }

    private Dataset<Row> caseShare(String id, List<String> d, Column numeratorCondition, Column denominatorCondition) {
        return IndicatorCells.cells(id, scoped("cases", this::cases), d, new IndicatorCells.Measure(
                countDistinctWhere(numeratorCondition, col("_case")), countDistinctWhere(denominatorCondition, col("_case")),
                countDistinctWhere(denominatorCondition, col(SilverWorkerSignal.WORKER_PSEUDONYM))));
    }

    private Dataset<Row> reportingRate(List<String> d) {
        // numerator: distinct workers reporting (by theme / channel); denominator: workers reached in the scope
        // (by channel when broken down by channel, else all of them)
        Dataset<Row> reporting = IndicatorCells.cells("worker_reporting_rate", scoped("signals", this::signals), d,
                new IndicatorCells.Measure(countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)), null,
                        countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM))));
        Dataset<Row> reached = IndicatorCells.cells("worker_reporting_rate", scoped("reachRows", this::reachRows),
                d.stream().filter(x -> !x.equals(THEME)).toList(), new IndicatorCells.Measure(
                        sum(SilverWorkerReach.WORKERS_REACHED), null, null))
                .select(col(GoldIndicatorValue.SCOPE_TYPE), col(GoldIndicatorValue.SCOPE_ID), col(GoldIndicatorValue.DIMENSION),
                        col(GoldIndicatorValue.DIMENSION_VALUE), col(GoldIndicatorValue.NUMERATOR).as("_reached"));
        Dataset<Row> totalReached = reached.filter(col(GoldIndicatorValue.DIMENSION).equalTo(IndicatorCells.TOTAL_DIMENSION))
                .select(col(GoldIndicatorValue.SCOPE_TYPE), col(GoldIndicatorValue.SCOPE_ID), col("_reached").as("_all"));
        Dataset<Row> joined = Joins.left(Joins.left(reporting.drop(GoldIndicatorValue.DENOMINATOR), reached,
                        GoldIndicatorValue.SCOPE_TYPE, GoldIndicatorValue.SCOPE_ID, GoldIndicatorValue.DIMENSION,
                        GoldIndicatorValue.DIMENSION_VALUE), totalReached, GoldIndicatorValue.SCOPE_TYPE,
                GoldIndicatorValue.SCOPE_ID);
        return joined.withColumn(GoldIndicatorValue.DENOMINATOR,
                        when(col(GoldIndicatorValue.DIMENSION).equalTo(THEME), col("_all")).otherwise(col("_reached")))
                .drop("_reached", "_all");
    }

    private Dataset<Row> facilityShare(String id, List<String> d, Dataset<Row> qualifying) {
        Dataset<Row> base = Joins.left(members, qualifying.withColumn("_q", lit(true)), SilverFacility.FACILITY_ID);
        return IndicatorCells.cells(id, base, d, new IndicatorCells.Measure(
                countDistinctWhere(col("_q").equalTo(true), col(SilverFacility.FACILITY_ID)),
                countDistinct(col(SilverFacility.FACILITY_ID)), null));
    }

    private Dataset<Row> cellRows() {
        return keep("cells", () -> in.cells().filter(col(GoldFacilityThemePeriod.PERIOD).equalTo(period.label()))
                .withColumn(THEME, col(GoldFacilityThemePeriod.THEME)));
    }

    private Dataset<Row> verdicts() {
        return keep("verdicts", () -> in.verdicts().filter(col(GoldRemediationEffectiveness.PERIOD).equalTo(period.label()))
                .withColumn(THEME, col(GoldRemediationEffectiveness.THEME)));
    }

    private Dataset<Row> scores() {
        return in.scores().filter(col(GoldRiskScore.PERIOD).equalTo(period.label())
                        .and(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                        .and(col(GoldRiskScore.MODEL_VERSION).equalTo(modelVersion)))
                .select(col(GoldRiskScore.SCOPE_ID).as(SilverFacility.FACILITY_ID), col(GoldRiskScore.TIER).as(TIER));
    }

    private Dataset<Row> suppliersWithoutVoice(List<String> d) {
        Dataset<Row> covered = reachPerFacility().filter(col("_reached").geq(minWorkers)).select(SilverFacility.FACILITY_ID)
                .withColumn("_q", lit(true));
        List<Column> keys = new ArrayList<>(List.of(col(GoldIndicatorValue.SCOPE_TYPE), col(GoldIndicatorValue.SCOPE_ID),
                col(SilverFacility.SUPPLIER_ID)));
        Dataset<Row> perSupplier = Joins.left(members, covered, SilverFacility.FACILITY_ID)
                .filter(col(SilverFacility.SUPPLIER_ID).isNotNull())
                .groupBy(keys.toArray(Column[]::new))
                .agg(max(org.apache.spark.sql.functions.coalesce(col("_q"), lit(false))).as("_covered"),
                        first(col(COUNTRY)).as(COUNTRY));
        return IndicatorCells.cells("suppliers_without_worker_voice", perSupplier, d, new IndicatorCells.Measure(
                countDistinctWhere(col("_covered").equalTo(false), col(SilverFacility.SUPPLIER_ID)),
                countDistinct(col(SilverFacility.SUPPLIER_ID)), null));
    }
}
