package org.hrdd.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The validated, immutable contents of {@code conf/application.yaml} after CLI overrides.
 *
 * @param confDir the folder the file was read from; relative paths under {@code files} resolve against it
 * @param lakehouse root of the Delta lakehouse (local path or any Hadoop file system URI)
 */
public record AppConfig(
        Path confDir,
        String lakehouse,
        SparkSettings spark,
        PeriodSettings period,
        PrivacySettings privacy,
        QualitySettings quality,
        ResolutionSettings resolution,
        AnalysisSettings analysis,
        ConfFiles files,
        PipelineSettings pipeline) {

    /** Spark master and extra Spark settings (applied to the embedded or submitted session). */
    public record SparkSettings(String master, Map<String, String> settings) {
        public SparkSettings {
            settings = Map.copyOf(settings);
        }
    }

    /** Period granularity of analysis and reporting. */
    public record PeriodSettings(Granularity granularity) {}

    public enum Granularity {
        MONTH,
        QUARTER,
        HALF_YEAR,
        YEAR
    }

    /**
     * @param kThreshold smallest number of distinct workers a published cell may rest on
     * @param pseudonymKeyFile key file for HMAC pseudonyms (else env HRDD_PSEUDONYM_KEY); may be null
     */
    public record PrivacySettings(int kThreshold, String pseudonymKeyFile) {}

    /** @param maxQuarantineShare a source whose quarantined share exceeds this stops the run (exit 3) */
    public record QualitySettings(double maxQuarantineShare) {}

    /**
     * Facility resolution.
     *
     * @param fuzzyThreshold lowest name similarity accepted as a fuzzy match
     * @param minMargin how much closer the best facility must be than the next one
     * @param reviewBelow fuzzy matches below this confidence are listed by {@code hrdd facilities review}
     */
    public record ResolutionSettings(double fuzzyThreshold, double minMargin, double reviewBelow) {}

    /**
     * Corroboration analysis ({@code hrdd analyse}).
     *
     * @param auditWindowPeriods audits count for a cell when they fall in its period or the periods before it, this
     *                           many periods in all
     * @param minWorkersReached below this many distinct workers reached, a cell is INSUFFICIENT_DATA
     * @param confidenceLevel level of every interval
     * @param fdr false discovery rate of worker-elevated cells (Benjamini-Hochberg per period)
     * @param priorMinGroups a country x sector prior is fitted only from at least this many cells with workers,
     *                       else the theme-wide prior is used, else the configured one
     * @param priorMethod how priors are fitted
     * @param priorWeight the share of a fitted prior's strength a cell's posterior uses (see application.yaml)
     * @param remediation windows and thresholds of the remediation-effectiveness test
     */
    public record AnalysisSettings(
            int auditWindowPeriods,
            int minWorkersReached,
            double confidenceLevel,
            double fdr,
            int priorMinGroups,
            PriorMethod priorMethod,
            double priorWeight,
            RemediationSettings remediation) {}

    public enum PriorMethod {
        MAXIMUM_LIKELIHOOD,
        METHOD_OF_MOMENTS
    }

    /**
     * @param beforePeriods periods just before the one the CAP opened in that form the "before" rate
     * @param afterLagPeriods the "after" window starts this many periods after the CAP closed
     * @param afterPeriods length of the "after" window, in periods
     * @param minWorkers fewest workers reached in each window for a test; else INCONCLUSIVE
     * @param alpha significance level of the before/after test
     */
    public record RemediationSettings(
            int beforePeriods, int afterLagPeriods, int afterPeriods, int minWorkers, double alpha) {}

    /**
     * {@code hrdd run}: the pipeline spec (relative to the conf folder) and, for testing recovery only, a step whose start
     * fails ({@code null} in production).
     */
    public record PipelineSettings(String spec, String failAtStep) {
        public static final PipelineSettings DEFAULT = new PipelineSettings("../pipelines/pipeline.yaml", null);
    }

    /** Other configuration files, relative to the conf folder. */
    public record ConfFiles(
            String sources,
            String taxonomy,
            String world,
            String riskModel,
            String indicators,
            String watchlist,
            String priors,
            String fxRates,
            String facilityOverrides) {}

    /** Resolves a path from {@code files.*} against the conf folder and checks that it exists. */
    public Path confPath(String key, String relative) {
        Path p = confDir.resolve(relative).normalize();
        if (!Files.exists(p)) {
            throw new ConfigException(confDir.resolve(ConfigLoader.FILE_NAME) + ": files." + key + " points to " + p
                    + ", which does not exist");
        }
        return p;
    }

    public Path sourcesDir() {
        return confPath("sources", files.sources());
    }

    public Path taxonomyDir() {
        return confPath("taxonomy", files.taxonomy());
    }

    public Path worldFile() {
        return confPath("world", files.world());
    }

    public Path fxRatesFile() {
        return confPath("fx_rates", files.fxRates());
    }

    public Path priorsDir() {
        return confPath("priors", files.priors());
    }

    /** The risk model ({@code files.risk_model}). */
    public Path riskModelFile() {
        return confPath("risk_model", files.riskModel());
    }

    /** The indicator catalogue ({@code files.indicators}). */
    public Path indicatorsFile() {
        return confPath("indicators", files.indicators());
    }

    /** The watchlist rules ({@code files.watchlist}). */
    public Path watchlistFile() {
        return confPath("watchlist", files.watchlist());
    }

    /**
     * Every file and folder {@code files.*} names that exists (they may lie outside the conf folder), for a
     * configuration hash that sees a change wherever it is made. A missing one is left out rather than an error, unlike
     * the accessors: recording a run must not fail over a file that run did not need.
     */
    public List<Path> configuredFiles() {
        return java.util.stream.Stream.of(
                        files.sources(),
                        files.taxonomy(),
                        files.world(),
                        files.riskModel(),
                        files.indicators(),
                        files.watchlist(),
                        files.priors(),
                        files.fxRates(),
                        files.facilityOverrides())
                .map(f -> confDir.resolve(f).normalize())
                .filter(Files::exists)
                .toList();
    }

    public Path facilityOverridesFile() {
        return confPath("facility_overrides", files.facilityOverrides());
    }

    /** The pipeline spec file ({@code pipeline.spec}, relative to the conf folder). */
    public Path pipelineSpec() {
        return confPath("pipeline.spec", pipeline.spec());
    }

    public AppConfig withLakehouse(String newLakehouse) {
        return new AppConfig(
                confDir, newLakehouse, spark, period, privacy, quality, resolution, analysis, files, pipeline);
    }

    public AppConfig withSpark(SparkSettings newSpark) {
        return new AppConfig(
                confDir, lakehouse, newSpark, period, privacy, quality, resolution, analysis, files, pipeline);
    }
}
