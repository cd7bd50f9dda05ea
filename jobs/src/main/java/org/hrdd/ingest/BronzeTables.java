package org.hrdd.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.schemas.Lineage;

/** Bronze-specific Delta reads: ingested file hashes, rows a run landed per file. */
public final class BronzeTables {

    private BronzeTables() {
    }

    /** Which of the candidate file hashes the table already holds (a per-file aggregate, not records). */
    public static Set<String> ingestedHashes(SparkSession spark, String path, Collection<String> candidates) {
        Set<String> out = new HashSet<>();
        if (candidates.isEmpty() || org.hrdd.spark.DeltaTables.holdsNoFiles(spark, path)) {
            return out;
        }
        spark.read().format("delta").load(path)
                .filter(col(Lineage.FILE_SHA256).isin(candidates.toArray()))
                .select(Lineage.FILE_SHA256).distinct()
                .collectAsList().forEach(r -> out.add(r.getString(0)));
        return out;
    }

    /** Rows a run wrote, per {@code _source_file}. */
    public static Map<String, Long> rowsWritten(SparkSession spark, String path, String runId) {
        Map<String, Long> out = new LinkedHashMap<>();
        spark.read().format("delta").load(path)
                .filter(col(Lineage.RUN_ID).equalTo(lit(runId)))
                .groupBy(Lineage.SOURCE_FILE).agg(count(lit(1)))
                .collectAsList().forEach(r -> out.put(r.getString(0), r.getLong(1)));
        return out;
    }
}
