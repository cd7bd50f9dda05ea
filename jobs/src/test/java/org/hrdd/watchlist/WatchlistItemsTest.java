package org.hrdd.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hrdd.config.ConfigException;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchlist's rules on hand-made facilities, cells, CAPs and agencies: who is listed, why, since when. */
class WatchlistItemsTest {

    static final Set<String> THEMES = org.hrdd.refine.Taxonomies.load(
                    SampleWorld.conf().resolve("taxonomy"))
            .themes()
            .keySet();
    static final WatchlistRules RULES =
            WatchlistRules.load(SampleWorld.conf().resolve(WatchlistRules.FILE_NAME), THEMES);
    static final WatchlistItems ITEMS = new WatchlistItems(
            RULES,
            5,
            Map.of("debt_bondage", "Debt bondage", "recruitment_fees", "Recruitment fees and costs"),
            Map.of("critical", 57.0, "high", 49.0, "medium", 38.0));

    @TempDir
    Path tmp;

    static WatchlistItems.FacilityScore score(String f, double score, String tier, boolean covered) {
        return new WatchlistItems.FacilityScore(
                f,
                score,
                tier,
                covered,
                "high",
                40.0,
                List.of(
                        new WatchlistItems.Driver("debt_bondage", "worker_voice", 6.0, 3),
                        new WatchlistItems.Driver("recruitment_fees", "worker_voice", 4.0, 12)));
    }

    static WatchlistItems.Cell cell(String f, String theme, String status, long audits, long reporting) {
        return new WatchlistItems.Cell(
                f,
                theme,
                status,
                true,
                audits,
                reporting,
                40,
                0.2,
                0.1,
                audits > 0 ? "smeta" : null,
                audits > 0 ? "2026-05-01" : null);
    }

    @Test
    void listsWhatTheRulesSayWithReasonsStepsAndOwners() {
        WatchlistItems.Scope all = new WatchlistItems.Scope("company", "all", Set.of("F1", "F2", "F3", "F4"));
        WatchlistItems.Scope brand = new WatchlistItems.Scope("brand", "B", Set.of("F1", "F3"));
        Map<String, WatchlistItems.FacilityScore> scores = Map.of(
                "F1", score("F1", 66.0, "critical", true),
                "F2", score("F2", 60.0, "critical", false),
                "F3", score("F3", 50.0, "high", true),
                "F4", score("F4", 30.0, "low", true));
        List<WatchlistItems.Cell> cells = List.of(
                cell("F3", "recruitment_fees", "WORKER_ONLY", 1, 12), // audited, missed: a blind spot
                cell("F3", "excessive_overtime", "CORROBORATED", 1, 9), // the audit found it: not listed
                cell("F4", "debt_bondage", "WORKER_ONLY", 0, 3), // severe, no audit, 3 workers: theme withheld
                cell("F4", "wages_benefits", "WORKER_ONLY", 0, 20)); // not severe, no audit: not listed
        List<WatchlistItems.Cap> caps = List.of(
                new WatchlistItems.Cap("CAP-1", "helpline_case", "F1", "debt_bondage", "2026-07-01", 91, "2026-Q3", 1),
                new WatchlistItems.Cap(
                        "CAP-2", "audit_finding", "F2", "wages_benefits", "2026-09-15", 15, "2026-Q3", 1));
        List<WatchlistItems.Agency> agencies = List.of(
                new WatchlistItems.Agency("company", "all", "star recruitment", 14, 9, List.of("F1", "F2", "F3")),
                new WatchlistItems.Agency("company", "all", "tiny agency", 3, 3, List.of("F1", "F3")),
                new WatchlistItems.Agency("brand", "B", "star recruitment", 8, 4, List.of("F1")));
        List<WatchlistItems.Item> items =
                ITEMS.items("2026-Q3", List.of(all, brand), scores, cells, caps, agencies, Map.of());
        List<String> company = items.stream()
                .filter(i -> i.scopeId().equals("all"))
                .map(i -> i.priority() + " " + i.kind() + " " + (i.facilityId() == null ? i.subject() : i.facilityId()))
                .toList();
        // priority 1 (severe without audit, critical with evidence) first; within a priority the highest score first
        assertThat(company)
                .containsExactly(
                        "1 critical_facility F1",
                        "1 severe_unaudited F4",
                        "2 critical_facility F2",
                        "2 blind_spot F3",
                        "2 shared_agency star recruitment",
                        "3 overdue_cap F1");
        WatchlistItems.Item severe = items.stream()
                .filter(i -> i.kind().equals("severe_unaudited"))
                .findFirst()
                .orElseThrow();
        assertThat(severe.themeWithheld()).isTrue();
        assertThat(severe.theme()).isNull();
        assertThat(severe.reason() + severe.evidence())
                .doesNotContain("Debt bondage")
                .doesNotContain("debt")
                .contains("fewer than 5 of 40 workers reached");
        assertThat(severe.nextStep()).contains("Verify within 30 days");
        WatchlistItems.Item critical = items.get(0);
        // a driver resting on 3 workers is not named; one resting on 12 is
        assertThat(critical.evidence())
                .contains("a theme fewer than 5 workers reported (worker voice, +6.0)")
                .contains("Recruitment fees and costs (worker voice, +4.0)");
        assertThat(critical.owner()).isEqualTo("responsible sourcing lead");
        assertThat(critical.csddd()).isEqualTo("Art. 10; Art. 11");
        WatchlistItems.Item gap = items.stream()
                .filter(i -> i.facilityId() != null
                        && i.facilityId().equals("F2")
                        && i.kind().equals("critical_facility"))
                .findFirst()
                .orElseThrow();
        assertThat(gap.reason()).contains("coverage gap");
        assertThat(gap.nextStep()).startsWith("Get evidence first");
        WatchlistItems.Item blind = items.stream()
                .filter(i -> i.kind().equals("blind_spot"))
                .findFirst()
                .orElseThrow();
        assertThat(blind.theme()).isEqualTo("recruitment_fees");
        assertThat(blind.evidence()).contains("12 of 40 workers reached").contains("(SMETA, latest 2026-05-01)");
        // the brand sees its own facilities only; an agency named by fewer than k workers is not listed anywhere
        assertThat(items.stream().filter(i -> i.scopeId().equals("B")).map(WatchlistItems.Item::kind))
                .containsExactly("critical_facility", "blind_spot", "overdue_cap");
        assertThat(items).noneMatch(i -> "tiny agency".equals(i.subject()));
        // CAP-1 answers a worker's helpline case: its theme is not named
        WatchlistItems.Item cap = items.stream()
                .filter(i -> "CAP-1".equals(i.subject()))
                .findFirst()
                .orElseThrow();
        assertThat(cap.themeWithheld()).isTrue();
        assertThat(cap.theme()).isNull();
        assertThat(cap.evidence()).doesNotContain("Debt bondage").contains("theme withheld");
        // CAP-2 is overdue by 15 days, under the rule's 30
        assertThat(items).noneMatch(i -> "CAP-2".equals(i.subject()));
    }

