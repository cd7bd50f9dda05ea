package org.hrdd.refine;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** The words exports use for yes / no and case status, normalised. Anything else stays null (then checked). */
public final class Vocabulary {

    private Vocabulary() {}

    /** yes / y / true / 1 / x → true; no / n / false / 0 → false; else null. */
    public static Column yesNo(Column raw) {
        Column w = lower(trim(raw));
        return when(w.isin("y", "yes", "true", "1", "x", "ja", "oui"), lit(true))
                .when(w.isin("n", "no", "false", "0"), lit(false))
                .otherwise(lit(null).cast("boolean"));
    }

    /** Consent recorded as yes; anything else (no, blank, unreadable) is no consent. */
    public static Column consent(Column raw) {
        return when(yesNo(raw), lit(true)).otherwise(lit(false));
    }

    /**
     * Case status: open / new / pending → open; in progress / referred / investigating → in_progress;
     * closed / resolved / remedied → resolved; closed unresolved / withdrawn / no contact → closed_unresolved.
     */
    public static Column caseStatus(Column raw) {
        Column w = regexp_replace(lower(trim(raw)), "[\\s_-]+", " ");
        return when(w.isin("open", "new", "pending", "received"), lit("open"))
                .when(w.isin("in progress", "referred", "investigating", "ongoing", "escalated"), lit("in_progress"))
                .when(w.isin("closed", "resolved", "remedied", "done"), lit("resolved"))
                .when(w.isin("closed unresolved", "withdrawn", "no contact", "unresolved"), lit("closed_unresolved"))
                .otherwise(lit(null).cast("string"));
    }
}
