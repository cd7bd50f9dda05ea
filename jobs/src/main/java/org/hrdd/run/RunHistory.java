package org.hrdd.run;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.ConfigException;
import org.hrdd.schemas.Columns.OpsRuns;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;

/** Reads back what a recorded run did (ops.runs), for {@code --as-of} and {@code hrdd reproduce}. */
public final class RunHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded successful run. */
    public record Recorded(
            String runId,
            String command,
            List<String> args,
            String configHash,
            String modelVersion,
            Map<String, Long> versionsRead,
            Map<String, Long> versionsWritten,
            String message) {}

    private RunHistory() {}

    /** The successful run with this id; a usage error when there is none. */
    public static Recorded find(SparkSession spark, Lakehouse lh, String runId) {
        String path = lh.tablePath(OpsRuns.TABLE);
        if (!DeltaTables.exists(spark, path)) {
            throw new ConfigException("no run manifest in " + lh.root() + ": no run " + runId + " to look up");
        }
        List<Row> rows = spark.read()
                .format("delta")
                .load(path)
                .filter(col(OpsRuns.RUN_ID)
                        .equalTo(runId)
                        .and(col(OpsRuns.STATUS).equalTo(RunRecord.SUCCEEDED)))
                .select(
                        col(OpsRuns.RUN_ID),
                        col(OpsRuns.COMMAND),
                        col(OpsRuns.ARGS),
                        col(OpsRuns.CONFIG_HASH),
                        col(OpsRuns.MODEL_VERSION),
                        col(OpsRuns.DELTA_VERSIONS_READ),
                        col(OpsRuns.DELTA_VERSIONS_WRITTEN),
                        col(OpsRuns.MESSAGE))
                .collectAsList();
        if (rows.isEmpty()) {
            throw new ConfigException("no successful run " + runId + " in " + path + " (see `hrdd sql \"SELECT run_id, "
                    + "command, status FROM ops.runs\"`)");
        }
        Row r = rows.get(0);
        return new Recorded(
                r.getString(0),
                r.getString(1),
                parse(r.getString(2), new TypeReference<List<String>>() {}),
                r.getString(3),
                r.getString(4),
                parse(r.getString(5), new TypeReference<Map<String, Long>>() {}),
                parse(r.getString(6), new TypeReference<Map<String, Long>>() {}),
                r.getString(7));
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json == null ? "null" : json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable run manifest field: " + json, e);
        }
    }
}
