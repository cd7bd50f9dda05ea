package org.hrdd.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Column;
import org.hrdd.schemas.Contract;

/** Turns contracts into Spark schemas (explicit schemas on every read and write; schemas are never inferred from data). */
public final class ContractSchemas {

    private ContractSchemas() {}

    /**
     * The table's Spark schema. Bronze keeps what the export had, broken records included, so its business columns
     * are nullable in storage even when the contract marks them required (refine enforces that); lineage columns
     * and every silver / gold / ops required column are NOT NULL.
     */
    public static StructType structType(Contract contract) {
        boolean bronze = contract.layer().equals("bronze");
        List<StructField> fields = new ArrayList<>();
        for (Column c : contract.columns()) {
            fields.add(field(c, !c.required() || (bronze && !c.isTechnical())));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    public static StructField field(Column c) {
        return field(c, !c.required());
    }

    private static StructField field(Column c, boolean nullable) {
        Metadata md = new MetadataBuilder()
                .putString("comment", c.description() == null ? "" : c.description())
                .putString("privacy_class", c.privacyClass().code())
                .build();
        return new StructField(c.name(), sparkType(c.physicalType()), nullable, md);
    }

    public static DataType sparkType(String physicalType) {
        return switch (physicalType) {
            case "string" -> DataTypes.StringType;
            case "long" -> DataTypes.LongType;
            case "int" -> DataTypes.IntegerType;
            case "double" -> DataTypes.DoubleType;
            case "boolean" -> DataTypes.BooleanType;
            case "date" -> DataTypes.DateType;
            case "timestamp" -> DataTypes.TimestampType;
            default -> throw new IllegalArgumentException("no Spark type for physicalType " + physicalType);
        };
    }
}