    @Test
    void anItemListedInThePreviousPeriodKeepsItsFirstPeriodAndCountsTheRun() {
        WatchlistItems.Scope all = new WatchlistItems.Scope("company", "all", Set.of("F1"));
        Map<String, WatchlistItems.FacilityScore> q2 = Map.of("F1", score("F1", 60.0, "critical", true));
        Map<String, WatchlistItems.FacilityScore> q3 = Map.of("F1", score("F1", 62.0, "critical", true));
        // replayed from Q1: critical in Q1? no score then; Q2 yes; Q3 yes
        Map<String, WatchlistItems.Listed> before =
                ITEMS.replay(List.of("2026-Q1", "2026-Q2"), List.of(all), Map.of("2026-Q2", q2), Map.of(), Map.of());
        WatchlistItems.Item now = ITEMS.items("2026-Q3", List.of(all), q3, List.of(), List.of(), List.of(), before)
                .get(0);
        assertThat(now.firstListedPeriod()).isEqualTo("2026-Q2");
        assertThat(now.periodsListed()).isEqualTo(2);
        // a gap breaks the run: listed in Q1, not in Q2, listed again in Q3
        Map<String, WatchlistItems.Listed> gap =
                ITEMS.replay(List.of("2026-Q1", "2026-Q2"), List.of(all), Map.of("2026-Q1", q2), Map.of(), Map.of());
        WatchlistItems.Item again = ITEMS.items("2026-Q3", List.of(all), q3, List.of(), List.of(), List.of(), gap)
                .get(0);
        assertThat(again.firstListedPeriod()).isEqualTo("2026-Q3");
        assertThat(again.periodsListed()).isEqualTo(1);
        // the key does not change with the score, and does not show the theme
        assertThat(now.itemKey()).isEqualTo(again.itemKey()).hasSize(16).doesNotContain("F1");
        Map<String, WatchlistItems.Listed> prior = new HashMap<>();
        prior.put(WatchlistItems.listedKey("company", "all", now.itemKey()), new WatchlistItems.Listed("2025-Q4", 3));
        assertThat(ITEMS.items("2026-Q3", List.of(all), q3, List.of(), List.of(), List.of(), prior)
                        .get(0)
                        .periodsListed())
                .isEqualTo(4);
    }

    @Test
    void rulesAreReadStrictly() throws Exception {
        assertThat(RULES.severeThemes())
                .contains("debt_bondage", "child_labour")
                .doesNotContain("wages_benefits");
        assertThat(RULES.minDaysOverdue()).isEqualTo(30);
        Path bad = tmp.resolve("watchlist.yaml");
        Files.writeString(
                bad,
                Files.readString(SampleWorld.conf().resolve(WatchlistRules.FILE_NAME))
                        .replace("child_labour]", "child_labor]"));
        assertThatThrownBy(() -> WatchlistRules.load(bad, THEMES))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("watchlist.yaml")
                .hasMessageContaining("child_labor");
        Files.writeString(
                bad,
                Files.readString(SampleWorld.conf().resolve(WatchlistRules.FILE_NAME))
                        .replace("csddd: [\"Art. 10\", \"Art. 12\"]", "csddd: [\"Art. 99\"]"));
        assertThatThrownBy(() -> WatchlistRules.load(bad, THEMES))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Art. 99");
    }
}
