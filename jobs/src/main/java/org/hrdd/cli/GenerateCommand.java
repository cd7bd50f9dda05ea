package org.hrdd.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.hrdd.config.AppConfig;
import org.hrdd.config.ConfigException;
import org.hrdd.generate.GenerateResult;
import org.hrdd.generate.Generator;
import org.hrdd.generate.GeneratorSpec;
import org.hrdd.generate.WorldSampler;
import org.hrdd.run.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrdd generate}: the synthetic world with its hidden truth. */
@Command(
        name = "generate",
        header = "Write a synthetic world: source exports and the hidden truth.",
        mixinStandardHelpOptions = true,
        description = {
            "Write a synthetic world: source exports under OUT/exports/ and the hidden truth under OUT/truth/.",
            "Same tier, seed and world file give byte-identical files. OUT/exports and OUT/truth are replaced."
        })
final class GenerateCommand extends HrddCommand {

    static final List<String> TIERS = List.of("sample", "1m", "10m");

    @Option(
            names = "--tier",
            defaultValue = "sample",
            paramLabel = "TIER",
            description =
                    "sample (~200 facilities, ~20k worker-voice records), 1m (~2,000 / ~1M), 10m (~10,000 / ~10M). Default: ${DEFAULT-VALUE}.")
    String tier;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Option(
            names = "--world",
            paramLabel = "FILE",
            description = "World file replacing the configured one (files.world, default conf/world.yaml).")
    Path world;

    @Option(
            names = "--world-sample",
            paramLabel = "N",
            description = {
                "Draw the world's parameters inside WORLD.md's",
                "ranges from the world file, by sample number N (1 = the hard corner: coverage 20 %%, helpline reporting",
                "2-5 %%, audit sensitivity at the low end, ...; others draw each group of knobs, at its hard end 30 %% of",
                "the time). The drawn world file is kept as OUT/truth/world.yaml."
            })
    Long worldSample;

    @Override
    public Integer call() throws Exception {
        GenerateResult r = generate(config(), tier, seed, out, world, worldSample, progress());
        PrintWriter o = out();
        o.printf(
                Locale.ROOT,
                "generated tier %s (seed %d%s) in %s: %,d worker-voice records, %,d files, %,d defective rows listed in truth/bad_rows.csv (%.1f s)%n",
                tier,
                seed,
                worldSample == null ? "" : ", world sample " + worldSample,
                out,
                r.workerVoiceRecords(),
                r.rowsPerFile().size(),
                r.badRows(),
                r.elapsed().toMillis() / 1000.0);
        o.flush();
        return Hrdd.OK;
    }

    static GenerateResult generate(AppConfig cfg, String tier, long seed, Path out, Path world, Progress progress)
            throws java.io.IOException {
        return generate(cfg, tier, seed, out, world, null, progress);
    }

    /** As above, from world sample {@code worldSample} of the world file when it is not null. */
    static GenerateResult generate(
            AppConfig cfg, String tier, long seed, Path out, Path world, Long worldSample, Progress progress)
            throws java.io.IOException {
        if (!TIERS.contains(tier)) {
            throw new ConfigException("--tier " + tier + ": expected one of " + TIERS);
        }
        Path worldFile = world != null ? world : cfg.worldFile();
        if (!Files.isRegularFile(worldFile)) {
            throw new ConfigException("--world " + worldFile + ": file does not exist");
        }
        Path sampled = null;
        if (worldSample != null) {
            if (worldSample < 1) {
                throw new ConfigException("--world-sample " + worldSample + ": a sample number is 1 or more");
            }
            sampled = Files.createTempFile("hrdd-world-sample-" + worldSample + "-", ".yaml");
            WorldSampler.write(worldFile, worldSample, sampled);
            worldFile = sampled;
        }
        try {
            progress.stage("generate " + tier);
            GenerateResult r =
                    Generator.run(new GeneratorSpec(tier, seed, out, worldFile, cfg.taxonomyDir()), progress::message);
            progress.done(r.workerVoiceRecords());
            return r;
        } finally {
            if (sampled != null) {
                Files.deleteIfExists(sampled);
            }
        }
    }
}
