package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hrdd.refine.FacilityResolver.MasterFacility;
import org.hrdd.refine.FacilityResolver.Override;
import org.hrdd.refine.FacilityResolver.Resolution;
import org.junit.jupiter.api.Test;

class FacilityResolverTest {

    static final List<MasterFacility> MASTER = List.of(
            new MasterFacility(
                    "F1", "TH", "TH2019067X1K87E", List.of("Siam Precision Electronics Co., Ltd.", "SPE Factory 2")),
            new MasterFacility("F2", "TH", null, List.of("Siam Precision Plastics Co., Ltd.")),
            new MasterFacility("F3", "MY", "MY2020101ABCDEF", List.of("Perak Glove Sdn Bhd")),
            new MasterFacility("F4", "MY", null, List.of("Perak Gloves Sdn Bhd")));

    final FacilityResolver resolver = new FacilityResolver(MASTER, List.of(), 0.92, 0.02);

    @Test
    void osIdWinsThenExactNameThenAliasWithinTheCountry() {
        assertThat(resolver.resolve("anything", " th2019067x1k87e ", "TH"))
                .isEqualTo(new Resolution("F1", FacilityResolver.OS_ID, 1.0, null));
        assertThat(resolver.resolve("SIAM PRECISION ELECTRONICS CO LTD", null, "th")
                        .method())
                .isEqualTo(FacilityResolver.EXACT_NAME);
        assertThat(resolver.resolve("SPE factory 2", null, "TH").facilityId()).isEqualTo("F1");
        assertThat(resolver.resolve("Siam Precision Electronics", null, "MY").resolved())
                .as("names are matched within the country only")
                .isFalse();
        assertThat(resolver.resolveById("F3").method()).isEqualTo(FacilityResolver.FACILITY_ID);
        assertThat(resolver.resolveById("F9").resolved()).isFalse();
    }

    @Test
    void fuzzyMatchesTyposButRefusesCloseCallsBetweenTwoFacilities() {
        Resolution typo = resolver.resolve("Siam Precison Electronic", null, "TH");
        assertThat(typo.facilityId()).isEqualTo("F1");
        assertThat(typo.method()).isEqualTo(FacilityResolver.FUZZY_NAME);
        assertThat(typo.confidence()).isBetween(0.92, 1.0);
        // "Perak Glov" is about as close to "Perak Glove" as to "Perak Gloves": do not guess.
        Resolution ambiguous = resolver.resolve("Perak Glov", null, "MY");
        assertThat(ambiguous.resolved()).isFalse();
        assertThat(ambiguous.detail()).contains("ambiguous");
        Resolution unknown = resolver.resolve("Mekong Seafood Processing", null, "TH");
        assertThat(unknown.resolved()).isFalse();
        assertThat(unknown.detail()).contains("below the threshold");
    }

    /** Sister sites that differ only by a unit, branch or facility number, or a Roman numeral, are not merged. */
    @Test
    void numberedSitesMatchOnlyWhenTheirNumbersAgree() {
        FacilityResolver sites = new FacilityResolver(
                List.of(
                        new MasterFacility("S1", "IN", null, List.of("Shahi Exports Pvt Ltd Unit 10")),
                        new MasterFacility("S2", "IN", null, List.of("Arvind Mills Facility 1")),
                        new MasterFacility("S3", "BD", null, List.of("Ha-Meem Denim Ltd")),
                        new MasterFacility("S4", "BD", null, List.of("Ha-Meem Denim Ltd II"))),
                List.of(),
                0.92,
                0.02);
        Resolution unit6 = sites.resolve("Shahi Exports Pvt Ltd Unit 6", null, "IN");
        assertThat(unit6.resolved()).as("unit 6 is not unit 10").isFalse();
        assertThat(unit6.detail()).contains("another site");
        assertThat(sites.resolve("Shahi Exports Unit-10", null, "IN").facilityId())
                .isEqualTo("S1");
        assertThat(sites.resolve("Arvind Mills Facility 2", null, "IN").resolved())
                .isFalse();
        assertThat(sites.resolve("Arvind Mill Facility No. 1", null, "IN").facilityId())
                .isEqualTo("S2");
        assertThat(sites.resolve("Ha Meem Denim Limited 2", null, "BD").facilityId())
                .as("II is 2")
                .isEqualTo("S4");
        assertThat(sites.resolve("HaMeem Denim", null, "BD").facilityId()).isEqualTo("S3");
    }

