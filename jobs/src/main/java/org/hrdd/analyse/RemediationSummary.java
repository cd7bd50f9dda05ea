package org.hrdd.analyse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Columns.GoldRemediationEffectiveness;
import org.hrdd.schemas.Columns.GoldRemediationSummary;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.spark.Joins;

/**
 * {@code gold.remediation_summary}: the effectiveness verdicts of a period summed up per facility, per supplier
 * company and per brand (facilities linked to the brand at any time during the period).
 */
public final class RemediationSummary {

    private RemediationSummary() {}

    public static Dataset<Row> compute(
            SparkSession spark,
            Dataset<Row> effectiveness,
            Dataset<Row> facilities,
            Dataset<Row> brandLinks,
            AnalysisPeriods periods) {
        Dataset<Row> e = effectiveness.select(
                col(GoldRemediationEffectiveness.FACILITY_ID),
                col(GoldRemediationEffectiveness.PERIOD),
                col(GoldRemediationEffectiveness.CAP_ID),
                col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS));
        Dataset<Row> byFacility = summarise(e.withColumn(GoldRemediationSummary.SCOPE_TYPE, lit("facility"))
                .withColumn(GoldRemediationSummary.SCOPE_ID, col(GoldRemediationEffectiveness.FACILITY_ID)));
        Dataset<Row> withSupplier = Joins.inner(
                        e,
                        facilities.select(col(SilverFacility.FACILITY_ID), col(SilverFacility.SUPPLIER_ID)),
                        GoldRemediationEffectiveness.FACILITY_ID)
                .filter(col(SilverFacility.SUPPLIER_ID).isNotNull());
        Dataset<Row> bySupplier = summarise(withSupplier
                .withColumn(GoldRemediationSummary.SCOPE_TYPE, lit("supplier"))
                .withColumn(GoldRemediationSummary.SCOPE_ID, col(SilverFacility.SUPPLIER_ID)));
        Dataset<Row> linked = brandLinks
                .select(
                        col(SilverBrandFacility.BRAND_ID),
                        col(SilverBrandFacility.FACILITY_ID),
                        col(SilverBrandFacility.VALID_FROM),
                        col(SilverBrandFacility.VALID_TO))
                .crossJoin(periods.table(spark).withColumnRenamed(AnalysisPeriods.PERIOD, "_p"))
                .filter(col(SilverBrandFacility.VALID_FROM)
                        .isNull()
                        .or(col(SilverBrandFacility.VALID_FROM).leq(col(AnalysisPeriods.END))))
                .filter(col(SilverBrandFacility.VALID_TO)
                        .isNull()
                        .or(col(SilverBrandFacility.VALID_TO).geq(col(AnalysisPeriods.START))))
                .select(
                        col(SilverBrandFacility.BRAND_ID),
                        col(SilverBrandFacility.FACILITY_ID),
                        col("_p").as(GoldRemediationEffectiveness.PERIOD))
                .distinct();
        Dataset<Row> byBrand = summarise(
                Joins.inner(e, linked, GoldRemediationEffectiveness.FACILITY_ID, GoldRemediationEffectiveness.PERIOD)
                        .withColumn(GoldRemediationSummary.SCOPE_TYPE, lit("brand"))
                        .withColumn(GoldRemediationSummary.SCOPE_ID, col(SilverBrandFacility.BRAND_ID)));
        return byFacility.unionByName(bySupplier).unionByName(byBrand);
    }

    private static Dataset<Row> summarise(Dataset<Row> rows) {
        Column status = col(GoldRemediationEffectiveness.EFFECTIVENESS_STATUS);
        Column verified = sum(
                when(status.equalTo(RemediationVerdict.VERIFIED_BY_WORKERS), 1L).otherwise(0L));
        Column effective =
                sum(when(status.equalTo(RemediationVerdict.EFFECTIVE), 1L).otherwise(0L));
        Column notEffective =
                sum(when(status.equalTo(RemediationVerdict.NOT_EFFECTIVE), 1L).otherwise(0L));
        return rows.groupBy(
                        col(GoldRemediationSummary.SCOPE_TYPE),
                        col(GoldRemediationSummary.SCOPE_ID),
                        col(GoldRemediationSummary.PERIOD))
                .agg(
                        countDistinct(col(GoldRemediationEffectiveness.FACILITY_ID))
                                .as(GoldRemediationSummary.FACILITIES),
                        count(lit(1)).as(GoldRemediationSummary.CAPS_CLOSED),
                        verified.as(GoldRemediationSummary.VERIFIED_BY_WORKERS),
                        effective.as(GoldRemediationSummary.EFFECTIVE),
                        notEffective.as(GoldRemediationSummary.NOT_EFFECTIVE),
                        sum(when(status.equalTo(RemediationVerdict.INCONCLUSIVE), 1L)
                                        .otherwise(0L))
                                .as(GoldRemediationSummary.INCONCLUSIVE))
                .withColumn(
                        GoldRemediationSummary.EFFECTIVENESS_RATE,
                        when(
                                col(GoldRemediationSummary.VERIFIED_BY_WORKERS)
                                        .plus(col(GoldRemediationSummary.EFFECTIVE))
                                        .plus(col(GoldRemediationSummary.NOT_EFFECTIVE))
                                        .gt(0),
                                col(GoldRemediationSummary.VERIFIED_BY_WORKERS)
                                        .plus(col(GoldRemediationSummary.EFFECTIVE))
                                        .cast("double")
                                        .divide(col(GoldRemediationSummary.VERIFIED_BY_WORKERS)
                                                .plus(col(GoldRemediationSummary.EFFECTIVE))
                                                .plus(col(GoldRemediationSummary.NOT_EFFECTIVE)))));
    }
}
