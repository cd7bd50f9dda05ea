package org.hrdd.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 over configuration files (relative path and content, in sorted path order): the whole conf folder, the files
 * a step uses, and the files {@code files.*} names outside the conf folder.
 */
public final class ConfigHash {

    private ConfigHash() {}

    /** SHA-256 of a text (e.g. settings rendered by their records' toString and folder hashes). */
    public static String ofText(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String of(Path confDir) {
        return of(confDir, List.of(""));
    }

    /**
     * {@link #of(Path)} of the conf folder, extended by the files and folders among {@code used} that lie outside it
     * ({@code files.*} may name absolute paths): a change there changes the hash too. With everything inside the conf
     * folder this is {@link #of(Path)} itself.
     */
    public static String withOutside(Path confDir, List<Path> used) {
        Path root = confDir.toAbsolutePath().normalize();
        StringBuilder outside = new StringBuilder();
        for (Path p : used) {
            Path abs = p.toAbsolutePath().normalize();
            if (!abs.startsWith(root)) {
                outside.append('\n').append(abs).append('=').append(of(abs));
            }
        }
        String inside = of(confDir);
        return outside.isEmpty() ? inside : ofText(inside + outside);
    }

    /**
     * The configuration a run used, as {@code ops.runs.config_hash} records it: the conf folder, extended by every file
     * and folder {@code files.*} names outside it.
     */
    public static String ofRun(org.hrdd.config.AppConfig config) {
        return withOutside(config.confDir(), config.configuredFiles());
    }

    /**
     * The hash of just the files and folders in {@code used} (e.g. the risk model and the priors a score stands for):
     * {@link #of(Path, List)} over those inside the conf folder, by their paths relative to it, extended by the
     * content of those outside it (each labelled by its place in {@code used}, not its path, unlike
     * {@link #withOutside}). With everything inside (as shipped) this is the hash of those paths within the conf folder,
     * so a lakehouse's recorded hashes stay valid.
     */
    public static String ofUsed(Path confDir, List<Path> used) {
        Path root = confDir.toAbsolutePath().normalize();
        List<String> inside = new java.util.ArrayList<>();
        StringBuilder outside = new StringBuilder();
        for (int i = 0; i < used.size(); i++) {
            Path abs = used.get(i).toAbsolutePath().normalize();
            if (abs.startsWith(root) && !abs.equals(root)) {
                inside.add(root.relativize(abs).toString().replace('\\', '/'));
            } else {
                // labelled by its place in the list, not its path: the same file moved or mounted elsewhere (another
                // machine) keeps the hash, which a score's model version is checked against
                outside.append('\n').append(i).append('=').append(of(abs));
            }
        }
        String in = of(confDir, inside);
        return outside.isEmpty() ? in : ofText(in + outside);
    }

    /**
     * As {@link #of(Path)}, over the files whose relative path (with {@code /}) is one of {@code include} or lies
     * under one of them as a folder ({@code ""} includes everything).
     */
    public static String of(Path confDir, List<String> include) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path root = confDir.toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (include.stream().noneMatch(i -> i.isEmpty() || rel.equals(i) || rel.startsWith(i + "/"))) {
                    continue;
                }
                md.update(root.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the conf folder " + root, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
