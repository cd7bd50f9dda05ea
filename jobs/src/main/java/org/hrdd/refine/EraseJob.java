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

    private EraseJob() {}

    /** Rows removed per bronze table. */
    public static Map<String, Long> eraseFromBronze(
            SparkSession spark, Lakehouse lh, Pseudonymiser key, String identifier) {
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
                current.filter(theirs.unary_$bang())
                        .write()
                        .format("delta")
                        .mode("overwrite")
                        .save(path);
            }
            removed.put(e.getKey(), n);
        }
        return removed;
    }

    /**
     * Redacts the identifier wherever it is written in a text value of the tables (a caseworker's note naming the
     * caller, a quarantined raw row, a free-text answer): every string column of the current version, each table
     * rewritten once and only when a value matched (partitioning kept). Rows whose identifier column is the worker's
     * were removed before; this catches the other places. Returns the rows changed per table.
     */
    public static Map<String, Long> redact(SparkSession spark, Map<String, String> tables, ErasureMatch match) {
        Map<String, Long> changed = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            if (!DeltaTables.exists(spark, t.getValue())) {
                continue;
            }
            Dataset<Row> current = spark.read().format("delta").load(t.getValue());
            List<String> text = java.util.Arrays.stream(current.schema().fields())
                    .filter(f -> f.dataType().equals(DataTypes.StringType))
                    .map(org.apache.spark.sql.types.StructField::name)
                    .toList();
            if (text.isEmpty()) {
                continue;
            }
            Column any = lit(false);
            for (String c : text) {
                any = any.or(functions.coalesce(col(c).rlike(match.regex()), lit(false)));
            }
            long n = current.filter(any).count();
            if (n == 0) {
                continue;
            }
            // only the rows that hold it, and so only their files, are rewritten
            Map<String, Column> redacted = new LinkedHashMap<>();
            for (String c : text) {
                redacted.put(c, functions.regexp_replace(col(c), match.regex(), ErasureMatch.REDACTED));
            }
            io.delta.tables.DeltaTable.forPath(spark, t.getValue()).update(any, redacted);
            changed.put(t.getKey(), n);
        }
        return changed;
    }

    /** Redacts the identifier in the run logs ({@code _logs/*.log}); returns the files changed. */
    public static int redactLogs(java.nio.file.Path logs, ErasureMatch match) {
        if (!java.nio.file.Files.isDirectory(logs)) {
            return 0;
        }
        int changed = 0;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(logs)) {
            for (java.nio.file.Path f :
                    files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String before = java.nio.file.Files.readString(f, StandardCharsets.UTF_8);
                if (match.foundIn(before)) {
                    // rewritten in place, not replaced: the running command's own log is open in append mode, and its
                    // next lines must land in this file
                    java.nio.file.Files.writeString(f, match.redact(before), StandardCharsets.UTF_8);
                    changed++;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot redact the run logs in " + logs, e);
        }
        return changed;
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
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(pseudonym.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
