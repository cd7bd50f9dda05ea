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

    private RefineSteps() {
    }

    /** The reader could not parse the record (broken quoting, truncated JSON line); always checked by {@link #finish}. */
    static RowChecks.Check brokenRecord() {
        // The detail never repeats the raw text: it may hold phone numbers and names (raw_row keeps it, bronze-level).
        return RowChecks.check(BROKEN_RECORD, col(Lineage.CORRUPT_RECORD).isNotNull(),
                lit("the reader could not parse this record (broken quoting or a cut-off line); the raw text is in raw_row"));
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

    /** BAD_DATE for a struct column produced by {@link SourceDatesUdf}. */
    public static RowChecks.Check badDate(String parsed) {
        return RowChecks.check(SourceDates.BAD_DATE, col(parsed + ".reason").equalTo(SourceDates.BAD_DATE),
                col(parsed + ".detail"));
    }

    /** FUTURE_DATE for a struct column produced by {@link SourceDatesUdf}. */
    public static RowChecks.Check futureDate(String parsed) {
        return RowChecks.check(SourceDates.FUTURE_DATE, col(parsed + ".reason").equalTo(SourceDates.FUTURE_DATE),
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
