package org.hrdd.score;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * From themes to a facility's score, and from facilities to a supplier's. Pure Java.
 *
 * <p>Facility: {@code B = Σ_theme severity × likelihood}, the expected severity-weighted share of workers affected;
 * {@code score = 100 · (1 − exp(−B / reference_burden))}, which rises with every theme's severity and likelihood and
 * saturates at 100. Each theme × evidence type contributes {@code score · severity · Δlikelihood / B}, so the
 * contributions add up to the score exactly; the inherent prior's are reported as one sum, the drivers are the largest
 * of the others. Confidence is the severity-weighted mean of the themes' confidence. A facility with fewer than the
 * minimum workers reached (decayed over the history) is not covered.
 *
 * <p>Supplier: the headcount-weighted mean of its facilities' scores and contributions (so they add up too) and
 * confidence; covered when at least half its headcount is.
 *
 * <p>Tiers are not set here: they are calibrated per period over all facilities ({@link TierCalibration}), which also
 * keeps an uncovered facility or supplier at least in the configured tier (missing data never makes it {@code low}).
 */
public final class FacilityScore {

    public static final String PRIOR = "inherent_prior";
    public static final String WORKER_VOICE = "worker_voice";
    public static final String AUDIT = "audit";
    public static final String REMEDIATION = "remediation";
    public static final String THIRD_PARTY_GRIEVANCE = "third_party_grievance";
    public static final String COVERAGE_GAP = "coverage_gap";
    public static final List<String> EVIDENCE_TYPES =
            List.of(PRIOR, WORKER_VOICE, AUDIT, REMEDIATION, THIRD_PARTY_GRIEVANCE, COVERAGE_GAP);

    private FacilityScore() {}

    /** A scored theme of a facility. */
    public record ThemeRisk(String theme, CellRisk.Result risk) implements Serializable {}

    /** What one theme × evidence type adds to a score (negative when the evidence lowered it). */
    public record Contribution(String theme, String evidence, double value) implements Serializable {}

    /**
     * A score with its decomposition.
     *
     * @param contributions every theme × evidence type, summing to {@code score}
     * @param covered enough workers reached (facility) or at least half the headcount covered (supplier)
     */
    public record Scored(
            double burden, double score, List<Contribution> contributions, double confidence, boolean covered)
            implements Serializable {
        public Scored {
            contributions = List.copyOf(contributions);
        }

        /** Points from the inherent prior, summed over the themes (where the facility is, before any evidence). */
        public double inherent() {
            return contributions.stream()
                    .filter(c -> c.evidence().equals(PRIOR))
                    .mapToDouble(Contribution::value)
                    .sum();
        }

        /**
         * The drivers: the largest contributions of evidence (worker voice, audit, remediation, third-party
         * grievances, coverage gap) on one
         * theme, largest first (ties by theme and evidence type, for a stable order). The inherent prior is reported
         * as one sum ({@link #inherent()}): on its own it would lead every list, since most of a score is where the
         * facility is, and say nothing about what the evidence shows.
         */
        public List<Contribution> top(int k) {
            List<Contribution> sorted = new ArrayList<>(contributions.stream()
                    .filter(c -> !c.evidence().equals(PRIOR))
                    .toList());
            sorted.sort(Comparator.comparingDouble((Contribution c) -> -c.value())
                    .thenComparing(Contribution::theme)
                    .thenComparing(Contribution::evidence));
            return sorted.subList(0, Math.min(k, sorted.size()));
        }
    }

    public static Scored facility(List<ThemeRisk> themes, double effectiveWorkers, double minWorkers, RiskModel model) {
        double burden = 0;
        double weights = 0;
        double confidence = 0;
        for (ThemeRisk t : themes) {
            burden += t.risk().severity() * t.risk().likelihood();
            weights += t.risk().severity();
            confidence += t.risk().severity() * t.risk().confidence();
        }
        double score = 100 * (1 - Math.exp(-burden / model.score().referenceBurden()));
        double scale = burden > 0 ? score / burden : 0;
        List<Contribution> contributions = new ArrayList<>();
        for (ThemeRisk t : themes) {
            CellRisk.Result r = t.risk();
            double[] deltas = {
                r.prior(), r.workerVoice(), r.audit(), r.remediation(), r.thirdPartyGrievance(), r.coverageGap()
            };
            for (int i = 0; i < deltas.length; i++) {
                contributions.add(new Contribution(t.theme(), EVIDENCE_TYPES.get(i), scale * r.severity() * deltas[i]));
            }
        }
        return new Scored(
                burden, score, contributions, weights > 0 ? confidence / weights : 0, effectiveWorkers >= minWorkers);
    }

    /** A facility's score as a supplier aggregates it. */
    public record Member(double headcount, Scored scored) implements Serializable {}

    public static Scored supplier(List<Member> facilities) {
        double total = 0;
        double covered = 0;
        for (Member m : facilities) {
            total += weight(m);
            covered += m.scored().covered() ? weight(m) : 0;
        }
        double burden = 0;
        double score = 0;
        double confidence = 0;
        java.util.Map<String, Double> sums = new java.util.TreeMap<>();
        for (Member m : facilities) {
            double w = weight(m) / total;
            burden += w * m.scored().burden();
            score += w * m.scored().score();
            confidence += w * m.scored().confidence();
            for (Contribution c : m.scored().contributions()) {
                sums.merge(c.theme() + "\u0000" + c.evidence(), w * c.value(), Double::sum);
            }
        }
        List<Contribution> contributions = new ArrayList<>();
        sums.forEach((k, v) -> {
            String[] parts = k.split("\u0000", 2);
            contributions.add(new Contribution(parts[0], parts[1], v));
        });
        return new Scored(burden, score, contributions, confidence, covered >= 0.5 * total);
    }

    /** Headcount as the weight; a facility without one counts as one worker, not zero. */
    private static double weight(Member m) {
        return Math.max(1, m.headcount());
    }
}
