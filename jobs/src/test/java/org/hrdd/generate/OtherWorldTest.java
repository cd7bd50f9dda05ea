package org.hrdd.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --world replaces the default world: another world inside the ranges generates, and its values take effect. */
class OtherWorldTest {

    @TempDir
    Path tmp;

    @Test
    void anotherWorldFileChangesTheWorldAndStaysDeterministic() throws IOException {
        Path root = Exported.repoRoot();
        String world = Files.readString(root.resolve("conf/world.yaml"));
        String sample = "  sample: {facilities: 200,   coverage: 0.35,";
        assertThat(world).contains(sample);
        Path other = tmp.resolve("world.yaml");
        Files.writeString(other, world.replace(sample, "  sample: {facilities: 120,   coverage: 0.60,"));

        GeneratorSpec spec = new GeneratorSpec("sample", 3, tmp.resolve("a"), other, root.resolve("conf/taxonomy"));
        GenerateResult a = Generator.run(spec, m -> {});
        GenerateResult b = Generator.run(
                new GeneratorSpec("sample", 3, tmp.resolve("b"), other, root.resolve("conf/taxonomy")), m -> {});
        GenerateResult base = Generator.run(Exported.spec("sample", 3, tmp.resolve("base")), m -> {});

        long facilities = Files.readAllLines(tmp.resolve("a/exports/suppliers/facilities.csv")).stream()
                .filter(l -> l.startsWith("F0"))
                .count();
        assertThat(facilities).isEqualTo(120);
        assertThat(a.workerVoiceRecords()).isNotEqualTo(base.workerVoiceRecords());
        assertThat(GeneratorDeterminismTest.digests(tmp.resolve("a")))
                .isEqualTo(GeneratorDeterminismTest.digests(tmp.resolve("b")));
        assertThat(b.workerVoiceRecords()).isEqualTo(a.workerVoiceRecords());
    }
}
