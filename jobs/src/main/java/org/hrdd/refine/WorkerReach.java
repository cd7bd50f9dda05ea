package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;

/**
 * silver.worker_reach: distinct workers reached per facility × period × channel, from every valid contact
 * (helpline case or survey response) with aggregate-reporting consent, including workers who reported nothing.
 */
public final class WorkerReach {

    private WorkerReach() {
    }

    /**
     * @param contacts valid contacts of both channels (rows of {@link Refined#evaluated} that passed), each with
     *                 facility_id, period, channel, worker_pseudonym, consent_aggregate and {@link SurveyRefiner#REPORTS_ANY}
     */
    public static Dataset<Row> compute(Dataset<Row> contacts, Contract silver, String runId) {
        return contacts
                .filter(col(SilverWorkerSignal.CONSENT_AGGREGATE))
                .groupBy(col(SilverWorkerSignal.FACILITY_ID), col(SilverWorkerSignal.PERIOD), col(SilverWorkerSignal.CHANNEL))
                .agg(countDistinct(col(SilverWorkerSignal.WORKER_PSEUDONYM)).as(SilverWorkerReach.WORKERS_REACHED),
                        countDistinct(when(col(SurveyRefiner.REPORTS_ANY), col(SilverWorkerSignal.WORKER_PSEUDONYM)))
                                .as(SilverWorkerReach.WORKERS_REPORTING),
                        count(lit(1)).as(SilverWorkerReach.CONTACTS))
                .withColumn(Lineage.RUN_ID, lit(runId))
                .select(RefineSteps.silverColumns(silver));
    }

    /** The valid, current contacts of a refined worker-voice table. */
    public static Dataset<Row> contacts(Refined refined) {
        Dataset<Row> ok = RowChecks.passing(refined.evaluated().filter(col(Dedup.IS_SUPERSEDED).unary_$bang()));
        if (!java.util.Arrays.asList(ok.columns()).contains(SurveyRefiner.REPORTS_ANY)) {
            ok = ok.withColumn(SurveyRefiner.REPORTS_ANY, lit(true));
        }
        return ok.select(col(SilverWorkerSignal.FACILITY_ID), col(SilverWorkerSignal.PERIOD), col(SilverWorkerSignal.CHANNEL),
                col(SilverWorkerSignal.WORKER_PSEUDONYM), col(SilverWorkerSignal.CONSENT_AGGREGATE), col(SurveyRefiner.REPORTS_ANY));
    }
}
