package org.hrdd.reports.output;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Output written to {@code OUT/.staging-NAME/} first and moved into {@code OUT} file by file (atomically where the file
 * system can), so a failed run leaves the previous files and no half-written one. {@link #close()} removes the
 * staging directory.
 */
public final class StagedDirectory implements AutoCloseable {

    private final Path out;
    private final Path staging;

    private StagedDirectory(Path out, Path staging) {
        this.out = out;
        this.staging = staging;
    }

    /** Creates {@code out} if needed and an empty staging directory named after {@code name}. */
    public static StagedDirectory open(Path out, String name) throws IOException {
        Path staging = out.resolve(".staging-" + name.replaceAll("[^A-Za-z0-9_-]", "_"));
        Files.createDirectories(out);
        deleteTree(staging);
        Files.createDirectories(staging);
        return new StagedDirectory(out, staging);
    }

    /** Where to write. */
    public Path dir() {
        return staging;
    }

    /** Where {@code relative} ends up once published. */
    public Path target(String relative) {
        return out.resolve(relative);
    }

    /**
     * Moves every staged file to the same relative path under the output directory, replacing what is there; the file
     * named {@code last} moves last (the one whose presence tells a reader the set is complete).
     */
    public void publish(String last) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(staging)) {
            files = s.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(
                                    (Path p) -> p.getFileName().toString().equals(last))
                            .thenComparing(Path::toString))
                    .toList();
        }
        for (Path f : files) {
            Path target = out.resolve(staging.relativize(f).toString());
            Files.createDirectories(target.getParent());
            try {
                Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Removes the staging directory, best effort: a leftover one is cleared when the next run opens it. */
    @Override
    public void close() {
        try {
            deleteTree(staging);
        } catch (IOException ignored) {
            // the published files are in place; the next open() clears what is left
        }
    }

    /** Deletes a folder and everything under it (nothing when it does not exist). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
