package org.hrdd.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hrdd.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

    final Pseudonymiser p = new Pseudonymiser("0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8));

    @Test
    void isTheKeyedHmacOfTheNormalisedIdentifier() {
        // Reference value: HMAC-SHA256(key, "+66812345678"), first 16 bytes in hex, computed independently with
        // python3 -c 'import
        // hmac,hashlib;print(hmac.new(b"0123456789abcdef-test-key",b"+66812345678",hashlib.sha256).hexdigest()[:32])'
        assertThat(p.pseudonym("+66 81-234-5678")).isEqualTo("w_" + ReferenceHmac.EXPECTED_PHONE);
        assertThat(p.pseudonym("+66812345678")).isEqualTo(p.pseudonym("+66 (81) 234.5678"));
        assertThat(p.pseudonym(" Resp-0042 ")).isEqualTo(p.pseudonym("resp-0042"));
        assertThat(p.pseudonym("resp-0042")).isNotEqualTo(p.pseudonym("resp-0043"));
        assertThat(p.pseudonym("")).isNull();
    }

    @Test
    void anotherKeyGivesUnrelatedPseudonyms() {
        Pseudonymiser other = new Pseudonymiser("another-key-0123456789".getBytes(StandardCharsets.UTF_8));
        assertThat(other.pseudonym("+66812345678")).isNotEqualTo(p.pseudonym("+66812345678"));
    }

    @Test
    void refusesToRunWithoutAKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Pseudonymiser.fromEnvironment(Map.of(), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(Pseudonymiser.ENV_KEY);
        assertThatThrownBy(() -> new Pseudonymiser("short".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("too short");
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, "0123456789abcdef-test-key\n");
        assertThat(Pseudonymiser.fromEnvironment(Map.of(), keyFile.toString()).pseudonym("+66812345678"))
                .isEqualTo(p.pseudonym("+66812345678"));
        assertThat(Pseudonymiser.fromEnvironment(Map.of(Pseudonymiser.ENV_KEY, "0123456789abcdef-test-key"), null)
                        .pseudonym("x1"))
                .isEqualTo(p.pseudonym("x1"));
    }

    /** Value computed outside Java (see the comment in the test). */
    static final class ReferenceHmac {
        static final String EXPECTED_PHONE = "0a0824fc7d7bcdccf8a43160b749025a";
    }
}
