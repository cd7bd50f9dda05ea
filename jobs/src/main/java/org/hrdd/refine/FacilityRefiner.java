package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.upper;
import static org.hrdd.refine.RefineSteps.text;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.hrdd.schemas.Columns.BronzeBrandFacility;
import org.hrdd.schemas.Columns.BronzeFacility;
import org.hrdd.schemas.Columns.SilverBrandFacility;
import org.hrdd.schemas.Columns.SilverFacility;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.Lineage;

/** bronze.facility → silver.facility and bronze.brand_facility → silver.brand_facility. Pure transformations. */
public final class FacilityRefiner {

    private FacilityRefiner() {}

    public static final UserDefinedFunction NAME_KEY =
            functions.udf((UDF1<String, String>) FacilityNames::compact, DataTypes.StringType);

    public static Refined facilities(Dataset<Row> bronze, Contract bronzeContract, Contract silver, String runId) {
        Dataset<Row> ranked = RefineSteps.start(bronze, List.of(BronzeFacility.FACILITY_ID), bronzeContract);
        Dataset<Row> typed = ranked.withColumn(SilverFacility.FACILITY_ID, text(BronzeFacility.FACILITY_ID))
                .withColumn(SilverFacility.FACILITY_NAME, text(BronzeFacility.FACILITY_NAME))
                .withColumn(SilverFacility.NAME_KEY, NAME_KEY.apply(col(BronzeFacility.FACILITY_NAME)))
                .withColumn(SilverFacility.ALIASES, text(BronzeFacility.ALIASES))
                .withColumn(SilverFacility.CITY, text(BronzeFacility.CITY))
                .withColumn(SilverFacility.ADDRESS, text(BronzeFacility.ADDRESS))
                .withColumn(SilverFacility.COUNTRY_CODE, upper(text(BronzeFacility.COUNTRY_CODE)))
                .withColumn(SilverFacility.SECTOR, lower(text(BronzeFacility.SECTOR)))
                .withColumn(SilverFacility.OS_ID, upper(text(BronzeFacility.OS_ID)))
                .withColumn("_headcount_raw", col(BronzeFacility.HEADCOUNT))
                .withColumn(
                        SilverFacility.HEADCOUNT, text(BronzeFacility.HEADCOUNT).cast("long"))
                .withColumn(SilverFacility.SUPPLIER_ID, text(BronzeFacility.SUPPLIER_ID))
                .withColumn(SilverFacility.SUPPLIER_NAME, text(BronzeFacility.SUPPLIER_NAME));
        return RefineSteps.finish(
                typed,
                List.of(
                        Dedup.duplicateCheck(BronzeFacility.FACILITY_ID),
                        ContractChecks.unparseableNumber(
                                SilverFacility.HEADCOUNT, col("_headcount_raw"), col(SilverFacility.HEADCOUNT))),
                silver,
                BronzeFacility.TABLE,
                runId);
    }

    /**
     * @param facilities silver facilities (referential integrity: a relationship to an unknown facility is an
     *                   {@code ORPHAN_REFERENCE})
     */
    public static Refined brandFacilities(
            Dataset<Row> bronze,
            Contract bronzeContract,
            Contract silver,
            Dataset<Row> facilities,
            SourceDatesUdf dates,
            String runId) {
        Dataset<Row> known = facilities.select(col(SilverFacility.FACILITY_ID).as("_known_facility"));
        Dataset<Row> ranked = RefineSteps.start(
                bronze,
                List.of(BronzeBrandFacility.BRAND_ID, BronzeBrandFacility.FACILITY_ID, BronzeBrandFacility.VALID_FROM),
                bronzeContract);
        Dataset<Row> typed = ranked.withColumn(
                        "_from",
                        dates.allowingFutureDates()
                                .parse(col(BronzeBrandFacility.VALID_FROM), col(Lineage.SOURCE_SYSTEM)))
                .withColumn(
                        "_to",
                        dates.allowingFutureDates()
                                .parse(col(BronzeBrandFacility.VALID_TO), col(Lineage.SOURCE_SYSTEM)))
                .withColumn(SilverBrandFacility.BRAND_ID, text(BronzeBrandFacility.BRAND_ID))
                .withColumn(SilverBrandFacility.BRAND_NAME, text(BronzeBrandFacility.BRAND_NAME))
                .withColumn(SilverBrandFacility.FACILITY_ID, text(BronzeBrandFacility.FACILITY_ID))
                .withColumn(SilverBrandFacility.VALID_FROM, col("_from.date"))
                .withColumn(SilverBrandFacility.VALID_TO, col("_to.date"))
                .join(
                        functions.broadcast(known),
                        col(SilverBrandFacility.FACILITY_ID).equalTo(col("_known_facility")),
                        "left");
        // A relationship may start or end after the run date (planned sourcing): only unparseable dates are errors.
        return RefineSteps.finish(
                typed,
                List.of(
                        Dedup.duplicateCheck(
                                BronzeBrandFacility.BRAND_ID,
                                BronzeBrandFacility.FACILITY_ID,
                                BronzeBrandFacility.VALID_FROM),
                        RefineSteps.badDate("_from"),
                        RefineSteps.badDate("_to"),
                        RowChecks.check(
                                "ORPHAN_REFERENCE",
                                col(SilverBrandFacility.FACILITY_ID)
                                        .isNotNull()
                                        .and(col("_known_facility").isNull()),
                                functions.concat(
                                        functions.lit("facility_id '"),
                                        col(SilverBrandFacility.FACILITY_ID),
                                        functions.lit("' is not in the facility master")))),
                silver,
                BronzeBrandFacility.TABLE,
                runId);
    }
}
