package org.hrdd.config;

/** Bad configuration or usage: exit code 2; the message names the file, key or argument. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
