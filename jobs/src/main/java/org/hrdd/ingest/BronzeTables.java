package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Lineage;

/** Bronze-specific Delta reads: which export files a table already holds. */
public final class BronzeTables {

    private BronzeTables() {}

    /** Which of the candidate file hashes the table already holds (a per-file aggregate, not records). */
    public static Set<String> ingestedHashes(SparkSession spark, String path, Collection<String> candidates) {
        Set<String> out = new HashSet<>();
        if (candidates.isEmpty() || org.hrdd.spark.DeltaTables.holdsNoFiles(spark, path)) {
            return out;
        }
        spark.read()
                .format("delta")
                .load(path)
                .filter(col(Lineage.FILE_SHA256).isin(candidates.toArray()))
                .select(Lineage.FILE_SHA256)
                .distinct()
                .collectAsList()
                .forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
