package dev.sextant.server.config;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;

/** A configuration value that cannot be used; the message names the key and what to do about it. */
public final class ConfigException extends SextantException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(ErrorCode.INVALID_PARAMETER_VALUE, message);
        this.key = key;
    }

    /** The configuration key at fault, e.g. {@code server.port}. */
    public String key() {
        return key;
    }
}
