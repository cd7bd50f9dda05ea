package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Columns.OpsQuarantine;
import org.hrdd.schemas.Lineage;
import org.hrdd.spark.SharedSpark;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;

/** Refine of the generated sample world, checked against the generator's list of defective rows. */
class RefineTruthIT {

    /** The generator's defect names and the reason refine must give. */
    static final Map<String, String> REASON = Map.of(
            "BAD_DATE",
            "BAD_DATE",
            "FUTURE_DATE",
            "FUTURE_DATE",
            "UNKNOWN_CODE",
            "UNKNOWN_CODE",
            "DUPLICATE",
            "DUPLICATE",
            "NEGATIVE_COUNT",
            "NEGATIVE_COUNT",
            "UNRESOLVED_FACILITY",
            "UNRESOLVED_FACILITY",
            "BROKEN_QUOTING",
            RefineSteps.BROKEN_RECORD,
            "TRUNCATED_JSON",
            RefineSteps.BROKEN_RECORD);

    static Dataset<Row> badRows(SparkSession spark) {
        StructType schema = new StructType()
                .add("source", DataTypes.StringType)
                .add("file", DataTypes.StringType)
                .add("row", DataTypes.LongType)
                .add("defect", DataTypes.StringType)
                .add("expected", DataTypes.StringType)
                .add("detail", DataTypes.StringType);
        return spark.read()
                .schema(schema)
                .option("header", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .csv(SampleWorld.truth().resolve("bad_rows.csv").toString())
                .withColumn("file", regexp_replace(col("file"), "^exports/", ""));
    }

    @Test
    void everyDefectIsQuarantinedWithItsReasonAndNoGoodRowIs() {
        RefineResult result = SampleLakehouse.refined();
        SparkSession spark = SharedSpark.session();
        Dataset<Row> quarantine = spark.read().format("delta").load(SampleLakehouse.table(OpsQuarantine.TABLE));
        Dataset<Row> bad = badRows(spark);
        assertThat(bad.count()).isGreaterThan(100);

        Dataset<Row> expected = bad.filter(col("expected").equalTo("quarantine"));
        Dataset<Row> joined = expected.join(
                quarantine,
                expected.col("file")
                        .equalTo(quarantine.col(OpsQuarantine.SOURCE_FILE))
                        .and(expected.col("row").equalTo(quarantine.col(OpsQuarantine.SOURCE_ROW))),
                "left");
        List<Row> missed = joined.filter(col(OpsQuarantine.REASON).isNull())
                .select("file", "row", "defect")
                .collectAsList();
        assertThat(missed).as("defective rows that reached silver").isEmpty();
        for (Row r : joined.groupBy("defect")
                .agg(org.apache.spark.sql.functions.collect_set(col(OpsQuarantine.REASON)))
                .collectAsList()) {
            assertThat(r.<String>getList(1))
                    .as("reasons given for " + r.getString(0))
                    .contains(REASON.get(r.getString(0)));
        }

        Dataset<Row> keep = bad.filter(col("expected").equalTo("keep"));
        assertThat(keep.count()).isPositive();
        assertThat(keep.join(
                                quarantine,
                                keep.col("file")
                                        .equalTo(quarantine.col(OpsQuarantine.SOURCE_FILE))
                                        .and(keep.col("row").equalTo(quarantine.col(OpsQuarantine.SOURCE_ROW))))
                        .select("file", "row", "defect", "reason")
                        .collectAsList())
                .as("awkward but valid rows that were quarantined")
                .isEmpty();

        // Quarantined rows the generator did not list must be knock-on effects: a facility the truth does not know
        // either, or a finding whose audit header was itself defective.
        Dataset<Row> aliases = spark.read()
                .option("header", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .schema(new StructType()
                        .add("alias", DataTypes.StringType)
                        .add("facility_id", DataTypes.StringType)
                        .add("kind", DataTypes.StringType))
                .csv(SampleWorld.truth().resolve("facility_aliases.csv").toString());
        Dataset<Row> unlisted = quarantine.join(
                bad,
                quarantine
                        .col(OpsQuarantine.SOURCE_FILE)
                        .equalTo(bad.col("file"))
                        .and(quarantine.col(OpsQuarantine.SOURCE_ROW).equalTo(bad.col("row"))),
                "left_anti");
        Dataset<Row> badAudits = quarantine
                .filter(col(OpsQuarantine.TABLE_NAME).equalTo("bronze.audit"))
                .select(get_json_object(col(OpsQuarantine.RAW_ROW), "$.audit_id")
                        .as("bad_audit"));
        List<Row> unexplained = unlisted.withColumn(
                        "_name", get_json_object(col(OpsQuarantine.RAW_ROW), "$.facility_name"))
                .withColumn("_audit", get_json_object(col(OpsQuarantine.RAW_ROW), "$.audit_id"))
                .join(aliases, col("_name").equalTo(col("alias")), "left")
                .join(badAudits, col("_audit").equalTo(col("bad_audit")), "left")
                .filter(col(OpsQuarantine.REASON)
                        .equalTo("UNRESOLVED_FACILITY")
                        .and(col("alias").isNull())
                        .unary_$bang()
                        .and(col(OpsQuarantine.REASON)
                                .equalTo("ORPHAN_REFERENCE")
                                .and(col("bad_audit").isNotNull())
                                .unary_$bang()))
                .select(OpsQuarantine.SOURCE_FILE, OpsQuarantine.SOURCE_ROW, OpsQuarantine.REASON, OpsQuarantine.DETAIL)
                .collectAsList();
        assertThat(unexplained).as("good rows quarantined").isEmpty();

        result.accounting()
                .forEach((table, a) -> assertThat(a.balanced()).as(table).isTrue());
        assertThat(result.gateFailures()).isEmpty();
    }

    @Test
    void awkwardValidValuesArriveParsed() {
        SampleLakehouse.refined();
        SparkSession spark = SharedSpark.session();
        Dataset<Row> bad = badRows(spark);
        Dataset<Row> signals = spark.read().format("delta").load(SampleLakehouse.table("silver.worker_signal"));
        Dataset<Row> buddhist = bad.filter(col("defect").equalTo("BUDDHIST_ERA_DATE"));
        if (buddhist.count() > 0) {
            List<Row> years = buddhist.join(
                            signals,
                            buddhist.col("file")
                                    .equalTo(signals.col(Lineage.SOURCE_FILE))
                                    .and(buddhist.col("row").equalTo(signals.col(Lineage.SOURCE_ROW))))
                    .select(org.apache.spark.sql.functions.year(col("reported_on")))
                    .distinct()
                    .collectAsList();
            assertThat(years).isNotEmpty().allSatisfy(y -> assertThat(y.getInt(0))
                    .isBetween(2024, 2026));
        }
        Dataset<Row> remediation = spark.read().format("delta").load(SampleLakehouse.table("silver.remediation"));
        Dataset<Row> capDates = bad.filter(col("defect").isin("EXCEL_SERIAL_DATE", "DMY_DATE"));
        long capKeep = capDates.count();
        assertThat(capDates.join(
                                remediation,
                                capDates.col("file")
                                        .equalTo(remediation.col(Lineage.SOURCE_FILE))
                                        .and(capDates.col("row").equalTo(remediation.col(Lineage.SOURCE_ROW))))
                        .filter(org.apache
                                .spark
                                .sql
                                .functions
                                .year(col("opened_on"))
                                .between(2024, 2026))
                        .count())
                .isEqualTo(capKeep);
    }

    /**
     * Dates read other than as written are counted per file, never silent: each Buddhist-era row of the generator is one
     * converted year in its file; each Excel-serial row has its dates (opened, due, and closed and verified when there
     * are) as serial numbers, so its file counts 1 to 4 per such row.
     */
    @Test
    void buddhistEraAndExcelSerialDatesAreCountedPerFileAsTheGeneratorWroteThem() {
        RefineResult result = SampleLakehouse.refined();
        Map<String, Long> buddhist = new java.util.TreeMap<>();
        Map<String, Long> serialRows = new java.util.TreeMap<>();
        for (Row r : badRows(SharedSpark.session())
                .filter(col("defect").isin("BUDDHIST_ERA_DATE", "EXCEL_SERIAL_DATE"))
                .collectAsList()) {
            (r.<String>getAs("defect").equals("BUDDHIST_ERA_DATE") ? buddhist : serialRows)
                    .merge(r.<String>getAs("file"), 1L, Long::sum);
        }
        assertThat(buddhist).as("the sample world has some").isNotEmpty();
        assertThat(serialRows).isNotEmpty();
        Map<String, Long> countedBuddhist = new java.util.TreeMap<>();
        Map<String, Long> countedSerial = new java.util.TreeMap<>();
        result.conversions()
                .values()
                .forEach(files -> files.forEach((file, kinds) -> {
                    kinds.forEach((kind, n) -> (kind.equals(SourceDates.BUDDHIST_ERA) ? countedBuddhist : countedSerial)
                            .merge(file, n, Long::sum));
                }));
        assertThat(countedBuddhist).isEqualTo(buddhist);
        assertThat(countedSerial.keySet()).isEqualTo(serialRows.keySet());
        serialRows.forEach(
                (file, rows) -> assertThat(countedSerial.get(file)).as(file).isBetween(rows, 4 * rows));
        assertThat(result.rowCounts())
                .containsKey("bronze.helpline_case.converted.buddhist_era:"
                        + buddhist.keySet().iterator().next());
    }
}
