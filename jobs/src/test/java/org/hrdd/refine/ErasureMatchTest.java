package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ErasureMatchTest {

    @Test
    void aPhoneNumberIsFoundHoweverItIsWrittenAndNeverInsideALongerNumber() {
        ErasureMatch m = ErasureMatch.of("+62 812-3774-1902");
        for (String written : new String[] {
            "+62 812-3774-1902", "6281237741902", "62 8123 774 1902", "(62) 812.3774.1902", "+62-812-377-41902"
        }) {
            assertThat(m.foundIn("call back on " + written + ", thanks"))
                    .as(written)
                    .isTrue();
            assertThat(m.redact("call back on " + written + ", thanks"))
                    .as(written)
                    .isEqualTo("call back on [erased], thanks");
        }
        assertThat(m.foundIn("ref 162812377419021")).isFalse();
        assertThat(m.foundIn("+62 812-3774-1903")).isFalse();
        assertThat(m.redact("two numbers: 62 812 3774 1902 and 62 812 3774 1903"))
                .isEqualTo("two numbers: [erased] and 62 812 3774 1903");
    }

    @Test
    void anyOtherIdentifierIsFoundAsItselfIgnoringCase() {
        ErasureMatch m = ErasureMatch.of(" line:Sri06 ");
        assertThat(m.redact("Message from LINE:sri06 (Sri)")).isEqualTo("Message from [erased] (Sri)");
        assertThat(m.foundIn("line:sri07")).isFalse();
        // regex characters in an app id are literal
        assertThat(ErasureMatch.of("a.b*c").foundIn("axbbbc")).isFalse();
        assertThatThrownBy(() -> ErasureMatch.of("  ")).isInstanceOf(IllegalArgumentException.class);
    }
}
