package org.hrdd.schemas;

/**
 * Column names of every contract, one nested class per table (e.g. {@code Columns.SilverWorkerSignal.THEME}).
 * Code refers to columns through these constants, never through scattered literals; ColumnsTest keeps them
 * equal to the contracts. Lineage columns shared by all bronze tables are in {@link Lineage}.
 */
public final class Columns {

    private Columns() {}

    /** bronze.audit. */
    public static final class BronzeAudit {
        public static final String TABLE = "bronze.audit";
        public static final String AUDIT_ID = "audit_id";
        public static final String SCHEME = "scheme";
        public static final String FACILITY_NAME = "facility_name";
        public static final String FACILITY_OS_ID = "facility_os_id";
        public static final String COUNTRY_CODE = "country_code";
        public static final String FACILITY_ADDRESS = "facility_address";
        public static final String AUDIT_DATE = "audit_date";
        public static final String AUDIT_FIRM = "audit_firm";
        public static final String LEAD_AUDITOR = "lead_auditor";
        public static final String AUDIT_TYPE = "audit_type";
        public static final String ANNOUNCEMENT = "announcement";
        public static final String WORKERS_INTERVIEWED = "workers_interviewed";
        public static final String HEADCOUNT = "headcount";
        public static final String RATING = "rating";

        private BronzeAudit() {}
    }

    /** bronze.audit_finding. */
    public static final class BronzeAuditFinding {
        public static final String TABLE = "bronze.audit_finding";
        public static final String FINDING_ID = "finding_id";
        public static final String AUDIT_ID = "audit_id";
        public static final String SCHEME = "scheme";
        public static final String CLAUSE_CODE = "clause_code";
        public static final String SEVERITY = "severity";
        public static final String DESCRIPTION = "description";

        private BronzeAuditFinding() {}
    }

    /** bronze.brand_facility. */
    public static final class BronzeBrandFacility {
        public static final String TABLE = "bronze.brand_facility";
        public static final String BRAND_ID = "brand_id";
        public static final String BRAND_NAME = "brand_name";
        public static final String FACILITY_ID = "facility_id";
        public static final String VALID_FROM = "valid_from";
        public static final String VALID_TO = "valid_to";

        private BronzeBrandFacility() {}
    }

    /** bronze.cap. */
    public static final class BronzeCap {
        public static final String TABLE = "bronze.cap";
        public static final String CAP_ID = "cap_id";
        public static final String SOURCE_TYPE = "source_type";
        public static final String SOURCE_REF = "source_ref";
        public static final String FACILITY_ID = "facility_id";
        public static final String ISSUE_CODE = "issue_code";
        public static final String TAXONOMY = "taxonomy";
        public static final String OPENED_AT = "opened_at";
        public static final String DUE_AT = "due_at";
        public static final String CLOSED_AT = "closed_at";
        public static final String VERIFIED_AT = "verified_at";
        public static final String VERIFICATION_METHOD = "verification_method";
        public static final String REMEDY_TYPE = "remedy_type";
        public static final String AMOUNT = "amount";
        public static final String CURRENCY = "currency";
        public static final String WORKERS_COVERED = "workers_covered";
        public static final String STATUS = "status";

        private BronzeCap() {}
    }

    /** bronze.facility. */
    public static final class BronzeFacility {
        public static final String TABLE = "bronze.facility";
        public static final String FACILITY_ID = "facility_id";
        public static final String FACILITY_NAME = "facility_name";
        public static final String ALIASES = "aliases";
        public static final String ADDRESS = "address";
        public static final String CITY = "city";
        public static final String COUNTRY_CODE = "country_code";
        public static final String SECTOR = "sector";
        public static final String OS_ID = "os_id";
        public static final String HEADCOUNT = "headcount";
        public static final String SUPPLIER_ID = "supplier_id";
        public static final String SUPPLIER_NAME = "supplier_name";

        private BronzeFacility() {}
    }

