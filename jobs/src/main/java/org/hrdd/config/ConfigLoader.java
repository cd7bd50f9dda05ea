package org.hrdd.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code application.yaml} strictly: unknown keys, missing keys, wrong types and values outside their range are
 * errors that name the file and the key path. Every key is declared once below ({@link ConfigKey}: path, parser,
 * default, check and message together); the file is read as one YAML tree and each key through its declaration.
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "application.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static final ConfigKey<String> LAKEHOUSE = ConfigKey.text("lakehouse");
    static final ConfigKey<String> SPARK_MASTER = ConfigKey.text("spark.master");
    /** Free-form Spark settings: any key, scalar values. */
    static final String SPARK_SETTINGS = "spark.settings";

    static final ConfigKey<AppConfig.Granularity> GRANULARITY =
            ConfigKey.oneOf("period.granularity", AppConfig.Granularity.class);
    static final ConfigKey<Integer> K_THRESHOLD = ConfigKey.atLeast(ConfigKey.integer("privacy.k_threshold"), 2);
    static final ConfigKey<String> PSEUDONYM_KEY_FILE =
            ConfigKey.text("privacy.pseudonym_key_file").orNull();
    static final ConfigKey<Double> MAX_QUARANTINE_SHARE =
            ConfigKey.share(ConfigKey.number("quality.max_quarantine_share"));
    static final ConfigKey<Double> FUZZY_THRESHOLD = ConfigKey.share(ConfigKey.number("resolution.fuzzy_threshold"));
    static final ConfigKey<Double> MIN_MARGIN = ConfigKey.share(ConfigKey.number("resolution.min_margin"));
    static final ConfigKey<Double> REVIEW_BELOW = ConfigKey.share(ConfigKey.number("resolution.review_below"));
    static final ConfigKey<Integer> AUDIT_WINDOW =
            ConfigKey.atLeast(ConfigKey.integer("analysis.audit_window_periods"), 1);
    static final ConfigKey<Integer> MIN_WORKERS =
            ConfigKey.atLeast(ConfigKey.integer("analysis.min_workers_reached"), 1);
    static final ConfigKey<Double> CONFIDENCE = ConfigKey.openShare(ConfigKey.number("analysis.confidence_level"));
    static final ConfigKey<Double> FDR = ConfigKey.openShare(ConfigKey.number("analysis.fdr"));
    static final ConfigKey<Integer> PRIOR_MIN_GROUPS =
            ConfigKey.atLeast(ConfigKey.integer("analysis.prior_min_groups"), 2);
    static final ConfigKey<AppConfig.PriorMethod> PRIOR_METHOD =
            ConfigKey.oneOf("analysis.prior_method", AppConfig.PriorMethod.class);
    static final ConfigKey<Double> PRIOR_WEIGHT = ConfigKey.number("analysis.prior_weight")
            .must(v -> v > 0 && v <= 1, "must be a share above 0 and at most 1");
    static final ConfigKey<Integer> BEFORE_PERIODS =
            ConfigKey.atLeast(ConfigKey.integer("analysis.remediation.before_periods"), 1);
    static final ConfigKey<Integer> AFTER_LAG_PERIODS =
            ConfigKey.atLeast(ConfigKey.integer("analysis.remediation.after_lag_periods"), 0);
    static final ConfigKey<Integer> AFTER_PERIODS =
            ConfigKey.atLeast(ConfigKey.integer("analysis.remediation.after_periods"), 1);
    static final ConfigKey<Integer> REMEDIATION_MIN_WORKERS =
            ConfigKey.atLeast(ConfigKey.integer("analysis.remediation.min_workers"), 1);
    static final ConfigKey<Double> ALPHA = ConfigKey.openShare(ConfigKey.number("analysis.remediation.alpha"));
    static final ConfigKey<String> SOURCES = ConfigKey.text("files.sources");
    static final ConfigKey<String> TAXONOMY = ConfigKey.text("files.taxonomy");
    static final ConfigKey<String> WORLD = ConfigKey.text("files.world");
    static final ConfigKey<String> RISK_MODEL = ConfigKey.text("files.risk_model");
    static final ConfigKey<String> INDICATORS = ConfigKey.text("files.indicators");
    static final ConfigKey<String> WATCHLIST = ConfigKey.text("files.watchlist");
    static final ConfigKey<String> PRIORS = ConfigKey.text("files.priors");
    static final ConfigKey<String> FX_RATES = ConfigKey.text("files.fx_rates");
    static final ConfigKey<String> FACILITY_OVERRIDES = ConfigKey.text("files.facility_overrides");
    static final ConfigKey<String> PIPELINE_SPEC =
            ConfigKey.text("pipeline.spec").orElse(AppConfig.PipelineSettings.DEFAULT.spec());
    static final ConfigKey<String> FAIL_AT_STEP =
            ConfigKey.text("pipeline.fail_at_step").orNull();

    /** Every declared key (the known keys of the file). */
    static final List<ConfigKey<?>> KEYS = List.of(
            LAKEHOUSE,
            SPARK_MASTER,
            GRANULARITY,
            K_THRESHOLD,
            PSEUDONYM_KEY_FILE,
            MAX_QUARANTINE_SHARE,
            FUZZY_THRESHOLD,
            MIN_MARGIN,
            REVIEW_BELOW,
            AUDIT_WINDOW,
            MIN_WORKERS,
            CONFIDENCE,
            FDR,
            PRIOR_MIN_GROUPS,
            PRIOR_METHOD,
            PRIOR_WEIGHT,
            BEFORE_PERIODS,
            AFTER_LAG_PERIODS,
            AFTER_PERIODS,
            REMEDIATION_MIN_WORKERS,
            ALPHA,
            SOURCES,
            TAXONOMY,
            WORLD,
            RISK_MODEL,
            INDICATORS,
            WATCHLIST,
            PRIORS,
            FX_RATES,
            FACILITY_OVERRIDES,
            PIPELINE_SPEC,
            FAIL_AT_STEP);

    private ConfigLoader() {}

    public static AppConfig load(Path confDir) {
        Path file = confDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(
                    file + ": configuration file not found (use --conf DIR to point at a conf folder)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(file + ": empty configuration");
        }
        String where = file.toString();
        unknownKeys(root, "", where);
        return new AppConfig(
                confDir.toAbsolutePath().normalize(),
                LAKEHOUSE.read(root, where),
                new AppConfig.SparkSettings(SPARK_MASTER.read(root, where), sparkSettings(root, where)),
                new AppConfig.PeriodSettings(GRANULARITY.read(root, where)),
                new AppConfig.PrivacySettings(K_THRESHOLD.read(root, where), PSEUDONYM_KEY_FILE.read(root, where)),
                new AppConfig.QualitySettings(MAX_QUARANTINE_SHARE.read(root, where)),
                new AppConfig.ResolutionSettings(
                        FUZZY_THRESHOLD.read(root, where),
                        MIN_MARGIN.read(root, where),
                        REVIEW_BELOW.read(root, where)),
                new AppConfig.AnalysisSettings(
                        AUDIT_WINDOW.read(root, where),
                        MIN_WORKERS.read(root, where),
                        CONFIDENCE.read(root, where),
                        FDR.read(root, where),
                        PRIOR_MIN_GROUPS.read(root, where),
                        PRIOR_METHOD.read(root, where),
                        PRIOR_WEIGHT.read(root, where),
                        new AppConfig.RemediationSettings(
                                BEFORE_PERIODS.read(root, where),
                                AFTER_LAG_PERIODS.read(root, where),
                                AFTER_PERIODS.read(root, where),
                                REMEDIATION_MIN_WORKERS.read(root, where),
                                ALPHA.read(root, where))),
                new AppConfig.ConfFiles(
                        SOURCES.read(root, where),
                        TAXONOMY.read(root, where),
                        WORLD.read(root, where),
                        RISK_MODEL.read(root, where),
                        INDICATORS.read(root, where),
                        WATCHLIST.read(root, where),
                        PRIORS.read(root, where),
                        FX_RATES.read(root, where),
                        FACILITY_OVERRIDES.read(root, where)),
                new AppConfig.PipelineSettings(PIPELINE_SPEC.read(root, where), FAIL_AT_STEP.read(root, where)));
    }

    /** {@code spark.settings}: any Spark key, each with a scalar value. */
    private static Map<String, String> sparkSettings(JsonNode root, String where) {
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode node = root.path("spark").path("settings");
        if (node.isMissingNode() || node.isNull()) {
            return settings;
        }
        if (!node.isObject()) {
            throw new ConfigException(
                    where + ": key '" + SPARK_SETTINGS + "' has the wrong type, expected a mapping of keys");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ConfigException(
                        where + ": key '" + SPARK_SETTINGS + "." + e.getKey() + "' must be a scalar value");
            }
            settings.put(e.getKey(), e.getValue().asText());
        });
        return settings;
    }

    /** Fails on the first key of the file that no declaration knows, listing those known at its level. */
    private static void unknownKeys(JsonNode node, String prefix, String where) {
        if (!node.isObject()) {
            if (prefix.isEmpty()) {
                throw new ConfigException(where + ": expected a mapping of keys at the top");
            }
            return;
        }
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (ConfigKey<?> k : KEYS) {
            if (k.path().startsWith(prefix)) {
                known.add(k.path().substring(prefix.length()).split("\\.")[0]);
            }
        }
        if (prefix.equals("spark.")) {
            known.add("settings");
        }
        java.util.Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String path = prefix + e.getKey();
            if (!known.contains(e.getKey())) {
                throw new ConfigException(
                        where + ": unknown key '" + path + "' (known: " + String.join(", ", known) + ")");
            }
            if (!path.equals(SPARK_SETTINGS) && e.getValue().isObject()) {
                unknownKeys(e.getValue(), path + ".", where);
            }
        }
    }
}