    /** The town bonus decides only between nearly equal names: an alias plus the town does not beat a stronger name. */
    @Test
    void theTownBreaksNearTiesButNeverOutranksAStrongerName() {
        FacilityResolver towns = new FacilityResolver(
                List.of(
                        new MasterFacility("W1", "CN", null, List.of("Dongguan WeiHua Company Limited"), "Shenzhen"),
                        new MasterFacility("H1", "CN", null, List.of("Heaf Industrial", "Dongguan Weida"), "Dongguan"),
                        new MasterFacility("P1", "TH", null, List.of("Prime Foods Rayong"), "Rayong"),
                        new MasterFacility("P2", "TH", null, List.of("Prime Foods Rayon"), "Chonburi")),
                List.of(),
                0.80,
                0.02);
        // 0.986 against W1's name, 0.956 against H1's alias plus 0.05 for naming H1's town: the name decides
        Resolution weihua = towns.resolve("Dongguan Weihau Co Ltd", null, "CN");
        assertThat(weihua.facilityId()).isEqualTo("W1");
        assertThat(weihua.detail()).startsWith("next: H1").doesNotContain("town decided");
        assertThat(weihua.margin()).isGreaterThanOrEqualTo(0.02);
        Resolution rayong = towns.resolve("Prime Food Rayong", null, "TH");
        assertThat(rayong.facilityId()).isEqualTo("P1");
    }

    /** Two facilities of one country with the same name: the reference goes to review, not to either of them. */
    @Test
    void identicalNamesInOneCountryAreNotResolvedArbitrarily() {
        FacilityResolver twins = new FacilityResolver(
                List.of(
                        new MasterFacility("T1", "VN", null, List.of("Tan Phu Garment"), "Hanoi"),
                        new MasterFacility("T2", "VN", null, List.of("Tan Phu Garment"), "Da Nang")),
                List.of(),
                0.92,
                0.02);
        assertThat(twins.resolve("Tan Phu Garment", null, "VN").detail()).contains("matches several facilities");
        Resolution typo = twins.resolve("Tan Phu Garmnet", null, "VN");
        assertThat(typo.resolved()).isFalse();
        assertThat(typo.detail()).startsWith("ambiguous");
        assertThat(twins.resolve("Tan Phu Garmnet Da Nang", null, "VN").facilityId())
                .as("the town decides between equal names")
                .isEqualTo("T2");
    }

    @Test
    void reviewedOverridesBeatTheMatcher() {
        FacilityResolver withOverrides = new FacilityResolver(
                MASTER,
                List.of(
                        new Override(
                                "Siam Precison Electronic",
                                "TH",
                                "F2",
                                true,
                                "analyst",
                                "site visit: it is the plastics plant"),
                        new Override("Perak Glove", "MY", "F3", false, "analyst", "different company")),
                0.92,
                0.02);
        assertThat(withOverrides.resolve("Siam Precison Electronic", null, "TH"))
                .isEqualTo(new Resolution("F2", FacilityResolver.OVERRIDE, 1.0, null));
        Resolution never = withOverrides.resolve("Perak Glove", null, "MY");
        assertThat(never.facilityId()).isNotEqualTo("F3");
    }