    /** bronze.helpline_case. */
    public static final class BronzeHelplineCase {
        public static final String TABLE = "bronze.helpline_case";
        public static final String CASE_ID = "case_id";
        public static final String RECEIVED_AT = "received_at";
        public static final String CHANNEL = "channel";
        public static final String LANGUAGE = "language";
        public static final String CALLER_ID = "caller_id";
        public static final String CALLER_NAME = "caller_name";
        public static final String NATIONALITY = "nationality";
        public static final String GENDER = "gender";
        public static final String FACILITY_NAME = "facility_name";
        public static final String FACILITY_OS_ID = "facility_os_id";
        public static final String COUNTRY_CODE = "country_code";
        public static final String RECRUITER_NAME = "recruiter_name";
        public static final String ISSUE_CODES = "issue_codes";
        public static final String TAXONOMY = "taxonomy";
        public static final String DESCRIPTION = "description";
        public static final String WORKERS_AFFECTED = "workers_affected";
        public static final String STATUS = "status";
        public static final String RESOLVED_AT = "resolved_at";
        public static final String RESOLUTION = "resolution";
        public static final String IS_WORKER_CONFIRMED = "is_worker_confirmed";
        public static final String CONSENT_AGGREGATE = "consent_aggregate";
        public static final String CONSENT_CASE_SHARING = "consent_case_sharing";
        public static final String CONSENT_RESEARCH = "consent_research";

        private BronzeHelplineCase() {}
    }

    /** bronze.grievance_case. */
    public static final class BronzeGrievanceCase {
        public static final String TABLE = "bronze.grievance_case";
        public static final String CASE_ID = "case_id";
        public static final String RECEIVED_AT = "received_at";
        public static final String RAISED_BY = "raised_by";
        public static final String FACILITY_NAME = "facility_name";
        public static final String FACILITY_OS_ID = "facility_os_id";
        public static final String COUNTRY_CODE = "country_code";
        public static final String FACILITY_ADDRESS = "facility_address";
        public static final String ISSUE_CODES = "issue_codes";
        public static final String TAXONOMY = "taxonomy";
        public static final String DESCRIPTION = "description";
        public static final String STATUS = "status";
        public static final String RESPONDED_AT = "responded_at";
        public static final String RESOLVED_AT = "resolved_at";

        private BronzeGrievanceCase() {}
    }

    /** bronze.survey_question. */
    public static final class BronzeSurveyQuestion {
        public static final String TABLE = "bronze.survey_question";
        public static final String SURVEY_ID = "survey_id";
        public static final String QUESTION_ID = "question_id";
        public static final String QUESTION_TEXT = "question_text";
        public static final String TOPIC_CODE = "topic_code";
        public static final String ADVERSE_ANSWERS = "adverse_answers";

        private BronzeSurveyQuestion() {}
    }

    /** bronze.survey_response. */
    public static final class BronzeSurveyResponse {
        public static final String TABLE = "bronze.survey_response";
        public static final String RESPONSE_ID = "response_id";
        public static final String SURVEY_ID = "survey_id";
        public static final String RESPONDENT_KEY = "respondent_key";
        public static final String SUBMITTED_AT = "submitted_at";
        public static final String FACILITY_OS_ID = "facility_os_id";
        public static final String FACILITY_NAME = "facility_name";
        public static final String COUNTRY_CODE = "country_code";
        public static final String LANGUAGE = "language";
        public static final String NATIONALITY = "nationality";
        public static final String GENDER = "gender";
        public static final String CONSENT_SCOPES = "consent_scopes";
        public static final String LICENCE_ID = "licence_id";
        public static final String ANSWERS = "answers";

        private BronzeSurveyResponse() {}
    }

