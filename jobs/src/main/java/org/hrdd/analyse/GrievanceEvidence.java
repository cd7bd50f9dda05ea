package org.hrdd.analyse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hrdd.refine.GrievanceRefiner;
import org.hrdd.schemas.Columns.GoldFacilityThemePeriod;
import org.hrdd.schemas.Columns.SilverGrievance;
import org.hrdd.schemas.Lineage;

/**
 * The third-party grievance side of {@code gold.facility_theme_period}: distinct grievances in scope for ESRS S2 raised
 * in each period about the facility on the theme. Their own evidence: nothing here counts a worker. A grievance whose
 * date decides no period (year-only under quarters) counts in none.
 */
public final class GrievanceEvidence {

    private GrievanceEvidence() {}

    /** Per facility × theme × period. */
    public static Dataset<Row> grievances(Dataset<Row> grievance) {
        return grievance
                .filter(col(SilverGrievance.S2_SCOPE)
                        .equalTo(GrievanceRefiner.IN_SCOPE)
                        .and(col(SilverGrievance.PERIOD).isNotNull()))
                .groupBy(
                        col(SilverGrievance.FACILITY_ID).as(GoldFacilityThemePeriod.FACILITY_ID),
                        col(SilverGrievance.THEME).as(GoldFacilityThemePeriod.THEME),
                        col(SilverGrievance.PERIOD).as(GoldFacilityThemePeriod.PERIOD))
                .agg(countDistinct(concat_ws("|", col(Lineage.SOURCE_SYSTEM), col(SilverGrievance.CASE_ID)))
                        .cast("long")
                        .as(GoldFacilityThemePeriod.THIRD_PARTY_GRIEVANCES));
    }

    /** Zero for cells without any. */
    public static Dataset<Row> complete(Dataset<Row> cells) {
        return cells.withColumn(
                GoldFacilityThemePeriod.THIRD_PARTY_GRIEVANCES,
                coalesce(col(GoldFacilityThemePeriod.THIRD_PARTY_GRIEVANCES), lit(0L)));
    }
}
