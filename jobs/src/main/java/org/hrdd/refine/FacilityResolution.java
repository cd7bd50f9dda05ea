package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Columns.SilverFacility;

/**
 * Applies {@link FacilityResolver} in Spark: only the distinct (name, OS ID, country) references are resolved on
 * the driver (thousands, not millions), then joined back to the rows.
 */
public final class FacilityResolution {

    public static final String RESOLVED_ID = "_resolved_facility_id";
    public static final String METHOD = "_match_method";
    public static final String CONFIDENCE = "_match_confidence";
    public static final String DETAIL = "_match_detail";

    private static final StructType RESULT = new StructType()
            .add("_ref_name", DataTypes.StringType)
            .add("_ref_os_id", DataTypes.StringType)
            .add("_ref_country", DataTypes.StringType)
            .add(RESOLVED_ID, DataTypes.StringType)
            .add(METHOD, DataTypes.StringType)
            .add(CONFIDENCE, DataTypes.DoubleType)
            .add(DETAIL, DataTypes.StringType);

    private FacilityResolution() {}

    /** The master facilities of silver.facility, as the resolver needs them (a small table). */
    public static List<FacilityResolver.MasterFacility> master(Dataset<Row> silverFacility) {
        List<FacilityResolver.MasterFacility> out = new ArrayList<>();
        for (Row r : silverFacility
                .select(
                        SilverFacility.FACILITY_ID,
                        SilverFacility.COUNTRY_CODE,
                        SilverFacility.OS_ID,
                        SilverFacility.FACILITY_NAME,
                        SilverFacility.ALIASES,
                        SilverFacility.CITY)
                .collectAsList()) {
            List<String> names = new ArrayList<>();
            names.add(r.getString(3));
            if (!r.isNullAt(4)) {
                for (String a : r.getString(4).split("\\|")) {
                    if (!a.isBlank()) {
                        names.add(a.strip());
                    }
                }
            }
            out.add(new FacilityResolver.MasterFacility(
                    r.getString(0), r.getString(1), r.getString(2), names, r.isNullAt(5) ? null : r.getString(5)));
        }
        return out;
    }

    /** The rows with their resolution, and every distinct reference with how often it occurs (for review). */
    public record Resolved(Dataset<Row> rows, Dataset<Row> matches) {}

    /** Adds {@link #RESOLVED_ID}, {@link #METHOD}, {@link #CONFIDENCE}, {@link #DETAIL}. */
    public static Dataset<Row> resolve(
            SparkSession spark,
            Dataset<Row> rows,
            String nameCol,
            String osIdCol,
            String countryCol,
            FacilityResolver resolver) {
        return resolveWithMatches(spark, rows, nameCol, osIdCol, countryCol, resolver, "")
                .rows();
    }

    /**
     * Like {@link #resolve}, also returning the distinct references in the shape of {@code ops.facility_matches}
     * (without run id).
     */
    public static Resolved resolveWithMatches(
            SparkSession spark,
            Dataset<Row> rows,
            String nameCol,
            String osIdCol,
            String countryCol,
            FacilityResolver resolver,
            String sourceTable) {
        // rows the mapping's keep_rows leave out name no facility a person should review or the lookup should hold
        Dataset<Row> inScope = java.util.Arrays.asList(rows.columns()).contains(org.hrdd.schemas.Lineage.EXCLUDED_BY)
                ? rows.filter(col(org.hrdd.schemas.Lineage.EXCLUDED_BY).isNull())
                : rows;
        List<Row> refs = inScope.groupBy(col(nameCol), col(osIdCol), col(countryCol))
                .count()
                .collectAsList();
        List<Row> resolved = new ArrayList<>(refs.size());
        List<Row> matches = new ArrayList<>(refs.size());
        for (Row r : refs) {
            FacilityResolver.Resolution res = resolver.resolve(r.getString(0), r.getString(1), r.getString(2));
            resolved.add(RowFactory.create(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    res.facilityId(),
                    res.method(),
                    res.confidence(),
                    res.detail()));
            String key = String.join("|", sourceTable, nz(r.getString(0)), nz(r.getString(1)), nz(r.getString(2)));
            matches.add(RowFactory.create(
                    key,
                    sourceTable,
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    res.facilityId(),
                    res.method(),
                    res.confidence(),
                    res.margin(),
                    res.detail(),
                    r.getLong(3)));
        }
        Dataset<Row> lookup = spark.createDataFrame(resolved, RESULT);
        Dataset<Row> joined = rows.join(
                        functions.broadcast(lookup),
                        col(nameCol)
                                .eqNullSafe(col("_ref_name"))
                                .and(col(osIdCol).eqNullSafe(col("_ref_os_id")))
                                .and(col(countryCol).eqNullSafe(col("_ref_country"))),
                        "left")
                .drop("_ref_name", "_ref_os_id", "_ref_country");
        return new Resolved(joined, spark.createDataFrame(matches, MATCHES));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static final StructType MATCHES = new StructType()
            .add("match_key", DataTypes.StringType, false)
            .add("source_table", DataTypes.StringType, false)
            .add("facility_name", DataTypes.StringType)
            .add("facility_os_id", DataTypes.StringType)
            .add("country_code", DataTypes.StringType)
            .add("facility_id", DataTypes.StringType)
            .add("match_method", DataTypes.StringType)
            .add("match_confidence", DataTypes.DoubleType, false)
            .add("match_margin", DataTypes.DoubleType)
            .add("detail", DataTypes.StringType)
            .add("occurrences", DataTypes.LongType, false);

    /** The quarantine check for references that stayed unresolved. */
    public static RowChecks.Check unresolvedCheck(String nameCol) {
        return RowChecks.check(
                "UNRESOLVED_FACILITY",
                col(RESOLVED_ID).isNull(),
                functions.concat(
                        functions.lit("facility '"),
                        functions.coalesce(col(nameCol), functions.lit("")),
                        functions.lit("': "),
                        functions.coalesce(col(DETAIL), functions.lit("not resolved"))));
    }
}
