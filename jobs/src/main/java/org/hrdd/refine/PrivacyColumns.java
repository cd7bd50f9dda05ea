package org.hrdd.refine;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/** Pseudonymisation and text scrubbing as Spark columns. */
public final class PrivacyColumns {

    private final UserDefinedFunction pseudonym;

    private static final UserDefinedFunction SCRUB = functions.udf(
            (UDF2<String, String, String>) (text, names) -> TextScrubber.scrub(
                            text, names == null ? java.util.List.of() : Arrays.asList(names.split("\u001f")))
                    .text(),
            DataTypes.StringType);

    private static final UserDefinedFunction SCRUB_TITLED = functions.udf(
            (UDF1<String, String>)
                    text -> TextScrubber.scrub(text, java.util.List.of(), true).text(),
            DataTypes.StringType);

    /** Free text without e-mails, phone numbers, ID numbers and any name after an honorific or a role word. */
    public static Column scrubThirdParty(Column text) {
        return SCRUB_TITLED.apply(text);
    }

    public PrivacyColumns(Pseudonymiser pseudonymiser) {
        // Spark runs UDF instances on several task threads; each call gets a fresh Pseudonymiser copy's Mac via
        // serialisation per task, and calls within a task are sequential.
        this.pseudonym = functions.udf((UDF1<String, String>) pseudonymiser::pseudonym, DataTypes.StringType);
    }

    /** Keyed pseudonym of an identifier column (null stays null). */
    public Column pseudonym(Column identifier) {
        return pseudonym.apply(identifier);
    }

    /** Free text without e-mails, phone numbers, ID numbers and the given name columns' values. */
    public static Column scrub(Column text, Column... nameColumns) {
        Column names = nameColumns.length == 0
                ? functions.lit(null).cast("string")
                : functions.concat_ws("\u001f", nameColumns);
        return SCRUB.apply(text, names);
    }
}
