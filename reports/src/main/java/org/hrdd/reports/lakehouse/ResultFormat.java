package org.hrdd.reports.lakehouse;

/** How {@code hrdd sql} prints a result: aligned text table, RFC 4180 CSV, or JSON lines. */
public enum ResultFormat {
    TABLE,
    CSV,
    JSON
}
