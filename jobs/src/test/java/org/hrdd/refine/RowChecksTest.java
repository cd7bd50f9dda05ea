package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.spark.SharedSpark;
import org.junit.jupiter.api.Test;

class RowChecksTest {

    static Dataset<Row> rows() {
        StructType schema = new StructType()
                .add("id", DataTypes.StringType)
                .add("received", DataTypes.StringType)
                .add("workers", DataTypes.StringType)
                .add("system", DataTypes.StringType);
        return SharedSpark.session()
                .createDataFrame(
                        List.of(
                                RowFactory.create("a", "2026-03-04", "3", "ngo_a"),
                                RowFactory.create("b", "2025-02-31", "-1", "ngo_a"),
                                RowFactory.create("c", "04/03/2026", "2", "ngo_b"),
                                RowFactory.create("d", "2027-01-01", null, "ngo_a")),
                        schema);
    }

    @Test
    void everyRowEndsInSilverOrOnceQuarantinedPerReason() {
        SourceDatesUdf dates = new SourceDatesUdf(
                Map.of("ngo_a", List.of("yyyy-MM-dd"), "ngo_b", List.of("dd/MM/yyyy")), LocalDate.of(2026, 10, 20));
        Dataset<Row> parsed = rows().withColumn("d", dates.parse(col("received"), col("system")));
        Dataset<Row> evaluated = RowChecks.evaluate(
                parsed,
                List.of(
                        RowChecks.check(
                                "NEGATIVE_COUNT",
                                col("workers").cast("long").lt(0),
                                concat(lit("workers="), col("workers"))),
                        RowChecks.check("BAD_DATE", col("d.reason").equalTo("BAD_DATE"), col("d.detail")),
                        RowChecks.check("FUTURE_DATE", col("d.reason").equalTo("FUTURE_DATE"), col("d.detail"))));

        List<String> passing = RowChecks.passing(evaluated)
                .select("id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertThat(passing).containsExactlyInAnyOrder("a", "c");
        assertThat(RowChecks.passing(evaluated)
                        .filter(col("id").equalTo("c"))
                        .select(col("d.date").cast("string"))
                        .first()
                        .getString(0))
                .isEqualTo("2026-03-04");

        List<Row> failures = RowChecks.explodeFailures(evaluated)
                .select("id", "_reason", "_detail")
                .orderBy("id", "_reason")
                .collectAsList();
        assertThat(failures)
                .extracting(r -> r.getString(0) + ":" + r.getString(1))
                .containsExactly("b:BAD_DATE", "b:NEGATIVE_COUNT", "d:FUTURE_DATE");
        assertThat(failures.get(1).getString(2)).isEqualTo("workers=-1");
        assertThat(failures.get(2).getString(2))
                .isEqualTo("'2027-01-01' is after the run date (of the run that quarantined it)");
        assertThat(RowChecks.failing(evaluated).count()
                        + RowChecks.passing(evaluated).count())
                .isEqualTo(rows().count());
    }
}
