package org.hrdd.refine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.hrdd.schemas.Columns.BronzeHelplineCase;
import org.hrdd.schemas.Columns.BronzeSurveyResponse;
import org.hrdd.spark.DeltaTables;
import org.hrdd.spark.Lakehouse;

/**
 * {@code hrdd erase}: removes one worker from the lakehouse. The worker's bronze rows are found by pseudonymising
 * each row's identifier with the same key (so phone numbers match whatever their formatting) and the table is
 * rewritten without them (an overwrite records no predicate, hence no identifier, in the Delta log). The caller
 * then re-runs refine, which drops the worker's silver and quarantine rows, and vacuums every table so no old file
 * keeps a copy.
 */
public final class EraseJob {

    /** Bronze tables holding worker identifiers, and the identifier column of each. */
    public static final Map<String, String> IDENTIFIED = Map.of(
            BronzeHelplineCase.TABLE, BronzeHelplineCase.CALLER_ID,
            BronzeSurveyResponse.TABLE, BronzeSurveyResponse.RESPONDENT_KEY);

    private EraseJob() {
    }

    /** Rows removed per bronze table. */
    public static Map<String, Long> eraseFromBronze(SparkSession spark, Lakehouse lh, Pseudonymiser key, String identifier) {
        String pseudonym = key.pseudonym(identifier);
        if (pseudonym == null) {
            throw new org.hrdd.config.ConfigException("--worker-key is empty");
        }
        UserDefinedFunction pseudo = functions.udf((UDF1<String, String>) key::pseudonym, DataTypes.StringType);
        Map<String, Long> removed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : IDENTIFIED.entrySet()) {
            String path = lh.tablePath(e.getKey());
            if (!DeltaTables.exists(spark, path)) {
                continue;
            }
            Dataset<Row> current = spark.read().format("delta").load(path);
            Column theirs = functions.coalesce(pseudo.apply(col(e.getValue())).equalTo(lit(pseudonym)), lit(false));
            long n = current.filter(theirs).count();
            if (n > 0) {
                current.filter(theirs.unary_$bang()).write().format("delta").mode("overwrite").save(path);
            }
            removed.put(e.getKey(), n);
        }
        return removed;
    }

    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    private static final String VACUUM_LOGGING = "spark.databricks.delta.vacuum.logging.enabled";

    /**
     * Deletes every file no longer in the current version of each table (retention 0: erasure beats time travel).
     * Without Delta's vacuum logging: on file systems it trusts (local, HDFS, ADLS, GCS) Delta would commit a VACUUM
     * START and a VACUUM END to every table and count the files to delete once more for the first; the erasure log
     * ({@code ops.erasure_log}) already records which tables were vacuumed and when.
     */
    public static void vacuum(SparkSession spark, List<String> paths) {
        String retention = spark.conf().get(RETENTION_CHECK, "true");
        String logging = spark.conf().contains(VACUUM_LOGGING) ? spark.conf().get(VACUUM_LOGGING) : null;
        spark.conf().set(RETENTION_CHECK, "false");
        spark.conf().set(VACUUM_LOGGING, "false");
        try {
            for (String p : paths) {
                if (DeltaTables.exists(spark, p)) {
                    io.delta.tables.DeltaTable.forPath(spark, p).vacuum(0);
                }
            }
        } finally {
            spark.conf().set(RETENTION_CHECK, retention);
            if (logging != null) {
                spark.conf().set(VACUUM_LOGGING, logging);
            } else {
                spark.conf().unset(VACUUM_LOGGING);
            }
        }
    }

    /** What the erasure log keeps instead of the pseudonym: its SHA-256 (to answer "was this worker erased?"). */
    public static String pseudonymDigest(String pseudonym) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pseudonym.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
