package org.hrdd.spark;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/** Equi-joins on shared column names (the {@code USING} form, one column per key in the result), without Scala types. */
public final class Joins {

    private Joins() {
    }

    public static Dataset<Row> left(Dataset<Row> a, Dataset<Row> b, String... keys) {
        return a.join(b, seq(keys), "left");
    }

    public static Dataset<Row> inner(Dataset<Row> a, Dataset<Row> b, String... keys) {
        return a.join(b, seq(keys), "inner");
    }

    private static scala.collection.Seq<String> seq(String... keys) {
        return JavaConverters.asScalaBufferConverter(Arrays.asList(keys)).asScala().toSeq();
    }
}
