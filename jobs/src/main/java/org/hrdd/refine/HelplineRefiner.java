package org.hrdd.refine;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.hrdd.refine.RefineSteps.text;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.schemas.Columns.BronzeHelplineCase;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.time.Periods;

/**
 * bronze.helpline_case → silver.worker_signal: one row per distinct issue code of a case (two codes of one theme
 * give two rows; rates count distinct workers per theme), with a keyed worker pseudonym,
 * resolved facility, canonical theme, scrubbed text and consent flags. Direct identifiers (phone, name, raw text)
 * do not leave this step. Pure transformation; facility references must already be resolved.
 */
public final class HelplineRefiner {

    public static final String CHANNEL = "helpline";
    private static final String CODES = "_codes";
    /** A case's versions share this key (ranking, duplicate check, consent window). */
    public static final List<String> KEY = List.of(Lineage.SOURCE_SYSTEM, BronzeHelplineCase.CASE_ID);

    private static final UserDefinedFunction AGENCY_KEY = functions.udf(
            (UDF1<String, String>) n -> n == null || n.isBlank() ? null : FacilityNames.normalise(n),
            DataTypes.StringType);

    private HelplineRefiner() {}

    public static Refined refine(
            Dataset<Row> resolved,
            Contract bronzeContract,
            Contract silver,
            CrosswalkColumns crosswalks,
            SourceDatesUdf dates,
            PrivacyColumns privacy,
            Granularity granularity,
            String runId) {
        Column taxonomy = text(BronzeHelplineCase.TAXONOMY);
        Column consentAggregate = Vocabulary.consent(col(BronzeHelplineCase.CONSENT_AGGREGATE));
        // A worker who gave no phone or app id is still one worker: the case stands for them.
        Column identifier = coalesce(
                text(BronzeHelplineCase.CALLER_ID),
                concat(lit("case:"), col(Lineage.SOURCE_SYSTEM), lit(":"), col(BronzeHelplineCase.CASE_ID)));
        // one key for the ranking, the duplicate check and the consent window (which shares the ranking's shuffle)
        List<String> key = KEY;
        Dataset<Row> typed = RefineSteps.start(resolved, key, bronzeContract)
                .withColumn("_received", dates.parse(col(BronzeHelplineCase.RECEIVED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn("_resolved", dates.parse(col(BronzeHelplineCase.RESOLVED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn(CODES, IssueCodes.parse(col(BronzeHelplineCase.ISSUE_CODES)))
                .withColumn("_status_raw", text(BronzeHelplineCase.STATUS))
                .withColumn("_workers_raw", text(BronzeHelplineCase.WORKERS_AFFECTED))
                .withColumn(SilverWorkerSignal.WORKER_PSEUDONYM, privacy.pseudonym(identifier))
                .withColumn(SilverWorkerSignal.FACILITY_ID, col(FacilityResolution.RESOLVED_ID))
                .withColumn(SilverWorkerSignal.REPORTED_ON, col("_received.date"))
                .withColumn(SilverWorkerSignal.PERIOD, Periods.label(col("_received.date"), granularity))
                .withColumn(SilverWorkerSignal.CONTACT_CHANNEL, lower(text(BronzeHelplineCase.CHANNEL)))
                .withColumn(SilverWorkerSignal.CHANNEL, lit(CHANNEL))
                .withColumn(SilverWorkerSignal.SOURCE_RECORD_ID, text(BronzeHelplineCase.CASE_ID))
                .withColumn(SilverWorkerSignal.LANGUAGE, lower(text(BronzeHelplineCase.LANGUAGE)))
                .withColumn(
                        SilverWorkerSignal.NATIONALITY,
                        when(consentAggregate, upper(text(BronzeHelplineCase.NATIONALITY))))
                .withColumn(SilverWorkerSignal.GENDER, when(consentAggregate, upper(text(BronzeHelplineCase.GENDER))))
                .withColumn(SilverWorkerSignal.RECRUITER_KEY, AGENCY_KEY.apply(col(BronzeHelplineCase.RECRUITER_NAME)))
                .withColumn(SilverWorkerSignal.STATUS, Vocabulary.caseStatus(col("_status_raw")))
                .withColumn(SilverWorkerSignal.RESOLVED_ON, col("_resolved.date"))
                .withColumn(
                        SilverWorkerSignal.IS_WORKER_CONFIRMED,
                        Vocabulary.yesNo(col(BronzeHelplineCase.IS_WORKER_CONFIRMED)))
                .withColumn(
                        SilverWorkerSignal.WORKERS_AFFECTED, col("_workers_raw").cast("long"))
                .withColumn(
                        SilverWorkerSignal.DESCRIPTION_SCRUBBED,
                        PrivacyColumns.scrub(col(BronzeHelplineCase.DESCRIPTION), col(BronzeHelplineCase.CALLER_NAME)))
                .withColumn(SilverWorkerSignal.CONSENT_AGGREGATE, consentAggregate)
                .withColumn(
                        SilverWorkerSignal.CONSENT_CASE_SHARING,
                        Vocabulary.consent(col(BronzeHelplineCase.CONSENT_CASE_SHARING)))
                .withColumn(
                        SilverWorkerSignal.CONSENT_RESEARCH,
                        Vocabulary.consent(col(BronzeHelplineCase.CONSENT_RESEARCH)))
                .withColumn(SilverWorkerSignal.MATCH_METHOD, col(FacilityResolution.METHOD))
                .withColumn(SilverWorkerSignal.MATCH_CONFIDENCE, col(FacilityResolution.CONFIDENCE));
        List<RowChecks.Check> checks = List.of(
                Dedup.duplicateCheck(key.toArray(String[]::new)),
                RefineSteps.badDate("_received"),
                RefineSteps.futureDate("_received"),
                RefineSteps.badDate("_resolved"),
                RefineSteps.futureDate("_resolved"),
                IssueCodes.unclearFlags(col(CODES)),
                // a code is known when the crosswalk gives it a theme
                IssueCodes.unknown(
                        col(CODES), taxonomy, c -> crosswalks.theme(taxonomy, c).isNotNull(), ""),
                IssueCodes.none(col(CODES)),
                IssueCodes.unknownStatus(col("_status_raw"), col(SilverWorkerSignal.STATUS)),
                ContractChecks.unparseableNumber(
                        SilverWorkerSignal.WORKERS_AFFECTED,
                        col("_workers_raw"),
                        col(SilverWorkerSignal.WORKERS_AFFECTED)),
                FacilityResolution.unresolvedCheck(BronzeHelplineCase.FACILITY_NAME),
                RefineSteps.consentWithdrawn(col(SilverWorkerSignal.CONSENT_AGGREGATE), key));
        return RefineSteps.finish(
                typed,
                checks,
                silver,
                BronzeHelplineCase.TABLE,
                runId,
                passing -> passing.withColumn(
                                SilverWorkerSignal.SOURCE_CODE, explode(functions.array_distinct(col(CODES))))
                        .withColumn(
                                SilverWorkerSignal.THEME,
                                crosswalks.theme(taxonomy, col(SilverWorkerSignal.SOURCE_CODE)))
                        .withColumn(
                                SilverWorkerSignal.SIGNAL_ID,
                                sha2(
                                        concat_ws(
                                                "|",
                                                col(Lineage.SOURCE_SYSTEM),
                                                col(SilverWorkerSignal.SOURCE_RECORD_ID),
                                                col(SilverWorkerSignal.SOURCE_CODE)),
                                        256)),
                List.of(CODES, BronzeHelplineCase.TAXONOMY));
    }
}
