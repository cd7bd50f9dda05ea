package org.hrdd.ingest;

import java.util.Locale;

/** File formats a source export may come in. */
public enum ExportFormat {
    CSV,
    JSONL,
    XLSX;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
