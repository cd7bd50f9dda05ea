package org.hrdd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.hrdd.refine.Pseudonymiser;

/**
 * The demo's own pseudonym key: a random key in {@code ~/.hrdd/demo-pseudonym.key}, readable by its owner only,
 * outside the repository and the lakehouse. Real runs bring their own key (HRDD_PSEUDONYM_KEY or a key file).
 */
final class DemoKey {

    private DemoKey() {}

    static Path file() {
        return Path.of(System.getProperty("user.home"), ".hrdd", "demo-pseudonym.key");
    }

    static Pseudonymiser ensure() {
        Path f = file();
        try {
            if (!Files.exists(f)) {
                Files.createDirectories(f.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(f, HexFormat.of().formatHex(key), StandardCharsets.UTF_8);
            }
            return new Pseudonymiser(
                    Files.readString(f, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo pseudonym key " + f, e);
        }
    }
}
