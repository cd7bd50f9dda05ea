package org.hrdd.reports.publish;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What codes read as in the report, the workbook and the CSV files: breakdown values, corroboration statuses (with the
 * definition the glossary prints beside them), tiers, trends and evidence types.
 */
public final class Labels {

    /** Corroboration status → label and definition, in the order the glossary lists them. */
    public static final Map<String, String[]> STATUSES = new LinkedHashMap<>();

    static {
        STATUSES.put("CORROBORATED", new String[] {
            "corroborated",
            "worker reports significantly above the theme's high-risk level, and an audit in the window flagged the theme"
        });
        STATUSES.put("WORKER_ONLY", new String[] {
            "worker-only",
            "worker reports significantly above the high-risk level and no audit flag: an audit blind spot when the "
                    + "facility was audited in the window, a coverage gap when it was not"
        });
        STATUSES.put("AUDIT_ONLY", new String[] {
            "audit-only",
            "an audit flagged the theme; enough workers were reached and their reports are not significantly elevated"
        });
        STATUSES.put("NO_SIGNAL", new String[] {
            "not elevated",
            "enough workers were reached and their reports are not significantly above the high-risk level, and no "
                    + "audit flag. Not \"no reports\": a rate below the test still raises the risk score"
        });
        STATUSES.put("INSUFFICIENT_DATA", new String[] {
            "unknown (too few workers)", "fewer workers were reached than the analysis needs: unknown, never safe"
        });
    }

    private Labels() {}

    public static String status(String code) {
        String[] s = STATUSES.get(code);
        return s == null ? code : s[0];
    }

    /** A breakdown value as readers know it: theme names, country names, plain words. */
    public static String breakdown(String dimension, String value, Map<String, String> themeNames) {
        if (value == null) {
            return "";
        }
        return switch (dimension) {
            case "total" -> "total";
            case "theme" -> value.equals("out_of_scope")
                    ? "out of scope for ESRS S2 (environment, land, ...)"
                    : themeNames.getOrDefault(value, value.replace('_', ' '));
            case "s2_scope" -> value.equals("out_of_scope") ? "out of scope for ESRS S2" : "in scope (labour rights)";
            case "country" -> country(value);
            case "status" -> status(value);
            case "cap_source" -> value.replace('_', ' ');
            case "worker_voice" -> value.equals("without")
                    ? "without worker voice (coverage gap)"
                    : "with worker voice";
            default -> value.replace('_', ' ');
        };
    }

    /** "Thailand (TH)"; an unknown code as it is. */
    public static String country(String code) {
        if (code == null || code.length() != 2) {
            return code == null ? "" : code;
        }
        // the country's own name since 2022, which the JDK's locale data predates
        String name = code.equals("TR") ? "Türkiye" : new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equals(code) ? code : name + " (" + code + ")";
    }

    /** The dimension's heading in tables. */
    public static String dimension(String dimension) {
        return switch (dimension) {
            case "cap_source" -> "CAP source";
            case "worker_voice" -> "worker voice";
            case "raised_by" -> "raised by";
            case "s2_scope" -> "ESRS S2 scope";
            case "status" -> "evidence status";
            default -> dimension;
        };
    }

    /** A tier, marked when it rests mostly on missing worker voice. */
    public static String tier(String tier, boolean workerCovered) {
        return workerCovered ? tier : tier + " (coverage gap)";
    }

    /** A trend as the report prints it. */
    public static String trend(String trend, Double change) {
        if (trend == null) {
            return "";
        }
        return switch (trend) {
            case "no_new_evidence" -> "n/a (no new evidence)";
            case "new" -> "new (no earlier score)";
            default -> change == null || change.isNaN()
                    ? trend
                    : trend + " " + String.format(Locale.ROOT, "%+.1f", change) + " points";
        };
    }

    /** An audit scheme as its owner writes it. */
    public static String scheme(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "rba_vap" -> "RBA VAP";
            case "smeta" -> "SMETA";
            case "amfori_bsci" -> "amfori BSCI";
            case "sa8000" -> "SA8000";
            default -> code.replace('_', ' ');
        };
    }

    /** Why a cell is withheld, in words. */
    public static String withheld(String reason, int k) {
        return "COMPLEMENTARY".equals(reason)
                ? "withheld (would reveal a withheld cell)"
                : "withheld (fewer than " + k + " workers)";
    }

    /** Order of a breakdown value in its dimension: tiers from critical down, the rest by label. */
    public static int order(String dimension, String value) {
        if ("tier".equals(dimension)) {
            int i = java.util.List.of("critical", "high", "medium", "low").indexOf(value);
            return i < 0 ? 9 : i;
        }
        return 0;
    }

    /** A driver's evidence type in words. */
    public static String evidence(String evidence) {
        if (evidence == null) {
            return "";
        }
        return switch (evidence) {
            case "worker_voice" -> "worker voice";
            case "coverage_gap" -> "coverage gap";
            case "third_party_grievance" -> "third-party grievances";
            case "prior" -> "inherent prior";
            default -> evidence.replace('_', ' ');
        };
    }
}
