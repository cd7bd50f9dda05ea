package org.hrdd.analyse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hrdd.config.AppConfig.Granularity;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Columns.SilverRemediation;
import org.hrdd.schemas.Columns.SilverWorkerSignal;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.SharedSpark;
import org.hrdd.time.Periods;
import org.junit.jupiter.api.Test;

/**
 * The per-period fingerprints an analysis decides reuse by: cumulative (a change in a period changes that period's and
 * every later one's, never an earlier one's), blind to row order, and changed everywhere by what no period owns (the
 * facility master, rows of periods before the analysed ones). Small hand-made silver tables, every analysis input.
 */
class AnalysisFingerprintTest {

    static final AnalysisPeriods PERIODS = AnalysisPeriods.between(Periods.parse("2026-Q1", Granularity.QUARTER),
            Periods.parse("2026-Q3", Granularity.QUARTER));
    static final Map<String, org.hrdd.schemas.Contract> CONTRACTS = ContractLoader.loadAll();

    /** One row of a silver table: a fixed value per type, with the given columns set. */
    static Row row(StructType schema, Map<String, Object> values) {
        Object[] out = new Object[schema.fields().length];
        for (int i = 0; i < out.length; i++) {
            StructField f = schema.fields()[i];
            out[i] = values.containsKey(f.name()) ? values.get(f.name()) : filler(f.dataType());
        }
        return RowFactory.create(out);
    }

    static Object filler(DataType t) {
        if (t.equals(DataTypes.StringType)) {
            return "x";
        } else if (t.equals(DataTypes.LongType)) {
            return 1L;
        } else if (t.equals(DataTypes.IntegerType)) {
            return 1;
        } else if (t.equals(DataTypes.DoubleType)) {
            return 1.0;
        } else if (t.equals(DataTypes.BooleanType)) {
            return true;
        } else if (t.equals(DataTypes.DateType)) {
            return Date.valueOf("2026-01-01");
        } else if (t.equals(DataTypes.TimestampType)) {
            return java.sql.Timestamp.valueOf("2026-01-01 00:00:00");
        }
        return null;
    }

    /** Every analysis input: one facility, signals in Q1 and Q2 (and one in the period before Q1), one CAP in Q2. */
    static Map<String, List<Map<String, Object>>> world() {
        Map<String, List<Map<String, Object>>> w = new LinkedHashMap<>();
        AnalyseJob.INPUTS.forEach(t -> w.put(t, new ArrayList<>()));
        w.get(SilverFacility.TABLE).add(new LinkedHashMap<>(Map.of(SilverFacility.FACILITY_ID, "F1")));
        for (String[] s : new String[][] {{"2025-Q4", "s0"}, {"2026-Q1", "s1"}, {"2026-Q1", "s2"}, {"2026-Q2", "s3"}}) {
            w.get(SilverWorkerSignal.TABLE).add(new LinkedHashMap<>(Map.of(SilverWorkerSignal.PERIOD, s[0],
                    SilverWorkerSignal.FACILITY_ID, "F1", SilverWorkerSignal.THEME, s[1])));
        }
        // a CAP belongs to the period of its earliest date: opened in Q2, nothing due, closed or verified yet
        Map<String, Object> cap = new LinkedHashMap<>();
        cap.put(SilverRemediation.OPENED_ON, Date.valueOf(LocalDate.of(2026, 5, 2)));
        cap.put(SilverRemediation.DUE_ON, null);
        cap.put(SilverRemediation.CLOSED_ON, null);
        cap.put(SilverRemediation.VERIFIED_ON, null);
        w.get(SilverRemediation.TABLE).add(cap);
        return w;
    }

    static Map<String, String> fingerprints(SparkSession spark, Map<String, List<Map<String, Object>>> world,
                                            boolean reversed) {
        Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
        for (String table : AnalyseJob.INPUTS) {
            StructType schema = ContractSchemas.structType(CONTRACTS.get(table));
            List<Row> rows = new ArrayList<>(world.get(table).stream().map(v -> row(schema, v)).toList());
            if (reversed) {
                java.util.Collections.reverse(rows);
            }
            silver.put(table, spark.createDataFrame(rows, schema));
        }
        return AnalysisBasis.fingerprints(silver, PERIODS);
    }

    @Test
    void aChangeReachesItsPeriodAndTheLaterOnesOnly() {
        SparkSession spark = SharedSpark.session();
        Map<String, String> base = fingerprints(spark, world(), false);
        assertThat(base).containsOnlyKeys("2026-Q1", "2026-Q2", "2026-Q3");
        assertThat(base.values()).doesNotHaveDuplicates();
        // the same rows in another order
        assertThat(fingerprints(spark, world(), true)).isEqualTo(base);

        // a Q2 signal changed: Q1 as before, Q2 and Q3 not
        Map<String, List<Map<String, Object>>> q2 = world();
        q2.get(SilverWorkerSignal.TABLE).get(3).put(SilverWorkerSignal.THEME, "s3-changed");
        Map<String, String> changedQ2 = fingerprints(spark, q2, false);
        assertThat(changedQ2.get("2026-Q1")).isEqualTo(base.get("2026-Q1"));
        assertThat(changedQ2.get("2026-Q2")).isNotEqualTo(base.get("2026-Q2"));
        assertThat(changedQ2.get("2026-Q3")).isNotEqualTo(base.get("2026-Q3"));

        // a Q1 signal's theme gone (null): Q1 changes
        Map<String, List<Map<String, Object>>> nulls = world();
        nulls.get(SilverWorkerSignal.TABLE).get(1).put(SilverWorkerSignal.THEME, null);
        assertThat(fingerprints(spark, nulls, false).get("2026-Q1")).isNotEqualTo(base.get("2026-Q1"));

        // a CAP opened in Q2 moved into Q3: Q1 as before
        Map<String, List<Map<String, Object>>> cap = world();
        cap.get(SilverRemediation.TABLE).get(0).put(SilverRemediation.OPENED_ON, Date.valueOf(LocalDate.of(2026, 8, 2)));
        Map<String, String> movedCap = fingerprints(spark, cap, false);
        assertThat(movedCap.get("2026-Q1")).isEqualTo(base.get("2026-Q1"));
        assertThat(movedCap.get("2026-Q2")).isNotEqualTo(base.get("2026-Q2"));

        // the facility master, and a signal of a period before the analysed ones, belong to no period: all change
        Map<String, List<Map<String, Object>>> master = world();
        master.get(SilverFacility.TABLE).add(new LinkedHashMap<>(Map.of(SilverFacility.FACILITY_ID, "F2")));
        Map<String, List<Map<String, Object>>> before = world();
        before.get(SilverWorkerSignal.TABLE).remove(0);
        for (Map<String, String> all : List.of(fingerprints(spark, master, false), fingerprints(spark, before, false))) {
            for (String label : base.keySet()) {
                assertThat(all.get(label)).as(label).isNotEqualTo(base.get(label));
            }
        }
    }
}