    /** gold.facility_theme_period. */
    public static final class GoldFacilityThemePeriod {
        public static final String TABLE = "gold.facility_theme_period";
        public static final String FACILITY_ID = "facility_id";
        public static final String THEME = "theme";
        public static final String PERIOD = "period";
        public static final String COUNTRY_CODE = "country_code";
        public static final String SECTOR = "sector";
        public static final String SUPPLIER_ID = "supplier_id";
        public static final String WORKERS_REACHED = "workers_reached";
        public static final String WORKERS_REACHED_HELPLINE = "workers_reached_helpline";
        public static final String WORKERS_REACHED_SURVEY = "workers_reached_survey";
        public static final String WORKERS_REPORTING = "workers_reporting";
        public static final String WORKERS_REPORTING_HELPLINE = "workers_reporting_helpline";
        public static final String WORKERS_REPORTING_SURVEY = "workers_reporting_survey";
        public static final String WORKER_RATE = "worker_rate";
        public static final String WORKER_RATE_LOWER = "worker_rate_lower";
        public static final String WORKER_RATE_UPPER = "worker_rate_upper";
        public static final String PRIOR_MEAN = "prior_mean";
        public static final String PRIOR_STRENGTH = "prior_strength";
        public static final String PRIOR_SOURCE = "prior_source";
        public static final String SHRUNK_RATE = "shrunk_rate";
        public static final String SHRUNK_RATE_LOWER = "shrunk_rate_lower";
        public static final String SHRUNK_RATE_UPPER = "shrunk_rate_upper";
        public static final String ELEVATION_RATE = "elevation_rate";
        public static final String PREVALENCE_ESTIMATE = "prevalence_estimate";
        public static final String HELPLINE_FACTOR = "helpline_factor";
        public static final String PROB_HIGH_RISK = "prob_high_risk";
        public static final String ELEVATION_P_VALUE = "elevation_p_value";
        public static final String ELEVATION_Q_VALUE = "elevation_q_value";
        public static final String IS_WORKER_ELEVATED = "is_worker_elevated";
        public static final String AUDITS_IN_WINDOW = "audits_in_window";
        public static final String AUDIT_SCHEMES = "audit_schemes";
        public static final String LAST_AUDIT_DATE = "last_audit_date";
        public static final String IS_ANNOUNCED = "is_announced";
        public static final String FINDINGS_CRITICAL = "findings_critical";
        public static final String FINDINGS_MAJOR = "findings_major";
        public static final String FINDINGS_MINOR = "findings_minor";
        public static final String FINDINGS_OBSERVATION = "findings_observation";
        public static final String IS_AUDIT_FLAGGED = "is_audit_flagged";
        public static final String CAPS_OPEN = "caps_open";
        public static final String CAPS_OVERDUE = "caps_overdue";
        public static final String CAPS_CLOSED = "caps_closed";
        public static final String AMOUNT_REMEDIED_EUR = "amount_remedied_eur";
        public static final String THIRD_PARTY_GRIEVANCES = "third_party_grievances";
        public static final String CORROBORATION_STATUS = "corroboration_status";
        public static final String FIRST_WORKER_SIGNAL_PERIOD = "first_worker_signal_period";
        public static final String FIRST_AUDIT_SIGNAL_PERIOD = "first_audit_signal_period";

        private GoldFacilityThemePeriod() {}
    }

    /** gold.remediation_effectiveness. */
    public static final class GoldIndicatorValue {
        public static final String TABLE = "gold.indicator_value";
        public static final String INDICATOR_ID = "indicator_id";
        public static final String SCOPE_TYPE = "scope_type";
        public static final String SCOPE_ID = "scope_id";
        public static final String PERIOD = "period";
        public static final String DIMENSION = "dimension";
        public static final String DIMENSION_VALUE = "dimension_value";
        public static final String UNIT = "unit";
        public static final String VALUE = "value";
        public static final String NUMERATOR = "numerator";
        public static final String DENOMINATOR = "denominator";
        public static final String WORKERS = "workers";
        public static final String IS_SUPPRESSED = "is_suppressed";
        public static final String SUPPRESSION_REASON = "suppression_reason";
    }

    public static final class GoldRemediationEffectiveness {
        public static final String TABLE = "gold.remediation_effectiveness";
        public static final String CAP_ID = "cap_id";
        public static final String PERIOD = "period";
        public static final String SOURCE_TYPE = "source_type";
        public static final String FACILITY_ID = "facility_id";
        public static final String THEME = "theme";
        public static final String OPENED_ON = "opened_on";
        public static final String CLOSED_ON = "closed_on";
        public static final String BEFORE_FROM = "before_from";
        public static final String BEFORE_TO = "before_to";
        public static final String AFTER_FROM = "after_from";
        public static final String AFTER_TO = "after_to";
        public static final String CHANNEL_COMPARED = "channel_compared";
        public static final String WORKERS_BEFORE = "workers_before";
        public static final String REPORTING_BEFORE = "reporting_before";
        public static final String RATE_BEFORE = "rate_before";
        public static final String WORKERS_AFTER = "workers_after";
        public static final String REPORTING_AFTER = "reporting_after";
        public static final String RATE_AFTER = "rate_after";
        public static final String P_VALUE_DROP = "p_value_drop";
        public static final String P_VALUE_PERSIST = "p_value_persist";
        public static final String IS_WORKER_CONFIRMED = "is_worker_confirmed";
        public static final String EFFECTIVENESS_STATUS = "effectiveness_status";
        public static final String REASON = "reason";

