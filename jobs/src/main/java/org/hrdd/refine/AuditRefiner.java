package org.hrdd.refine;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.hrdd.refine.RefineSteps.text;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.schemas.Columns.BronzeAudit;
import org.hrdd.schemas.Columns.BronzeAuditFinding;
import org.hrdd.schemas.Columns.SilverAudit;
import org.hrdd.schemas.Columns.SilverAuditFinding;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.time.Periods;

/**
 * bronze.audit → silver.audit (typed header, resolved facility) and bronze.audit_finding → silver.audit_finding
 * (canonical theme and normalised severity from the scheme's crosswalk, the audit's header denormalised).
 * Pure transformations; facility references must already be resolved ({@link FacilityResolution}).
 */
public final class AuditRefiner {

    public static final String UNKNOWN_CODE = "UNKNOWN_CODE";

    private AuditRefiner() {}

    /** Announced and semi-announced audits are announced; "Unannounced", "N", "No" are not. */
    public static Column isAnnounced(Column word) {
        Column w = lower(functions.trim(word));
        return when(w.isNull().or(w.equalTo("")), lit(null).cast("boolean"))
                .when(w.contains("unannounced").or(w.isin("n", "no", "false", "0")), lit(false))
                .when(w.contains("announced").or(w.isin("y", "yes", "true", "1")), lit(true))
                .otherwise(lit(null).cast("boolean"));
    }

    /** @param resolved bronze.audit rows after {@link FacilityResolution#resolve} */
    public static Refined audits(
            Dataset<Row> resolved,
            Contract bronzeContract,
            Contract silver,
            SourceDatesUdf dates,
            Granularity granularity,
            String runId) {
        Dataset<Row> ranked =
                RefineSteps.start(resolved, List.of(BronzeAudit.SCHEME, BronzeAudit.AUDIT_ID), bronzeContract);
        Dataset<Row> typed = ranked.withColumn(
                        "_date", dates.parse(col(BronzeAudit.AUDIT_DATE), col(Lineage.SOURCE_SYSTEM)))
                .withColumn(SilverAudit.AUDIT_ID, text(BronzeAudit.AUDIT_ID))
                .withColumn(SilverAudit.SCHEME, text(BronzeAudit.SCHEME))
                .withColumn(SilverAudit.FACILITY_ID, col(FacilityResolution.RESOLVED_ID))
                .withColumn(SilverAudit.AUDIT_DATE, col("_date.date"))
                .withColumn(SilverAudit.PERIOD, Periods.label(col("_date.date"), granularity))
                .withColumn(SilverAudit.AUDIT_FIRM, text(BronzeAudit.AUDIT_FIRM))
                .withColumn(SilverAudit.LEAD_AUDITOR, text(BronzeAudit.LEAD_AUDITOR))
                .withColumn(SilverAudit.AUDIT_TYPE, text(BronzeAudit.AUDIT_TYPE))
                .withColumn(SilverAudit.IS_ANNOUNCED, isAnnounced(col(BronzeAudit.ANNOUNCEMENT)))
                .withColumn("_interviewed_raw", col(BronzeAudit.WORKERS_INTERVIEWED))
                .withColumn(
                        SilverAudit.WORKERS_INTERVIEWED,
                        text(BronzeAudit.WORKERS_INTERVIEWED).cast("long"))
                .withColumn("_headcount_raw", col(BronzeAudit.HEADCOUNT))
                .withColumn(SilverAudit.HEADCOUNT, text(BronzeAudit.HEADCOUNT).cast("long"))
                .withColumn(SilverAudit.RATING, text(BronzeAudit.RATING))
                .withColumn(SilverAudit.MATCH_METHOD, col(FacilityResolution.METHOD))
                .withColumn(SilverAudit.MATCH_CONFIDENCE, col(FacilityResolution.CONFIDENCE));
        return RefineSteps.finish(
                typed,
                List.of(
                        Dedup.duplicateCheck(BronzeAudit.SCHEME, BronzeAudit.AUDIT_ID),
                        RefineSteps.badDate("_date"),
                        RefineSteps.futureDate("_date"),
                        ContractChecks.unparseableNumber(
                                SilverAudit.WORKERS_INTERVIEWED,
                                col("_interviewed_raw"),
                                col(SilverAudit.WORKERS_INTERVIEWED)),
                        ContractChecks.unparseableNumber(
                                SilverAudit.HEADCOUNT, col("_headcount_raw"), col(SilverAudit.HEADCOUNT)),
                        FacilityResolution.unresolvedCheck(BronzeAudit.FACILITY_NAME)),
                silver,
                BronzeAudit.TABLE,
                runId);
    }

