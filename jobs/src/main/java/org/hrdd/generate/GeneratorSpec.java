package org.hrdd.generate;

import java.nio.file.Path;

/**
 * What to generate: a tier of the world file ({@code sample}, {@code 1m}, {@code 10m}), the
 * seed, the output folder (exports go to {@code outDir/exports}, truth to {@code outDir/truth}),
 * the world file and the folder of canonical themes and source code lists.
 */
public record GeneratorSpec(String tier, long seed, Path outDir, Path worldFile, Path taxonomyDir) {}
