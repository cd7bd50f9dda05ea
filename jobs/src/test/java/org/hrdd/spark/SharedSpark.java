package org.hrdd.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.hrdd.config.AppConfig;

/**
 * The one SparkSession of the test JVM (local[2], 2 shuffle partitions, UI off), built on first use and
 * stopped by the JVM. Test classes call {@link #session()}; none builds its own.
 */
public final class SharedSpark {

    private static SparkSession session;
    private static final String OVERRIDE = "hrdd.test.spark.";

    private SharedSpark() {}

    public static synchronized SparkSession session() {
        if (session == null) {
            Map<String, String> settings = new LinkedHashMap<>(testSettings());
            // -Dhrdd.test.spark.<key>=<value> on the Maven command line sets a Spark setting for a measurement
            System.getProperties().stringPropertyNames().stream()
                    .filter(k -> k.startsWith(OVERRIDE))
                    .forEach(k -> settings.put(k.substring(OVERRIDE.length()), System.getProperty(k)));
            AppConfig cfg = new AppConfig(
                    java.nio.file.Path.of("."),
                    "unused",
                    new AppConfig.SparkSettings("local[2]", settings),
                    new AppConfig.PeriodSettings(AppConfig.Granularity.QUARTER),
                    new AppConfig.PrivacySettings(5, null),
                    new AppConfig.QualitySettings(0.05),
                    new AppConfig.ResolutionSettings(0.92, 0.02, 0.97),
                    new AppConfig.AnalysisSettings(
                            2,
                            10,
                            0.95,
                            0.10,
                            10,
                            AppConfig.PriorMethod.MAXIMUM_LIKELIHOOD,
                            1.0,
                            new AppConfig.RemediationSettings(1, 1, 2, 10, 0.05)),
                    new AppConfig.ConfFiles(
                            "sources",
                            "taxonomy",
                            "world.yaml",
                            "risk-model.yaml",
                            "indicators.yaml",
                            "watchlist.yaml",
                            "priors",
                            "fx_rates.yaml",
                            "facility_overrides.yaml"),
                    AppConfig.PipelineSettings.DEFAULT);
            session = SparkSessions.create(cfg, "hrdd-tests");
        }
        return session;
    }

    /**
     * Settings that keep a 2-core test run fast.
     *
     * <p>On the sample's small tables most of a query's time is the driver's. A fair part of it went into plan text
     * that nobody reads: every query posts its plan as text when it starts, and adaptive execution posts the whole
     * plan again each time a stage finishes. Adaptive execution off (no coalescing or re-planning to do on a few MB)
     * and at most 2 fields per plan node in that text made AnalyseSampleIT alone 274 s instead of 317 s (adaptive
     * execution off only: 297 s; 2026-12-01).
     *
     * <p>Code generation is off too (no whole-stage code, interpreted expressions): each query's generated Java was
     * compiled by Janino and then by the JIT, for a few thousand rows. The jobs module's tests without the cluster
     * test, on the same machine the same evening (2026-12-02): 1,083 s against 1,396 s with code generation (every
     * heavy class 16-36 % faster; a second run with code generation repeated the first three heavy classes within 7 %).
     * In the whole .ci/run the gain is smaller, since the cluster test's processes share the two cores for its first
     * 12 minutes: 24:56 min against 25:09 the day before. (An earlier measurement, with adaptive execution on, had
     * found the suite no faster.) Whole-stage code off alone was slower (AnalyseSampleIT 297 s against 276-293 s).
     *
     * <p>Results do not depend on any of these; the cluster test runs production's settings (conf/application.yaml:
     * adaptive execution, code generation) and compares its gold tables with the ones built here.
     */
    public static Map<String, String> testSettings() {
        return Map.of(
                "spark.sql.adaptive.enabled", "false",
                "spark.sql.debug.maxToStringFields", "2",
                "spark.sql.codegen.wholeStage", "false",
                "spark.sql.codegen.factoryMode", "NO_CODEGEN",
                "spark.sql.shuffle.partitions", "2",
                "spark.default.parallelism", "2",
                "spark.sql.sources.parallelPartitionDiscovery.parallelism", "2",
                "spark.ui.enabled", "false",
                "spark.databricks.delta.snapshotPartitions", "2");
    }

    /** Rows as plain lists of values, for whole-table assertions. */
    public static List<List<Object>> rows(Dataset<Row> df) {
        return df.collectAsList().stream()
                .map(r -> {
                    List<Object> values = new java.util.ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        values.add(r.get(i));
                    }
                    return values;
                })
                .toList();
    }
}
