package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Lineage;

/**
 * What refining one bronze table produces.
 *
 * @param evaluated every bronze row with its failures ({@link RowChecks#FAILURES}) and whether it was superseded
 *                  ({@link Dedup#IS_SUPERSEDED}); the basis of the bronze = silver-bound + quarantined + superseded check
 * @param silver the silver rows (a multi-issue case gives several)
 * @param quarantine one {@code ops.quarantine} row per failed bronze row and reason
 */
public record Refined(Dataset<Row> evaluated, Dataset<Row> silver, Dataset<Row> quarantine) {

    /**
     * Row accounting of one bronze table in one run.
     *
     * @param excluded the quarantined rows the source mapping's row filters leave out ({@link
     *     RefineSteps#EXCLUDED_BY_MAPPING}): out of scope by design, not defects
     */
    public record Accounting(long bronzeRows, long silverBound, long quarantined, long superseded, long excluded) {
        public Accounting(long bronzeRows, long silverBound, long quarantined, long superseded) {
            this(bronzeRows, silverBound, quarantined, superseded, 0);
        }

        public boolean balanced() {
            return bronzeRows == silverBound + quarantined + superseded;
        }

        /** The rows in the mapping's scope: bronze rows but those its keep_rows leave out. */
        public long inScope() {
            return bronzeRows - excluded;
        }

        /** The quarantined rows that are defects: quarantined but those the mapping leaves out. */
        public long defects() {
            return quarantined - excluded;
        }

        /** Defects among the rows in the mapping's scope: what the gate limits. */
        public double quarantineShare() {
            return inScope() <= 0 ? 0 : (double) defects() / inScope();
        }

        /** Both accountings' rows added up (a table's sources, or its files). */
        Accounting plus(Accounting o) {
            return new Accounting(
                    bronzeRows + o.bronzeRows,
                    silverBound + o.silverBound,
                    quarantined + o.quarantined,
                    superseded + o.superseded,
                    excluded + o.excluded);
        }
    }

    /**
     * The accounting, and the dates each file's rows were read in converted (Buddhist-era years, Excel serial numbers),
     * from one aggregate per file: file → kind ({@link SourceDates#BUDDHIST_ERA}, {@link SourceDates#EXCEL_SERIAL}) →
     * dates, files and kinds without any left out. Superseded rows are not counted, as in the accounting.
     */
    public record Tally(
            Accounting accounting,
            java.util.Map<String, java.util.Map<String, Long>> conversionsByFile,
            java.util.Map<String, Accounting> bySystem) {}

    /** A source's tally and the rows of its bronze table, counted in the same query. */
    public record Counted(Tally tally, long bronzeRows) {}

    /** Counts in one pass: a superseded row is never counted as quarantined or silver-bound. */
    public Accounting accounting() {
        return tally().accounting();
    }

    public Tally tally() {
        return tally(perFile(evaluated, "t").collectAsList());
    }

    /**
     * Every source's {@link Tally} and its bronze table's rows (keyed by bronze table, in the order of
     * {@code sources}), from one query: one Spark action for the whole accounting instead of two per source.
     */
    public static Map<String, Counted> tallies(Map<String, Refined> sources, Map<String, Dataset<Row>> bronze) {
        Dataset<Row> all = null;
        for (Map.Entry<String, Refined> e : sources.entrySet()) {
            Dataset<Row> files = perFile(e.getValue().evaluated(), e.getKey());
            Dataset<Row> total = bronze.get(e.getKey())
                    .agg(count(lit(1)).as(ROWS))
                    .select(
                            lit(e.getKey()).as(TABLE),
                            lit(null).cast("string").as(Lineage.SOURCE_SYSTEM),
                            lit(BRONZE).as(Lineage.SOURCE_FILE),
                            col(ROWS),
                            lit(0L).as("superseded"),
                            lit(0L).as("quarantined"),
                            lit(0L).as("silver_bound"),
                            lit(0L).as("excluded"),
                            lit(0L).as(KINDS.get(0)),
                            lit(0L).as(KINDS.get(1)));
            Dataset<Row> both = files.unionByName(total);
            all = all == null ? both : all.unionByName(both);
        }
        Map<String, List<Row>> byTable = new LinkedHashMap<>();
        Map<String, Long> bronzeRows = new LinkedHashMap<>();
        sources.keySet().forEach(t -> byTable.put(t, new ArrayList<>()));
        for (Row r : all.collectAsList()) {
            String table = r.getString(0);
            if (!r.isNullAt(2) && BRONZE.equals(r.getString(2))) {
                bronzeRows.put(table, r.getLong(3));
            } else {
                byTable.get(table).add(r);
            }
        }
        Map<String, Counted> out = new LinkedHashMap<>();
        byTable.forEach((t, rows) -> out.put(t, new Counted(tally(rows), bronzeRows.getOrDefault(t, 0L))));
        return out;
    }

