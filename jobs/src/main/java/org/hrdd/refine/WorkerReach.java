package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.schemas.Columns.SilverWorkerContact;
import org.hrdd.schemas.Columns.SilverWorkerReach;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;

/**
 * silver.worker_contact and silver.worker_reach: every valid contact (helpline case or survey response), and from them
 * the distinct workers reached per facility × period × channel with aggregate-reporting consent, including workers who
 * reported nothing.
 */
public final class WorkerReach {

    private WorkerReach() {}

    /**
     * @param contacts silver.worker_contact rows (at least facility_id, period, channel, worker_pseudonym,
     *                 consent_aggregate and reports_any)
     */
    public static Dataset<Row> compute(Dataset<Row> contacts, Contract silver, String runId) {
        return contacts.filter(col(SilverWorkerContact.CONSENT_AGGREGATE))
                .groupBy(
                        col(SilverWorkerContact.FACILITY_ID),
                        col(SilverWorkerContact.PERIOD),
                        col(SilverWorkerContact.CHANNEL))
                .agg(
                        countDistinct(col(SilverWorkerContact.WORKER_PSEUDONYM)).as(SilverWorkerReach.WORKERS_REACHED),
                        countDistinct(when(
                                        col(SilverWorkerContact.REPORTS_ANY),
                                        col(SilverWorkerContact.WORKER_PSEUDONYM)))
                                .as(SilverWorkerReach.WORKERS_REPORTING),
                        count(lit(1)).as(SilverWorkerReach.CONTACTS))
                .withColumn(Lineage.RUN_ID, lit(runId))
                .select(RefineSteps.silverColumns(silver));
    }

    /** The valid, current contacts of a refined worker-voice table, as silver.worker_contact rows. */
    public static Dataset<Row> contacts(Refined refined, Contract contactContract, String runId) {
        Dataset<Row> ok = RowChecks.passing(
                refined.evaluated().filter(col(Dedup.IS_SUPERSEDED).unary_$bang()));
        // a helpline case always reports something; a survey response may report nothing and still counts as reached
        Column reportsAny = java.util.Arrays.asList(ok.columns()).contains(SurveyRefiner.REPORTS_ANY)
                ? col(SurveyRefiner.REPORTS_ANY)
                : lit(true);
        return ok.withColumn(SilverWorkerContact.REPORTS_ANY, reportsAny)
                .withColumn(Lineage.RUN_ID, lit(runId))
                .select(RefineSteps.silverColumns(contactContract));
    }

    /** The facility × period × channel cells of the given contacts (the slice of worker_reach they feed). */
    public static Dataset<Row> cells(Dataset<Row> contacts) {
        return contacts.select(
                        col(SilverWorkerSignal.FACILITY_ID),
                        col(SilverWorkerSignal.PERIOD),
                        col(SilverWorkerSignal.CHANNEL))
                .distinct();
    }
}
