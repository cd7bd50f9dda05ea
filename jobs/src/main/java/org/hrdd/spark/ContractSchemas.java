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

/** Turns contracts into Spark schemas (explicit schemas on every read and write; never inferSchema). */
public final class ContractSchemas {

    private ContractSchemas() {
    }

    public static StructType structType(Contract contract) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : contract.columns()) {
            fields.add(field(c));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    public static StructField field(Column c) {
        Metadata md = new MetadataBuilder()
                .putString("comment", c.description() == null ? "" : c.description())
                .putString("privacy_class", c.privacyClass().code())
                .build();
        return new StructField(c.name(), sparkType(c.physicalType()), !c.required(), md);
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
