package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Lineage;

/** Builds {@code ops.quarantine} rows from rows that failed their checks. */
public final class Quarantine {

    private Quarantine() {
    }

    /** A quarantined row's bronze file (with its row number, the bronze row: a file's content is ingested once). */
    private static final String FILE_SHA = "_q_file_sha256";

    /**
     * One row per failed bronze row and reason; several failures of the same reason (two bad dates) share a row
     * with their details joined. The raw row is the bronze row as JSON, taken from {@code source} for the failed rows
     * only (their keys broadcast against a scan of bronze; the rows that pass never build it).
     *
     * @param evaluated rows with {@link RowChecks#FAILURES} and the bronze lineage columns
     */
    public static Dataset<Row> rows(Dataset<Row> evaluated, RefineSteps.Source source, String runId) {
        Dataset<Row> each = RowChecks.explodeFailures(evaluated).select(
                lit(source.table()).as(OpsQuarantine.TABLE_NAME),
                col(Lineage.SOURCE_SYSTEM).as(OpsQuarantine.SOURCE_SYSTEM),
                col(Lineage.SOURCE_FILE).as(OpsQuarantine.SOURCE_FILE),
                col(Lineage.SOURCE_ROW).as(OpsQuarantine.SOURCE_ROW),
                col("_reason").as(OpsQuarantine.REASON),
                col("_detail").as(OpsQuarantine.DETAIL),
                col(Lineage.FILE_SHA256).as(FILE_SHA));
        Dataset<Row> failed = each.groupBy(col(OpsQuarantine.TABLE_NAME), col(OpsQuarantine.SOURCE_SYSTEM),
                        col(OpsQuarantine.SOURCE_FILE), col(OpsQuarantine.SOURCE_ROW), col(OpsQuarantine.REASON))
                .agg(concat_ws("; ", sort_array(collect_list(col(OpsQuarantine.DETAIL)))).as(OpsQuarantine.DETAIL),
                        first(col(FILE_SHA)).as(FILE_SHA));
        Column raw = to_json(struct(source.contract().columnNames().stream().map(c -> col("b.`" + c + "`"))
                .toArray(Column[]::new)));
        // every failed row comes from exactly one bronze row (file content + row number), so the inner join keeps them all
        Dataset<Row> joined = source.rows().as("b").join(broadcast(failed).as("q"),
                col("b.`" + Lineage.FILE_SHA256 + "`").equalTo(col("q." + FILE_SHA))
                        .and(col("b.`" + Lineage.SOURCE_ROW + "`").equalTo(col("q." + OpsQuarantine.SOURCE_ROW))));
        return joined.select(
                col("q." + OpsQuarantine.TABLE_NAME), col("q." + OpsQuarantine.SOURCE_SYSTEM),
                col("q." + OpsQuarantine.SOURCE_FILE), col("q." + OpsQuarantine.SOURCE_ROW), col("q." + OpsQuarantine.REASON),
                col("q." + OpsQuarantine.DETAIL),
                // A withdrawn consent keeps no copy of the record in quarantine.
                when(col("q." + OpsQuarantine.REASON).equalTo(RefineSteps.CONSENT_WITHDRAWN), lit(null).cast("string"))
                        .otherwise(raw).as(OpsQuarantine.RAW_ROW),
                lit(runId).as(OpsQuarantine.RUN_ID));
    }
}
