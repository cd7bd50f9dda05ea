package org.hrdd.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.hrdd.schemas.Columns.GoldIndicatorValue;
import org.hrdd.schemas.Columns.GoldRiskScore;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.spark.Joins;
import org.hrdd.time.Periods;

/**
 * {@code gold.agency_corridor}: per scope and period, each recruitment agency caseworkers recorded for workers of the
 * scope's facilities, by corridor (the workers' nationality → the facility's country), over the score's history
 * window: distinct workers, facilities, workers reporting recruitment fees, fees repaid through CAPs answering those
 * cases, and the share of its facilities in the high or critical tier. One row per corridor sums its agencies.
 *
 * <p>Disclosure control as for the indicators: an agency named by fewer than k workers in a corridor is merged into
 * that corridor's "other agencies" row (it is not named); a row still under k is withheld; the corridor's agencies and
 * its total are an equation, and an equation with exactly one hidden row gets a second one hidden
 * ({@link DisclosureControl}). The fee figures rest on fewer workers than the row (those reporting fees, those repaid)
 * and are withheld on their own in the same way.
 */
public final class AgencyCorridors {

    public static final String OTHER = "other agencies (each named by fewer than k workers)";
    public static final String ALL_AGENCIES = "all agencies";
    public static final String UNKNOWN = "unknown";

    /**
     * One agency × corridor of a scope, before disclosure control: the workers (pseudonyms, held in memory only, so
     * merged rows count each worker once), those reporting fees, the facilities, the high-risk ones, the fees repaid and
     * a lower bound of the workers repaid.
     */
    public record Cell(
            String scopeType,
            String scopeId,
            String agency,
            String origin,
            String destination,
            Set<String> workerIds,
            Set<String> feeWorkerIds,
            Set<String> facilities,
            Set<String> highRisk,
            double feesRepaid,
            long repaidWorkers) {
        long workers() {
            return workerIds.size();
        }

        long feeWorkers() {
            return feeWorkerIds.size();
        }
    }

    private AgencyCorridors() {}

