package org.hrdd.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Draws a world file inside WORLD.md's ranges from a base world (the default one) and a sample number, so that the
 * analysis is checked on worlds it was not tuned to. Each group of knobs (worker-voice coverage and reach, helpline
 * reporting, survey disclosure, audit detection, noise, remediation, facility naming, prevalence) is either drawn
 * uniformly inside its range or put at the range's hard end; sample 1 is the hard corner of every group at once
 * (coverage 20 %, helpline reporting 2–5 %, survey disclosure 40–55 %, audit sensitivity at the low end, most noise,
 * fewest OS ids), the others put each group at its hard end with probability {@link #HARD_SHARE}. Themes keep their
 * place inside the range up to a ±10 % jitter (sensitive themes stay reported and detected less than money themes;
 * themes close together may swap).
 * Periods, countries, sectors, brands and defects stay as in the base. Evaluation code only: the pipeline never reads a
 * world file.
 */
public final class WorldSampler {

    /** Chance that a group of knobs sits at its hard end in samples other than 1. */
    static final double HARD_SHARE = 0.3;

    /** WORLD.md's detection ranges at a high-risk level, per theme it names. */
    static final Map<String, double[]> SENSITIVITY_RANGES = Map.of(
            "recruitment_fees", new double[] {0.10, 0.35},
            "retention_of_identity_documents", new double[] {0.15, 0.40},
            "intimidation_threats", new double[] {0.10, 0.30},
            "discrimination_harassment", new double[] {0.10, 0.30},
            "restriction_of_movement", new double[] {0.10, 0.30},
            "wages_benefits", new double[] {0.30, 0.60},
            "withholding_of_wages", new double[] {0.30, 0.60},
            "excessive_overtime", new double[] {0.40, 0.70},
            "health_safety", new double[] {0.60, 0.90});

    private WorldSampler() {}

    /** The sampled world as a YAML tree (a copy; the base is not changed). */
    public static ObjectNode sample(ObjectNode base, long sample) {
        if (sample < 1) {
            throw new IllegalArgumentException("--world-sample " + sample + ": a sample number is 1 or more");
        }
        ObjectNode world = base.deepCopy();
        Rng rng = new Rng(Ids.mix(0x57AB1E5L, sample, 0));
        boolean allHard = sample == 1;
        coverageAndReach(world, hard(rng, allHard), rng);
        helplineReporting(world, hard(rng, allHard), rng);
        surveyDisclosure(world, hard(rng, allHard), rng);
        auditDetection(world, hard(rng, allHard), rng);
        noise(world, hard(rng, allHard), rng);
        remediation(world, hard(rng, allHard), rng);
        naming(world, hard(rng, allHard), rng);
        prevalence(world, rng);
        return world;
    }

    /** Writes the sampled world file for {@link World#load}. */
    public static void write(Path baseFile, long sample, Path out) throws IOException {
        ObjectNode base = (ObjectNode) World.yamlMapper().readTree(baseFile.toFile());
        Files.createDirectories(out.toAbsolutePath().getParent());
        World.yamlMapper().writeValue(out.toFile(), sample(base, sample));
        World.load(out);
    }

    private static boolean hard(Rng rng, boolean allHard) {
        boolean drawn = rng.chance(HARD_SHARE);
        return allHard || drawn;
    }

    private static void coverageAndReach(ObjectNode world, boolean hard, Rng rng) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj(world, "tiers").fields(); it.hasNext(); ) {
            ObjectNode t = (ObjectNode) it.next().getValue();
            t.put("coverage", hard ? 0.20 : round(rng.uniform(0.20, 0.70)));
            double hLo = hard ? 0.005 : rng.uniform(0.005, 0.030);
            double hHi = hard ? 0.012 : Math.min(0.05, hLo + rng.uniform(0.005, 0.020));
            pair(t, "helpline_reach", hLo, hHi);
            double sLo = hard ? 0.05 : rng.uniform(0.05, 0.20);
            double sHi = hard ? 0.09 : Math.min(0.30, sLo + rng.uniform(0.03, 0.12));
            pair(t, "survey_reach", sLo, sHi);
            t.put("survey_round_share", hard ? 0.30 : round(rng.uniform(0.30, 0.90)));
        }
    }

    /** WORLD: helpline reporting given affected 2–15 %, lower for sensitive themes; the hard end is 2–5 %. */
    private static void helplineReporting(ObjectNode world, boolean hard, Rng rng) {
        rescale(world, "helpline_report", 0.02, 0.15, hard ? 0.05 : rng.uniform(0.06, 0.15), rng);
    }

    /** WORLD: survey disclosure 40–80 %, lower for sensitive themes; the hard end is 40–55 %. */
    private static void surveyDisclosure(ObjectNode world, boolean hard, Rng rng) {
        rescale(world, "survey_disclosure", 0.40, 0.80, hard ? 0.55 : rng.uniform(0.60, 0.80), rng);
    }

    /**
     * Keeps each theme's place between the range's low end and the highest theme, with the highest theme moved to
     * {@code top}: the ordering of themes survives, the level moves.
     */
    private static void rescale(ObjectNode world, String field, double lo, double hi, double top, Rng rng) {
        top = Math.floor(top * 100) / 100;
        ObjectNode themes = obj(world, "themes");
        double max = lo;
        for (JsonNode t : themes) {
            max = Math.max(max, t.get(field).asDouble());
        }
        for (JsonNode t : themes) {
            double place = max == lo ? 1 : (t.get(field).asDouble() - lo) / (max - lo);
            double v = lo + place * (top - lo) * rng.uniform(0.9, 1.1);
            ((ObjectNode) t).put(field, round(clamp(v, lo, Math.min(hi, top))));
        }
    }

    /**
     * Audit sensitivity inside WORLD.md's range for every scheme factor (so a theme's detection stays in range on
     * every scheme), at one place u in the range shared by all themes (low end when hard); themes WORLD.md gives no
     * range for move by the same share of their own level. Also the announced share, the unannounced uplift and the
     * false-positive rate.
     */
    private static void auditDetection(ObjectNode world, boolean hard, Rng rng) {
        ObjectNode audits = obj(world, "audits");
        double minFactor = Double.MAX_VALUE;
        double maxFactor = 0;
        for (JsonNode f : audits.get("scheme_factor")) {
            minFactor = Math.min(minFactor, f.asDouble());
            maxFactor = Math.max(maxFactor, f.asDouble());
        }
        double u = hard ? 0.0 : rng.uniform(0.0, 1.0);
        double shift = 0;
        int n = 0;
        ObjectNode themes = obj(world, "themes");
        for (Iterator<Map.Entry<String, JsonNode>> it = themes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] range = SENSITIVITY_RANGES.get(e.getKey());
            if (range != null) {
                double a = range[0] / minFactor;
                double b = range[1] / maxFactor;
                double old = e.getValue().get("sensitivity").asDouble();
                double v = round3(a + u * (b - a));
                // rounding must not leave the range on the extreme scheme factors
                v = Math.max(v, Math.ceil(a * 1000) / 1000);
                v = Math.min(v, Math.floor(b * 1000) / 1000);
                ((ObjectNode) e.getValue()).put("sensitivity", v);
                shift += v / old;
                n++;
            }
        }
        double ratio = shift / n;
        for (Iterator<Map.Entry<String, JsonNode>> it = themes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!SENSITIVITY_RANGES.containsKey(e.getKey())) {
                ObjectNode t = (ObjectNode) e.getValue();
                t.put("sensitivity", round3(clamp(t.get("sensitivity").asDouble() * ratio, 0.05, 0.95)));
            }
        }
        audits.put("announced_share", hard ? 0.90 : round(rng.uniform(0.70, 0.90)));
        audits.put("unannounced_multiplier", hard ? 1.20 : round(rng.uniform(1.20, 1.50)));
        audits.put("false_positive_rate", hard ? 0.05 : round3(rng.uniform(0.02, 0.05)));
    }

    /** WORLD: 0.5–2 % of contacts report a theme that is not present. */
    private static void noise(ObjectNode world, boolean hard, Rng rng) {
        ObjectNode v = obj(world, "worker_voice");
        v.put("helpline_noise", hard ? 0.02 : round3(rng.uniform(0.005, 0.02)));
        v.put("survey_noise", hard ? 0.02 : round3(rng.uniform(0.005, 0.02)));
    }

    /** WORLD: CAPs from 30–70 % of cases, 40–70 % on time, 40–70 % effective, worker confirmation for 10–40 %. */
    private static void remediation(ObjectNode world, boolean hard, Rng rng) {
        ObjectNode m = obj(world, "remediation");
        m.put("case_cap_share", hard ? 0.30 : round(rng.uniform(0.30, 0.70)));
        m.put("on_time_share", hard ? 0.40 : round(rng.uniform(0.40, 0.70)));
        m.put("effective_share", hard ? 0.40 : round(rng.uniform(0.40, 0.70)));
        m.put("worker_confirmation_share", hard ? 0.10 : round(rng.uniform(0.10, 0.40)));
    }

    /** Fewer OS ids given with a case or survey response: more references resolved by name alone. */
    private static void naming(ObjectNode world, boolean hard, Rng rng) {
        ObjectNode n = obj(obj(world, "worker_voice"), "loose_name");
        n.put("os_id_given_ngo_a", hard ? 0.10 : round(rng.uniform(0.10, 0.60)));
        n.put("os_id_given_survey", hard ? 0.50 : round(rng.uniform(0.50, 0.95)));
    }

    /** Theme levels and the spread between facilities move a little, inside WORLD.md's typical ranges. */
    private static void prevalence(ObjectNode world, Rng rng) {
        for (JsonNode t : obj(world, "themes")) {
            ((ObjectNode) t).put("baseline", round(t.get("baseline").asDouble() + rng.uniform(-0.25, 0.25)));
        }
        ObjectNode p = obj(world, "prevalence");
        for (String k : List.of("facility_common_sd", "facility_theme_sd", "agency_sd")) {
            p.put(k, round(p.get(k).asDouble() * rng.uniform(0.8, 1.2)));
        }
    }

    private static ObjectNode obj(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException("world file: '" + field + "' is not a map");
        }
        return o;
    }

    private static void pair(ObjectNode t, String field, double lo, double hi) {
        t.putArray(field).add(round3(lo)).add(round3(hi));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
