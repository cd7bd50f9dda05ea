package org.hrdd.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigLoader;
import org.hrdd.indicators.IndicatorsJob;
import org.hrdd.refine.RefineJob;
import org.hrdd.score.RiskModel;
import org.hrdd.score.ScoreJob;
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

        assertThat(ConfigHash.withOutside(conf, List.of(conf.resolve("a.yaml"), conf)))
                .isEqualTo(ConfigHash.of(conf));
        String withOther = ConfigHash.withOutside(conf, List.of(conf.resolve("a.yaml"), other));
        assertThat(withOther).isNotEqualTo(ConfigHash.of(conf)).isEqualTo(ConfigHash.withOutside(conf, List.of(other)));
        Files.writeString(other.resolve("t.yaml"), "t: 2\n");
        assertThat(ConfigHash.withOutside(conf, List.of(other))).isNotEqualTo(withOther);
        // a path that only leads outside through ".." is outside
        assertThat(ConfigHash.withOutside(conf, List.of(conf.resolve("../elsewhere/tax"))))
                .isEqualTo(ConfigHash.withOutside(conf, List.of(other)));
    }

    @Test
    void refineSeesATaxonomyOutsideTheConfFolderChange() throws IOException {
        Path conf = SampleLakehouse.copyTree(SampleWorld.conf(), tmp.resolve("conf"));
        Path taxonomy =
                SampleLakehouse.copyTree(SampleWorld.conf().resolve("taxonomy"), tmp.resolve("shared/taxonomy"));
        Files.writeString(
                conf.resolve("application.yaml"),
                Files.readString(conf.resolve("application.yaml"))
                        .replace("  taxonomy: taxonomy", "  taxonomy: \"" + taxonomy + "\""));
        AppConfig app = ConfigLoader.load(conf);
        assertThat(app.taxonomyDir()).isEqualTo(taxonomy.toAbsolutePath().normalize());
        String before = RefineJob.Config.of(app, SampleLakehouse.KEY).configHash();
        String confBefore = ConfigHash.of(conf);

        Path someFile;
        try (var files = Files.walk(taxonomy)) {
            someFile = files.filter(f -> f.toString().endsWith(".yaml"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(someFile, Files.readString(someFile) + "\n# edited\n");

        assertThat(ConfigHash.of(conf))
                .as("the conf folder itself did not change")
                .isEqualTo(confBefore);
        assertThat(RefineJob.Config.of(ConfigLoader.load(conf), SampleLakehouse.KEY)
                        .configHash())
                .isNotEqualTo(before);
        // the shipped layout (everything inside conf/) keeps the conf folder's hash
        assertThat(RefineJob.Config.of(ConfigLoader.load(SampleWorld.conf()), SampleLakehouse.KEY)
                        .configHash())
                .isEqualTo(ConfigHash.of(SampleWorld.conf()));
    }

    @Test
    void aRiskModelAndCatalogueOutsideTheConfFolderAreReadAndHashed() throws IOException {
        // the shipped layout keeps the hashes earlier releases recorded: the model's over risk-model.yaml and priors/,
        // the run's over the conf folder
        AppConfig shipped = ConfigLoader.load(SampleWorld.conf());
        assertThat(ScoreJob.Config.of(shipped).modelHash())
                .isEqualTo(ConfigHash.of(SampleWorld.conf(), List.of(RiskModel.FILE_NAME, "priors")));
        assertThat(ConfigHash.ofRun(shipped)).isEqualTo(ConfigHash.of(SampleWorld.conf()));

        // files.risk_model and files.indicators point outside the conf folder, which no longer holds either file
        Path conf = SampleLakehouse.copyTree(SampleWorld.conf(), tmp.resolve("conf"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path model = models.resolve("model-b.yaml");
        Files.writeString(
                model,
                Files.readString(conf.resolve(RiskModel.FILE_NAME))
                        .replaceFirst("(?m)^version: \"[^\"]+\"", "version: \"outside-1\""));
        Path catalogue = Files.move(conf.resolve("indicators.yaml"), models.resolve("catalogue.yaml"));
        Files.delete(conf.resolve(RiskModel.FILE_NAME));
        Files.writeString(
                conf.resolve("application.yaml"),
                Files.readString(conf.resolve("application.yaml"))
                        .replace("  risk_model: risk-model.yaml", "  risk_model: \"" + model + "\"")
                        .replace("  indicators: indicators.yaml", "  indicators: \"" + catalogue + "\""));
        AppConfig app = ConfigLoader.load(conf);
        ScoreJob.Config score = ScoreJob.Config.of(app);
        assertThat(score.model().version()).isEqualTo("outside-1");
        IndicatorsJob.Config indicators = IndicatorsJob.Config.of(app);
        assertThat(indicators.modelVersion()).isEqualTo("outside-1");
        assertThat(indicators.catalogue().indicators())
                .hasSameSizeAs(IndicatorsJob.Config.of(shipped).catalogue().indicators());
        String modelHash = score.modelHash();

        // the same model moved elsewhere (another machine's mount) keeps the model hash
        Path moved = Files.move(
                model, Files.createDirectories(tmp.resolve("mounted")).resolve("model-b.yaml"));
        Files.writeString(
                conf.resolve("application.yaml"),
                Files.readString(conf.resolve("application.yaml")).replace(model.toString(), moved.toString()));
        assertThat(ScoreJob.Config.of(ConfigLoader.load(conf)).modelHash()).isEqualTo(modelHash);
        model = moved;
        String runHash = ConfigHash.ofRun(ConfigLoader.load(conf));
        String confHash = ConfigHash.of(conf);

        Files.writeString(model, Files.readString(model) + "\n# edited\n");
        AppConfig edited = ConfigLoader.load(conf);
        assertThat(ConfigHash.of(conf))
                .as("the conf folder itself did not change")
                .isEqualTo(confHash);
        assertThat(ScoreJob.Config.of(edited).modelHash()).isNotEqualTo(modelHash);
        assertThat(ConfigHash.ofRun(edited)).isNotEqualTo(runHash);
    }
}
