package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FacilityNamesTest {

    @Test
    void legalFormsCasePunctuationAndSpacingDoNotMatter() {
        String key = FacilityNames.compact("Siam Precision Electronics Co., Ltd.");
        assertThat(key).isEqualTo("siamprecisionelectronics");
        assertThat(FacilityNames.compact("SIAM PRECISION ELECTRONICS CO LTD")).isEqualTo(key);
        assertThat(FacilityNames.compact("Siam-Precision Electronics Company Limited"))
                .isEqualTo(key);
        assertThat(FacilityNames.compact("SiamPrecision Electronics")).isEqualTo(key);
        assertThat(FacilityNames.compact("Perak Glove Sdn. Bhd.")).isEqualTo("perakglove");
        assertThat(FacilityNames.compact("PT Sinar Garmen Tbk")).isEqualTo("sinargarmen");
        assertThat(FacilityNames.compact("Công ty TNHH Đồng Tiến")).isEqualTo("dongtien");
        assertThat(FacilityNames.compact("Ganga Apparels Pvt Ltd")).isEqualTo("gangaapparels");
        assertThat(FacilityNames.normalise("Tan & Sons Co")).isEqualTo("tan and sons");
    }

    @Test
    void jaroWinklerMatchesThePublishedExamples() {
        // Winkler (1990) / Wikipedia examples: MARTHA-MARHTA 0.961, DWAYNE-DUANE 0.84, DIXON-DICKSONX 0.813.
        assertThat(FacilityNames.jaroWinkler("martha", "marhta")).isCloseTo(0.961, within(0.001));
        assertThat(FacilityNames.jaroWinkler("dwayne", "duane")).isCloseTo(0.840, within(0.001));
        assertThat(FacilityNames.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
    }

    @Test
    void typosAndWordSwapsScoreHighDifferentFactoriesLow() {
        assertThat(FacilityNames.similarity("Siam Precision Electronics", "Siam Precison Electronic Co Ltd"))
                .isGreaterThan(0.92);
        assertThat(FacilityNames.similarity("Perak Glove Sdn Bhd", "Glove Perak"))
                .isGreaterThan(0.95);
        assertThat(FacilityNames.similarity("Siam Precision Electronics", "Bangkok Seafood Processing"))
                .isLessThan(0.7);
        assertThat(FacilityNames.similarity("", "x")).isZero();
    }

    /**
     * Legal forms go only as whole phrases at a name's edges: a word that is also a legal-form word stays where it is
     * part of the name ("Công" = success, "de", "San", "the" in Vietnamese "Thể Thao"), so initials keep it too.
     */
    @Test
    void legalFormsAreRemovedOnlyAsWholePhrasesAtTheEdges() {
        assertThat(FacilityNames.normalise("Thanh Cong Lotus Apparel Co., Ltd."))
                .isEqualTo("thanh cong lotus apparel");
        assertThat(FacilityNames.initials("Thanh Cong Lotus Apparel (Long An) JSC"))
                .isEqualTo("tcla");
        assertThat(FacilityNames.normalise("Công ty TNHH Thành Công")).isEqualTo("thanh cong");
        assertThat(FacilityNames.normalise("Công ty Cổ phần Dệt May Thành Công"))
                .isEqualTo("det may thanh cong");
        assertThat(FacilityNames.normalise("Casa de Campo Textiles S.A. de C.V."))
                .isEqualTo("casa de campo textiles");
        assertThat(FacilityNames.normalise("San Miguel Seafood Inc.")).isEqualTo("san miguel seafood");
        assertThat(FacilityNames.normalise("Hà Nội Thể Thao JSC")).isEqualTo("ha noi the thao");
        assertThat(FacilityNames.normalise("Öztürk Tekstil San. ve Tic. A.Ş.")).isEqualTo("ozturk tekstil");
        assertThat(FacilityNames.normalise("Ve Dep Fashion Ltd")).isEqualTo("ve dep fashion");
        assertThat(FacilityNames.normalise("The Company Store Pvt. Ltd.")).isEqualTo("company store");
        assertThat(FacilityNames.normalise("Golden Glove S/B")).isEqualTo("golden glove");
        assertThat(FacilityNames.normalise("Mekong Seafood Co., Ltd. (Can Tho)"))
                .isEqualTo("mekong seafood can tho");
        assertThat(FacilityNames.initials("An Phu Evergreen Garment (Hai Phong) JSC"))
                .isEqualTo("apeg");
        assertThat(FacilityNames.normalise("Co., Ltd."))
                .as("nothing but a legal form is kept whole")
                .isEqualTo("co ltd");
    }

    @Test
    void siteNumbersFromSiteWordsAndClosingNumerals() {
        assertThat(FacilityNames.siteNumbers("Shahi Exports Pvt Ltd Unit 6")).containsExactly(6);
        assertThat(FacilityNames.siteNumbers("Shahi Exports (Unit-10)")).containsExactly(10);
        assertThat(FacilityNames.siteNumbers("Arvind Mills Facility No. 2")).containsExactly(2);
        assertThat(FacilityNames.siteNumbers("Pou Chen Branch #2")).containsExactly(2);
        assertThat(FacilityNames.siteNumbers("Ha-Meem Denim Ltd II")).containsExactly(2);
        assertThat(FacilityNames.siteNumbers("Ha-Meem Denim Ltd. II.")).containsExactly(2);
        assertThat(FacilityNames.siteNumbers("Sunrise Phase IV Plant 3")).containsExactly(3, 4);
        assertThat(FacilityNames.siteNumbers("Garment Factory 2000 Co")).containsExactly(2000);
        assertThat(FacilityNames.siteNumbers("Siam Precision Electronics Co., Ltd."))
                .isEmpty();
        assertThat(FacilityNames.siteNumbers("Company X"))
                .as("one letter alone is no numeral")
                .isEmpty();
        assertThat(FacilityNames.siteNumbers("Vivid Textiles")).isEmpty();
        assertThat(FacilityNames.siteNumbers("Lot IIII"))
                .as("not a Roman numeral")
                .isEmpty();
    }

    @Test
    void addressesAreOnePlaceTwoPlacesOrCannotTell() {
        // the labelled pairs' own wording: spaces lost, '#', a country written on one side only
        assertThat(FacilityNames.place(
                        "parque industrial inhdelva norte edificio 11 y 12 cortes honduras",
                        "parque industrial inhdelva norteedificio 11 y 12cortes honduras"))
                .isEqualTo(FacilityNames.Place.SAME);
        assertThat(FacilityNames.place(
                        "lot # f2 seethawaka industrial park avissawella sri lanka",
                        "lot # f2 seethawaka industrial park avissawella"))
                .isEqualTo(FacilityNames.Place.SAME);
        assertThat(FacilityNames.place(
                        "no. 24 moo 9 bangna trad km24 samut prakan thailand", "118 2 moo 6 banpran sawangha 14150"))
                .isEqualTo(FacilityNames.Place.DIFFERENT);
        // one facility written two ways (a labelled match pair): few words alike, but the postcode is shared
        assertThat(FacilityNames.place(
                        "corlucerkezkoy yolu haci seramet mevki corlu tekirdag 59860 turkey",
                        "2. yanyol caddesi no 2 1 velimese osb mahallesi 59860 tekirdag"))
                .isEqualTo(FacilityNames.Place.UNKNOWN);
        // a third of the words shared: the numbers decide, none in common is another place
        assertThat(FacilityNames.place("shed 37 hawassa bulcha kebele ethiopia", "hall 36 hawassa bulcha adama oromia"))
                .isEqualTo(FacilityNames.Place.DIFFERENT);
        assertThat(FacilityNames.place("shed hawassa bulcha kebele ethiopia", "hall hawassa bulcha adama oromia"))
                .isEqualTo(FacilityNames.Place.UNKNOWN);
        assertThat(FacilityNames.place("Free Zone, Aqaba", "plot 675 wadi ad dulayl zarqa"))
                .as("fewer than three words")
                .isEqualTo(FacilityNames.Place.UNKNOWN);
        assertThat(FacilityNames.place(null, "plot 675 wadi ad dulayl zarqa")).isEqualTo(FacilityNames.Place.UNKNOWN);
    }

    /** A dot after a word is a word break ("Tic.A.S.", "Co.Ltd"); inside an abbreviation (P.T., A.S.) it is not. */
    @Test
    void aDotAfterAWordSeparatesItAndTheLegalFormGoes() {
        assertThat(FacilityNames.normalise("Atel Tekstil San ve Tic.A.S.")).isEqualTo("atel tekstil");
        assertThat(FacilityNames.normalise("Atel Tekstill San. ve Tic .A.S")).isEqualTo("atel tekstill");
        assertThat(FacilityNames.normalise("Minh Anh Garment Co.Ltd")).isEqualTo("minh anh garment");
        assertThat(FacilityNames.normalise("P.T. Maju Jaya")).isEqualTo("maju jaya");
        assertThat(FacilityNames.normalise("Olimpias Knitting Serbia D.O.O.")).isEqualTo("olimpias knitting serbia");
        assertThat(FacilityNames.normalise("Tex-Giang Joint Stock Company Limited"))
                .isEqualTo("tex giang");
    }
}
