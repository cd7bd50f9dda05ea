package org.hrdd.generate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The synthetic world: every parameter the generator uses, read from a YAML world file
 * ({@code conf/world.yaml} by default). Key order of YAML maps is kept (Jackson reads maps into
 * {@link java.util.LinkedHashMap}), so iteration over them is deterministic.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record World(
        int version,
        Periods periods,
        Headcount headcount,
        List<Country> countries,
        List<Sector> sectors,
        List<DolGood> dolGoods,
        double dolForcedLabourEffect,
        double dolChildLabourEffect,
        Map<String, ThemeParams> themes,
        Prevalence prevalence,
        WorkerVoice workerVoice,
        Map<String, Map<String, Double>> languages,
        double femaleShare,
        Agencies agencies,
        Audits audits,
        Remediation remediation,
        List<Brand> brands,
        BrandLinks brandLinks,
        Suppliers suppliers,
        Defects defects,
        Map<String, Tier> tiers) {

    public record Periods(String firstQuarter, int quarters, String exportDate) {
        public LocalDate export() {
            return LocalDate.parse(exportDate);
        }
    }

    public record Headcount(double median, double sigma, int min, int max) {}

    public record Country(
            String code,
            String name,
            double weight,
            int risk,
            double effect,
            String currency,
            double usdRate,
            String utcOffset,
            String local,
            List<Double> migrantShare,
            Map<String, Double> migrantOrigins,
            @JsonProperty("helpline_b_share") double helplineBShare,
            Map<String, Double> themeEffects,
            Map<String, Double> sectors) {}

    public record Sector(
            String id,
            int risk,
            double effect,
            double migrantFactor,
            Map<String, Double> themeEffects,
            Map<String, Double> schemes) {}

    public record DolGood(String country, String sector, boolean forcedLabour, boolean childLabour) {}

    public record ThemeParams(
            double baseline,
            double threshold,
            double severityWeight,
            double helplineReport,
            double surveyDisclosure,
            double sensitivity,
            boolean migrantLinked,
            boolean agencyLinked) {}

    public record Prevalence(
            double migrantCoefficient,
            double facilityCommonSd,
            double facilityThemeSd,
            double agencySd,
            double driftPhi,
            double driftSd) {}

    public record Consent(double aggregate, double caseSharing, double research) {}

    public record LooseName(double osIdGivenNgoA, double osIdGivenSurvey) {}

    public record WorkerVoice(
            double coveragePersistence,
            double helplineNoise,
            double surveyNoise,
            double helplineVolumeReference,
            int maxThemesPerCase,
            double groupCaseShare,
            Consent consent,
            double caseResolvedShare,
            LooseName looseName) {}

    public record Agencies(List<Integer> perFacility, int poolPerCountry) {}

    public record Audits(
            List<Integer> intervalMonths,
            double announcedShare,
            double unannouncedMultiplier,
            double repeatAuditorShare,
            double repeatAuditorMultiplier,
            double falsePositiveRate,
            double criticalShare,
            Map<String, Double> schemeFactor,
            int auditorsPerSchemeCountry) {}

    public record Monetary(String type, double share, List<Double> usdPerWorker) {}

    public record Remediation(
            double caseCapShare,
            Map<String, Map<String, Integer>> dueDays,
            double onTimeShare,
            List<Integer> lateDays,
            double effectiveShare,
            List<Double> reduction,
            List<Integer> lagQuarters,
            double workerConfirmationShare,
            Map<String, Monetary> monetary) {

        /** Due days for a scheme / helpline taxonomy and a severity word ("*" = default). */
        public int dueDays(String taxonomy, String severityWord) {
            Map<String, Integer> m = Objects.requireNonNull(dueDays.get(taxonomy), "due_days." + taxonomy);
            Integer d = severityWord == null ? null : m.get(severityWord);
            if (d == null) d = m.get("*");
            if (d == null) d = m.values().iterator().next();
            return d;
        }
    }

    public record Brand(String id, String name, double share, List<String> sectors) {}

    public record BrandLinks(double focusWeight, double startedBeforeShare, double endedShare, double moveShare) {}

    public record Suppliers(List<Integer> sites, double singleSiteShare) {}

    public record Defects(double share, Map<String, Double> kinds, double brokenQuotingFileShare) {}

    public record Tier(
            int facilities,
            double coverage,
            double surveyRoundShare,
            List<Double> surveyReach,
            List<Double> helplineReach,
            int rowsPerFile) {}

    public static ObjectMapper yamlMapper() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true);
    }

    public static World load(Path file) throws IOException {
        World w = yamlMapper().readValue(file.toFile(), World.class);
        w.validate();
        return w;
    }

    public Tier tier(String name) {
        Tier t = tiers.get(name);
        if (t == null) throw new IllegalArgumentException("unknown tier '" + name + "', world has " + tiers.keySet());
        return t;
    }

    public Country country(String code) {
        for (Country c : countries) if (c.code.equals(code)) return c;
        throw new IllegalArgumentException("unknown country " + code);
    }

    public Sector sector(String id) {
        for (Sector s : sectors) if (s.id.equals(id)) return s;
        throw new IllegalArgumentException("unknown sector " + id);
    }

    /** Fails on values that cannot work (the WORLD.md ranges are checked by the tests). */
    void validate() {
        List<String> errors = new ArrayList<>();
        if (periods.quarters < 1 || periods.quarters > 40) errors.add("periods.quarters");
        if (themes.isEmpty()) errors.add("themes");
        for (var e : themes.entrySet()) {
            ThemeParams t = e.getValue();
            if (!(t.threshold > 0 && t.threshold < 1)) errors.add("themes." + e.getKey() + ".threshold");
            if (!(t.helplineReport >= 0 && t.helplineReport <= 1))
                errors.add("themes." + e.getKey() + ".helpline_report");
            if (!(t.surveyDisclosure >= 0 && t.surveyDisclosure <= 1))
                errors.add("themes." + e.getKey() + ".survey_disclosure");
        }
        for (Country c : countries) {
            if (c.migrantShare.size() != 2) errors.add("countries." + c.code + ".migrant_share");
            if (!languages.containsKey(c.local)) errors.add("languages." + c.local);
            for (String o : c.migrantOrigins.keySet()) if (!languages.containsKey(o)) errors.add("languages." + o);
            for (String s : c.sectors.keySet()) {
                boolean found = sectors.stream().anyMatch(x -> x.id.equals(s));
                if (!found) errors.add("countries." + c.code + ".sectors." + s);
            }
        }
        for (Tier t : tiers.values()) {
            if (t.facilities < 1) errors.add("tiers.facilities");
            if (t.surveyReach.size() != 2 || t.helplineReach.size() != 2) errors.add("tiers.*_reach");
            if (t.rowsPerFile < 1000) errors.add("tiers.rows_per_file");
        }
        if (!errors.isEmpty()) throw new IllegalArgumentException("invalid world file: " + errors);
    }
}
