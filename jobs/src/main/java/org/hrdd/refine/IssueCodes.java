package org.hrdd.refine;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.hrdd.ingest.Feed;

/**
 * A case's issue codes (';'-separated in bronze, wide flag columns joined so by ingest) and the checks every case
 * refiner makes of them: flag cells neither true nor false, codes the taxonomy does not know, no code at all, and a
 * status word the case vocabulary does not know.
 */
final class IssueCodes {

    private IssueCodes() {}

    /** The codes of a raw cell, trimmed, blanks left out (an empty array for none). */
    static Column parse(Column raw) {
        return filter(functions.transform(split(coalesce(raw, lit("")), ";"), c -> trim(c)), c -> c.notEqual(""));
    }

    /** NOT_ALLOWED: flag cells ingest marked as neither true nor false ({@link Feed.FlagColumns#UNKNOWN_MARK}). */
    static RowChecks.Check unclearFlags(Column codes) {
        Column unclear = filter(codes, c -> c.startsWith(Feed.FlagColumns.UNKNOWN_MARK));
        return RowChecks.check(
                ContractChecks.NOT_ALLOWED,
                size(unclear).gt(0),
                concat(
                        lit("flag cell(s) "),
                        concat_ws(", ", functions.transform(unclear, c -> functions.substring(c, 2, 10_000))),
                        lit(" neither true nor false (true_values / false_values of the mapping in conf/sources)")));
    }

    /**
     * UNKNOWN_CODE: codes (other than unclear flag cells) that {@code known} says the taxonomy does not know; the
     * detail names them, the taxonomy's file and then {@code after}.
     */
    static RowChecks.Check unknown(Column codes, Column taxonomy, UnaryOperator<Column> known, String after) {
        Column unknown = filter(codes, c -> known.apply(c)
                .unary_$bang()
                .and(c.startsWith(Feed.FlagColumns.UNKNOWN_MARK).unary_$bang()));
        return RowChecks.check(
                AuditRefiner.UNKNOWN_CODE,
                size(unknown).gt(0),
                concat(
                        lit("issue code(s) "),
                        concat_ws(", ", unknown),
                        lit(" not in conf/taxonomy/"),
                        coalesce(taxonomy, lit("?")),
                        lit(".yaml" + after)));
    }

    /** MISSING_VALUE: no issue code at all. */
    static RowChecks.Check none(Column codes) {
        return RowChecks.check(ContractChecks.MISSING_VALUE, size(codes).equalTo(0), lit("issue_codes is empty"));
    }

    /** NOT_ALLOWED: a status word given that {@link Vocabulary#caseStatus} does not know. */
    static RowChecks.Check unknownStatus(Column raw, Column status) {
        return RowChecks.check(
                ContractChecks.NOT_ALLOWED,
                raw.isNotNull().and(status.isNull()),
                concat(lit("status '"), raw, lit("' is not a known case status")));
    }
}
