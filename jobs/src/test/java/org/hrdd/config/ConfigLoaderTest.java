package org.hrdd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final Path REPO_CONF = Path.of(System.getProperty("hrdd.repo.root", ".."), "conf");

    @TempDir
    Path dir;

    @Test
    void loadsTheShippedConfiguration() {
        AppConfig cfg = ConfigLoader.load(REPO_CONF);
        assertThat(cfg.lakehouse()).isEqualTo("./lakehouse");
        assertThat(cfg.spark().master()).isEqualTo("local[*]");
        assertThat(cfg.spark().settings()).containsEntry("spark.sql.shuffle.partitions", "8");
        assertThat(cfg.period().granularity()).isEqualTo(AppConfig.Granularity.QUARTER);
        assertThat(cfg.privacy().kThreshold()).isEqualTo(5);
        assertThat(cfg.quality().maxQuarantineShare()).isEqualTo(0.05);
        assertThat(cfg.sourcesDir()).isDirectory();
    }

    /**
     * The shipped file documents every declared key and holds no other: a key added to the loader without a line (and
     * its comment) in conf/application.yaml fails here, and so does a key left in the file after its declaration went.
     */
    @Test
    void theShippedFileHoldsExactlyTheDeclaredKeys() throws IOException {
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(REPO_CONF.resolve("application.yaml").toFile());
        java.util.List<String> leaves = new java.util.ArrayList<>();
        leaves(root, "", leaves);
        assertThat(leaves)
                .containsExactlyInAnyOrderElementsOf(
                        ConfigLoader.KEYS.stream().map(ConfigKey::path).toList());
        // and the declarations name each path once
        assertThat(ConfigLoader.KEYS.stream().map(ConfigKey::path).distinct()).hasSameSizeAs(ConfigLoader.KEYS);
    }

    private static void leaves(
            com.fasterxml.jackson.databind.JsonNode node, String prefix, java.util.List<String> out) {
        node.fields().forEachRemaining(e -> {
            String path = prefix + e.getKey();
            if (e.getValue().isObject() && !path.equals(ConfigLoader.SPARK_SETTINGS)) {
                leaves(e.getValue(), path + ".", out);
            } else if (!path.equals(ConfigLoader.SPARK_SETTINGS)) {
                out.add(path);
            }
        });
    }

    @Test
    void unknownKeyIsAnErrorNamingFileAndKeyPath() throws IOException {
        write(shipped().replace("  master: \"local[*]\"", "  master: \"local[*]\"\n  mastr: x"));
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("application.yaml").toString())
                .hasMessageContaining("unknown key 'spark.mastr'");
    }

    @Test
    void wrongTypeIsAnErrorNamingTheKey() throws IOException {
        write(shipped().replace("k_threshold: 5", "k_threshold: five"));
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'privacy.k_threshold' has value 'five', expected an integer");
    }

    @Test
    void missingAndOutOfRangeValuesAreErrors() throws IOException {
        write(shipped().replace("granularity: quarter", "granularity: fortnight"));
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .hasMessageContaining("'period.granularity' has value 'fortnight'");
        write(shipped().replace("max_quarantine_share: 0.05", "max_quarantine_share: 5"));
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .hasMessageContaining("'quality.max_quarantine_share' must be between 0 and 1");
        write(shipped().replace("k_threshold: 5", "k_threshold: 1"));
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .hasMessageContaining("'privacy.k_threshold' must be at least 2");
        write(shipped().replace("lakehouse: ./lakehouse", ""));
        assertThatThrownBy(() -> ConfigLoader.load(dir)).hasMessageContaining("key 'lakehouse' is required");
        write(shipped().replace("  settings:", "  settings:\n    nested: {a: 1}"));
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .hasMessageContaining("'spark.settings.nested' must be a scalar");
    }

    @Test
    void missingFileAndMissingReferencedFolderAreErrors() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nowhere")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("configuration file not found");
        write(shipped());
        AppConfig cfg = ConfigLoader.load(dir);
        assertThatThrownBy(cfg::sourcesDir)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("files.sources points to");
    }

    private static String shipped() throws IOException {
        return Files.readString(REPO_CONF.resolve("application.yaml"));
    }

    private void write(String yaml) throws IOException {
        Files.writeString(dir.resolve("application.yaml"), yaml);
    }
}
