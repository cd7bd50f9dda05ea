package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.hrdd.schemas.Contract;

/**
 * Row-level checks generated from a contract, applied to the typed rows about to become silver: required
 * columns present ({@code MISSING_VALUE}), values allowed and matching the column's pattern ({@code NOT_ALLOWED}), numeric ranges
 * ({@code NEGATIVE_COUNT} below a minimum of 0, else {@code NOT_ALLOWED}). Dataset-level metrics of the same
 * contract go through Deequ ({@link org.hrdd.quality.DeequChecks}).
 */
public final class ContractChecks {

    public static final String MISSING_VALUE = "MISSING_VALUE";
    public static final String NOT_ALLOWED = "NOT_ALLOWED";
    public static final String NEGATIVE_COUNT = "NEGATIVE_COUNT";

    private ContractChecks() {}

    public static List<RowChecks.Check> forContract(Contract contract) {
        return forContract(contract, contract.columnNames());
    }

    /** The checks of the contract columns that are present (columns a later step derives are checked there). */
    public static List<RowChecks.Check> forContract(Contract contract, java.util.Collection<String> present) {
        List<RowChecks.Check> checks = new ArrayList<>();
        for (org.hrdd.schemas.Column c : contract.businessColumns()) {
            if (!present.contains(c.name())) {
                continue;
            }
            Column v = col(c.name());
            if (c.required()) {
                Column missing = c.physicalType().equals("string") ? v.isNull().or(trim(v).equalTo("")) : v.isNull();
                checks.add(RowChecks.check(MISSING_VALUE, missing, lit(c.name() + " is missing")));
            }
            if (!c.allowedValues().isEmpty()) {
                checks.add(RowChecks.check(
                        NOT_ALLOWED,
                        v.isNotNull().and(v.isin(c.allowedValues().toArray()).unary_$bang()),
                        concat(lit(c.name() + " '"), v.cast("string"), lit("' is not one of " + c.allowedValues()))));
            }
            if (c.pattern() != null) {
                // the regex is Java's (Spark's rlike), anchored: the contract's pattern must match the whole value
                checks.add(RowChecks.check(
                        NOT_ALLOWED,
                        v.isNotNull().and(v.rlike("^(?:" + c.pattern() + ")$").unary_$bang()),
                        concat(
                                lit(c.name() + " '"),
                                functions.translate(v.cast("string"), "\u0000", "\u2400"),
                                lit("' does not match the pattern " + c.pattern()))));
            }
            if (c.minimum() != null && c.minimum() >= 0) {
                checks.add(RowChecks.check(
                        NEGATIVE_COUNT, v.lt(0), concat(lit(c.name() + " "), v.cast("string"), lit(" is negative"))));
            }
            if (c.minimum() != null && c.minimum() != 0) {
                Column below = c.minimum() > 0 ? v.geq(0).and(v.lt(c.minimum())) : v.lt(c.minimum());
                checks.add(RowChecks.check(
                        NOT_ALLOWED,
                        below,
                        concat(lit(c.name() + " "), v.cast("string"), lit(" is below " + fmt(c.minimum())))));
            }
            if (c.maximum() != null) {
                checks.add(RowChecks.check(
                        NOT_ALLOWED,
                        v.gt(c.maximum()),
                        concat(lit(c.name() + " "), v.cast("string"), lit(" is above " + fmt(c.maximum())))));
            }
        }
        return checks;
    }

    /**
     * A raw text that is present but does not parse as the column's number type.
     *
     * @param raw the bronze text column
     * @param typed the cast result
     */
    public static RowChecks.Check unparseableNumber(String name, Column raw, Column typed) {
        return RowChecks.check(
                NOT_ALLOWED,
                raw.isNotNull().and(trim(raw).notEqual("")).and(typed.isNull()),
                concat(lit(name + " '"), raw, lit("' is not a number")));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
