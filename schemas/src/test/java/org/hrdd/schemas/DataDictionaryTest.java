package org.hrdd.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {

    @Test
    void committedDataDictionaryIsUpToDate() throws IOException {
        String expected = DataDictionary.markdown(ContractLoader.loadAll().values());
        Path committed = Path.of("data-dictionary.md");
        assertThat(Files.exists(committed))
                .as("schemas/data-dictionary.md exists (run ./hrdd schemas docs)")
                .isTrue();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("schemas/data-dictionary.md is stale: run ./hrdd schemas docs")
                .isEqualTo(expected);
    }

    @Test
    void rendersOneSectionPerTableWithPrivacyAndAllowedValues() {
        String md = DataDictionary.markdown(ContractLoader.loadAll().values());
        assertThat(md)
                .contains("## bronze.audit\n")
                .contains("| `caller_id` | string |  | direct_identifier |")
                .contains("`rba_vap`, `smeta`, `amfori_bsci`, `sa8000`");
    }
}
