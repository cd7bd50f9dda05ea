package org.hrdd.spark;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/** Equi-joins on shared column names (the {@code USING} form, one column per key in the result), without Scala types. */
public final class Joins {

    private Joins() {}

    public static Dataset<Row> left(Dataset<Row> a, Dataset<Row> b, String... keys) {
        return a.join(b, seq(keys), "left");
    }

    public static Dataset<Row> inner(Dataset<Row> a, Dataset<Row> b, String... keys) {
        return a.join(b, seq(keys), "inner");
    }

    /** The rows of {@code a} with a match in {@code b}, {@code a}'s columns only. */
    public static Dataset<Row> semi(Dataset<Row> a, Dataset<Row> b, String... keys) {
        return a.join(b, seq(keys), "left_semi");
    }

    /** The rows of {@code a} without a match in {@code b}. */
    public static Dataset<Row> anti(Dataset<Row> a, Dataset<Row> b, String... keys) {
        return a.join(b, seq(keys), "left_anti");
    }

    private static scala.collection.Seq<String> seq(String... keys) {
        return JavaConverters.asScalaBufferConverter(Arrays.asList(keys))
                .asScala()
                .toSeq();
    }
}
