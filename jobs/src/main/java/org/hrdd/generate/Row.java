package org.hrdd.generate;

/**
 * One data record for an export stream: CSV fields or a ready JSON line, plus the defect it
 * carries (null for a clean row). Defects are listed in truth/bad_rows.csv once the writer
 * knows the row's number in its file.
 */
final class Row {
    final String[] fields;
    final String line;
    String defect;
    boolean quarantine;
    String detail;
    /** The formatted CSV record, cached by {@link #freeze()} on the simulating thread. */
    String text;

    private Row(String[] fields, String line) {
        this.fields = fields;
        this.line = line;
    }

    static Row csv(String... fields) {
        return new Row(fields, null);
    }

    static Row json(String line) {
        return new Row(null, line);
    }

    Row defect(String code, boolean quarantine, String detail) {
        this.defect = code;
        this.quarantine = quarantine;
        this.detail = detail;
        return this;
    }

    /** Formats the record once its fields are final (done by the simulating thread, not the writer). */
    Row freeze() {
        if (text == null) text = fields == null ? line + "\n" : Csv.line(fields);
        return this;
    }

    Row copy() {
        return new Row(fields == null ? null : fields.clone(), line);
    }
}
