package org.hrdd.refine;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.hrdd.refine.RefineSteps.text;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.schemas.Columns.BronzeGrievanceCase;
import org.hrdd.schemas.Columns.SilverGrievance;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.time.Periods;

/**
 * bronze.grievance_case → silver.grievance: third-party grievances as their own evidence, one row per grievance,
 * facility it names and issue code. Never worker voice: no pseudonym, no worker counted. A grievance naming several
 * companies is kept when at least one resolves (the others stay in ops.facility_matches for review, a company outside
 * the supply base being common in public trackers); one naming none that resolves is UNRESOLVED_FACILITY. Issue
 * codes the taxonomy labels out of scope for ESRS S2 (environment, land) are kept and labelled, never quarantined.
 * A month- or year-only date keeps its precision, and a period only where the precision decides it. Pure
 * transformation; facility references must already be resolved ({@link FacilityResolution#resolvePartsWithMatches}).
 */
public final class GrievanceRefiner {

    /** A grievance's versions share this key (ranking, duplicate check). */
    public static final List<String> KEY = List.of(Lineage.SOURCE_SYSTEM, BronzeGrievanceCase.CASE_ID);

    public static final String IN_SCOPE = "in_scope";
    public static final String OUT_OF_SCOPE = "out_of_scope";

    private static final String CODES = "_codes";
    private static final String PARTS = FacilityResolution.PARTS;

    private GrievanceRefiner() {}

