package org.hrdd.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default world file, and every world drawn from it by {@link WorldSampler}, stay inside the ranges of WORLD.md. */
class WorldRangesTest {

    static final Path DEFAULT = Exported.repoRoot().resolve("conf/world.yaml");

    World w;

    WorldRangesTest() throws IOException {
        w = World.load(DEFAULT);
    }

    /** The checks below on worlds sampled from the default one, the hard corner (sample 1) included. */
    @Nested
    class Sampled {

        @TempDir
        Path dir;

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
        void everySampledWorldIsInsideTheRanges(long sample) throws IOException {
            Path file = dir.resolve("world-" + sample + ".yaml");
            WorldSampler.write(DEFAULT, sample, file);
            w = World.load(file);
            structureAndPeriods();
            workerVoiceRanges();
            auditRanges();
            remediationRanges();
        }

        @Test
        void theHardCornerSitsAtTheHardEndOfEveryRange() throws IOException {
            Path file = dir.resolve("world-1.yaml");
            WorldSampler.write(DEFAULT, 1, file);
            World h = World.load(file);
            for (World.Tier t : h.tiers().values()) {
                assertThat(t.coverage()).isEqualTo(0.20);
            }
            for (var e : h.themes().entrySet()) {
                assertThat(e.getValue().helplineReport()).as(e.getKey()).isBetween(0.02, 0.05);
                assertThat(e.getValue().surveyDisclosure()).as(e.getKey()).isBetween(0.40, 0.55);
            }
            // detection at the low end of WORLD.md's range on the weakest scheme
            double weakest = h.audits().schemeFactor().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElseThrow();
            assertThat(h.themes().get("health_safety").sensitivity() * weakest).isBetween(0.60, 0.61);
            assertThat(h.themes().get("recruitment_fees").sensitivity() * weakest)
                    .isBetween(0.10, 0.11);
            assertThat(h.remediation().workerConfirmationShare()).isEqualTo(0.10);
            assertThat(h.workerVoice().looseName().osIdGivenNgoA())
                    .isLessThan(w.workerVoice().looseName().osIdGivenNgoA());
        }

        @Test
        void samplesDifferAndTheSameSampleIsTheSameFile() throws IOException {
            Path a = dir.resolve("a.yaml");
            Path b = dir.resolve("b.yaml");
            Path c = dir.resolve("c.yaml");
            WorldSampler.write(DEFAULT, 3, a);
            WorldSampler.write(DEFAULT, 3, b);
            WorldSampler.write(DEFAULT, 4, c);
            assertThat(Files.readString(a)).isEqualTo(Files.readString(b)).isNotEqualTo(Files.readString(c));
            ObjectNode base = (ObjectNode) World.yamlMapper().readTree(DEFAULT.toFile());
            assertThat(WorldSampler.sample(base, 3)).isNotEqualTo(base);
            assertThat(base).isEqualTo(World.yamlMapper().readTree(DEFAULT.toFile()));
        }
    }