        private GoldRemediationEffectiveness() {}
    }

    /** gold.remediation_summary. */
    public static final class GoldRemediationSummary {
        public static final String TABLE = "gold.remediation_summary";
        public static final String SCOPE_TYPE = "scope_type";
        public static final String SCOPE_ID = "scope_id";
        public static final String PERIOD = "period";
        public static final String FACILITIES = "facilities";
        public static final String CAPS_CLOSED = "caps_closed";
        public static final String VERIFIED_BY_WORKERS = "verified_by_workers";
        public static final String EFFECTIVE = "effective";
        public static final String NOT_EFFECTIVE = "not_effective";
        public static final String INCONCLUSIVE = "inconclusive";
        public static final String EFFECTIVENESS_RATE = "effectiveness_rate";

        private GoldRemediationSummary() {}
    }

    /** gold.scheme_agreement. */
    public static final class GoldRiskScore {
        public static final String TABLE = "gold.risk_score";
        public static final String SCOPE_TYPE = "scope_type";
        public static final String SCOPE_ID = "scope_id";
        public static final String PERIOD = "period";
        public static final String MODEL_VERSION = "model_version";
        public static final String SUPPLIER_ID = "supplier_id";
        public static final String COUNTRY_CODE = "country_code";
        public static final String SECTOR = "sector";
        public static final String FACILITIES = "facilities";
        public static final String HEADCOUNT = "headcount";
        public static final String EFFECTIVE_WORKERS = "effective_workers";
        public static final String IS_WORKER_COVERED = "is_worker_covered";
        public static final String BURDEN = "burden";
        public static final String SCORE = "score";
        public static final String TIER = "tier";
        public static final String IS_TIER_FLOORED = "is_tier_floored";
        public static final String CONFIDENCE = "confidence";
        public static final String CONFIDENCE_LEVEL = "confidence_level";
        public static final String PREVIOUS_SCORE = "previous_score";
        public static final String SCORE_CHANGE = "score_change";
        public static final String TREND = "trend";
        public static final String INHERENT_CONTRIBUTION = "inherent_contribution";
        public static final String DRIVER_1_THEME = "driver_1_theme";
        public static final String DRIVER_1_EVIDENCE = "driver_1_evidence";
        public static final String DRIVER_1_CONTRIBUTION = "driver_1_contribution";
        public static final String DRIVER_2_THEME = "driver_2_theme";
        public static final String DRIVER_2_EVIDENCE = "driver_2_evidence";
        public static final String DRIVER_2_CONTRIBUTION = "driver_2_contribution";
        public static final String DRIVER_3_THEME = "driver_3_theme";
        public static final String DRIVER_3_EVIDENCE = "driver_3_evidence";
        public static final String DRIVER_3_CONTRIBUTION = "driver_3_contribution";
        public static final String OTHER_CONTRIBUTION = "other_contribution";
        public static final String CONFIG_HASH = "config_hash";
    }

