package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;

/** The steps every bronze → silver refiner shares. */
public final class RefineSteps {

    public static final String BROKEN_RECORD = "BROKEN_RECORD";

    /**
     * A row the source mapping's row filters leave out (bronze {@code _excluded_by}): quarantined with the filter and
     * the row's value as detail, so it is accounted for, and not counted by the quality gate.
     */
    public static final String EXCLUDED_BY_MAPPING = "EXCLUDED_BY_MAPPING";

    private RefineSteps() {}

    /** The reader could not parse the record (broken quoting, truncated JSON line); always checked by {@link #finish}. */
    static RowChecks.Check brokenRecord() {
        // The detail never repeats the raw text: it may hold phone numbers and names (raw_row keeps it, bronze-level).
        Column corrupt = col(Lineage.CORRUPT_RECORD);
        String repeated = org.hrdd.ingest.JsonLinesExportReader.REPEATED_KEY;
        return RowChecks.check(
                BROKEN_RECORD,
                corrupt.isNotNull(),
                org.apache
                        .spark
                        .sql
                        .functions
                        .when(
                                corrupt.startsWith(repeated),
                                org.apache.spark.sql.functions.concat(
                                        lit("a key appears twice in the JSON object ("),
                                        org.apache.spark.sql.functions.substring_index(
                                                org.apache.spark.sql.functions.substring(
                                                        corrupt, repeated.length() + 1, 1000),
                                                ": ",
                                                1),
                                        lit("): which value holds is unknown; the raw text is in raw_row")))
                        .otherwise(lit(
                                "the reader could not parse this record (broken quoting or a cut-off line); the raw "
                                        + "text is in raw_row")));
    }

    /**
     * Evaluates the checks (contract checks of the silver table after the given ones) and splits the rows: superseded
     * versions are neither checked nor published; the rest go to silver (contract columns, in contract order, plus
     * lineage and run id) or to quarantine.
     *
     * @param typed rows from {@link #start}, typed and renamed to silver columns, still carrying the bronze lineage
     *              columns, {@link Dedup#IS_SUPERSEDED} and {@link #RAW_ROW}
     */
    public static Refined finish(
            Dataset<Row> typed, List<RowChecks.Check> checks, Contract silver, String bronzeTable, String runId) {
        return finish(
                typed, checks, silver, bronzeTable, runId, java.util.function.UnaryOperator.identity(), List.of());
    }

    /**
     * Like {@link #finish(Dataset, List, Contract, String, String)}, with a last step that shapes the passing
     * rows into silver rows (e.g. one row per issue code of a case). Contract checks run before that step, so
     * columns the shaping step creates are not checked here.
     *
     * @param carried columns besides the silver contract's that the shaping step or a later reader of
     *                {@link Refined#evaluated} needs (e.g. a case's issue codes): {@link #narrow} drops the others
     */
    public static Refined finish(
            Dataset<Row> typed,
            List<RowChecks.Check> checks,
            Contract silver,
            String bronzeTable,
            String runId,
            java.util.function.UnaryOperator<Dataset<Row>> shape,
            List<String> carried) {
        // A broken record is only BROKEN_RECORD (its other columns are empty); superseded versions are not checked;
        // the contract's own checks run only on rows without a specific failure, so a FUTURE_DATE is not also a
        // missing period and an unresolved facility not also a missing facility_id.
        Column latest = col(Dedup.IS_SUPERSEDED).unary_$bang();
        Column parsed = col(Lineage.CORRUPT_RECORD).isNull();
        List<RowChecks.Check> specific = new ArrayList<>();
        specific.add(RowChecks.check(
                BROKEN_RECORD, latest.and(parsed.unary_$bang()), brokenRecord().detail()));
        // a row the mapping leaves out is only that: its other checks would count defects the gate must not see
        Column excluded = col(Lineage.EXCLUDED_BY);
        specific.add(RowChecks.check(EXCLUDED_BY_MAPPING, latest.and(parsed).and(excluded.isNotNull()), excluded));
        Column inScope = parsed.and(excluded.isNull());
        for (RowChecks.Check c : checks) {
            specific.add(RowChecks.check(c.reason(), latest.and(inScope).and(c.failing()), c.detail()));
        }
        typed = typed.withColumn(CONVERSIONS, conversions(typed));
        Dataset<Row> first = RowChecks.evaluate(typed, specific).withColumnRenamed(RowChecks.FAILURES, "_specific");
        Column clean = latest.and(parsed)
                .and(org.apache.spark.sql.functions.size(col("_specific")).equalTo(0));
        java.util.Set<String> present = new java.util.HashSet<>(java.util.Arrays.asList(typed.columns()));
        List<RowChecks.Check> generic = ContractChecks.forContract(silver, present).stream()
                .map(c -> RowChecks.check(c.reason(), clean.and(c.failing()), c.detail()))
                .toList();
        Dataset<Row> evaluated = narrow(
                RowChecks.evaluate(first, generic)
                        .withColumn(
                                RowChecks.FAILURES,
                                org.apache.spark.sql.functions.concat(col("_specific"), col(RowChecks.FAILURES)))
                        .drop("_specific"),
                silver,
                carried);
        Dataset<Row> current = evaluated.filter(col(Dedup.IS_SUPERSEDED).unary_$bang());
        Dataset<Row> silverRows = shape.apply(RowChecks.passing(current))
                .withColumn(Lineage.RUN_ID, lit(runId))
                .select(silverColumns(silver));
        Dataset<Row> quarantine = Quarantine.rows(current, bronzeTable, runId);
        return new Refined(evaluated, silverRows, quarantine);
    }

