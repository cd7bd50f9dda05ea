package org.hrdd.refine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hrdd.config.ConfigException;

/**
 * Keyed HMAC-SHA256 pseudonyms for worker identifiers (phone numbers, app ids, survey respondent keys).
 * Without the key a pseudonym cannot be linked back to the identifier, and the same worker gets the same
 * pseudonym in every source. The key comes from {@code HRDD_PSEUDONYM_KEY} or a key file outside the
 * repository and lakehouse; there is no default key.
 */
public final class Pseudonymiser implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final String ENV_KEY = "HRDD_PSEUDONYM_KEY";
    /** Keys shorter than this are refused. */
    public static final int MIN_KEY_BYTES = 16;

    private final byte[] key;
    private transient Mac mac;

    public Pseudonymiser(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new ConfigException(
                    "pseudonym key is too short: " + key.length + " bytes, at least " + MIN_KEY_BYTES);
        }
        this.key = key.clone();
    }

    /** The key from the environment variable, else from the configured key file; otherwise a clear error. */
    public static Pseudonymiser fromEnvironment(Map<String, String> env, String keyFile) {
        String fromEnv = env.get(ENV_KEY);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Pseudonymiser(fromEnv.strip().getBytes(StandardCharsets.UTF_8));
        }
        if (keyFile != null && !keyFile.isBlank()) {
            Path p = Path.of(keyFile);
            try {
                return new Pseudonymiser(
                        Files.readString(p, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ConfigException("privacy.pseudonym_key_file: cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        throw new ConfigException(
                "no pseudonym key: set " + ENV_KEY + " or privacy.pseudonym_key_file in application.yaml"
                        + " (worker identifiers are never stored in silver without a keyed pseudonym)");
    }

    /** Same identifier (after normalisation) → same pseudonym; a different key → unrelated pseudonyms. */
    /** The key's fingerprint: the pseudonym of a label no worker identifier can equal (reveals nothing of the key). */
    public String fingerprint() {
        return pseudonym("hrdd:pseudonym-key-fingerprint");
    }

    public String pseudonym(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return null;
        }
        byte[] h = mac().doFinal(normalise(identifier).getBytes(StandardCharsets.UTF_8));
        return "w_" + HexFormat.of().formatHex(h, 0, 16);
    }

    /** One Mac per instance; Spark gives each task its own deserialised copy, so it is never shared across threads. */
    private Mac mac() {
        if (mac == null) {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                mac = m;
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }
        return mac;
    }

    /** Phone-like identifiers keep only + and digits; others are trimmed and lower-cased. */
    static String normalise(String identifier) {
        String s = identifier.strip();
        if (PHONE_LIKE.matcher(s).matches()) {
            return NOT_PHONE_CHAR.matcher(s).replaceAll("");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    // compiled once: String.matches and replaceAll compile their pattern on every call (once per worker row)
    private static final java.util.regex.Pattern PHONE_LIKE =
            java.util.regex.Pattern.compile("[+\\d][\\d\\s().\\-]{6,}");
    private static final java.util.regex.Pattern NOT_PHONE_CHAR = java.util.regex.Pattern.compile("[^+\\d]");
}
