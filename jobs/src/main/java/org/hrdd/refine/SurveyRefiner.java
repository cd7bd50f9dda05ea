package org.hrdd.refine;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.hrdd.refine.RefineSteps.text;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.schemas.Columns.BronzeSurveyQuestion;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;
import org.hrdd.time.Periods;

/**
 * bronze.survey_response (+ the question catalogue in bronze.survey_question) → silver.worker_signal: one row per
 * adverse answer, mapped through the catalogue's topic and conf/taxonomy/survey.yaml to a canonical theme. Every
 * valid response counts as a worker reached, whether or not it reports anything.
 */
public final class SurveyRefiner {

    public static final String CHANNEL = "survey";
    public static final String TAXONOMY = "survey";
    /** True when the response reports at least one issue (used for worker reach). */
    public static final String REPORTS_ANY = "_reports_any";
    /** A response's versions share this key (ranking, duplicate check, consent window). */
    public static final List<String> RESPONSE_KEY = List.of(Lineage.SOURCE_SYSTEM, BronzeSurveyResponse.RESPONSE_ID);

    private SurveyRefiner() {}

    /** A catalogue question: its topic's theme (null for screening questions) and its adverse answers. */
    public record Question(String surveyId, String questionId, String theme, List<String> adverseAnswers) {}

    /** Valid catalogue rows (unknown topics and duplicates quarantined) and what the responses need of them. */
    public static Refined catalogue(
            Dataset<Row> bronze, Contract bronzeContract, CrosswalkColumns crosswalks, String runId) {
        Dataset<Row> typed = RefineSteps.start(
                        bronze,
                        List.of(
                                Lineage.SOURCE_SYSTEM,
                                BronzeSurveyQuestion.SURVEY_ID,
                                BronzeSurveyQuestion.QUESTION_ID),
                        bronzeContract)
                .withColumn("_topic", text(BronzeSurveyQuestion.TOPIC_CODE))
                .withColumn("_theme", crosswalks.theme(lit(TAXONOMY), col("_topic")));
        return RefineSteps.finish(
                typed,
                List.of(
                        Dedup.duplicateCheck(
                                Lineage.SOURCE_SYSTEM,
                                BronzeSurveyQuestion.SURVEY_ID,
                                BronzeSurveyQuestion.QUESTION_ID),
                        RowChecks.check(
                                AuditRefiner.UNKNOWN_CODE,
                                col("_topic").isNotNull().and(col("_theme").isNull()),
                                concat(
                                        lit("survey topic '"),
                                        col("_topic"),
                                        lit("' is not in conf/taxonomy/survey.yaml")))),
                bronzeContract,
                BronzeSurveyQuestion.TABLE,
                runId);
    }

    /** Separates a catalogue question's adverse answers (a regular expression, for {@code split}). */
    public static final String ADVERSE_SEPARATOR = "\\|";

    /** The valid catalogue as plain records (a reference table of hundreds of rows). */
    public static List<Question> questions(Refined catalogue, CrosswalkColumns crosswalks) {
        List<Question> out = new ArrayList<>();
        for (Row r : catalogue
                .silver()
                .select(
                        text(BronzeSurveyQuestion.SURVEY_ID),
                        text(BronzeSurveyQuestion.QUESTION_ID),
                        crosswalks.theme(lit(TAXONOMY), text(BronzeSurveyQuestion.TOPIC_CODE)),
                        coalesce(col(BronzeSurveyQuestion.ADVERSE_ANSWERS), lit("")))
                .collectAsList()) {
            List<String> adverse = new ArrayList<>();
            for (String a : r.getString(3).split(ADVERSE_SEPARATOR)) {
                if (!a.isBlank()) {
                    adverse.add(a.strip().toLowerCase(java.util.Locale.ROOT));
                }
            }
            out.add(new Question(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getString(2), adverse));
        }
        return out;
    }

