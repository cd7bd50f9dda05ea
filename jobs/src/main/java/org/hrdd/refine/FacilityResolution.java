package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
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
            .add("_ref_address", DataTypes.StringType)
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
                        SilverFacility.CITY,
                        SilverFacility.ADDRESS)
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
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    names,
                    r.isNullAt(5) ? null : r.getString(5),
                    r.isNullAt(6) ? null : r.getString(6)));
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
        return resolveWithMatches(spark, rows, nameCol, osIdCol, countryCol, null, resolver, "")
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
            String addressCol,
            FacilityResolver resolver,
            String sourceTable) {
        Dataset<Row> inScope = inScope(rows);
        Column address = addressOf(addressCol);
        List<Row> refs = inScope.groupBy(col(nameCol), col(osIdCol), col(countryCol), address.as("_address"))
                .count()
                .collectAsList();
        List<Row> resolved = new ArrayList<>(refs.size());
        List<Row> matches = new ArrayList<>(refs.size());
        for (Row r : refs) {
            FacilityResolver.Resolution res =
                    resolver.resolve(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
            resolved.add(RowFactory.create(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    res.facilityId(),
                    res.method(),
                    res.confidence(),
                    res.detail()));
            matches.add(match(
                    sourceTable, r.getString(0), r.getString(1), r.getString(2), r.getString(3), res, r.getLong(4)));
        }
        Dataset<Row> lookup = spark.createDataFrame(resolved, RESULT);
        Dataset<Row> joined = rows.join(
                        functions.broadcast(lookup),
                        col(nameCol)
                                .eqNullSafe(col("_ref_name"))
                                .and(col(osIdCol).eqNullSafe(col("_ref_os_id")))
                                .and(col(countryCol).eqNullSafe(col("_ref_country")))
                                .and(address.eqNullSafe(col("_ref_address"))),
                        "left")
                .drop("_ref_name", "_ref_os_id", "_ref_country", "_ref_address");
        return new Resolved(joined, spark.createDataFrame(matches, MATCHES));
    }

    /** An array column of every facility a multi-valued reference names, resolved ({@link #PART}). */
    public static final String PARTS = "_resolved_parts";

    /** One part of a multi-valued reference: the name as given and its resolution (facility id null if none). */
    public static final StructType PART = new StructType()
            .add("reference", DataTypes.StringType)
            .add("facility_id", DataTypes.StringType)
            .add("method", DataTypes.StringType)
            .add("confidence", DataTypes.DoubleType)
            .add("detail", DataTypes.StringType);

    /**
     * Like {@link #resolveWithMatches} for a column naming several facilities (parts joined by
     * {@link org.hrdd.ingest.Feed#PARTS_SEPARATOR}, the mapping's {@code split}): each distinct part is resolved once
     * and is a reference of its own in the matches; each row gets {@link #PARTS}, its parts in order with their
     * resolution, and keeps one row per record (the refiner spreads it over the facilities after its checks).
     */
    public static Resolved resolvePartsWithMatches(
            SparkSession spark,
            Dataset<Row> rows,
            String namesCol,
            String osIdCol,
            String countryCol,
            String addressCol,
            FacilityResolver resolver,
            String sourceTable) {
        Dataset<Row> inScope = inScope(rows);
        // an OS ID or an address belongs to one facility: beside several names it says not whose it is, and is not
        // used (else every company of the cell would resolve to the one the OS ID names)
        Column single = functions.size(partsOf(col(namesCol))).leq(1);
        Column address = functions
                .when(single, addressOf(addressCol))
                .otherwise(functions.lit(null).cast(DataTypes.StringType));
        Column osId = functions
                .when(single, col(osIdCol))
                .otherwise(functions.lit(null).cast(DataTypes.StringType));
        List<Row> refs = inScope.select(
                        functions.explode_outer(partsOf(col(namesCol))).as("_part"),
                        osId.as("_os_id"),
                        col(countryCol),
                        address.as("_address"))
                .groupBy(col("_part"), col("_os_id"), col(countryCol), col("_address"))
                .count()
                .collectAsList();
        java.util.Map<String, Row> byKey = new java.util.HashMap<>();
        List<Row> matches = new ArrayList<>(refs.size());
        for (Row r : refs) {
            FacilityResolver.Resolution res =
                    resolver.resolve(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
            Row m = match(
                    sourceTable, r.getString(0), r.getString(1), r.getString(2), r.getString(3), res, r.getLong(4));
            byKey.put(
                    m.getString(0),
                    RowFactory.create(r.getString(0), res.facilityId(), res.method(), res.confidence(), res.detail()));
            matches.add(m);
        }
        PartLookup lookup = new PartLookup(sourceTable, byKey);
        Dataset<Row> resolved = rows.withColumn(
                PARTS,
                functions
                        .udf(lookup, DataTypes.createArrayType(PART))
                        .apply(partsOf(col(namesCol)), osId, col(countryCol), address));
        return new Resolved(resolved, spark.createDataFrame(matches, MATCHES));
    }

    /** The parts of a multi-valued cell, in order, trimmed, blanks left out (an empty array for none). */
    static org.apache.spark.sql.Column partsOf(org.apache.spark.sql.Column names) {
        return functions.filter(
                functions.transform(
                        functions.split(
                                functions.coalesce(names, functions.lit("")),
                                java.util.regex.Pattern.quote(org.hrdd.ingest.Feed.PARTS_SEPARATOR)),
                        (org.apache.spark.sql.Column p) -> functions.trim(p)),
                p -> p.notEqual(""));
    }

    /** Each part's resolution, looked up by (source table, part, OS ID, country) as resolved on the driver. */
    private record PartLookup(String table, java.util.Map<String, Row> byKey)
            implements org.apache.spark.sql.api.java.UDF4<
                    scala.collection.Seq<String>, String, String, String, List<Row>> {
        @Override
        public List<Row> call(scala.collection.Seq<String> parts, String osId, String country, String address) {
            List<Row> out = new ArrayList<>();
            List<String> names = new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(parts));
            if (names.isEmpty() && osId != null) {
                names.add(null); // no name but an OS ID: resolved as one reference, as the matches hold it
            }
            for (String p : names) {
                Row r = byKey.get(key(table, p, osId, country, address));
                if (r != null && p == null) {
                    r = RowFactory.create("OS ID " + osId, r.get(1), r.get(2), r.get(3), r.get(4));
                }
                out.add(r != null ? r : RowFactory.create(p, null, null, 0.0, "not resolved"));
            }
            return out;
        }
    }

    /** Rows the mapping's keep_rows leave out name no facility a person should review or the lookup should hold. */
    private static Dataset<Row> inScope(Dataset<Row> rows) {
        return java.util.Arrays.asList(rows.columns()).contains(org.hrdd.schemas.Lineage.EXCLUDED_BY)
                ? rows.filter(col(org.hrdd.schemas.Lineage.EXCLUDED_BY).isNull())
                : rows;
    }

    /** A reference's key in ops.facility_matches: its table, name, OS ID, country and (when it has one) address. */
    static String key(String table, String name, String osId, String country, String address) {
        String k = String.join("|", table, nz(name), nz(osId), nz(country));
        return address == null ? k : k + "|" + address;
    }

    /** A reference and its resolution as a row of ops.facility_matches (without run id). */
    private static Row match(
            String table,
            String name,
            String osId,
            String country,
            String address,
            FacilityResolver.Resolution res,
            long occurrences) {
        return RowFactory.create(
                key(table, name, osId, country, address),
                table,
                name,
                osId,
                country,
                address,
                res.facilityId(),
                res.method(),
                res.confidence(),
                res.margin(),
                res.detail(),
                occurrences);
    }

    /** The address column, or a null string column when the source has none. */
    private static Column addressOf(String addressCol) {
        return addressCol == null ? functions.lit(null).cast(DataTypes.StringType) : RefineSteps.text(addressCol);
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
            .add("facility_address", DataTypes.StringType)
            .add("facility_id", DataTypes.StringType)
            .add("match_method", DataTypes.StringType)
            .add("match_confidence", DataTypes.DoubleType, false)
            .add("match_margin", DataTypes.DoubleType)
            .add("detail", DataTypes.StringType)
            .add("occurrences", DataTypes.LongType, false);

    /** Quarantine reason of a record whose facility reference stayed unresolved. */
    public static final String UNRESOLVED = "UNRESOLVED_FACILITY";

    /** The quarantine check for references that stayed unresolved. */
    public static RowChecks.Check unresolvedCheck(String nameCol) {
        return RowChecks.check(
                UNRESOLVED,
                col(RESOLVED_ID).isNull(),
                functions.concat(
                        functions.lit("facility '"),
                        functions.coalesce(col(nameCol), functions.lit("")),
                        functions.lit("': "),
                        functions.coalesce(col(DETAIL), functions.lit("not resolved"))));
    }
}