    @Test
    void structureAndPeriods() {
        assertThat(w.periods().quarters()).isBetween(6, 8);
        assertThat(w.periods().firstQuarter()).isEqualTo("2024-Q4");
        assertThat(w.periods().exportDate()).isEqualTo("2026-10-15");
        assertThat(w.headcount().median()).isBetween(350.0, 450.0);
        assertThat(w.headcount().min()).isEqualTo(50);
        assertThat(w.headcount().max()).isEqualTo(10_000);
        assertThat(w.countries()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(w.sectors())
                .extracting(World.Sector::id)
                .containsExactlyInAnyOrder(
                        "electronics",
                        "apparel",
                        "seafood_processing",
                        "palm_oil",
                        "rubber_gloves",
                        "agriculture",
                        "construction_materials");
        for (World.Country c : w.countries()) {
            assertThat(c.migrantShare().get(0)).isGreaterThanOrEqualTo(0.0);
            assertThat(c.migrantShare().get(1)).isLessThanOrEqualTo(0.9);
            assertThat(c.risk()).isBetween(1, 6);
        }
        assertThat(w.agencies().perFacility()).containsExactly(1, 4);
        assertThat(w.brands()).hasSizeBetween(4, 6);
        for (World.Brand b : w.brands()) assertThat(b.share()).isBetween(0.2, 0.6);
    }

    @Test
    void workerVoiceRanges() {
        for (var e : w.themes().entrySet()) {
            assertThat(e.getValue().helplineReport()).as(e.getKey()).isBetween(0.02, 0.15);
            assertThat(e.getValue().surveyDisclosure()).as(e.getKey()).isBetween(0.40, 0.80);
        }
        // Sensitive themes are reported less than money themes.
        assertThat(w.themes().get("intimidation_threats").helplineReport())
                .isLessThan(w.themes().get("withholding_of_wages").helplineReport());
        assertThat(w.themes().get("physical_sexual_violence").surveyDisclosure())
                .isLessThan(w.themes().get("recruitment_fees").surveyDisclosure());
        assertThat(w.workerVoice().helplineNoise()).isBetween(0.005, 0.02);
        assertThat(w.workerVoice().surveyNoise()).isBetween(0.005, 0.02);
        assertThat(w.workerVoice().maxThemesPerCase()).isEqualTo(3);
        for (var e : w.tiers().entrySet()) {
            World.Tier t = e.getValue();
            assertThat(t.coverage()).as(e.getKey()).isBetween(0.20, 0.70);
            assertThat(t.helplineReach()).allSatisfy(x -> assertThat(x).isBetween(0.005, 0.05));
            assertThat(t.surveyReach()).allSatisfy(x -> assertThat(x).isBetween(0.05, 0.30));
            assertThat(t.surveyRoundShare()).isGreaterThan(0.0).isLessThan(1.0);
        }
        assertThat(w.tiers()).containsKeys("sample", "1m", "10m");
        assertThat(w.tier("sample").facilities()).isEqualTo(200);
        assertThat(w.tier("1m").facilities()).isEqualTo(2000);
        assertThat(w.tier("10m").facilities()).isEqualTo(10000);
    }

    @Test
    void auditRanges() {
        var a = w.audits();
        assertThat(a.intervalMonths().get(0)).isGreaterThanOrEqualTo(12);
        assertThat(a.intervalMonths().get(1)).isLessThanOrEqualTo(24);
        assertThat(a.announcedShare()).isBetween(0.70, 0.90);
        assertThat(a.unannouncedMultiplier()).isBetween(1.2, 1.5);
        assertThat(a.repeatAuditorMultiplier()).isLessThan(1.0);
        assertThat(a.falsePositiveRate()).isBetween(0.02, 0.05);
        Map<String, double[]> ranges = Map.of(
                "recruitment_fees",
                new double[] {0.10, 0.35},
                "retention_of_identity_documents",
                new double[] {0.15, 0.40},
                "intimidation_threats",
                new double[] {0.10, 0.30},
                "discrimination_harassment",
                new double[] {0.10, 0.30},
                "restriction_of_movement",
                new double[] {0.10, 0.30},
                "wages_benefits",
                new double[] {0.30, 0.60},
                "withholding_of_wages",
                new double[] {0.30, 0.60},
                "excessive_overtime",
                new double[] {0.40, 0.70},
                "health_safety",
                new double[] {0.60, 0.90});
        for (var e : ranges.entrySet()) {
            for (var f : a.schemeFactor().entrySet()) {
                double s = w.themes().get(e.getKey()).sensitivity() * f.getValue();
                assertThat(s).as("%s x %s", e.getKey(), f.getKey()).isBetween(e.getValue()[0], e.getValue()[1]);
            }
        }
    }

    @Test
    void remediationRanges() {
        var r = w.remediation();
        assertThat(r.caseCapShare()).isBetween(0.30, 0.70);
        assertThat(r.onTimeShare()).isBetween(0.40, 0.70);
        assertThat(r.effectiveShare()).isBetween(0.40, 0.70);
        assertThat(r.reduction().get(0)).isGreaterThanOrEqualTo(0.50);
        assertThat(r.reduction().get(1)).isLessThanOrEqualTo(0.90);
        assertThat(r.lagQuarters()).allSatisfy(q -> assertThat(q).isBetween(1, 2));
        assertThat(r.workerConfirmationShare()).isBetween(0.10, 0.40);
        assertThat(r.dueDays("rba_vap", "Priority")).isEqualTo(7);
        assertThat(r.dueDays("rba_vap", "Major")).isEqualTo(14);
        for (String s : new String[] {"smeta", "amfori_bsci", "sa8000"}) {
            for (String word : new String[] {"Major", "Minor", "Non-compliance", "Zero Tolerance"}) {
                assertThat(r.dueDays(s, word)).as(s + " " + word).isBetween(30, 90);
            }
        }
        assertThat(w.defects().share()).isBetween(0.005, 0.02);
    }
}
