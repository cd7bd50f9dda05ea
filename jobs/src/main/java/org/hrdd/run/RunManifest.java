package org.hrdd.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.hrdd.schemas.Contract;
import org.hrdd.schemas.ContractLoader;
import org.hrdd.spark.ContractSchemas;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;

/** Appends run records to {@code ops.runs} (Delta at {@code <lakehouse>/_runs}). */
public final class RunManifest {

    public static final String TABLE = "ops.runs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunManifest() {}

    public static Contract contract() {
        return ContractLoader.loadAll().get(TABLE);
    }

    public static String path(Lakehouse lakehouse) {
        return lakehouse.tablePath(TABLE);
    }

    /** Appends one row (one Delta commit) and returns the version written. */
    public static long append(SparkSession spark, Lakehouse lakehouse, RunRecord r) {
        StructType schema = ContractSchemas.structType(contract());
        String path = path(lakehouse);
        Row row = RowFactory.create(
                r.runId(),
                r.command(),
                json(r.args()),
                r.status(),
                Date.valueOf(r.runDate()),
                Timestamp.from(r.startedAt()),
                Timestamp.from(r.finishedAt()),
                r.codeVersion(),
                r.configHash(),
                r.modelVersion(),
                json(r.inputs()),
                json(r.rowCounts()),
                json(r.deltaVersionsRead()),
                json(r.deltaVersionsWritten()),
                r.message());
        return DeltaTables.append(spark, path, spark.createDataFrame(List.of(row), schema));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write run manifest JSON", e);
        }
    }
}
