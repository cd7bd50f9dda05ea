package org.hrdd.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One key of {@code application.yaml}, declared once: its path, how its value is parsed (and what a value of the wrong
 * type is called in the error), its default (null: the key is required) and its check with the message a value that
 * fails it gets. {@link ConfigLoader} reads every key through its declaration, so a key's rules live in one place.
 *
 * @param path      dotted key path, e.g. {@code analysis.fdr}
 * @param expected  what a parseable value is, for errors ("an integer")
 * @param parser    the value from its YAML node (null when the node does not hold such a value)
 * @param fallback  the value when the key is absent or null; null makes the key required
 * @param nullable  an explicit null is a value (e.g. {@code privacy.pseudonym_key_file}: no key file)
 * @param check     what a parsed value must satisfy
 * @param rule      what {@code check} asks, for errors ("must be at least 2")
 */
public record ConfigKey<T>(
        String path,
        String expected,
        Function<JsonNode, T> parser,
        T fallback,
        boolean nullable,
        Predicate<T> check,
        String rule) {

    static ConfigKey<String> text(String path) {
        return new ConfigKey<>(
                path,
                "a text value",
                n -> n.isTextual() && !n.asText().isBlank() ? n.asText() : null,
                null,
                false,
                v -> true,
                null);
    }

    static ConfigKey<Integer> integer(String path) {
        return new ConfigKey<>(
                path,
                "an integer",
                n -> n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : null,
                null,
                false,
                v -> true,
                null);
    }

    static ConfigKey<Double> number(String path) {
        return new ConfigKey<>(path, "a number", n -> n.isNumber() ? n.asDouble() : null, null, false, v -> true, null);
    }

    /** A key naming one constant of {@code type}, written in lower case ({@code half_year}). */
    static <E extends Enum<E>> ConfigKey<E> oneOf(String path, Class<E> type) {
        E[] values = type.getEnumConstants();
        String names = String.join(
                ", ",
                java.util.Arrays.stream(values)
                        .map(e -> e.name().toLowerCase(Locale.ROOT))
                        .toList());
        return new ConfigKey<>(
                path,
                "one of " + names,
                n -> {
                    if (!n.isTextual()) {
                        return null;
                    }
                    for (E e : values) {
                        if (e.name().equalsIgnoreCase(n.asText())) {
                            return e;
                        }
                    }
                    return null;
                },
                null,
                false,
                v -> true,
                null);
    }

    /** This key with a check and what it asks. */
    ConfigKey<T> must(Predicate<T> otherCheck, String otherRule) {
        return new ConfigKey<>(path, expected, parser, fallback, nullable, otherCheck, otherRule);
    }

    /** This key, optional, with the value it takes when absent. */
    ConfigKey<T> orElse(T value) {
        return new ConfigKey<>(path, expected, parser, value, nullable, check, rule);
    }

    /** This key, optional, null when absent or null. */
    ConfigKey<T> orNull() {
        return new ConfigKey<>(path, expected, parser, null, true, check, rule);
    }

    static ConfigKey<Integer> atLeast(ConfigKey<Integer> key, int min) {
        return key.must(v -> v >= min, "must be at least " + min);
    }

    /** 0 ≤ value ≤ 1. */
    static ConfigKey<Double> share(ConfigKey<Double> key) {
        return key.must(v -> v >= 0 && v <= 1, "must be between 0 and 1");
    }

    /** 0 < value < 1. */
    static ConfigKey<Double> openShare(ConfigKey<Double> key) {
        return key.must(v -> v > 0 && v < 1, "must be strictly between 0 and 1");
    }

    /** The key's value in {@code root} (the whole file), parsed and checked; errors name {@code file} and the key. */
    T read(JsonNode root, String file) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(part);
        }
        if (node == null || node.isNull()) {
            if (fallback != null || nullable) {
                return fallback;
            }
            throw new ConfigException(file + ": key '" + path + "' is required");
        }
        T value = parser.apply(node);
        if (value == null) {
            String shown = node.isValueNode() ? "value '" + node.asText() + "'" : "the wrong type";
            throw new ConfigException(file + ": key '" + path + "' has " + shown + ", expected " + expected);
        }
        if (!check.test(value)) {
            throw new ConfigException(file + ": key '" + path + "' " + rule + ", is " + value);
        }
        return value;
    }
}
