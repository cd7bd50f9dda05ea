package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextScrubberTest {

    @Test
    void removesPhonesInTheFormatsOfTheRegion() {
        String[] phones = {
            "+66 81 234 5678",
            "081-234-5678",
            "+60 12-345 6789",
            "012-3456789",
            "+95 9 420 123 456",
            "09420123456",
            "+91 98765 43210",
            "+977 980-1234567",
            "0044 20 7946 0958"
        };
        for (String p : phones) {
            TextScrubber.Result r = TextScrubber.scrub("call me on " + p + " after work", List.of());
            assertThat(r.text()).as(p).isEqualTo("call me on [PHONE] after work");
            assertThat(r.phones()).as(p).isEqualTo(1);
        }
    }

    @Test
    void removesEmailsPassportsAndNationalIdsInMultilingualText() {
        String thai = "นายจ้างยึดหนังสือเดินทาง MA1234567 ติดต่อ somchai.k@example.com หรือ 089-123-4567";
        TextScrubber.Result r = TextScrubber.scrub(thai, List.of());
        assertThat(r.text()).isEqualTo("นายจ้างยึดหนังสือเดินทาง [ID] ติดต่อ [EMAIL] หรือ [PHONE]");
        assertThat(r.total()).isEqualTo(3);

        String burmese = "အလုပ်ရှင်က ပတ်စ်ပို့ P1234567 ကို သိမ်းထားသည်။ ဖုန်း 09 420 123 456";
        assertThat(TextScrubber.scrub(burmese, List.of()).text())
                .isEqualTo("အလုပ်ရှင်က ပတ်စ်ပို့ [ID] ကို သိမ်းထားသည်။ ဖုန်း [PHONE]");

        assertThat(TextScrubber.scrub("ID 1-2345-67890-12-3 held", List.of()).text())
                .isEqualTo("ID [ID] held");
    }

    @Test
    void removesTheRowsOwnNamesInAnyScriptButKeepsOtherWords() {
        TextScrubber.Result r = TextScrubber.scrub(
                "Worker Aung Kyaw Moe says supervisor shouted at aung kyaw moe and Moe's friend; Aungbar is a place",
                List.of("Aung Kyaw Moe"));
        assertThat(r.text())
                .isEqualTo("Worker [NAME] says supervisor shouted at [NAME] and [NAME]'s friend; Aungbar is a place");
        assertThat(TextScrubber.scrub("สมชาย ใจดี ถูกหักค่าจ้าง", List.of("สมชาย ใจดี"))
                        .text())
                .isEqualTo("[NAME] ถูกหักค่าจ้าง");
        assertThat(TextScrubber.scrub("U Aung said", List.of("U Aung")).text()).isEqualTo("[NAME] said");
    }

    @Test
    void leavesDatesAmountsAndCountsAlone() {
        String text = "Paid 15,000 THB fee on 2026-03-04; 12 workers; overtime 4 hours; case 2024/118";
        assertThat(TextScrubber.scrub(text, List.of()).text()).isEqualTo(text);
        assertThat(TextScrubber.scrub(null, List.of()).text()).isNull();
    }
}
