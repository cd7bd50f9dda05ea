package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What refining one bronze table produces.
 *
 * @param evaluated every bronze row with its failures ({@link RowChecks#FAILURES}) and whether it was superseded
 *                  ({@link Dedup#IS_SUPERSEDED}); the basis of the bronze = silver-bound + quarantined + superseded check
 * @param silver the silver rows (a multi-issue case gives several)
 * @param quarantine one {@code ops.quarantine} row per failed bronze row and reason
 */
public record Refined(Dataset<Row> evaluated, Dataset<Row> silver, Dataset<Row> quarantine) {

    /** Row accounting of one bronze table in one run. */
    public record Accounting(long bronzeRows, long silverBound, long quarantined, long superseded) {
        public boolean balanced() {
            return bronzeRows == silverBound + quarantined + superseded;
        }

        public double quarantineShare() {
            return bronzeRows == 0 ? 0 : (double) quarantined / bronzeRows;
        }
    }

    /**
     * The accounting, and the dates each file's rows were read in converted (Buddhist-era years, Excel serial numbers),
     * from one aggregate per file: file → kind ({@link SourceDates#BUDDHIST_ERA}, {@link SourceDates#EXCEL_SERIAL}) →
     * dates, files and kinds without any left out. Superseded rows are not counted, as in the accounting.
     */
    public record Tally(Accounting accounting, java.util.Map<String, java.util.Map<String, Long>> conversionsByFile) {
    }

    /** Counts in one pass: a superseded row is never counted as quarantined or silver-bound. */
    public Accounting accounting() {
        return tally().accounting();
    }

    public Tally tally() {
        Column current = col(Dedup.IS_SUPERSEDED).unary_$bang();
        boolean dated = java.util.Arrays.asList(evaluated.columns()).contains(RefineSteps.CONVERSIONS);
        java.util.List<String> kinds = java.util.List.of(SourceDates.BUDDHIST_ERA, SourceDates.EXCEL_SERIAL);
        java.util.List<Column> aggs = new java.util.ArrayList<>(java.util.List.of(
                sum(when(col(Dedup.IS_SUPERSEDED), 1).otherwise(0)),
                sum(when(current.and(size(col(RowChecks.FAILURES)).gt(0)), 1).otherwise(0)),
                sum(when(current.and(size(col(RowChecks.FAILURES)).equalTo(0)), 1).otherwise(0))));
        for (String kind : kinds) {
            aggs.add(dated ? sum(when(current, size(org.apache.spark.sql.functions.filter(col(RefineSteps.CONVERSIONS),
                    c -> c.equalTo(kind)))).otherwise(0)) : org.apache.spark.sql.functions.lit(0L));
        }
        long total = 0;
        long superseded = 0;
        long quarantined = 0;
        long silverBound = 0;
        java.util.Map<String, java.util.Map<String, Long>> conversions = new java.util.TreeMap<>();
        for (Row r : evaluated.groupBy(col(org.hrdd.schemas.Lineage.SOURCE_FILE))
                .agg(count("*"), aggs.toArray(Column[]::new)).collectAsList()) {
            total += r.getLong(1);
            superseded += number(r, 2);
            quarantined += number(r, 3);
            silverBound += number(r, 4);
            for (int k = 0; k < kinds.size(); k++) {
                long n = number(r, 5 + k);
                if (n > 0) {
                    conversions.computeIfAbsent(r.getString(0), f -> new java.util.TreeMap<>()).put(kinds.get(k), n);
                }
            }
        }
        return new Tally(new Accounting(total, silverBound, quarantined, superseded), conversions);
    }

    private static long number(Row r, int i) {
        return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
    }
}