    /**
     * Real supplier data (Open Supply Hub's labelled pairs): two facilities of one name in a country, told apart by
     * their addresses; a name whose only facility is at another address is left for review.
     */
    @Test
    void theAddressDecidesBetweenFacilitiesOfOneNameAndRulesOutAnotherPlace() {
        FacilityResolver twins = new FacilityResolver(
                List.of(
                        new FacilityResolver.MasterFacility(
                                "F1",
                                "JO",
                                null,
                                List.of("Casual Wear Apparel LLC"),
                                null,
                                "Plot 675, Wadi Ad Dulayl Industrial Park, Zarqa"),
                        new FacilityResolver.MasterFacility(
                                "F2",
                                "JO",
                                null,
                                List.of("Casual Wear Apparel LLC"),
                                null,
                                "Al Hassan Industrial Estate, Building 12, Irbid"),
                        new FacilityResolver.MasterFacility(
                                "F3",
                                "LK",
                                null,
                                List.of("Silueta (Pvt) Ltd"),
                                null,
                                "Lot 14, Biyagama Export Processing Zone, Malwana")),
                List.of(),
                0.92,
                0.02);
        Resolution atZarqa = twins.resolve(
                "casual wear apparel llc", null, "JO", "casual wear plot # 675 wadi ad dulayl industrial park jordan");
        assertThat(atZarqa.facilityId()).isEqualTo("F1");
        assertThat(atZarqa.detail()).isEqualTo("the address decided between 2 facilities of this name");
        assertThat(twins.resolve("casual wear apparel llc", null, "JO").detail())
                .as("without an address, for review")
                .startsWith("name matches several facilities");
        assertThat(twins.resolve("casual wear apparel llc", null, "JO", "Free Zone, Aqaba, Jordan")
                        .resolved())
                .as("an address too short to tell: neither is taken")
                .isFalse();
        Resolution elsewhere = twins.resolve(
                "Silueta (Pvt) Ltd", null, "LK", "No. 12 Katunayake Export Processing Zone, Seeduwa, Sri Lanka");
        assertThat(elsewhere.resolved()).isFalse();
        assertThat(elsewhere.detail())
                .isEqualTo("the name matches F3 (exact_name) but its address is another place: a facility of the same"
                        + " name elsewhere?");
        assertThat(twins.resolve("Silueta (Pvt) Ltd", null, "LK", "lot # 14 bepz walgama malwana biyagama sri lanka")
                        .facilityId())
                .isEqualTo("F3");
    }

    /** A name with a word dropped: every word of it in one facility's name, and at least half that name's words. */
    @Test
    void aNameWithAWordDroppedMatchesTheOneFacilityHoldingAllItsWords() {
        FacilityResolver words = new FacilityResolver(
                List.of(
                        new FacilityResolver.MasterFacility("F1", "VN", null, List.of("Outdoor Designs VINA Ltd")),
                        new FacilityResolver.MasterFacility(
                                "F2", "TR", null, List.of("Yesim Satis Magazalari ve Tekstil Fabrikalari A.S.")),
                        new FacilityResolver.MasterFacility(
                                "F3", "CN", null, List.of("Wenzhou Kingstar Leather Products")),
                        new FacilityResolver.MasterFacility(
                                "F4", "CN", null, List.of("Wenzhou Golden Leather Products"))),
                List.of(),
                0.92,
                0.02);
        Resolution dropped = words.resolve("Outdoor VINA Ltd", null, "VN");
        assertThat(dropped.facilityId()).isEqualTo("F1");
        assertThat(dropped.method()).isEqualTo(FacilityResolver.FUZZY_NAME);
        assertThat(dropped.detail())
                .isEqualTo("every word of the reference is in this facility's name, and in no other's");
        assertThat(words.resolve("Yesim Tekstil", null, "TR").resolved())
                .as("two of six words")
                .isFalse();
        assertThat(words.resolve("Wenzhou Leather Products", null, "CN").resolved())
                .as("two facilities hold all three words")
                .isFalse();
    }
}
