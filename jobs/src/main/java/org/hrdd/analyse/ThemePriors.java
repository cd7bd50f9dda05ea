package org.hrdd.analyse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hrdd.config.ConfigException;

/**
 * {@code conf/priors/themes.yaml}: the risk policy (high-risk prevalence threshold per theme) and the published
 * reporting priors the analysis needs to read worker reports as prevalence.
 *
 * @param surveyNoise share of survey answers adverse although the issue is absent
 * @param helplineRelativeReporting helpline case rate ÷ survey rate before calibration on the data
 * @param helplineCalibrationStrength pseudo-cases behind that starting value
 * @param fallbackPriorStrength pseudo-workers behind the configured shrinkage prior
 */
public record ThemePriors(
        int version,
        double surveyNoise,
        double helplineRelativeReporting,
        double helplineCalibrationStrength,
        double fallbackPriorStrength,
        Map<String, Theme> themes)
        implements java.io.Serializable {

    public static final String FILE_NAME = "themes.yaml";

    /**
     * @param highRiskThreshold share of workers affected above which the theme is high risk in a cell (policy)
     * @param surveyDisclosure share of affected workers who disclose it in a survey
     * @param typicalPrevalence typical share affected (only for the configured fallback prior)
     */
    public record Theme(double highRiskThreshold, double surveyDisclosure, double typicalPrevalence)
            implements java.io.Serializable {}

    public ThemePriors {
        themes = Map.copyOf(themes);
    }

    public Theme theme(String id) {
        Theme t = themes.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no prior for theme " + id);
        }
        return t;
    }

    /** Mean survey rate at prevalence {@code p}: {@code p·disclosure + (1 − p)·noise}. */
    public double surveyRate(String theme, double p) {
        return p * theme(theme).surveyDisclosure() + (1 - p) * surveyNoise;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    record RawTheme(Double high_risk_threshold, Double survey_disclosure, Double typical_prevalence) {}

    record Raw(
            Integer version,
            Double survey_noise,
            Double helpline_relative_reporting,
            Double helpline_calibration_strength,
            Double fallback_prior_strength,
            Map<String, RawTheme> themes) {}

    /** Loads and validates the file; every theme in {@code requiredThemes} must have an entry. */
    public static ThemePriors load(Path priorsDir, Set<String> requiredThemes) {
        Path file = priorsDir.resolve(FILE_NAME);
        Raw raw;
        try {
            raw = YAML.readValue(file.toFile(), Raw.class);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
        if (raw == null
                || raw.version() == null
                || raw.survey_noise() == null
                || raw.helpline_relative_reporting() == null
                || raw.helpline_calibration_strength() == null
                || raw.fallback_prior_strength() == null
                || raw.themes() == null) {
            throw new ConfigException(file + ": needs version, survey_noise, helpline_relative_reporting, "
                    + "helpline_calibration_strength, fallback_prior_strength and themes");
        }
        rate(file, "survey_noise", raw.survey_noise());
        positive(file, "helpline_relative_reporting", raw.helpline_relative_reporting());
        positive(file, "helpline_calibration_strength", raw.helpline_calibration_strength());
        positive(file, "fallback_prior_strength", raw.fallback_prior_strength());
        Set<String> missing = new TreeSet<>(requiredThemes);
        missing.removeAll(raw.themes().keySet());
        if (!missing.isEmpty()) {
            throw new ConfigException(file + ": no entry for themes " + missing);
        }
        Map<String, Theme> themes = new LinkedHashMap<>();
        raw.themes().forEach((id, t) -> {
            String at = "themes." + id;
            if (t == null
                    || t.high_risk_threshold() == null
                    || t.survey_disclosure() == null
                    || t.typical_prevalence() == null) {
                throw new ConfigException(
                        file + ": " + at + " needs high_risk_threshold, survey_disclosure and " + "typical_prevalence");
            }
            rate(file, at + ".high_risk_threshold", t.high_risk_threshold());
            rate(file, at + ".typical_prevalence", t.typical_prevalence());
            rate(file, at + ".survey_disclosure", t.survey_disclosure());
            if (t.survey_disclosure() <= raw.survey_noise()) {
                throw new ConfigException(file + ": " + at + ".survey_disclosure must exceed survey_noise");
            }
            themes.put(id, new Theme(t.high_risk_threshold(), t.survey_disclosure(), t.typical_prevalence()));
        });
        return new ThemePriors(
                raw.version(),
                raw.survey_noise(),
                raw.helpline_relative_reporting(),
                raw.helpline_calibration_strength(),
                raw.fallback_prior_strength(),
                themes);
    }

    private static void rate(Path file, String key, double v) {
        if (!(v > 0 && v < 1)) {
            throw new ConfigException(file + ": " + key + " must be strictly between 0 and 1, is " + v);
        }
    }

    private static void positive(Path file, String key, double v) {
        if (!(v > 0)) {
            throw new ConfigException(file + ": " + key + " must be positive, is " + v);
        }
    }
}
