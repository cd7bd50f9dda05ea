package org.hrdd.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.hrdd.config.ConfigException;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/risk-model.yaml and conf/priors/ are read strictly: every mistake names the file and the key. */
class RiskModelTest {

    static final Set<String> THEMES = org.hrdd.refine.Taxonomies.load(
                    SampleWorld.conf().resolve("taxonomy"))
            .themes()
            .keySet();

    @TempDir
    Path tmp;

    private int copies;

    Path confWith(String from, String to) throws Exception {
        Path conf = SampleLakehouse.copyTree(SampleWorld.conf(), tmp.resolve("conf" + copies++));
        Path model = conf.resolve(RiskModel.FILE_NAME);
        String text = Files.readString(model);
        assertThat(text).contains(from);
        Files.writeString(model, text.replace(from, to));
        return conf;
    }

    /** The model file of a conf folder. */
    static RiskModel load(Path conf) {
        return RiskModel.load(conf.resolve(RiskModel.FILE_NAME), THEMES);
    }

    @Test
    void theRepositoryModelLoadsWithEveryThemeAndAVersion() {
        RiskModel m = load(SampleWorld.conf());
        assertThat(m.version()).isNotBlank();
        assertThat(m.severity().themes().keySet()).isEqualTo(THEMES);
        // forced-labour indicators and child labour rank above the other themes
        assertThat(m.severity().theme("child_labour").base())
                .isGreaterThan(m.severity().theme("working_hours").base());
        assertThat(m.severity().theme("debt_bondage").base())
                .isGreaterThan(m.severity().theme("contracts_terms").base());
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingItsPath() throws Exception {
        Path conf = confWith("critical_finding_uplift:", "critical_finding_uplfit:");
        assertThatThrownBy(() -> load(conf))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("risk-model.yaml")
                .hasMessageContaining("severity.critical_finding_uplift is missing");
    }

    @Test
    void outOfRangeValuesAndUnorderedTiersAreErrors() throws Exception {
        Path decay = confWith("decay: 0.6", "decay: 1.6");
        assertThatThrownBy(() -> load(decay)).hasMessageContaining("history.decay must be between 0.0 and 1.0");
        Path tiers =
                confWith("tiers: {critical: 57, high: 49, medium: 38}", "tiers: {critical: 47, high: 49, medium: 38}");
        assertThatThrownBy(() -> load(tiers)).hasMessageContaining("critical > high > medium");
        Path scale = confWith(
                "child_labour:                      {scale: 5,", "child_labour:                      {scale: 7,");
        assertThatThrownBy(() -> load(scale)).hasMessageContaining("severity.themes.child_labour.scale");
    }

    @Test
    void aMissingThemeSeverityIsAnError() throws Exception {
        Path conf = confWith("    contracts_terms:                   {scale: 2, scope: 3, irremediable: 1}\n", "");
        assertThatThrownBy(() -> load(conf)).hasMessageContaining("no entry for [contracts_terms]");
    }
}