    private static final String TABLE = "_table";
    private static final String ROWS = "_rows";
    /** The file name of a bronze total's row: not a path any export can have (it has no extension and a space). */
    private static final String BRONZE = " bronze total";

    private static final List<String> KINDS = List.of(SourceDates.BUDDHIST_ERA, SourceDates.EXCEL_SERIAL);

    /**
     * Per source file: rows, superseded, quarantined and silver-bound rows, and the dates converted of each kind
     * ({@link #KINDS}); superseded rows are not counted as converted, as in the accounting.
     */
    private static Dataset<Row> perFile(Dataset<Row> evaluated, String table) {
        Column current = col(Dedup.IS_SUPERSEDED).unary_$bang();
        boolean dated = java.util.Arrays.asList(evaluated.columns()).contains(RefineSteps.CONVERSIONS);
        List<Column> aggs = new ArrayList<>(List.of(
                sum(when(col(Dedup.IS_SUPERSEDED), 1L).otherwise(0L)).as("superseded"),
                sum(when(current.and(size(col(RowChecks.FAILURES)).gt(0)), 1L).otherwise(0L))
                        .as("quarantined"),
                sum(when(current.and(size(col(RowChecks.FAILURES)).equalTo(0)), 1L)
                                .otherwise(0L))
                        .as("silver_bound"),
                sum(when(
                                        current.and(exists(col(RowChecks.FAILURES), f -> f.getField("reason")
                                                .equalTo(RefineSteps.EXCLUDED_BY_MAPPING))),
                                        1L)
                                .otherwise(0L))
                        .as("excluded")));
        for (String kind : KINDS) {
            aggs.add((dated
                            ? sum(when(
                                                    current,
                                                    size(org.apache.spark.sql.functions.filter(
                                                            col(RefineSteps.CONVERSIONS), c -> c.equalTo(kind))))
                                            .otherwise(0))
                                    .cast("long")
                            : lit(0L))
                    .as(kind));
        }
        return evaluated
                .groupBy(col(Lineage.SOURCE_SYSTEM), col(Lineage.SOURCE_FILE))
                .agg(count(lit(1)).as(ROWS), aggs.toArray(Column[]::new))
                .select(
                        lit(table).as(TABLE),
                        col(Lineage.SOURCE_SYSTEM),
                        col(Lineage.SOURCE_FILE),
                        col(ROWS),
                        col("superseded"),
                        col("quarantined"),
                        col("silver_bound"),
                        col("excluded"),
                        col(KINDS.get(0)),
                        col(KINDS.get(1)));
    }

    /** The tally of one source from its per-file rows ({@link #perFile}), in all and per source system. */
    private static Tally tally(List<Row> perFile) {
        Map<String, Accounting> bySystem = new java.util.TreeMap<>();
        Map<String, Map<String, Long>> conversions = new java.util.TreeMap<>();
        for (Row r : perFile) {
            Accounting file = new Accounting(r.getLong(3), number(r, 6), number(r, 5), number(r, 4), number(r, 7));
            bySystem.merge(r.isNullAt(1) ? "" : r.getString(1), file, Accounting::plus);
            for (int k = 0; k < KINDS.size(); k++) {
                long n = number(r, 8 + k);
                if (n > 0) {
                    conversions
                            .computeIfAbsent(r.getString(2), f -> new java.util.TreeMap<>())
                            .put(KINDS.get(k), n);
                }
            }
        }
        Accounting all = bySystem.values().stream().reduce(new Accounting(0, 0, 0, 0), Accounting::plus);
        return new Tally(all, conversions, new LinkedHashMap<>(bySystem));
    }

    private static long number(Row r, int i) {
        return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
    }
}
