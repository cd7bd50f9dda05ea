package org.hrdd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrdd.generate.GenerateResult;
import org.hrdd.generate.Generator;
import org.hrdd.generate.GeneratorSpec;

/**
 * The sample-tier synthetic world, generated once per test JVM (a few seconds) into a temp folder and shared by
 * the tests that check the pipeline against the generator's truth. Tests only read it.
 */
public final class SampleWorld {

    public static final long SEED = 7;
    private static Path dir;
    private static GenerateResult result;

    private SampleWorld() {}

    public static Path repoRoot() {
        return Path.of(System.getProperty("hrdd.repo.root", ".."));
    }

    public static Path conf() {
        return repoRoot().resolve("conf");
    }

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("hrdd-sample-world");
                result = Generator.run(
                        new GeneratorSpec("sample", SEED, d, conf().resolve("world.yaml"), conf().resolve("taxonomy")),
                        m -> {});
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    public static Path exports() {
        return dir().resolve("exports");
    }

    public static Path truth() {
        return dir().resolve("truth");
    }

    public static synchronized GenerateResult result() {
        dir();
        return result;
    }
}
