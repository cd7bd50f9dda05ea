package org.hrdd.refine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a refine run did.
 *
 * @param accounting per bronze table: bronze rows = silver-bound + quarantined + superseded
 * @param silverRows rows per silver table after the run
 * @param gateFailures one message per bronze table whose quarantined share exceeded the limit (then no silver
 *                     table was written)
 * @param upToDate     bronze, configuration, code, key and run date were those of the last refine and silver as it left
 *                     it: nothing refined, nothing written (versionsWritten are the tables' current versions)
 * @param reason       why the refine refined every record (null when up to date)
 * @param conversions  per bronze table, file → kind of date conversion → dates read converted (Buddhist-era years,
 *                     Excel serial numbers) in the rows this run refined
 */
public record RefineResult(
        Map<String, Refined.Accounting> accounting,
        Map<String, Long> silverRows,
        Map<String, Long> versionsRead,
        Map<String, Long> versionsWritten,
        List<String> gateFailures,
        boolean upToDate,
        String reason,
        Map<String, Map<String, Map<String, Long>>> conversions) {

    /** Key prefix of a conversion count in {@link #rowCounts}: {@code <table>.converted.<kind>:<file>}. */
    public static final String CONVERTED = ".converted.";

    public RefineResult {
        accounting = Collections.unmodifiableMap(new LinkedHashMap<>(accounting));
        silverRows = Collections.unmodifiableMap(new LinkedHashMap<>(silverRows));
        versionsRead = Collections.unmodifiableMap(new LinkedHashMap<>(versionsRead));
        versionsWritten = Collections.unmodifiableMap(new LinkedHashMap<>(versionsWritten));
        gateFailures = List.copyOf(gateFailures);
        conversions = Collections.unmodifiableMap(new LinkedHashMap<>(conversions));
    }

    /** A refine that had nothing to do. */
    public static RefineResult upToDate(Map<String, Long> versionsRead, Map<String, Long> versionsNow) {
        return new RefineResult(Map.of(), Map.of(), versionsRead, versionsNow, List.of(), true, null, Map.of());
    }

    /** What the run did, in words (for ops.runs and the console). */
    public String summary() {
        return upToDate ? "nothing to refine" : "refined every record (" + reason + ")";
    }

    /** Row counts for the run manifest: bronze accounting and silver sizes, flat. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        accounting.forEach((table, a) -> {
            m.put(table + ".bronze_rows", a.bronzeRows());
            m.put(table + ".silver_bound", a.silverBound());
            m.put(table + ".quarantined", a.quarantined());
            m.put(table + ".superseded", a.superseded());
            // the quarantined rows the mapping's keep_rows leave out (not defects: the gate does not count them)
            m.put(table + ".excluded", a.excluded());
        });
        m.putAll(silverRows);
        conversions.forEach((table, files) -> files.forEach(
                (file, kinds) -> kinds.forEach((kind, n) -> m.put(table + CONVERTED + kind + ":" + file, n))));
        return m;
    }
}
