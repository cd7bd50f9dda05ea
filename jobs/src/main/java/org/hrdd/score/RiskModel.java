package org.hrdd.score;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hrdd.config.YamlTree;

/**
 * {@code conf/risk-model.yaml}: every weight, threshold and prior of the risk score, with its version. Immutable and
 * serialisable (the score's per-cell functions run on executors).
 */
public record RiskModel(
        String version,
        History history,
        Prior prior,
        Audit audit,
        Remediation remediation,
        ThirdPartyGrievance thirdPartyGrievance,
        CoverageGap coverageGap,
        Severity severity,
        Score score,
        Confidence confidence)
        implements Serializable {

    public static final String FILE_NAME = "risk-model.yaml";

    /** Worker evidence of earlier periods counts with weight {@code decay^age}, up to {@code periods} back. */
    public record History(int periods, double decay) implements Serializable {}

    public record Prior(
            double strength,
            double indexCoefficient,
            double indexReference,
            double goodsCoefficient,
            double peerStrength,
            double calibrationCells,
            Set<String> forcedLabourGoodsThemes,
            Set<String> childLabourGoodsThemes)
            implements Serializable {
        public Prior {
            forcedLabourGoodsThemes = Set.copyOf(forcedLabourGoodsThemes);
            childLabourGoodsThemes = Set.copyOf(childLabourGoodsThemes);
        }
    }

    public record Audit(
            double defaultSensitivity, double defaultFalsePositiveRate, double priorCells, double unannouncedMultiplier)
            implements Serializable {}

    public record Remediation(double overdueOddsRatio, double notEffectiveOddsRatio, double effectiveOddsRatio)
            implements Serializable {}

    /**
     * Third-party grievances on a facility × theme: each multiplies the likelihood's odds by {@code oddsRatio} (earlier
     * periods' weighted by the history's decay), up to {@code maxOddsRatio} in all.
     */
    public record ThirdPartyGrievance(double oddsRatio, double maxOddsRatio) implements Serializable {}

    public record CoverageGap(double sdLoading, Tier uncoveredMinTier) implements Serializable {}

    /** Scale, scope and irremediable character of a theme, each 1..5. */
    public record ThemeSeverity(int scale, int scope, int irremediable) implements Serializable {
        public double base() {
            return (scale + scope + irremediable) / 15.0;
        }
    }

    public record Severity(
            double criticalFindingUplift,
            double repeatUplift,
            double workersAffectedUplift,
            double workersAffectedThreshold,
            Map<String, ThemeSeverity> themes)
            implements Serializable {
        public Severity {
            themes = Map.copyOf(themes);
        }

        public ThemeSeverity theme(String id) {
            ThemeSeverity t = themes.get(id);
            if (t == null) {
                throw new IllegalArgumentException("no severity for theme " + id);
            }
            return t;
        }
    }

    /**
     * @param themeCorrelation how a facility's themes' likelihoods move together, for the spread of its burden in the
     *                         tier calibration ({@link TierCalibration}): 0 independent, 1 fully correlated
     */
    public record Score(
            double referenceBurden,
            double critical,
            double high,
            double medium,
            double trendThreshold,
            int topDrivers,
            double themeCorrelation)
            implements Serializable {

        /** The scores the critical, high and medium tiers stand for, highest first. */
        public double[] tierScores() {
            return new double[] {critical, high, medium};
        }

        /** The burden at which the score reaches {@code score}: the inverse of 100 · (1 − exp(−B / reference)). */
        public double burdenAt(double score) {
            return -referenceBurden * Math.log(1 - score / 100);
        }
    }

    public record Confidence(double high, double medium) implements Serializable {}

    /** Tiers from lowest to highest. */
    public enum Tier {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** This tier, or {@code floor} when not covered and this is below it: missing worker voice is never low risk. */
        public Tier atLeast(Tier floor, boolean covered) {
            return !covered && compareTo(floor) < 0 ? floor : this;
        }

        static Tier parse(YamlTree t, String key) {
            String v = t.string(key);
            for (Tier tier : values()) {
                if (tier.label().equals(v)) {
                    return tier;
                }
            }
            throw t.error(key, "must be one of low, medium, high, critical, is " + v);
        }
    }

    public String confidenceLevel(double confidence) {
        if (confidence >= this.confidence.high()) {
            return "high";
        }
        return confidence >= this.confidence.medium() ? "medium" : "low";
    }

    /**
     * Loads and validates the model file ({@code files.risk_model}, {@link #FILE_NAME} in the conf folder as shipped);
     * every theme in {@code requiredThemes} needs a severity.
     */
    public static RiskModel load(Path file, Set<String> requiredThemes) {
        YamlTree root = YamlTree.load(file);
        String version = root.string("version");

        YamlTree h = root.child("history");
        History history = new History(h.integer("periods", 0, 12), h.number("decay", 0, 1));
        h.done();

        YamlTree p = root.child("prior");
        Prior prior = new Prior(
                p.number("strength", 0.1, 1e4),
                p.number("index_coefficient", -2, 2),
                p.number("index_reference", 0, 12),
                p.number("goods_coefficient", -2, 2),
                p.number("peer_strength", 0, 1e4),
                p.number("calibration_cells", 0, 1e6),
                themes(p, "forced_labour_goods_themes", requiredThemes),
                themes(p, "child_labour_goods_themes", requiredThemes));
        p.done();

        YamlTree a = root.child("audit");
        Audit audit = new Audit(
                a.number("default_sensitivity", 0.001, 0.999),
                a.number("default_false_positive_rate", 0.0001, 0.5),
                a.number("prior_cells", 0, 1e6),
                a.number("unannounced_multiplier", 0.1, 10));
        a.done();
        if (audit.defaultSensitivity() <= audit.defaultFalsePositiveRate()) {
            throw a.error("default_sensitivity", "must exceed default_false_positive_rate");
        }

        YamlTree r = root.child("remediation");
        Remediation remediation = new Remediation(
                r.number("overdue_odds_ratio", 1, 100),
                r.number("not_effective_odds_ratio", 1, 100),
                r.number("effective_odds_ratio", 0.01, 1));
        r.done();

        YamlTree tp = root.child("third_party_grievance");
        ThirdPartyGrievance thirdParty =
                new ThirdPartyGrievance(tp.number("odds_ratio", 1, 100), tp.number("max_odds_ratio", 1, 1000));
        tp.done();
        if (thirdParty.maxOddsRatio() < thirdParty.oddsRatio()) {
            throw tp.error("max_odds_ratio", "must be at least odds_ratio");
        }

        YamlTree g = root.child("coverage_gap");
        CoverageGap gap = new CoverageGap(g.number("sd_loading", 0, 10), Tier.parse(g, "uncovered_min_tier"));
        g.done();

        YamlTree s = root.child("severity");
        Map<String, ThemeSeverity> sev = new LinkedHashMap<>();
        s.children("themes").forEach((id, t) -> {
            sev.put(
                    id,
                    new ThemeSeverity(
                            t.integer("scale", 1, 5), t.integer("scope", 1, 5), t.integer("irremediable", 1, 5)));
            t.done();
        });
        Set<String> missing = new TreeSet<>(requiredThemes);
        missing.removeAll(sev.keySet());
        if (!missing.isEmpty()) {
            throw s.error("themes", "has no entry for " + missing);
        }
        Set<String> unknown = new TreeSet<>(sev.keySet());
        unknown.removeAll(requiredThemes);
        if (!unknown.isEmpty()) {
            throw s.error("themes", "names themes the taxonomy does not have: " + unknown);
        }
        Severity severity = new Severity(
                s.number("critical_finding_uplift", 0, 5),
                s.number("repeat_uplift", 0, 5),
                s.number("workers_affected_uplift", 0, 5),
                s.number("workers_affected_threshold", 0, 1e7),
                sev);
        s.done();

        YamlTree sc = root.child("score");
        YamlTree tiers = sc.child("tiers");
        Score score = new Score(
                sc.number("reference_burden", 1e-6, 1e6),
                tiers.number("critical", 0, 100),
                tiers.number("high", 0, 100),
                tiers.number("medium", 0, 100),
                sc.number("trend_threshold", 0, 100),
                sc.integer("top_drivers", 1, 10),
                sc.number("theme_correlation", 0, 1));
        tiers.done();
        sc.done();
        if (!(score.critical() > score.high() && score.high() > score.medium())) {
            throw sc.error("tiers", "must satisfy critical > high > medium");
        }

        YamlTree c = root.child("confidence");
        YamlTree levels = c.child("levels");
        Confidence confidence = new Confidence(levels.number("high", 0, 1), levels.number("medium", 0, 1));
        levels.done();
        c.done();
        if (!(confidence.high() > confidence.medium())) {
            throw c.error("levels", "must satisfy high > medium");
        }
        root.done();
        return new RiskModel(version, history, prior, audit, remediation, thirdParty, gap, severity, score, confidence);
    }

    private static Set<String> themes(YamlTree t, String key, Set<String> known) {
        List<String> list = t.strings(key);
        Set<String> unknown = new TreeSet<>(list);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw t.error(key, "names themes the taxonomy does not have: " + unknown);
        }
        return Set.copyOf(list);
    }
}
