package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

/** What {@link RefineSteps#narrow} keeps of a refiner's evaluated rows (the rows the refine job caches). */
class RefineStepsNarrowTest {

    private static final Contract SILVER = ContractLoader.loadAll().get(SilverWorkerSignal.TABLE);

    /** Evaluated rows as a survey refiner leaves them: lineage, bronze, intermediate, silver and bookkeeping columns. */
    private static Dataset<Row> evaluated() {
        StructType failure =
                new StructType().add("reason", DataTypes.StringType).add("detail", DataTypes.StringType);
        StructType schema = new StructType()
                .add(Lineage.SOURCE_SYSTEM, DataTypes.StringType)
                .add(Lineage.SOURCE_FILE, DataTypes.StringType)
                .add(Lineage.SOURCE_ROW, DataTypes.LongType)
                .add(Lineage.FILE_SHA256, DataTypes.StringType)
                .add("answers", DataTypes.StringType) // bronze only
                .add("_answers_parsed", DataTypes.StringType) // intermediate
                .add("_adverse", DataTypes.StringType) // carried by the refiner
                .add(SilverWorkerSignal.FACILITY_ID, DataTypes.StringType)
                .add(SilverWorkerSignal.PERIOD, DataTypes.StringType)
                .add(RowChecks.FAILURES, DataTypes.createArrayType(failure))
                .add(org.hrdd.refine.Dedup.IS_SUPERSEDED, DataTypes.BooleanType)
                .add(RefineSteps.RAW_ROW, DataTypes.StringType);
        List<Row> rows = List.of(
                // passes: goes to silver, needs no raw row
                RowFactory.create(
                        "app",
                        "a.jsonl",
                        1L,
                        "sha-a",
                        "{q1:yes}",
                        "p1",
                        "q1",
                        "F1",
                        "2026-Q3",
                        List.of(),
                        false,
                        "{raw 1}"),
                // fails: goes to quarantine with its raw row
                RowFactory.create(
                        "app",
                        "a.jsonl",
                        2L,
                        "sha-a",
                        "{q9:yes}",
                        "p2",
                        null,
                        "F1",
                        "2026-Q3",
                        List.of(RowFactory.create("UNKNOWN_CODE", "q9")),
                        false,
                        "{raw 2}"),
                // superseded by a later file: neither silver nor quarantine
                RowFactory.create(
                        "app", "a.jsonl", 3L, "sha-a", "{q1:no}", "p3", null, "F2", "2026-Q2", List.of(), true,
                        "{raw 3}"),
                // consent withdrawn (and another failure): quarantined; Quarantine.rows keeps no copy under any reason
                RowFactory.create(
                        "app",
                        "a.jsonl",
                        4L,
                        "sha-a",
                        "{q1:yes}",
                        "p4",
                        null,
                        null,
                        "2026-Q3",
                        List.of(
                                RowFactory.create("UNRESOLVED_FACILITY", "x"),
                                RowFactory.create(RefineSteps.CONSENT_WITHDRAWN, "withdrawn")),
                        false,
                        "{raw 4}"));
        return SharedSpark.session().createDataFrame(rows, schema);
    }

    @Test
    void keepsLineageSilverCarriedAndBookkeepingColumnsAndTheRawRowOfQuarantinedRowsOnly() {
        Dataset<Row> narrow = RefineSteps.narrow(evaluated(), SILVER, List.of("_adverse"));

        assertThat(Arrays.asList(narrow.columns()))
                .containsExactly(
                        Lineage.SOURCE_SYSTEM,
                        Lineage.SOURCE_FILE,
                        Lineage.SOURCE_ROW,
                        SilverWorkerSignal.FACILITY_ID,
                        SilverWorkerSignal.PERIOD,
                        "_adverse",
                        RowChecks.FAILURES,
                        org.hrdd.refine.Dedup.IS_SUPERSEDED,
                        RefineSteps.RAW_ROW);
        List<Row> rows = narrow.orderBy(Lineage.SOURCE_ROW)
                .select(
                        col(Lineage.SOURCE_ROW),
                        col(RefineSteps.RAW_ROW),
                        col("_adverse"),
                        col(SilverWorkerSignal.PERIOD))
                .collectAsList();
        assertThat(rows)
                .extracting(r -> r.getLong(0) + "|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3))
                .containsExactly(
                        "1|null|q1|2026-Q3", "2|{raw 2}|null|2026-Q3", "3|null|null|2026-Q2", "4|{raw 4}|null|2026-Q3");
    }

    @Test
    void quarantineKeepsTheRawRowOfAFailedRecordAndNoCopyOfAWithdrawnOneUnderAnyReason() {
        Dataset<Row> quarantine = Quarantine.rows(
                RefineSteps.narrow(evaluated(), SILVER, List.of("_adverse"))
                        .filter(col(org.hrdd.refine.Dedup.IS_SUPERSEDED).unary_$bang()),
                "bronze.survey_response",
                "r1");
        List<Row> rows = quarantine
                .orderBy(
                        org.hrdd.schemas.Columns.OpsQuarantine.SOURCE_ROW,
                        org.hrdd.schemas.Columns.OpsQuarantine.REASON)
                .select(
                        org.hrdd.schemas.Columns.OpsQuarantine.SOURCE_ROW,
                        org.hrdd.schemas.Columns.OpsQuarantine.REASON,
                        org.hrdd.schemas.Columns.OpsQuarantine.RAW_ROW)
                .collectAsList();
        assertThat(rows)
                .extracting(r -> r.getLong(0) + "|" + r.getString(1) + "|" + r.getString(2))
                .containsExactly(
                        "2|UNKNOWN_CODE|{raw 2}",
                        "4|" + RefineSteps.CONSENT_WITHDRAWN + "|null",
                        "4|UNRESOLVED_FACILITY|null");
    }

    @Test
    void refusesToCarryAColumnTheRowsDoNotHave() {
        assertThatThrownBy(() -> RefineSteps.narrow(evaluated(), SILVER, List.of("_codes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'_codes'");
    }
}
