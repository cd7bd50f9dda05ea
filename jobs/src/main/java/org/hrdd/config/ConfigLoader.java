package org.hrdd.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads {@code application.yaml} strictly: unknown keys, missing keys and wrong types are errors
 * that name the file and the key path.
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "application.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    /** Raw shape of the YAML file (snake_case keys), validated and turned into {@link AppConfig}. */
    record RawConfig(String lakehouse, RawSpark spark, RawPeriod period, RawPrivacy privacy, RawQuality quality,
                     RawResolution resolution, RawAnalysis analysis, RawFiles files, RawPipeline pipeline) {
    }

    record RawPipeline(String spec, String fail_at_step) {
    }

    record RawSpark(String master, Map<String, Object> settings) {
    }

    record RawPeriod(String granularity) {
    }

    record RawPrivacy(Integer k_threshold, String pseudonym_key_file) {
    }

    record RawQuality(Double max_quarantine_share) {
    }

    record RawResolution(Double fuzzy_threshold, Double min_margin, Double review_below) {
    }

    record RawAnalysis(Integer audit_window_periods, Integer min_workers_reached, Double confidence_level, Double fdr,
                       Integer prior_min_groups, String prior_method, Double prior_weight, RawRemediation remediation) {
    }

    record RawRemediation(Integer before_periods, Integer after_lag_periods, Integer after_periods, Integer min_workers,
                          Double alpha) {
    }

    record RawFiles(String sources, String taxonomy, String world, String risk_model, String indicators,
                    String watchlist, String priors, String fx_rates, String facility_overrides) {
    }

    public static AppConfig load(Path confDir) {
        Path file = confDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": configuration file not found (use --conf DIR to point at a conf folder)");
        }
        RawConfig raw;
        try {
            raw = YAML.readValue(file.toFile(), RawConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown key '" + path(e) + "' (known: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                    + ")", e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(file + ": key '" + path(e) + "' has value '" + e.getValue()
                    + "', expected " + typeName(e.getTargetType()), e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(file + ": key '" + path(e) + "' has the wrong type, expected "
                    + typeName(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": key '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new ConfigException(file + ": empty configuration");
        }
        return validate(file, confDir, raw);
    }

    private static AppConfig validate(Path file, Path confDir, RawConfig raw) {
        String where = file.toString();
        require(where, "lakehouse", raw.lakehouse());
        require(where, "spark", raw.spark());
        require(where, "spark.master", raw.spark().master());
        Map<String, String> settings = new LinkedHashMap<>();
        if (raw.spark().settings() != null) {
            raw.spark().settings().forEach((k, v) -> {
                if (v == null || v instanceof Map || v instanceof List) {
                    throw new ConfigException(where + ": key 'spark.settings." + k + "' must be a scalar value");
                }
                settings.put(k, String.valueOf(v));
            });
        }
        require(where, "period", raw.period());
        require(where, "period.granularity", raw.period().granularity());
        AppConfig.Granularity granularity;
        try {
            granularity = AppConfig.Granularity.valueOf(raw.period().granularity().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": key 'period.granularity' has value '" + raw.period().granularity()
                    + "', expected one of month, quarter, half_year, year", e);
        }
        require(where, "privacy", raw.privacy());
        require(where, "privacy.k_threshold", raw.privacy().k_threshold());
        if (raw.privacy().k_threshold() < 2) {
            throw new ConfigException(where + ": key 'privacy.k_threshold' must be at least 2, is "
                    + raw.privacy().k_threshold());
        }
        require(where, "quality", raw.quality());
        require(where, "quality.max_quarantine_share", raw.quality().max_quarantine_share());
        double share = raw.quality().max_quarantine_share();
        if (!(share >= 0 && share <= 1)) {
            throw new ConfigException(where + ": key 'quality.max_quarantine_share' must be between 0 and 1, is " + share);
        }
        RawResolution res = raw.resolution();
        require(where, "resolution", res);
        require(where, "resolution.fuzzy_threshold", res.fuzzy_threshold());
        require(where, "resolution.min_margin", res.min_margin());
        require(where, "resolution.review_below", res.review_below());
        unit(where, "resolution.fuzzy_threshold", res.fuzzy_threshold());
        unit(where, "resolution.min_margin", res.min_margin());
        unit(where, "resolution.review_below", res.review_below());
        AppConfig.AnalysisSettings analysis = analysis(where, raw.analysis());
        RawFiles f = raw.files();
        require(where, "files", f);
        require(where, "files.sources", f.sources());
        require(where, "files.taxonomy", f.taxonomy());
        require(where, "files.world", f.world());
        require(where, "files.risk_model", f.risk_model());
        require(where, "files.indicators", f.indicators());
        require(where, "files.watchlist", f.watchlist());
        require(where, "files.priors", f.priors());
        require(where, "files.fx_rates", f.fx_rates());
        require(where, "files.facility_overrides", f.facility_overrides());
        return new AppConfig(confDir.toAbsolutePath().normalize(), raw.lakehouse(),
                new AppConfig.SparkSettings(raw.spark().master(), settings),
                new AppConfig.PeriodSettings(granularity),
                new AppConfig.PrivacySettings(raw.privacy().k_threshold(), raw.privacy().pseudonym_key_file()),
                new AppConfig.QualitySettings(share),
                new AppConfig.ResolutionSettings(res.fuzzy_threshold(), res.min_margin(), res.review_below()),
                analysis,
                new AppConfig.ConfFiles(f.sources(), f.taxonomy(), f.world(), f.risk_model(), f.indicators(),
                        f.watchlist(), f.priors(), f.fx_rates(), f.facility_overrides()),
                raw.pipeline() == null ? AppConfig.PipelineSettings.DEFAULT
                        : new AppConfig.PipelineSettings(raw.pipeline().spec() == null
                                ? AppConfig.PipelineSettings.DEFAULT.spec() : raw.pipeline().spec(),
                                raw.pipeline().fail_at_step()));
    }

    private static AppConfig.AnalysisSettings analysis(String where, RawAnalysis a) {
        require(where, "analysis", a);
        require(where, "analysis.audit_window_periods", a.audit_window_periods());
        require(where, "analysis.min_workers_reached", a.min_workers_reached());
        require(where, "analysis.confidence_level", a.confidence_level());
        require(where, "analysis.fdr", a.fdr());
        require(where, "analysis.prior_min_groups", a.prior_min_groups());
        require(where, "analysis.prior_method", a.prior_method());
        require(where, "analysis.prior_weight", a.prior_weight());
        if (!(a.prior_weight() > 0 && a.prior_weight() <= 1)) {
            throw new ConfigException(where + ": key 'analysis.prior_weight' has value " + a.prior_weight()
                    + ", expected a share above 0 and at most 1");
        }
        atLeast(where, "analysis.audit_window_periods", a.audit_window_periods(), 1);
        atLeast(where, "analysis.min_workers_reached", a.min_workers_reached(), 1);
        openUnit(where, "analysis.confidence_level", a.confidence_level());
        openUnit(where, "analysis.fdr", a.fdr());
        atLeast(where, "analysis.prior_min_groups", a.prior_min_groups(), 2);
        AppConfig.PriorMethod method;
        try {
            method = AppConfig.PriorMethod.valueOf(a.prior_method().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": key 'analysis.prior_method' has value '" + a.prior_method()
                    + "', expected maximum_likelihood or method_of_moments", e);
        }
        RawRemediation r = a.remediation();
        require(where, "analysis.remediation", r);
        require(where, "analysis.remediation.before_periods", r.before_periods());
        require(where, "analysis.remediation.after_lag_periods", r.after_lag_periods());
        require(where, "analysis.remediation.after_periods", r.after_periods());
        require(where, "analysis.remediation.min_workers", r.min_workers());
        require(where, "analysis.remediation.alpha", r.alpha());
        atLeast(where, "analysis.remediation.before_periods", r.before_periods(), 1);
        atLeast(where, "analysis.remediation.after_lag_periods", r.after_lag_periods(), 0);
        atLeast(where, "analysis.remediation.after_periods", r.after_periods(), 1);
        atLeast(where, "analysis.remediation.min_workers", r.min_workers(), 1);
        openUnit(where, "analysis.remediation.alpha", r.alpha());
        return new AppConfig.AnalysisSettings(a.audit_window_periods(), a.min_workers_reached(), a.confidence_level(),
                a.fdr(), a.prior_min_groups(), method, a.prior_weight(), new AppConfig.RemediationSettings(r.before_periods(),
                        r.after_lag_periods(), r.after_periods(), r.min_workers(), r.alpha()));
    }

    private static void atLeast(String where, String key, int value, int min) {
        if (value < min) {
            throw new ConfigException(where + ": key '" + key + "' must be at least " + min + ", is " + value);
        }
    }

    private static void openUnit(String where, String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw new ConfigException(where + ": key '" + key + "' must be strictly between 0 and 1, is " + value);
        }
    }

    private static void unit(String where, String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(where + ": key '" + key + "' must be between 0 and 1, is " + value);
        }
    }

    private static void require(String where, String key, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ConfigException(where + ": key '" + key + "' is required");
        }
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            parts.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return String.join(".", parts);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys";
        }
        return type.getSimpleName();
    }
}
