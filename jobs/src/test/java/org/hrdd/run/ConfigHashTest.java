package org.hrdd.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigLoader;
import org.hrdd.refine.RefineJob;
import org.hrdd.testing.SampleLakehouse;
import org.hrdd.testing.SampleWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration hash covers what a configuration names outside its conf folder. */
class ConfigHashTest {

    @TempDir
    Path tmp;

    @Test
    void filesOutsideTheConfFolderCountAndInsideOnesAreTheFoldersHash() throws IOException {
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("a.yaml"), "a: 1\n");
        Path other = Files.createDirectories(tmp.resolve("elsewhere/tax"));
        Files.writeString(other.resolve("t.yaml"), "t: 1\n");

        assertThat(ConfigHash.withOutside(conf, List.of(conf.resolve("a.yaml"), conf))).isEqualTo(ConfigHash.of(conf));
        String withOther = ConfigHash.withOutside(conf, List.of(conf.resolve("a.yaml"), other));
        assertThat(withOther).isNotEqualTo(ConfigHash.of(conf))
                .isEqualTo(ConfigHash.withOutside(conf, List.of(other)));
        Files.writeString(other.resolve("t.yaml"), "t: 2\n");
        assertThat(ConfigHash.withOutside(conf, List.of(other))).isNotEqualTo(withOther);
        // a path that only leads outside through ".." is outside
        assertThat(ConfigHash.withOutside(conf, List.of(conf.resolve("../elsewhere/tax"))))
                .isEqualTo(ConfigHash.withOutside(conf, List.of(other)));
    }

    @Test
    void refineSeesATaxonomyOutsideTheConfFolderChange() throws IOException {
        Path conf = SampleLakehouse.copyTree(SampleWorld.conf(), tmp.resolve("conf"));
        Path taxonomy = SampleLakehouse.copyTree(SampleWorld.conf().resolve("taxonomy"), tmp.resolve("shared/taxonomy"));
        Files.writeString(conf.resolve("application.yaml"), Files.readString(conf.resolve("application.yaml"))
                .replace("  taxonomy: taxonomy", "  taxonomy: \"" + taxonomy + "\""));
        AppConfig app = ConfigLoader.load(conf);
        assertThat(app.taxonomyDir()).isEqualTo(taxonomy.toAbsolutePath().normalize());
        String before = RefineJob.Config.of(app, SampleLakehouse.KEY).configHash();
        String confBefore = ConfigHash.of(conf);

        Path someFile;
        try (var files = Files.walk(taxonomy)) {
            someFile = files.filter(f -> f.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(someFile, Files.readString(someFile) + "\n# edited\n");

        assertThat(ConfigHash.of(conf)).as("the conf folder itself did not change").isEqualTo(confBefore);
        assertThat(RefineJob.Config.of(ConfigLoader.load(conf), SampleLakehouse.KEY).configHash()).isNotEqualTo(before);
        // the shipped layout (everything inside conf/) keeps the conf folder's hash
        assertThat(RefineJob.Config.of(ConfigLoader.load(SampleWorld.conf()), SampleLakehouse.KEY).configHash())
                .isEqualTo(ConfigHash.of(SampleWorld.conf()));
    }
}
