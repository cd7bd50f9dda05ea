package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Lineage;

/** Builds {@code ops.quarantine} rows from rows that failed their checks. */
public final class Quarantine {

    private Quarantine() {
    }

    /**
     * @param evaluated rows with {@link RowChecks#FAILURES}
     * @param bronzeColumns the bronze row's columns to keep as {@code raw_row} (JSON)
     */
    public static Dataset<Row> rows(Dataset<Row> evaluated, String bronzeTable, List<String> bronzeColumns, String runId) {
        Column raw = to_json(struct(bronzeColumns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new)));
        return RowChecks.explodeFailures(evaluated.withColumn("_raw_row", raw)).select(
                lit(bronzeTable).as(OpsQuarantine.TABLE_NAME),
                col(Lineage.SOURCE_SYSTEM).as(OpsQuarantine.SOURCE_SYSTEM),
                col(Lineage.SOURCE_FILE).as(OpsQuarantine.SOURCE_FILE),
                col(Lineage.SOURCE_ROW).as(OpsQuarantine.SOURCE_ROW),
                col("_reason").as(OpsQuarantine.REASON),
                col("_detail").as(OpsQuarantine.DETAIL),
                col("_raw_row").as(OpsQuarantine.RAW_ROW),
                lit(runId).as(OpsQuarantine.RUN_ID));
    }
}