    /**
     * What a refiner's later steps read of its evaluated rows, and no more (the job caches these rows, and caching the
     * bronze columns, the intermediate ones and every row's raw JSON was about 40 % of refine's executor time): the
     * silver contract's columns, the lineage that quarantine rows name, the failures, the superseded flag, the raw row
     * of a row that goes to quarantine (null for the others) and the columns the refiner carries.
     */
    static Dataset<Row> narrow(Dataset<Row> evaluated, Contract silver, List<String> carried) {
        java.util.Set<String> present = new java.util.HashSet<>(java.util.Arrays.asList(evaluated.columns()));
        java.util.LinkedHashSet<String> kept = new java.util.LinkedHashSet<>();
        kept.addAll(List.of(Lineage.SOURCE_SYSTEM, Lineage.SOURCE_FILE, Lineage.SOURCE_ROW));
        silver.columnNames().stream().filter(present::contains).forEach(kept::add);
        for (String c : carried) {
            if (!present.contains(c)) {
                throw new IllegalArgumentException("a refiner carries column '" + c + "', which its rows do not have");
            }
            kept.add(c);
        }
        kept.addAll(List.of(RowChecks.FAILURES, Dedup.IS_SUPERSEDED));
        if (present.contains(CONVERSIONS)) {
            kept.add(CONVERSIONS);
        }
        kept.remove(RAW_ROW);
        Column quarantined = col(Dedup.IS_SUPERSEDED)
                .unary_$bang()
                .and(org.apache
                        .spark
                        .sql
                        .functions
                        .size(col(RowChecks.FAILURES))
                        .gt(0));
        Column[] columns = java.util.stream.Stream.concat(
                        kept.stream().map(c -> col(c)),
                        java.util.stream.Stream.of(org.apache
                                .spark
                                .sql
                                .functions
                                .when(quarantined, col(RAW_ROW))
                                .as(RAW_ROW)))
                .toArray(Column[]::new);
        return evaluated.select(columns);
    }

    /** The row's dates read other than as written (Buddhist-era years, Excel serials): counted per file by refine. */
    public static final String CONVERSIONS = "_date_conversions";

    /** How each date column of a typed row ({@link SourceDatesUdf}'s struct) was converted, nulls left out. */
    static Column conversions(Dataset<Row> typed) {
        Column[] converted = java.util.Arrays.stream(typed.schema().fields())
                .filter(f -> f.dataType().equals(SourceDatesUdf.RESULT))
                .map(f -> col(f.name()).getField("converted"))
                .toArray(Column[]::new);
        if (converted.length == 0) {
            return org.apache.spark.sql.functions.array().cast("array<string>");
        }
        return org.apache.spark.sql.functions.filter(
                org.apache.spark.sql.functions.array(converted), Column::isNotNull);
    }

    /** Column holding the untouched bronze row as JSON, taken before any column is typed or renamed. */
    public static final String RAW_ROW = "_raw_row";

    /**
     * The first step of every refiner: versions ranked ({@link Dedup#rank}) and the raw bronze row kept as JSON for
     * quarantine, before later steps overwrite same-named columns.
     */
    public static Dataset<Row> start(Dataset<Row> bronze, List<String> key, Contract bronzeContract) {
        Column raw = org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
                bronzeContract.columnNames().stream().map(c -> col(c)).toArray(Column[]::new)));
        return Dedup.rank(bronze.withColumn(RAW_ROW, raw), key);
    }

    public static final String CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN";

    /**
     * A worker who gave aggregate-reporting consent in an earlier export and withdrew it in a later one: the record
     * leaves silver (quarantined without its raw row). Consent never given is different: that record stays in silver
     * with its consent flags false and counts in no aggregate.
     *
     * @param consentNow this version's aggregate-reporting consent (boolean)
     * @param key        the key the rows were ranked by ({@link #start}); the window shares that ranking's partitioning,
     *                   and a row without a complete key stands alone here too
     */
    public static RowChecks.Check consentWithdrawn(Column consentNow, List<String> key) {
        Column ever = org.apache
                .spark
                .sql
                .functions
                .max(org.apache.spark.sql.functions.when(consentNow, 1).otherwise(0))
                .over(org.apache.spark.sql.expressions.Window.partitionBy(Dedup.versionGroup(key)));
        return RowChecks.check(
                CONSENT_WITHDRAWN,
                consentNow.unary_$bang().and(ever.equalTo(1)),
                lit("the worker withdrew consent in a later export; the record is removed"));
    }

    /** BAD_DATE for a struct column produced by {@link SourceDatesUdf}. */
    public static RowChecks.Check badDate(String parsed) {
        return RowChecks.check(
                SourceDates.BAD_DATE, col(parsed + ".reason").equalTo(SourceDates.BAD_DATE), col(parsed + ".detail"));
    }

    /** FUTURE_DATE for a struct column produced by {@link SourceDatesUdf}. */
    public static RowChecks.Check futureDate(String parsed) {
        return RowChecks.check(
                SourceDates.FUTURE_DATE,
                col(parsed + ".reason").equalTo(SourceDates.FUTURE_DATE),
                col(parsed + ".detail"));
    }

    /** The silver contract's columns in order. */
    public static Column[] silverColumns(Contract silver) {
        return silver.columnNames().stream().map(c -> col(c)).toArray(Column[]::new);
    }

    /** Trimmed text, empty as null. */
    public static Column text(String column) {
        Column t = org.apache.spark.sql.functions.trim(col(column));
        return org.apache.spark.sql.functions.when(t.equalTo(""), lit(null)).otherwise(t);
    }
}
