package org.hrdd.spark;

import java.util.Arrays;
import scala.collection.JavaConverters;

/** Join keys as the Scala sequence Dataset.join wants, for tests. */
public final class JoinsTestAccess {

    private JoinsTestAccess() {}

    public static scala.collection.Seq<String> keys(String... keys) {
        return JavaConverters.asScalaBufferConverter(Arrays.asList(keys))
                .asScala()
                .toSeq();
    }
}