    /**
     * @param silverAudits the refined audits: a finding of an audit that is not in silver is an
     *                     {@code ORPHAN_REFERENCE}
     */
    public static Refined findings(
            Dataset<Row> bronze,
            Contract bronzeContract,
            Contract silver,
            Dataset<Row> silverAudits,
            CrosswalkColumns crosswalks,
            String runId) {
        Dataset<Row> header = silverAudits.select(
                col(SilverAudit.SCHEME).as("_a_scheme"),
                col(SilverAudit.AUDIT_ID).as("_a_audit_id"),
                col(SilverAudit.FACILITY_ID).as("_a_facility_id"),
                col(SilverAudit.AUDIT_DATE).as("_a_audit_date"),
                col(SilverAudit.PERIOD).as("_a_period"),
                col(SilverAudit.AUDIT_FIRM).as("_a_audit_firm"),
                col(SilverAudit.IS_ANNOUNCED).as("_a_is_announced"));
        Dataset<Row> ranked = RefineSteps.start(
                bronze,
                List.of(BronzeAuditFinding.SCHEME, BronzeAuditFinding.AUDIT_ID, BronzeAuditFinding.FINDING_ID),
                bronzeContract);
        Column scheme = text(BronzeAuditFinding.SCHEME);
        Dataset<Row> typed = ranked.join(
                        header,
                        scheme.equalTo(col("_a_scheme"))
                                .and(text(BronzeAuditFinding.AUDIT_ID).equalTo(col("_a_audit_id"))),
                        "left")
                .withColumn("_severity_raw", text(BronzeAuditFinding.SEVERITY))
                .withColumn(SilverAuditFinding.FINDING_ID, text(BronzeAuditFinding.FINDING_ID))
                .withColumn(SilverAuditFinding.AUDIT_ID, text(BronzeAuditFinding.AUDIT_ID))
                .withColumn(SilverAuditFinding.SCHEME, scheme)
                .withColumn(SilverAuditFinding.FACILITY_ID, col("_a_facility_id"))
                .withColumn(SilverAuditFinding.AUDIT_DATE, col("_a_audit_date"))
                .withColumn(SilverAuditFinding.PERIOD, col("_a_period"))
                .withColumn(SilverAuditFinding.AUDIT_FIRM, col("_a_audit_firm"))
                .withColumn(SilverAuditFinding.IS_ANNOUNCED, col("_a_is_announced"))
                .withColumn(SilverAuditFinding.CLAUSE_CODE, upper(text(BronzeAuditFinding.CLAUSE_CODE)))
                .withColumn(SilverAuditFinding.THEME, crosswalks.theme(scheme, col(BronzeAuditFinding.CLAUSE_CODE)))
                .withColumn(SilverAuditFinding.SEVERITY, crosswalks.severity(scheme, col("_severity_raw")))
                .withColumn(SilverAuditFinding.SCHEME_SEVERITY, col("_severity_raw"));
        return RefineSteps.finish(
                typed,
                List.of(
                        Dedup.duplicateCheck(
                                BronzeAuditFinding.SCHEME, BronzeAuditFinding.AUDIT_ID, BronzeAuditFinding.FINDING_ID),
                        RowChecks.check(
                                UNKNOWN_CODE,
                                col(BronzeAuditFinding.CLAUSE_CODE)
                                        .isNotNull()
                                        .and(col(SilverAuditFinding.THEME).isNull()),
                                concat(
                                        lit("clause '"),
                                        col(BronzeAuditFinding.CLAUSE_CODE),
                                        lit("' is not in conf/taxonomy/"),
                                        coalesce(scheme, lit("?")),
                                        lit(".yaml"))),
                        RowChecks.check(
                                UNKNOWN_CODE,
                                col("_severity_raw")
                                        .isNotNull()
                                        .and(col(SilverAuditFinding.SEVERITY).isNull()),
                                concat(
                                        lit("severity '"),
                                        col("_severity_raw"),
                                        lit("' is not in conf/taxonomy/"),
                                        coalesce(scheme, lit("?")),
                                        lit(".yaml"))),
                        RowChecks.check(
                                "ORPHAN_REFERENCE",
                                col("_a_audit_id").isNull(),
                                concat(
                                        lit("audit '"),
                                        coalesce(col(BronzeAuditFinding.AUDIT_ID), lit("")),
                                        lit("' is not a refined audit of this scheme")))),
                silver,
                BronzeAuditFinding.TABLE,
                runId);
    }
}
