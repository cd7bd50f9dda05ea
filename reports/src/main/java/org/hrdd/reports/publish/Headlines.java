package org.hrdd.reports.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The executive summary's figures. Each is one row of the scope's indicator table (gold.indicator_value as
 * {@link ReportQueries} read it, withheld values already blanked), looked up here and nowhere else, so the summary,
 * the indicator tables, the workbook's Summary sheet and the JSON show the same number or the same "withheld".
 */
public final class Headlines {

    /** One headline figure: where it comes from, what it says, and its value unless withheld. */
    public record Figure(
            String key,
            String label,
            String indicatorId,
            String dimension,
            String dimensionValue,
            String unit,
            Double value,
            Double numerator,
            Double denominator,
            boolean withheld,
            String reason,
            boolean present) {

        /** The value as the report prints it, "withheld" or "no data". */
        public String text() {
            if (!present) {
                return "no data";
            }
            return withheld ? "withheld" : Values.format(unit, value);
        }

        /** The numerator as a count, "withheld" or "no data". */
        public String count() {
            if (!present) {
                return "no data";
            }
            return withheld ? "withheld" : Values.count(numerator);
        }

        /** The denominator as a count, "withheld" or "no data". */
        public String of() {
            if (!present) {
                return "no data";
            }
            return withheld ? "withheld" : Values.count(denominator);
        }

        /** Numerator as a whole number, 0 when withheld or absent (for charts, which then say so). */
        public long n() {
            return !present || withheld || numerator == null ? 0 : Math.round(numerator);
        }
    }

    /** The headline figures, in the order the summary and the workbook list them. */
    static final List<String[]> SPEC = List.of(
            new String[] {"scored", "Facilities scored", "facilities_by_risk_tier", "total", "*"},
            new String[] {"critical", "Facilities in the critical tier", "facilities_by_risk_tier", "tier", "critical"},
            new String[] {"high", "Facilities in the high tier", "facilities_by_risk_tier", "tier", "high"},
            new String[] {
                "high_or_critical",
                "Facilities in the high or critical tier",
                "high_risk_facilities_share",
                "total",
                "*"
            },
            new String[] {
                "high_or_critical_coverage_gap",
                "Facilities without worker voice in the high or critical tier "
                        + "(numerator; the share is of the facilities without worker voice)",
                "high_risk_facilities_share",
                "worker_voice",
                "without"
            },
            new String[] {
                "voice_in_period", "Facilities with worker voice in the period", "wv_facility_coverage", "total", "*"
            },
            new String[] {
                "voice_in_score",
                "Facilities whose score draws on worker voice (history window)",
                "facilities_scored_with_worker_voice",
                "total",
                "*"
            },
            new String[] {"workers_reached", "Workers reached by worker voice", "wv_workers_reached", "total", "*"},
            new String[] {
                "insufficient",
                "Facility x theme cells with too few workers reached to tell",
                "cells_by_status",
                "status",
                "INSUFFICIENT_DATA"
            },
            new String[] {"elevated", "Worker-elevated facility x theme cells", "worker_elevated_cells", "total", "*"},
            new String[] {
                "corroborated",
                "Corroborated cells: worker-elevated and flagged by an audit in the window "
                        + "(numerator; the rate is of the cells with any worker or audit signal)",
                "corroboration_rate",
                "total",
                "*"
            },
            new String[] {
                "blind_spots",
                "Worker-elevated cells audited and missed (audit blind spots)",
                "audit_blind_spot_rate",
                "total",
                "*"
            },
            new String[] {
                "unaudited",
                "Worker-elevated cells with no audit in the window (coverage gap)",
                "worker_elevated_unaudited_cells",
                "total",
                "*"
            },
            new String[] {"grievances", "Grievances received", "grievances_received", "total", "*"},
            new String[] {"grievances_resolved", "Grievances resolved", "grievances_resolved_share", "total", "*"},
            new String[] {"caps_closed", "CAPs closed by the period's end", "caps_closed", "total", "*"},
            new String[] {
                "caps_verdict", "Closed CAPs with an effectiveness verdict", "remediation_verdict_share", "total", "*"
            },
            new String[] {
                "caps_verdict_audit",
                "Closed audit-finding CAPs with a verdict",
                "remediation_verdict_share",
                "cap_source",
                "audit_finding"
            },
            new String[] {
                "caps_confirmed_cases",
                "Closed helpline-case CAPs the worker confirmed",
                "remediation_worker_verified_share",
                "cap_source",
                "helpline_case"
            },
            new String[] {
                "caps_tested_effective",
                "CAPs a before/after test of worker reports found effective",
                "remediation_effectiveness_rate",
                "total",
                "*"
            },
            new String[] {
                "caps_overdue", "CAPs open and overdue at the period's end", "caps_overdue_share", "total", "*"
            },
            new String[] {"fees_repaid", "Recruitment fees repaid", "fees_repaid_eur", "total", "*"});

    private final Map<String, Figure> figures;

    private Headlines(Map<String, Figure> figures) {
        this.figures = figures;
    }

    /** The figures from the indicator rows ({@link ReportData#indicators()} columns). */
    public static Headlines from(Table indicators) {
        Map<String, Figure> out = new LinkedHashMap<>();
        for (String[] s : SPEC) {
            out.put(s[0], lookup(indicators, s[0], s[1], s[2], s[3], s[4]));
        }
        return new Headlines(out);
    }

    static Figure lookup(Table t, String key, String label, String id, String dimension, String value) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (id.equals(t.stringColumn("indicator_id").get(i))
                    && dimension.equals(t.stringColumn("dimension").get(i))
                    && value.equals(t.stringColumn("dimension_value").get(i))) {
                boolean withheld =
                        Boolean.TRUE.equals(t.booleanColumn("is_suppressed").get(i));
                return new Figure(
                        key,
                        label,
                        id,
                        dimension,
                        value,
                        t.stringColumn("unit").get(i),
                        withheld ? null : number(t.doubleColumn("value").get(i)),
                        withheld ? null : number(t.doubleColumn("numerator").get(i)),
                        withheld ? null : number(t.doubleColumn("denominator").get(i)),
                        withheld,
                        withheld ? t.stringColumn("suppression_reason").get(i) : null,
                        true);
            }
        }
        for (int i = 0; i < t.rowCount(); i++) {
            // no cell for this breakdown value while the total is there: nothing of the kind was counted (a zero)
            if (id.equals(t.stringColumn("indicator_id").get(i))
                    && "total".equals(t.stringColumn("dimension").get(i))
                    && !"total".equals(dimension)) {
                String unit = t.stringColumn("unit").get(i);
                return new Figure(
                        key,
                        label,
                        id,
                        dimension,
                        value,
                        unit,
                        unit.equals("share") ? null : 0.0,
                        0.0,
                        unit.equals("share") ? 0.0 : null,
                        false,
                        null,
                        true);
            }
        }
        return new Figure(key, label, id, dimension, value, null, null, null, null, false, null, false);
    }

    private static Double number(Double v) {
        return v == null || v.isNaN() ? null : v;
    }

    public Figure get(String key) {
        Figure f = figures.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no headline " + key);
        }
        return f;
    }

    public List<Figure> all() {
        return new ArrayList<>(figures.values());
    }
}
