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
}