    public static Refined responses(
            Dataset<Row> resolved,
            Contract bronzeContract,
            Contract silver,
            List<Question> questions,
            SourceDatesUdf dates,
            PrivacyColumns privacy,
            Granularity granularity,
            String runId) {
        SurveyAnswers catalogue = new SurveyAnswers(questions);
        Column survey = text(BronzeSurveyResponse.SURVEY_ID);
        Column scopes = coalesce(
                from_json(col(BronzeSurveyResponse.CONSENT_SCOPES), DataTypes.createArrayType(DataTypes.StringType)),
                split(coalesce(col(BronzeSurveyResponse.CONSENT_SCOPES), lit("")), "\\s*;\\s*"));
        // one key for the ranking, the duplicate check and the consent window (which shares the ranking's shuffle)
        List<String> key = RESPONSE_KEY;
        Dataset<Row> typed = RefineSteps.start(resolved, key, bronzeContract)
                .withColumn(
                        "_submitted", dates.parse(col(BronzeSurveyResponse.SUBMITTED_AT), col(Lineage.SOURCE_SYSTEM)))
                .withColumn(
                        "_answers",
                        from_json(
                                col(BronzeSurveyResponse.ANSWERS),
                                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)))
                .withColumn("_checked", catalogue.apply(survey, col("_answers")))
                .withColumn("_unknown_questions", col("_checked.unknown"))
                .withColumn("_adverse", col("_checked.adverse"))
                .withColumn(REPORTS_ANY, size(col("_adverse")).gt(0))
                .withColumn("_scopes", transform(scopes, s -> lower(trim(s))))
                .withColumn(SilverWorkerSignal.CONSENT_AGGREGATE, array_contains(col("_scopes"), "aggregate_reporting"))
                .withColumn(SilverWorkerSignal.CONSENT_CASE_SHARING, array_contains(col("_scopes"), "case_sharing"))
                .withColumn(SilverWorkerSignal.CONSENT_RESEARCH, array_contains(col("_scopes"), "research"))
                .withColumn(
                        SilverWorkerSignal.WORKER_PSEUDONYM,
                        privacy.pseudonym(text(BronzeSurveyResponse.RESPONDENT_KEY)))
                .withColumn(SilverWorkerSignal.FACILITY_ID, col(FacilityResolution.RESOLVED_ID))
                .withColumn(SilverWorkerSignal.REPORTED_ON, col("_submitted.date"))
                .withColumn(SilverWorkerSignal.PERIOD, Periods.label(col("_submitted.date"), granularity))
                .withColumn(SilverWorkerSignal.CHANNEL, lit(CHANNEL))
                .withColumn(SilverWorkerSignal.CONTACT_CHANNEL, lit("survey"))
                .withColumn(SilverWorkerSignal.SOURCE_RECORD_ID, text(BronzeSurveyResponse.RESPONSE_ID))
                .withColumn(SilverWorkerSignal.LANGUAGE, lower(text(BronzeSurveyResponse.LANGUAGE)))
                .withColumn(
                        SilverWorkerSignal.NATIONALITY,
                        when(col(SilverWorkerSignal.CONSENT_AGGREGATE), upper(text(BronzeSurveyResponse.NATIONALITY))))
                .withColumn(
                        SilverWorkerSignal.GENDER,
                        when(col(SilverWorkerSignal.CONSENT_AGGREGATE), upper(text(BronzeSurveyResponse.GENDER))))
                .withColumn(SilverWorkerSignal.RECRUITER_KEY, lit(null).cast("string"))
                .withColumn(SilverWorkerSignal.STATUS, lit("submitted"))
                .withColumn(SilverWorkerSignal.RESOLVED_ON, lit(null).cast("date"))
                .withColumn(SilverWorkerSignal.IS_WORKER_CONFIRMED, lit(null).cast("boolean"))
                .withColumn(SilverWorkerSignal.WORKERS_AFFECTED, lit(1L))
                .withColumn(SilverWorkerSignal.DESCRIPTION_SCRUBBED, lit(null).cast("string"))
                .withColumn(SilverWorkerSignal.MATCH_METHOD, col(FacilityResolution.METHOD))
                .withColumn(SilverWorkerSignal.MATCH_CONFIDENCE, col(FacilityResolution.CONFIDENCE));
        List<RowChecks.Check> checks = List.of(
                Dedup.duplicateCheck(key.toArray(String[]::new)),
                RefineSteps.badDate("_submitted"),
                RefineSteps.futureDate("_submitted"),
                RowChecks.check(
                        ContractChecks.NOT_ALLOWED,
                        col(BronzeSurveyResponse.ANSWERS)
                                .isNotNull()
                                .and(col("_answers").isNull()),
                        lit("answers is not a JSON object of question id -> answer")),
                RowChecks.check(
                        AuditRefiner.UNKNOWN_CODE,
                        size(col("_unknown_questions")).gt(0),
                        concat(
                                lit("question(s) "),
                                concat_ws(", ", col("_unknown_questions")),
                                lit(" not in the catalogue of survey "),
                                coalesce(survey, lit("?")))),
                FacilityResolution.unresolvedCheck(BronzeSurveyResponse.FACILITY_NAME),
                RefineSteps.consentWithdrawn(col(SilverWorkerSignal.CONSENT_AGGREGATE), key));
        return RefineSteps.finish(
                typed,
                checks,
                silver,
                BronzeSurveyResponse.TABLE,
                runId,
                passing -> passing.withColumn("_answer", explode(col("_adverse")))
                        .withColumn(SilverWorkerSignal.SOURCE_CODE, col("_answer.key"))
                        .withColumn(SilverWorkerSignal.THEME, catalogue.theme(survey, col("_answer.key")))
                        .withColumn(
                                SilverWorkerSignal.SIGNAL_ID,
                                sha2(
                                        concat_ws(
                                                "|",
                                                col(Lineage.SOURCE_SYSTEM),
                                                col(SilverWorkerSignal.SOURCE_RECORD_ID),
                                                col(SilverWorkerSignal.SOURCE_CODE)),
                                        256)),
                // the shaping step's answers and survey, worker reach's REPORTS_ANY
                List.of("_adverse", BronzeSurveyResponse.SURVEY_ID, REPORTS_ANY));
    }
}