    /**
     * The cells of the period from the helpline cases naming an agency in {@code from}..{@code period}.
     *
     * @param members scope membership ({@link IndicatorMeasures#members})
     */
    public static List<Cell> cells(
            IndicatorMeasures.Inputs in,
            Dataset<Row> members,
            Periods.Period period,
            Periods.Period from,
            String modelVersion) {
        Dataset<Row> facilities = in.facilities()
                .select(
                        col(SilverFacility.FACILITY_ID),
                        col(SilverFacility.COUNTRY_CODE).as("_destination"));
        Dataset<Row> highRisk = in.scores()
                .filter(col(GoldRiskScore.PERIOD)
                        .equalTo(period.label())
                        .and(col(GoldRiskScore.SCOPE_TYPE).equalTo("facility"))
                        .and(col(GoldRiskScore.MODEL_VERSION).equalTo(modelVersion))
                        .and(col(GoldRiskScore.TIER).isin("critical", "high")))
                .select(col(GoldRiskScore.SCOPE_ID).as(SilverFacility.FACILITY_ID))
                .withColumn("_high", lit(true));
        Dataset<Row> named = in.signals()
                .filter(col(SilverWorkerSignal.CHANNEL)
                        .equalTo("helpline")
                        .and(col(SilverWorkerSignal.RECRUITER_KEY).isNotNull())
                        .and(col(SilverWorkerSignal.PERIOD).between(from.label(), period.label())))
                .select(
                        col(SilverWorkerSignal.FACILITY_ID),
                        col(SilverWorkerSignal.RECRUITER_KEY).as("_agency"),
                        coalesce(col(SilverWorkerSignal.NATIONALITY), lit(UNKNOWN))
                                .as("_origin"),
                        col(SilverWorkerSignal.WORKER_PSEUDONYM),
                        col(SilverWorkerSignal.THEME),
                        org.hrdd.analyse.RemediationEffectiveness.caseRef().as("_case"));
        Dataset<Row> scoped = Joins.left(
                Joins.inner(
                        Joins.inner(named, facilities, SilverFacility.FACILITY_ID),
                        members.select(
                                GoldIndicatorValue.SCOPE_TYPE, GoldIndicatorValue.SCOPE_ID, SilverFacility.FACILITY_ID),
                        SilverFacility.FACILITY_ID),
                highRisk,
                SilverFacility.FACILITY_ID);
        Map<String, Cell> out = new TreeMap<>();
        for (Row r : scoped.groupBy(
                        col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID),
                        col("_agency"),
                        col("_origin"),
                        col("_destination"))
                .agg(
                        collect_set(col(SilverWorkerSignal.WORKER_PSEUDONYM)),
                        collect_set(when(
                                col(SilverWorkerSignal.THEME).equalTo("recruitment_fees"),
                                col(SilverWorkerSignal.WORKER_PSEUDONYM))),
                        collect_set(col(SilverFacility.FACILITY_ID)),
                        collect_set(when(col("_high"), col(SilverFacility.FACILITY_ID))))
                .collectAsList()) {
            Cell c = new Cell(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    new java.util.HashSet<>(r.<String>getList(5)),
                    new java.util.HashSet<>(r.<String>getList(6)),
                    new TreeSet<>(r.<String>getList(7)),
                    new TreeSet<>(r.<String>getList(8)),
                    0,
                    0);
            out.put(key(c.scopeType(), c.scopeId(), c.agency(), c.origin(), c.destination()), c);
        }
        // fee repayments closed in the window through a CAP answering a case that names the agency
        Dataset<Row> caseAgency = named.groupBy(col("_case"))
                .agg(
                        first(col("_agency")).as("_agency"),
                        first(col("_origin")).as("_origin"),
                        first(col(SilverWorkerSignal.WORKER_PSEUDONYM)).as("_worker"));
        Dataset<Row> fees = in.remediation()
                .filter(col(SilverRemediation.REMEDY_TYPE)
                        .equalTo("fee_repayment")
                        .and(col(SilverRemediation.SOURCE_TYPE).equalTo("helpline_case"))
                        .and(col(SilverRemediation.CLOSED_ON)
                                .between(Date.valueOf(from.start()), Date.valueOf(period.end()))))
                .select(
                        col(SilverRemediation.FACILITY_ID),
                                col(SilverRemediation.SOURCE_REF).as("_case"),
                        col(SilverRemediation.AMOUNT_EUR),
                                coalesce(col(SilverRemediation.WORKERS_COVERED), lit(1L))
                                        .as("_covered"));
        Dataset<Row> repaid = Joins.inner(
                Joins.inner(Joins.inner(fees, caseAgency, "_case"), facilities, SilverFacility.FACILITY_ID),
                members.select(GoldIndicatorValue.SCOPE_TYPE, GoldIndicatorValue.SCOPE_ID, SilverFacility.FACILITY_ID),
                SilverFacility.FACILITY_ID);
        for (Row r : repaid.groupBy(
                        col(GoldIndicatorValue.SCOPE_TYPE),
                        col(GoldIndicatorValue.SCOPE_ID),
                        col("_agency"),
                        col("_origin"),
                        col("_destination"))
                .agg(
                        sum(coalesce(col(SilverRemediation.AMOUNT_EUR), lit(0.0))),
                        org.apache.spark.sql.functions.greatest(countDistinct(col("_worker")), max(col("_covered"))))
                .collectAsList()) {
            String k = key(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
            Cell c = out.get(k);
            if (c != null) {
                out.put(
                        k,
                        new Cell(
                                c.scopeType(),
                                c.scopeId(),
                                c.agency(),
                                c.origin(),
                                c.destination(),
                                c.workerIds(),
                                c.feeWorkerIds(),
                                c.facilities(),
                                c.highRisk(),
                                r.getDouble(5),
                                r.getLong(6)));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static String key(String... parts) {
        return String.join("\u0001", parts);
    }

    /**
     * Rows of gold.agency_corridor (contract order, run id left null) after disclosure control: per scope, agencies
     * under k merged into "other agencies" per corridor, then every corridor's agencies and total checked as one
     * equation, for the workers of the row and for each fee figure's own workers.
     */
    public static List<Row> publish(List<Cell> cells, String period, String windowFrom, int k) {
        Map<String, List<Cell>> byScope = new LinkedHashMap<>();
        for (Cell c : cells) {
            byScope.computeIfAbsent(c.scopeType() + "\u0001" + c.scopeId(), x -> new ArrayList<>())
                    .add(c);
        }
        List<Row> out = new ArrayList<>();
        for (List<Cell> scope : byScope.values()) {
            out.addAll(publishScope(merged(scope, k), period, windowFrom, k));
        }
        return out;
    }

    /** Agencies under k merged per corridor; corridor totals added (agency {@link #ALL_AGENCIES}). */
    static List<Cell> merged(List<Cell> scope, int k) {
        Map<String, Cell> rows = new TreeMap<>();
        for (Cell c : scope) {
            String agency = c.workers() < k ? OTHER : c.agency();
            rows.merge(key(agency, c.origin(), c.destination()), rename(c, agency), AgencyCorridors::plus);
            rows.merge(key(ALL_AGENCIES, c.origin(), c.destination()), rename(c, ALL_AGENCIES), AgencyCorridors::plus);
        }
        return new ArrayList<>(rows.values());
    }

    private static Cell rename(Cell c, String agency) {
        return new Cell(
                c.scopeType(),
                c.scopeId(),
                agency,
                c.origin(),
                c.destination(),
                c.workerIds(),
                c.feeWorkerIds(),
                c.facilities(),
                c.highRisk(),
                c.feesRepaid(),
                c.repaidWorkers());
    }

    /** Two cells of one corridor as one: worker and facility sets unite; the repaid workers' lower bound is the larger. */
    private static Cell plus(Cell a, Cell b) {
        return new Cell(
                a.scopeType(),
                a.scopeId(),
                a.agency(),
                a.origin(),
                a.destination(),
                union(a.workerIds(), b.workerIds()),
                union(a.feeWorkerIds(), b.feeWorkerIds()),
                union(a.facilities(), b.facilities()),
                union(a.highRisk(), b.highRisk()),
                a.feesRepaid() + b.feesRepaid(),
                Math.max(a.repaidWorkers(), b.repaidWorkers()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static List<Row> publishScope(List<Cell> rows, String period, String windowFrom, int k) {
        Map<DisclosureControl.Cell, DisclosureControl.Reason> row = suppress(rows, k, Cell::workers, Set.of());
        Set<Cell> hiddenRows = new java.util.HashSet<>();
        for (Cell c : rows) {
            if (row.containsKey(dc(c, Cell::workers))) {
                hiddenRows.add(c);
            }
        }
        // a withheld row's fee figures are withheld with it: they count as hidden in the fee equations
        Map<DisclosureControl.Cell, DisclosureControl.Reason> fee = suppress(rows, k, Cell::feeWorkers, hiddenRows);
        Map<DisclosureControl.Cell, DisclosureControl.Reason> repaid =
                suppress(rows, k, Cell::repaidWorkers, hiddenRows);
        List<Row> out = new ArrayList<>();
        for (Cell c : rows) {
            DisclosureControl.Cell d = dc(c, Cell::workers);
            DisclosureControl.Reason hidden = row.get(d);
            boolean feeHidden = hidden != null || fee.containsKey(dc(c, Cell::feeWorkers));
            boolean repaidHidden = hidden != null || repaid.containsKey(dc(c, Cell::repaidWorkers));
            boolean total = c.agency().equals(ALL_AGENCIES);
            out.add(RowFactory.create(
                    c.scopeType(),
                    c.scopeId(),
                    period,
                    windowFrom,
                    c.agency(),
                    c.origin(),
                    c.destination(),
                    total,
                    hidden == null ? c.workers() : null,
                    hidden == null ? (long) c.facilities().size() : null,
                    feeHidden ? null : c.feeWorkers(),
                    repaidHidden ? null : round(c.feesRepaid()),
                    hidden == null ? (long) c.highRisk().size() : null,
                    hidden == null && !c.facilities().isEmpty()
                            ? (double) c.highRisk().size() / c.facilities().size()
                            : null,
                    hidden != null,
                    hidden == null ? null : hidden.name(),
                    null));
        }
        return out;
    }

    private static Double round(double eur) {
        return Math.round(eur * 100) / 100.0;
    }

    private static DisclosureControl.Cell dc(Cell c, java.util.function.ToLongFunction<Cell> workers) {
        return new DisclosureControl.Cell(
                c.agency().equals(ALL_AGENCIES) ? DisclosureControl.TOTAL : c.agency(),
                c.origin() + "→" + c.destination(),
                workers.applyAsLong(c));
    }

    /** One table per measure: agencies are rows, corridors columns, each corridor's total a column total. */
    private static Map<DisclosureControl.Cell, DisclosureControl.Reason> suppress(
            List<Cell> rows, int k, java.util.function.ToLongFunction<Cell> workers, Set<Cell> alreadyHidden) {
        List<DisclosureControl.Cell> table = new ArrayList<>();
        Set<DisclosureControl.Cell> forced = new java.util.HashSet<>();
        for (Cell c : rows) {
            table.add(dc(c, workers));
            if (alreadyHidden.contains(c)) {
                forced.add(dc(c, workers));
            }
        }
        return DisclosureControl.suppress(table, k, forced);
    }
}
