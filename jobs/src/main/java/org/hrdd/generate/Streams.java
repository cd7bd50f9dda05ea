package org.hrdd.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export files: where each stream is written and its exact header, as fixed by the
 * mappings in conf/sources (the tests compare these headers with the mappings).
 */
final class Streams {
    private Streams() {}

    /**
     * A stream of data rows. Files are {@code dir/prefix + label + _NN + ext} (parts of at most
     * rows_per_file rows), or exactly {@code dir/prefix + ext} when {@code single}.
     */
    record Def(
            String source,
            String dir,
            String prefix,
            String ext,
            List<String> header,
            int idColumn,
            int brokenColumn,
            boolean single) {
        boolean json() {
            return ext.equals(".jsonl");
        }
    }

    static final List<String> NGO_A_HEADER = List.of(
            "case_id",
            "date_received",
            "channel",
            "language",
            "caller_phone",
            "caller_name",
            "nationality",
            "gender",
            "workplace",
            "workplace_os_id",
            "workplace_country",
            "recruitment_agency",
            "issue_codes",
            "description",
            "workers_affected",
            "status",
            "date_resolved",
            "resolution",
            "remedy_confirmed_by_worker",
            "consent_aggregate",
            "consent_case_sharing",
            "consent_research");

    /** NGO B's wide flag columns -> issue code, in export order. */
    static final Map<String, String> NGO_B_FLAGS = new LinkedHashMap<>();

    static {
        String[][] flags = {
            {"Recruitment Fees", "B-FEE"},
            {"Passport Held", "B-DOC"},
            {"Wages Unpaid", "B-WAGE-UNPAID"},
            {"Underpayment", "B-WAGE-LOW"},
            {"Debt", "B-DEBT"},
            {"Excessive OT", "B-OT"},
            {"Working Hours", "B-HOURS"},
            {"Safety", "B-OSH"},
            {"Violence", "B-VIOL"},
            {"Threats", "B-THREAT"},
            {"Harassment", "B-HARASS"},
            {"Confinement", "B-CONFINE"},
            {"Deceived", "B-DECEIVE"},
            {"Housing", "B-HOUSING"},
            {"Contract", "B-CONTRACT"},
            {"Child Worker", "B-CHILD"},
            {"Union", "B-UNION"},
            {"Retaliation", "B-RETAL"}
        };
        for (String[] f : flags) NGO_B_FLAGS.put(f[0], f[1]);
    }

    static final List<String> NGO_B_BASE = List.of(
            "Ref No",
            "Date Received",
            "Contact Channel",
            "Lang",
            "Mobile",
            "Worker Name",
            "Nationality",
            "Sex",
            "Employer",
            "Employer Country",
            "Agent",
            "Summary",
            "No. of Workers",
            "Case Status",
            "Closed On",
            "Worker Confirmed",
            "Consent - Reporting",
            "Consent - Share with Buyer",
            "Consent - Research");

    static final List<String> SURVEY_KEYS = List.of(
            "response_id",
            "survey_id",
            "respondent",
            "submitted",
            "site_os_id",
            "site_name",
            "site_country",
            "lang",
            "nationality",
            "gender",
            "consent",
            "licence",
            "answers");

    static final Def NGO_A = new Def(
            "helpline_ngo_a",
            "helpline",
            "ngo_a_cases_",
            ".csv",
            NGO_A_HEADER,
            0,
            NGO_A_HEADER.indexOf("description"),
            false);
    static final Def NGO_B;

    static {
        List<String> h = new ArrayList<>(NGO_B_BASE);
        h.addAll(NGO_B_FLAGS.keySet());
        NGO_B = new Def(
                "helpline_ngo_b",
                "helpline",
                "ngo_b_export_",
                ".csv",
                List.copyOf(h),
                0,
                NGO_B_BASE.indexOf("Summary"),
                false);
    }

    static final Def SURVEY = new Def("survey_platform", "survey", "responses_", ".jsonl", SURVEY_KEYS, -1, -1, false);
    static final Def CATALOGUE = new Def(
            "survey_platform",
            "survey",
            "question_catalogue",
            ".csv",
            List.of("survey_id", "question_id", "question_text", "topic", "adverse_answers"),
            -1,
            -1,
            true);
    static final Def FACILITIES = new Def(
            "supplier_list",
            "suppliers",
            "facilities",
            ".csv",
            List.of(
                    "facility_id",
                    "facility_name",
                    "aliases",
                    "address",
                    "city",
                    "country",
                    "sector",
                    "os_id",
                    "headcount",
                    "supplier_id",
                    "supplier_name"),
            -1,
            -1,
            true);
    static final Def BRAND_FACILITY = new Def(
            "supplier_list",
            "suppliers",
            "brand_facility",
            ".csv",
            List.of("brand_id", "brand_name", "facility_id", "start_date", "end_date"),
            -1,
            -1,
            true);

    static final List<String> CAP_HEADER = List.of(
            "CAP ID",
            "Source Type",
            "Source Reference",
            "Facility ID",
            "Issue Code",
            "Taxonomy",
            "Opened",
            "Due",
            "Closed",
            "Verified",
            "Verification Method",
            "Remedy Type",
            "Amount",
            "Currency",
            "Workers Covered",
            "Status");

    static final Map<String, Def> AUDITS = new LinkedHashMap<>();
    static final Map<String, Def> FINDINGS = new LinkedHashMap<>();

    static {
        audit(
                "rba_vap",
                List.of(
                        "Audit ID",
                        "Facility Name",
                        "OS ID",
                        "Country",
                        "Audit End Date",
                        "Audit Firm",
                        "Lead Auditor",
                        "Audit Type",
                        "Announcement Type",
                        "Workers Interviewed",
                        "Total Workers",
                        "VAP Score"),
                List.of("Audit ID", "Finding ID", "Code Section", "Finding Classification", "Finding Description"));
        audit(
                "smeta",
                List.of(
                        "Audit Ref",
                        "Site Name",
                        "Site OS ID",
                        "Country",
                        "Audit Date",
                        "Audit Company",
                        "Auditor ID",
                        "Audit Type",
                        "Announced",
                        "Workers Interviewed",
                        "Site Headcount"),
                List.of("Audit Ref", "NC Ref", "Clause", "Finding Type", "Details"));
        audit(
                "amfori_bsci",
                List.of(
                        "Audit ID",
                        "Business Partner Name",
                        "OS ID",
                        "Country",
                        "Audit Date",
                        "Monitoring Partner",
                        "Auditor",
                        "Audit Type",
                        "Announcement",
                        "Workers Interviewed",
                        "Employees",
                        "Overall Rating"),
                List.of("Audit ID", "Finding No", "Performance Area", "Finding Level", "Finding"));
        audit(
                "sa8000",
                List.of(
                        "Audit No",
                        "Organisation",
                        "OS ID",
                        "Country",
                        "Audit Date",
                        "Certification Body",
                        "Lead Auditor",
                        "Audit Type",
                        "Announced (Y/N)",
                        "Workers Interviewed",
                        "Headcount",
                        "Certificate Status"),
                List.of("Audit No", "NC No", "Element", "NC Grade", "Description"));
    }

    private static void audit(String scheme, List<String> header, List<String> findings) {
        AUDITS.put(scheme, new Def("audit_" + scheme, "audits/" + scheme, "audits_", ".csv", header, 0, 1, false));
        FINDINGS.put(
                scheme, new Def("audit_" + scheme, "audits/" + scheme, "findings_", ".csv", findings, 1, 4, false));
    }
}