    public static final class GoldRiskTheme {
        public static final String TABLE = "gold.risk_theme";
        public static final String FACILITY_ID = "facility_id";
        public static final String THEME = "theme";
        public static final String PERIOD = "period";
        public static final String MODEL_VERSION = "model_version";
        public static final String COUNTRY_CODE = "country_code";
        public static final String SECTOR = "sector";
        public static final String SUPPLIER_ID = "supplier_id";
        public static final String INHERENT_INDEX = "inherent_index";
        public static final String PRIOR_PUBLISHED = "prior_published";
        public static final String PEER_FACILITIES = "peer_facilities";
        public static final String PRIOR_MEAN = "prior_mean";
        public static final String EFFECTIVE_WORKERS = "effective_workers";
        public static final String IS_AUDITED = "is_audited";
        public static final String IS_AUDIT_FLAGGED = "is_audit_flagged";
        public static final String AUDIT_SENSITIVITY = "audit_sensitivity";
        public static final String LIKELIHOOD_PRIOR = "likelihood_prior";
        public static final String LIKELIHOOD_WORKER_VOICE = "likelihood_worker_voice";
        public static final String LIKELIHOOD_AUDIT = "likelihood_audit";
        public static final String LIKELIHOOD_REMEDIATION = "likelihood_remediation";
        public static final String LIKELIHOOD_THIRD_PARTY_GRIEVANCE = "likelihood_third_party_grievance";
        public static final String LIKELIHOOD_COVERAGE_GAP = "likelihood_coverage_gap";
        public static final String LIKELIHOOD = "likelihood";
        public static final String LIKELIHOOD_SD = "likelihood_sd";
        public static final String PROB_HIGH_RISK = "prob_high_risk";
        public static final String SEVERITY_BASE = "severity_base";
        public static final String HAS_CRITICAL_FINDING = "has_critical_finding";
        public static final String IS_REPEAT = "is_repeat";
        public static final String SEVERITY = "severity";
        public static final String CONFIDENCE = "confidence";
        public static final String CONTRIBUTION = "contribution";
        public static final String CONTRIBUTION_INHERENT_PRIOR = "contribution_inherent_prior";
        public static final String CONTRIBUTION_WORKER_VOICE = "contribution_worker_voice";
        public static final String CONTRIBUTION_AUDIT = "contribution_audit";
        public static final String CONTRIBUTION_REMEDIATION = "contribution_remediation";
        public static final String CONTRIBUTION_THIRD_PARTY_GRIEVANCE = "contribution_third_party_grievance";
        public static final String CONTRIBUTION_COVERAGE_GAP = "contribution_coverage_gap";
    }

    public static final class GoldSchemeAgreement {
        public static final String TABLE = "gold.scheme_agreement";
        public static final String SCHEME = "scheme";
        public static final String THEME = "theme";
        public static final String PERIOD = "period";
        public static final String SCOPE = "scope";
        public static final String FACILITIES = "facilities";
        public static final String CELLS = "cells";
        public static final String CELLS_REFERENCE = "cells_reference";
        public static final String BOTH = "both";
        public static final String WORKER_ONLY = "worker_only";
        public static final String AUDIT_ONLY = "audit_only";
        public static final String NEITHER = "neither";
        public static final String KAPPA = "kappa";
        public static final String KAPPA_LOWER = "kappa_lower";
        public static final String KAPPA_UPPER = "kappa_upper";
        public static final String DETECTION_RATE_NAIVE = "detection_rate_naive";
        public static final String DETECTION_RATE = "detection_rate";
        public static final String DETECTION_RATE_LOWER = "detection_rate_lower";
        public static final String DETECTION_RATE_UPPER = "detection_rate_upper";
        public static final String AUDIT_FALSE_POSITIVE_RATE = "audit_false_positive_rate";
        public static final String BLIND_SPOT_RATE = "blind_spot_rate";
        public static final String BLIND_SPOT_LOWER = "blind_spot_lower";
        public static final String BLIND_SPOT_UPPER = "blind_spot_upper";
        public static final String MEDIAN_LEAD_TIME_PERIODS = "median_lead_time_periods";
        public static final String LEAD_TIME_CELLS = "lead_time_cells";

        private GoldSchemeAgreement() {}
    }

    /** gold.agency_corridor. */
    public static final class GoldAgencyCorridor {
        public static final String TABLE = "gold.agency_corridor";
        public static final String SCOPE_TYPE = "scope_type";
        public static final String SCOPE_ID = "scope_id";
        public static final String PERIOD = "period";
        public static final String WINDOW_FROM = "window_from";
        public static final String AGENCY = "agency";
        public static final String ORIGIN = "origin";
        public static final String DESTINATION = "destination";
        public static final String IS_CORRIDOR_TOTAL = "is_corridor_total";
        public static final String WORKERS = "workers";
        public static final String FACILITIES = "facilities";
        public static final String FEE_REPORTING_WORKERS = "fee_reporting_workers";
        public static final String FEES_REPAID_EUR = "fees_repaid_eur";
        public static final String HIGH_RISK_FACILITIES = "high_risk_facilities";
        public static final String HIGH_RISK_FACILITY_SHARE = "high_risk_facility_share";
        public static final String IS_SUPPRESSED = "is_suppressed";
        public static final String SUPPRESSION_REASON = "suppression_reason";

