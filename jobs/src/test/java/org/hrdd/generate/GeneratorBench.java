package org.hrdd.generate;

import java.nio.file.Path;

/**
 * Manual benchmark (not a test): {@code GeneratorBench <tier> <seed> <outDir>} from the repository
 * root, e.g. to time the 1m and 10m tiers.
 */
public final class GeneratorBench {
    private GeneratorBench() {}

    public static void main(String[] args) throws Exception {
        String tier = args.length > 0 ? args[0] : "sample";
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        Path out = Path.of(args.length > 2 ? args[2] : "/tmp/hrdd-gen-" + tier);
        GenerateResult r = Generator.run(
                new GeneratorSpec(tier, seed, out, Path.of("conf/world.yaml"), Path.of("conf/taxonomy")),
                m -> System.out.println("[generate] " + m));
        System.out.printf(
                "tier=%s records=%d bad=%d elapsed=%ss files=%d%n",
                tier,
                r.workerVoiceRecords(),
                r.badRows(),
                r.elapsed().toMillis() / 1000.0,
                r.rowsPerFile().size());
    }
}
