package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

class CorroborationTest {

    @Test
    void statusAndFirstSignalsFollowTheCellsHistory() {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType()
                .add(GoldFacilityThemePeriod.FACILITY_ID, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.THEME, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.PERIOD, DataTypes.StringType)
                .add(GoldFacilityThemePeriod.WORKERS_REACHED, DataTypes.LongType)
                .add(GoldFacilityThemePeriod.IS_WORKER_ELEVATED, DataTypes.BooleanType)
                .add(GoldFacilityThemePeriod.IS_AUDIT_FLAGGED, DataTypes.BooleanType);
        Dataset<Row> cells = spark.createDataFrame(
                List.of(
                        RowFactory.create("F1", "t", "2026-Q1", 20L, false, false),
                        RowFactory.create("F1", "t", "2026-Q2", 20L, true, false),
                        // a raw rate or an audit finding does not matter below the minimum: unknown
                        RowFactory.create("F1", "t", "2026-Q3", 5L, false, true),
                        RowFactory.create("F1", "t", "2026-Q4", 20L, true, true),
                        RowFactory.create("F2", "t", "2026-Q1", 0L, false, true),
                        RowFactory.create("F2", "t", "2026-Q2", 10L, false, true)),
                schema);
        List<Row> out = Corroboration.apply(cells, 10)
                .orderBy(GoldFacilityThemePeriod.FACILITY_ID, GoldFacilityThemePeriod.PERIOD)
                .select(
                        GoldFacilityThemePeriod.CORROBORATION_STATUS,
                        GoldFacilityThemePeriod.FIRST_WORKER_SIGNAL_PERIOD,
                        GoldFacilityThemePeriod.FIRST_AUDIT_SIGNAL_PERIOD)
                .collectAsList();
        assertThat(out)
                .extracting(r -> r.getString(0))
                .containsExactly(
                        Corroboration.NO_SIGNAL,
                        Corroboration.WORKER_ONLY,
                        Corroboration.INSUFFICIENT_DATA,
                        Corroboration.CORROBORATED,
                        Corroboration.INSUFFICIENT_DATA,
                        Corroboration.AUDIT_ONLY);
        assertThat(out)
                .extracting(r -> r.getString(1))
                .containsExactly(null, "2026-Q2", "2026-Q2", "2026-Q2", null, null);
        assertThat(out)
                .extracting(r -> r.getString(2))
                .containsExactly(null, null, "2026-Q3", "2026-Q3", "2026-Q1", "2026-Q1");
    }
}