        private GoldAgencyCorridor() {}
    }

    /** gold.watchlist. */
    public static final class GoldWatchlist {
        public static final String TABLE = "gold.watchlist";
        public static final String SCOPE_TYPE = "scope_type";
        public static final String SCOPE_ID = "scope_id";
        public static final String PERIOD = "period";
        public static final String ITEM_KEY = "item_key";
        public static final String KIND = "kind";
        public static final String PRIORITY = "priority";
        public static final String FACILITY_ID = "facility_id";
        public static final String THEME = "theme";
        public static final String IS_THEME_WITHHELD = "is_theme_withheld";
        public static final String SUBJECT = "subject";
        public static final String REASON = "reason";
        public static final String EVIDENCE = "evidence";
        public static final String NEXT_STEP = "next_step";
        public static final String OWNER = "owner";
        public static final String CSDDD = "csddd";
        public static final String FIRST_LISTED_PERIOD = "first_listed_period";
        public static final String PERIODS_LISTED = "periods_listed";

        private GoldWatchlist() {}
    }

    /** ops.erasure_log. */
    public static final class OpsErasureLog {
        public static final String TABLE = "ops.erasure_log";
        public static final String RUN_ID = "run_id";
        public static final String RUN_DATE = "run_date";
        public static final String ERASED_AT = "erased_at";
        public static final String PSEUDONYM_SHA256 = "pseudonym_sha256";
        public static final String ROWS_REMOVED = "rows_removed";
        public static final String TABLES_VACUUMED = "tables_vacuumed";

        private OpsErasureLog() {}
    }

    /** ops.facility_matches. */
    public static final class OpsFacilityMatches {
        public static final String TABLE = "ops.facility_matches";
        public static final String MATCH_KEY = "match_key";
        public static final String SOURCE_TABLE = "source_table";
        public static final String FACILITY_NAME = "facility_name";
        public static final String FACILITY_OS_ID = "facility_os_id";
        public static final String COUNTRY_CODE = "country_code";
        public static final String FACILITY_ADDRESS = "facility_address";
        public static final String FACILITY_ID = "facility_id";
        public static final String MATCH_METHOD = "match_method";
        public static final String MATCH_CONFIDENCE = "match_confidence";
        public static final String MATCH_MARGIN = "match_margin";
        public static final String DETAIL = "detail";
        public static final String OCCURRENCES = "occurrences";
        public static final String RUN_ID = "run_id";

        private OpsFacilityMatches() {}
    }

    /** ops.quality_metrics. */
    public static final class OpsQualityMetrics {
        public static final String TABLE = "ops.quality_metrics";
        public static final String RUN_ID = "run_id";
        public static final String TABLE_NAME = "table_name";
        public static final String RULE = "rule";
        public static final String LEVEL = "level";
        public static final String PASSED = "passed";
        public static final String METRIC = "metric";
        public static final String MESSAGE = "message";

        private OpsQualityMetrics() {}
    }

    /** ops.quarantine. */
    public static final class OpsQuarantine {
        public static final String TABLE = "ops.quarantine";
        public static final String TABLE_NAME = "table_name";
        public static final String SOURCE_SYSTEM = "source_system";
        public static final String SOURCE_FILE = "source_file";
        public static final String SOURCE_ROW = "source_row";
        public static final String REASON = "reason";
        public static final String DETAIL = "detail";
        public static final String RAW_ROW = "raw_row";
        public static final String RUN_ID = "run_id";

        private OpsQuarantine() {}
    }

