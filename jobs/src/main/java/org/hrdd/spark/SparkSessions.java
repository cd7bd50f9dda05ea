package org.hrdd.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;

/** Builds the one SparkSession of a process, with Delta Lake enabled and the configured settings. */
public final class SparkSessions {

    private SparkSessions() {}

    /**
     * Under {@code spark-submit} the master is spark-submit's ({@code --master}, set as the system property
     * {@code spark.master} before the main class starts) and the configured one is ignored; otherwise the
     * configured master (embedded {@code local[*]} by default) applies.
     *
     * <p>A process has one session: the first call builds it with the configuration's settings, later calls in the
     * same process ({@code hrdd run}'s steps, commands run in-process by the tests) get it as it is. (Spark's
     * {@code getOrCreate} would copy a later caller's SQL settings into the running session, for every later query of
     * the process: the tests' 2 shuffle partitions became application.yaml's 8 after the first in-process command.)
     */
    public static SparkSession create(AppConfig config, String appName) {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined() && !running.get().sparkContext().isStopped()) {
            return running.get();
        }
        String submitted = System.getProperty("spark.master");
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (submitted == null) {
            b.master(config.spark().master());
        }
        defaults(submitted != null ? submitted : config.spark().master()).forEach(b::config);
        config.spark().settings().forEach(b::config);
        fromEnvironment(System.getenv(ENV_SETTINGS)).forEach(b::config);
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** Environment variable with extra Spark settings, a JSON object (the Airflow DAG's Variable hrdd_spark_conf). */
    public static final String ENV_SETTINGS = "HRDD_SPARK_CONF";

    /**
     * Extra settings from {@value #ENV_SETTINGS}: a scheduler passes them without replacing the cluster's own
     * spark-defaults (as a --conf of the same key would). Applied last: over application.yaml and --spark-conf.
     */
    public static Map<String, String> fromEnvironment(String json) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            if (!node.isObject()) {
                throw new org.hrdd.config.ConfigException(
                        ENV_SETTINGS + " must be a JSON object of Spark settings, is: " + json);
            }
            node.fields()
                    .forEachRemaining(e -> out.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new org.hrdd.config.ConfigException(
                    ENV_SETTINGS + " is not valid JSON (" + e.getOriginalMessage() + "): " + json);
        }
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
        // Every query posts its physical plan as text to the listeners; in the default "formatted" mode each scan of a
        // cached data set prints that data set's whole plan again (InMemoryRelation's arguments), recursively through
        // cached data sets built on cached data sets. On the sample demo that text was a quarter of the driver's CPU.
        m.put("spark.sql.ui.explainMode", "simple");
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
