package org.hrdd.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;

/** Builds the one SparkSession of a process, with Delta Lake enabled and the configured settings. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * Under {@code spark-submit} the master is spark-submit's ({@code --master}, set as the system property
     * {@code spark.master} before the main class starts) and the configured one is ignored; otherwise the
     * configured master (embedded {@code local[*]} by default) applies.
     */
    public static SparkSession create(AppConfig config, String appName) {
        String submitted = System.getProperty("spark.master");
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (submitted == null) {
            b.master(config.spark().master());
        }
        defaults(submitted != null ? submitted : config.spark().master()).forEach(b::config);
        config.spark().settings().forEach(b::config);
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** Settings every hrdd session needs; the configuration can override any of them. */
    public static Map<String, String> defaults(String master) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        m.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        m.put("spark.sql.session.timeZone", "UTC");
        m.put("spark.ui.enabled", "false");
        m.put("spark.ui.showConsoleProgress", "false");
        m.put("spark.sql.files.ignoreCorruptFiles", "false");
        // Deletion vectors and column mapping would hide rows from readers that only list files (DuckDB).
        m.put("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false");
        m.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
        if (master.startsWith("local")) {
            m.put("spark.driver.host", "127.0.0.1");
            m.put("spark.driver.bindAddress", "127.0.0.1");
        }
        return m;
    }
}