    /** ops.runs. */
    public static final class OpsRuns {
        public static final String TABLE = "ops.runs";
        public static final String RUN_ID = "run_id";
        public static final String COMMAND = "command";
        public static final String ARGS = "args";
        public static final String STATUS = "status";
        public static final String RUN_DATE = "run_date";
        public static final String STARTED_AT = "started_at";
        public static final String FINISHED_AT = "finished_at";
        public static final String CODE_VERSION = "code_version";
        public static final String CONFIG_HASH = "config_hash";
        public static final String MODEL_VERSION = "model_version";
        public static final String INPUTS = "inputs";
        public static final String ROW_COUNTS = "row_counts";
        public static final String DELTA_VERSIONS_READ = "delta_versions_read";
        public static final String DELTA_VERSIONS_WRITTEN = "delta_versions_written";
        public static final String MESSAGE = "message";

        private OpsRuns() {}
    }

    /** silver.audit. */
    public static final class SilverAudit {
        public static final String TABLE = "silver.audit";
        public static final String AUDIT_ID = "audit_id";
        public static final String SCHEME = "scheme";
        public static final String FACILITY_ID = "facility_id";
        public static final String AUDIT_DATE = "audit_date";
        public static final String PERIOD = "period";
        public static final String AUDIT_FIRM = "audit_firm";
        public static final String LEAD_AUDITOR = "lead_auditor";
        public static final String AUDIT_TYPE = "audit_type";
        public static final String IS_ANNOUNCED = "is_announced";
        public static final String WORKERS_INTERVIEWED = "workers_interviewed";
        public static final String HEADCOUNT = "headcount";
        public static final String RATING = "rating";
        public static final String MATCH_METHOD = "match_method";
        public static final String MATCH_CONFIDENCE = "match_confidence";

        private SilverAudit() {}
    }

    /** silver.audit_finding. */
    public static final class SilverAuditFinding {
        public static final String TABLE = "silver.audit_finding";
        public static final String FINDING_ID = "finding_id";
        public static final String AUDIT_ID = "audit_id";
        public static final String SCHEME = "scheme";
        public static final String FACILITY_ID = "facility_id";
        public static final String AUDIT_DATE = "audit_date";
        public static final String PERIOD = "period";
        public static final String AUDIT_FIRM = "audit_firm";
        public static final String IS_ANNOUNCED = "is_announced";
        public static final String CLAUSE_CODE = "clause_code";
        public static final String THEME = "theme";
        public static final String SEVERITY = "severity";
        public static final String SCHEME_SEVERITY = "scheme_severity";

        private SilverAuditFinding() {}
    }

    /** silver.brand_facility. */
    public static final class SilverBrandFacility {
        public static final String TABLE = "silver.brand_facility";
        public static final String BRAND_ID = "brand_id";
        public static final String BRAND_NAME = "brand_name";
        public static final String FACILITY_ID = "facility_id";
        public static final String VALID_FROM = "valid_from";
        public static final String VALID_TO = "valid_to";

        private SilverBrandFacility() {}
    }

    /** silver.facility. */
    public static final class SilverFacility {
        public static final String TABLE = "silver.facility";
        public static final String FACILITY_ID = "facility_id";
        public static final String FACILITY_NAME = "facility_name";
        public static final String NAME_KEY = "name_key";
        public static final String ALIASES = "aliases";
        public static final String CITY = "city";
        public static final String ADDRESS = "address";
        public static final String COUNTRY_CODE = "country_code";
        public static final String SECTOR = "sector";
        public static final String OS_ID = "os_id";
        public static final String HEADCOUNT = "headcount";
        public static final String SUPPLIER_ID = "supplier_id";
        public static final String SUPPLIER_NAME = "supplier_name";

        private SilverFacility() {}
    }

    /** silver.remediation. */
    public static final class SilverRemediation {
        public static final String TABLE = "silver.remediation";
        public static final String CAP_ID = "cap_id";
        public static final String SOURCE_TYPE = "source_type";
        public static final String SOURCE_REF = "source_ref";
        public static final String FACILITY_ID = "facility_id";
        public static final String THEME = "theme";
        public static final String OPENED_ON = "opened_on";
        public static final String DUE_ON = "due_on";
        public static final String CLOSED_ON = "closed_on";
        public static final String VERIFIED_ON = "verified_on";
        public static final String VERIFICATION_METHOD = "verification_method";
        public static final String REMEDY_TYPE = "remedy_type";
        public static final String AMOUNT = "amount";
        public static final String CURRENCY = "currency";
        public static final String AMOUNT_EUR = "amount_eur";
        public static final String WORKERS_COVERED = "workers_covered";
        public static final String STATUS = "status";
        public static final String IS_OVERDUE = "is_overdue";

