package org.hrdd.refine;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.hrdd.refine.RefineSteps.text;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.hrdd.schemas.Columns.BronzeCap;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;

/**
 * bronze.cap → silver.remediation: typed dates, canonical theme of the source issue code, amount in EUR, and
 * whether the CAP is overdue as of the run date.
 */
public final class CapRefiner {

    private CapRefiner() {}

    public static Refined refine(
            Dataset<Row> bronze,
            Contract bronzeContract,
            Contract silver,
            Dataset<Row> facilities,
            CrosswalkColumns crosswalks,
            SourceDatesUdf dates,
            FxRates fx,
            LocalDate runDate,
            String runId) {
        Dataset<Row> known = facilities.select(col(SilverFacility.FACILITY_ID).as("_known_facility"));
        Column rates = LiteralMaps.of(fx.eurPerUnit(), "double");
        SourceDatesUdf anyDate = dates.allowingFutureDates();
        Dataset<Row> typed = RefineSteps.start(bronze, List.of(BronzeCap.CAP_ID), bronzeContract)
                .join(functions.broadcast(known), text(BronzeCap.FACILITY_ID).equalTo(col("_known_facility")), "left")
                .withColumn("_opened", dates.parse(col(BronzeCap.OPENED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn("_due", anyDate.parse(col(BronzeCap.DUE_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn("_closed", dates.parse(col(BronzeCap.CLOSED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn("_verified", dates.parse(col(BronzeCap.VERIFIED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn("_amount_raw", text(BronzeCap.AMOUNT))
                .withColumn("_workers_raw", text(BronzeCap.WORKERS_COVERED))
                .withColumn("_code_raw", text(BronzeCap.ISSUE_CODE))
                .withColumn("_status_raw", text(BronzeCap.STATUS))
                .withColumn(SilverRemediation.CAP_ID, text(BronzeCap.CAP_ID))
                .withColumn(SilverRemediation.SOURCE_TYPE, lower(text(BronzeCap.SOURCE_TYPE)))
                .withColumn(SilverRemediation.SOURCE_REF, text(BronzeCap.SOURCE_REF))
                // the value as delivered, for the quarantine detail (the silver column of the same name is overwritten)
                .withColumn("_facility_raw", col(BronzeCap.FACILITY_ID))
                .withColumn(SilverRemediation.FACILITY_ID, col("_known_facility"))
                .withColumn(SilverRemediation.THEME, crosswalks.theme(text(BronzeCap.TAXONOMY), col("_code_raw")))
                .withColumn(SilverRemediation.OPENED_ON, col("_opened.date"))
                .withColumn(SilverRemediation.DUE_ON, col("_due.date"))
                .withColumn(SilverRemediation.CLOSED_ON, col("_closed.date"))
                .withColumn(SilverRemediation.VERIFIED_ON, col("_verified.date"))
                .withColumn(SilverRemediation.VERIFICATION_METHOD, normalised(BronzeCap.VERIFICATION_METHOD))
                .withColumn(SilverRemediation.REMEDY_TYPE, normalised(BronzeCap.REMEDY_TYPE))
                .withColumn(
                        SilverRemediation.AMOUNT,
                        regexp_replace(col("_amount_raw"), ",", "").cast("double"))
                .withColumn(SilverRemediation.CURRENCY, upper(text(BronzeCap.CURRENCY)))
                .withColumn(
                        SilverRemediation.AMOUNT_EUR,
                        col(SilverRemediation.AMOUNT).multiply(element_at(rates, col(SilverRemediation.CURRENCY))))
                .withColumn(
                        SilverRemediation.WORKERS_COVERED, col("_workers_raw").cast("long"))
                .withColumn(
                        SilverRemediation.STATUS,
                        when(col("_verified.date").isNotNull(), lit("verified"))
                                .when(col("_closed.date").isNotNull(), lit("closed"))
                                .otherwise(lit("open")))
                .withColumn(
                        SilverRemediation.IS_OVERDUE,
                        col("_closed.date")
                                .isNull()
                                .and(col("_due.date").isNotNull())
                                .and(col("_due.date").lt(lit(Date.valueOf(runDate)))));
        // The verification method is kept as the CAP log states it: a supplier's "worker confirmation" is not the
        // worker's. Analyse reads the worker's own confirmation from the case (RemediationEffectiveness).
        return RefineSteps.finish(
                typed,
                List.of(
                        Dedup.duplicateCheck(BronzeCap.CAP_ID),
                        RefineSteps.badDate("_opened"),
                        RefineSteps.futureDate("_opened"),
                        RefineSteps.badDate("_due"),
                        RefineSteps.badDate("_closed"),
                        RefineSteps.futureDate("_closed"),
                        RefineSteps.badDate("_verified"),
                        RefineSteps.futureDate("_verified"),
                        RowChecks.check(
                                AuditRefiner.UNKNOWN_CODE,
                                col("_code_raw")
                                        .isNotNull()
                                        .and(col(SilverRemediation.THEME).isNull()),
                                concat(
                                        lit("issue code '"),
                                        col("_code_raw"),
                                        lit("' is not in conf/taxonomy/"),
                                        coalesce(text(BronzeCap.TAXONOMY), lit("?")),
                                        lit(".yaml"))),
                        RowChecks.check(
                                "UNRESOLVED_FACILITY",
                                col("_known_facility").isNull(),
                                when(text("_facility_raw").isNull(), lit("no facility_id given"))
                                        .otherwise(concat(
                                                lit("facility_id '"),
                                                col("_facility_raw"),
                                                lit("' is not in the facility master")))),
                        ContractChecks.unparseableNumber(
                                SilverRemediation.AMOUNT, col("_amount_raw"), col(SilverRemediation.AMOUNT)),
                        ContractChecks.unparseableNumber(
                                SilverRemediation.WORKERS_COVERED,
                                col("_workers_raw"),
                                col(SilverRemediation.WORKERS_COVERED)),
                        RowChecks.check(
                                ContractChecks.NOT_ALLOWED,
                                col(SilverRemediation.AMOUNT)
                                        .isNotNull()
                                        .and(col(SilverRemediation.AMOUNT_EUR).isNull()),
                                concat(
                                        lit("currency '"),
                                        coalesce(col(SilverRemediation.CURRENCY), lit("")),
                                        lit("' has no rate in conf/fx_rates.yaml")))),
                silver,
                BronzeCap.TABLE,
                runId);
    }

    /** Lower case with spaces and dashes as underscores: "Re-audit" → re_audit, "Fee Repayment" → fee_repayment. */
    private static Column normalised(String column) {
        return regexp_replace(lower(text(column)), "[\\s-]+", "_");
    }
}
