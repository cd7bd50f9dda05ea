package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Lineage;

/** Builds {@code ops.quarantine} rows from rows that failed their checks. */
public final class Quarantine {

    private Quarantine() {}

    /**
     * One row per failed bronze row and reason; several failures of the same reason (two bad dates) share a row
     * with their details joined.
     *
     * @param evaluated rows with {@link RowChecks#FAILURES} and {@link RefineSteps#RAW_ROW}
     */
    public static Dataset<Row> rows(Dataset<Row> evaluated, String bronzeTable, String runId) {
        Column withdrawn =
                exists(col(RowChecks.FAILURES), f -> f.getField("reason").equalTo(RefineSteps.CONSENT_WITHDRAWN));
        Dataset<Row> each = RowChecks.explodeFailures(evaluated.withColumn("_withdrawn", withdrawn))
                .select(
                        lit(bronzeTable).as(OpsQuarantine.TABLE_NAME),
                        col(Lineage.SOURCE_SYSTEM).as(OpsQuarantine.SOURCE_SYSTEM),
                        col(Lineage.SOURCE_FILE).as(OpsQuarantine.SOURCE_FILE),
                        col(Lineage.SOURCE_ROW).as(OpsQuarantine.SOURCE_ROW),
                        col("_reason").as(OpsQuarantine.REASON),
                        col("_detail").as(OpsQuarantine.DETAIL),
                        // A withdrawn consent keeps no copy of the record in quarantine, under any of its reasons.
                        when(col("_withdrawn"), lit(null).cast("string"))
                                .otherwise(col(RefineSteps.RAW_ROW))
                                .as(OpsQuarantine.RAW_ROW),
                        lit(runId).as(OpsQuarantine.RUN_ID));
        return each.groupBy(
                        col(OpsQuarantine.TABLE_NAME),
                        col(OpsQuarantine.SOURCE_SYSTEM),
                        col(OpsQuarantine.SOURCE_FILE),
                        col(OpsQuarantine.SOURCE_ROW),
                        col(OpsQuarantine.REASON))
                .agg(
                        concat_ws("; ", sort_array(collect_list(col(OpsQuarantine.DETAIL))))
                                .as(OpsQuarantine.DETAIL),
                        first(col(OpsQuarantine.RAW_ROW)).as(OpsQuarantine.RAW_ROW),
                        first(col(OpsQuarantine.RUN_ID)).as(OpsQuarantine.RUN_ID))
                .select(
                        OpsQuarantine.TABLE_NAME,
                        OpsQuarantine.SOURCE_SYSTEM,
                        OpsQuarantine.SOURCE_FILE,
                        OpsQuarantine.SOURCE_ROW,
                        OpsQuarantine.REASON,
                        OpsQuarantine.DETAIL,
                        OpsQuarantine.RAW_ROW,
                        OpsQuarantine.RUN_ID);
    }
}