        private SilverRemediation() {}
    }

    /** silver.worker_contact. */
    public static final class SilverWorkerContact {
        public static final String TABLE = "silver.worker_contact";
        public static final String FACILITY_ID = "facility_id";
        public static final String PERIOD = "period";
        public static final String CHANNEL = "channel";
        public static final String SOURCE_RECORD_ID = "source_record_id";
        public static final String WORKER_PSEUDONYM = "worker_pseudonym";
        public static final String CONSENT_AGGREGATE = "consent_aggregate";
        public static final String REPORTS_ANY = "reports_any";

        private SilverWorkerContact() {}
    }

    /** silver.grievance. */
    public static final class SilverGrievance {
        public static final String TABLE = "silver.grievance";
        public static final String GRIEVANCE_ID = "grievance_id";
        public static final String CASE_ID = "case_id";
        public static final String FACILITY_ID = "facility_id";
        public static final String FACILITY_REFERENCE = "facility_reference";
        public static final String COUNTRY_CODE = "country_code";
        public static final String RAISED_BY = "raised_by";
        public static final String RAISED_ON = "raised_on";
        public static final String RAISED_ON_PRECISION = "raised_on_precision";
        public static final String PERIOD = "period";
        public static final String SOURCE_CODE = "source_code";
        public static final String THEME = "theme";
        public static final String S2_SCOPE = "s2_scope";
        public static final String OUT_OF_SCOPE_AREA = "out_of_scope_area";
        public static final String STATUS = "status";
        public static final String RESPONDED_ON = "responded_on";
        public static final String RESPONDED_ON_PRECISION = "responded_on_precision";
        public static final String RESOLVED_ON = "resolved_on";
        public static final String RESOLVED_ON_PRECISION = "resolved_on_precision";
        public static final String DESCRIPTION_SCRUBBED = "description_scrubbed";
        public static final String MATCH_METHOD = "match_method";
        public static final String MATCH_CONFIDENCE = "match_confidence";

        private SilverGrievance() {}
    }

    /** silver.worker_reach. */
    public static final class SilverWorkerReach {
        public static final String TABLE = "silver.worker_reach";
        public static final String FACILITY_ID = "facility_id";
        public static final String PERIOD = "period";
        public static final String CHANNEL = "channel";
        public static final String WORKERS_REACHED = "workers_reached";
        public static final String WORKERS_REPORTING = "workers_reporting";
        public static final String CONTACTS = "contacts";

        private SilverWorkerReach() {}
    }

    /** silver.worker_signal. */
    public static final class SilverWorkerSignal {
        public static final String TABLE = "silver.worker_signal";
        public static final String SIGNAL_ID = "signal_id";
        public static final String WORKER_PSEUDONYM = "worker_pseudonym";
        public static final String FACILITY_ID = "facility_id";
        public static final String THEME = "theme";
        public static final String PERIOD = "period";
        public static final String REPORTED_ON = "reported_on";
        public static final String CHANNEL = "channel";
        public static final String CONTACT_CHANNEL = "contact_channel";
        public static final String SOURCE_RECORD_ID = "source_record_id";
        public static final String SOURCE_CODE = "source_code";
        public static final String LANGUAGE = "language";
        public static final String NATIONALITY = "nationality";
        public static final String GENDER = "gender";
        public static final String RECRUITER_KEY = "recruiter_key";
        public static final String STATUS = "status";
        public static final String RESOLVED_ON = "resolved_on";
        public static final String IS_WORKER_CONFIRMED = "is_worker_confirmed";
        public static final String WORKERS_AFFECTED = "workers_affected";
        public static final String DESCRIPTION_SCRUBBED = "description_scrubbed";
        public static final String CONSENT_AGGREGATE = "consent_aggregate";
        public static final String CONSENT_CASE_SHARING = "consent_case_sharing";
        public static final String CONSENT_RESEARCH = "consent_research";
        public static final String MATCH_METHOD = "match_method";
        public static final String MATCH_CONFIDENCE = "match_confidence";

        private SilverWorkerSignal() {}
    }
}
