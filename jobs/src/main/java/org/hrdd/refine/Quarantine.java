package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Lineage;

/** Builds {@code ops.quarantine} rows from rows that failed their checks. */
public final class Quarantine {

    private Quarantine() {
    }

    /** @param evaluated rows with {@link RowChecks#FAILURES} and {@link RefineSteps#RAW_ROW} */
    public static Dataset<Row> rows(Dataset<Row> evaluated, String bronzeTable, String runId) {
        return RowChecks.explodeFailures(evaluated).select(
                lit(bronzeTable).as(OpsQuarantine.TABLE_NAME),
                col(Lineage.SOURCE_SYSTEM).as(OpsQuarantine.SOURCE_SYSTEM),
                col(Lineage.SOURCE_FILE).as(OpsQuarantine.SOURCE_FILE),
                col(Lineage.SOURCE_ROW).as(OpsQuarantine.SOURCE_ROW),
                col("_reason").as(OpsQuarantine.REASON),
                col("_detail").as(OpsQuarantine.DETAIL),
                col(RefineSteps.RAW_ROW).as(OpsQuarantine.RAW_ROW),
                lit(runId).as(OpsQuarantine.RUN_ID));
    }
}