    public static Refined refine(
            Dataset<Row> resolved,
            Contract bronzeContract,
            Contract silver,
            CrosswalkColumns crosswalks,
            SourceDatesUdf dates,
            Granularity granularity,
            String runId) {
        Column taxonomy = text(BronzeGrievanceCase.TAXONOMY);
        Dataset<Row> typed = RefineSteps.start(resolved, KEY, bronzeContract)
                .withColumn("_raised", dates.parse(col(BronzeGrievanceCase.RECEIVED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn(
                        "_responded", dates.parse(col(BronzeGrievanceCase.RESPONDED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn("_resolved", dates.parse(col(BronzeGrievanceCase.RESOLVED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn(CODES, IssueCodes.parse(col(BronzeGrievanceCase.ISSUE_CODES)))
                .withColumn("_status_raw", text(BronzeGrievanceCase.STATUS))
                .withColumn("_facilities", distinctFacilities(col(PARTS)))
                .withColumn(SilverGrievance.CASE_ID, text(BronzeGrievanceCase.CASE_ID))
                .withColumn(SilverGrievance.COUNTRY_CODE, upper(text(BronzeGrievanceCase.COUNTRY_CODE)))
                .withColumn(SilverGrievance.RAISED_BY, lower(text(BronzeGrievanceCase.RAISED_BY)))
                .withColumn(SilverGrievance.RAISED_ON, col("_raised.date"))
                .withColumn(SilverGrievance.RAISED_ON_PRECISION, col("_raised.precision"))
                .withColumn(SilverGrievance.PERIOD, period(col("_raised"), granularity))
                .withColumn(SilverGrievance.STATUS, Vocabulary.caseStatus(col("_status_raw")))
                .withColumn(SilverGrievance.RESPONDED_ON, col("_responded.date"))
                .withColumn(SilverGrievance.RESPONDED_ON_PRECISION, col("_responded.precision"))
                .withColumn(SilverGrievance.RESOLVED_ON, col("_resolved.date"))
                .withColumn(SilverGrievance.RESOLVED_ON_PRECISION, col("_resolved.precision"))
                .withColumn(
                        SilverGrievance.DESCRIPTION_SCRUBBED,
                        PrivacyColumns.scrubThirdParty(col(BronzeGrievanceCase.DESCRIPTION)));
        List<RowChecks.Check> checks = List.of(
                Dedup.duplicateCheck(KEY.toArray(String[]::new)),
                RefineSteps.badDate("_raised"),
                RefineSteps.futureDate("_raised"),
                RefineSteps.badDate("_responded"),
                RefineSteps.futureDate("_responded"),
                RefineSteps.badDate("_resolved"),
                RefineSteps.futureDate("_resolved"),
                before("_responded", BronzeGrievanceCase.RESPONDED_AT),
                before("_resolved", BronzeGrievanceCase.RESOLVED_AT),
                IssueCodes.unclearFlags(col(CODES)),
                // a code is known when it has a theme or is labelled out of scope for S2
                IssueCodes.unknown(
                        col(CODES),
                        taxonomy,
                        c -> crosswalks
                                .theme(taxonomy, c)
                                .isNotNull()
                                .or(crosswalks.outOfScope(taxonomy, c).isNotNull()),
                        " (neither a theme nor out_of_scope)"),
                IssueCodes.none(col(CODES)),
                IssueCodes.unknownStatus(col("_status_raw"), col(SilverGrievance.STATUS)),
                RowChecks.check(
                        FacilityResolution.UNRESOLVED,
                        size(col("_facilities")).equalTo(0),
                        concat(
                                lit("no facility the grievance names resolves: "),
                                concat_ws(
                                        "; ",
                                        functions.transform(
                                                col(PARTS),
                                                p -> concat(
                                                        lit("'"),
                                                        p.getField("reference"),
                                                        lit("': "),
                                                        coalesce(p.getField("detail"), lit("not resolved"))))),
                                when(size(col(PARTS)).equalTo(0), lit("facility_name is empty"))
                                        .otherwise(lit("")))));
        return RefineSteps.finish(
                typed,
                checks,
                silver,
                BronzeGrievanceCase.TABLE,
                runId,
                passing -> withScope(spread(passing), crosswalks),
                List.of(CODES, "_facilities", BronzeGrievanceCase.TAXONOMY));
    }

    /** The resolved parts, each facility once (two names of one facility, or an OS ID that decides every part). */
    static Column distinctFacilities(Column parts) {
        Column resolved = filter(parts, p -> p.getField("facility_id").isNotNull());
        return filter(
                resolved,
                (p, i) -> functions.not(
                        functions.exists(functions.slice(resolved, lit(1), i), q -> q.getField("facility_id")
                                .equalTo(p.getField("facility_id")))));
    }

    /**
     * BAD_DATE for a response or resolution that ends before the grievance was raised (the last day its precision
     * allows is before the raised date): a month-only July answer to a grievance of 14 July is possible, one of June
     * is not.
     */
    private static RowChecks.Check before(String parsed, String rawColumn) {
        Column raised = col("_raised.date");
        return RowChecks.check(
                SourceDates.BAD_DATE,
                lastDay(col(parsed)).lt(raised),
                concat(
                        lit(rawColumn + " '"),
                        col(rawColumn),
                        lit("' is before received_at '"),
                        col(BronzeGrievanceCase.RECEIVED_AT),
                        lit("'")));
    }

    /** The last day a parsed date with its precision can be: itself, its month's last day, its year's. */
    public static Column lastDay(Column parsed) {
        return lastDay(parsed.getField("date"), parsed.getField("precision"));
    }

    /** The last day a date of the given precision (day, month, year) can be. */
    public static Column lastDay(Column date, Column precision) {
        return when(precision.equalTo("month"), functions.last_day(date))
                .when(precision.equalTo("year"), functions.date_add(functions.add_months(date, 12), -1))
                .otherwise(date);
    }

    /**
     * The period of a date where its precision decides it: a whole date always, a month-only date for periods of a
     * month or more, a year-only date for a year; otherwise null (the grievance counts in no period's indicators).
     */
    static Column period(Column parsed, Granularity granularity) {
        Column precision = parsed.getField("precision");
        Column decided =
                switch (granularity) {
                    case YEAR -> precision.isNotNull();
                    case MONTH, QUARTER, HALF_YEAR -> precision.isin("day", "month");
                };
        return when(decided, Periods.label(parsed.getField("date"), granularity));
    }

    /** One row per resolved facility and issue code. */
    private static Dataset<Row> spread(Dataset<Row> passing) {
        return passing.withColumn("_part", explode(col("_facilities")))
                .withColumn(SilverGrievance.FACILITY_ID, col("_part.facility_id"))
                .withColumn(SilverGrievance.FACILITY_REFERENCE, col("_part.reference"))
                .withColumn(SilverGrievance.MATCH_METHOD, col("_part.method"))
                .withColumn(SilverGrievance.MATCH_CONFIDENCE, col("_part.confidence"))
                .withColumn(SilverGrievance.SOURCE_CODE, explode(functions.array_distinct(col(CODES))));
    }

    /** Each code's theme, or its area out of scope for ESRS S2, and the row's id. */
    private static Dataset<Row> withScope(Dataset<Row> rows, CrosswalkColumns crosswalks) {
        Column taxonomy = text(BronzeGrievanceCase.TAXONOMY);
        Column code = col(SilverGrievance.SOURCE_CODE);
        Column area = crosswalks.outOfScope(taxonomy, code);
        return rows.withColumn(SilverGrievance.THEME, crosswalks.theme(taxonomy, code))
                .withColumn(SilverGrievance.OUT_OF_SCOPE_AREA, area)
                .withColumn(
                        SilverGrievance.S2_SCOPE,
                        when(area.isNotNull(), lit(OUT_OF_SCOPE)).otherwise(lit(IN_SCOPE)))
                .withColumn(
                        SilverGrievance.GRIEVANCE_ID,
                        sha2(
                                concat_ws(
                                        "|",
                                        col(Lineage.SOURCE_SYSTEM),
                                        col(SilverGrievance.CASE_ID),
                                        col(SilverGrievance.FACILITY_ID),
                                        code),
                                256));
    }
}
