package dev.sextant.data.version;

import dev.sextant.api.SextantException;

/** What a dataset may be called: a name that is safe in URIs, paths and URLs without escaping. */
public final class DatasetNames {
    static final int MAX_LENGTH = 200;
    private static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private DatasetNames() {
    }

    /** {@code name} when it is a valid dataset name; INVALID_PARAMETER_VALUE saying what is allowed otherwise. */
    public static String require(String name) {
        if (name.length() > MAX_LENGTH || !name.matches(PATTERN)) {
            throw SextantException.invalid("'" + name + "' is not a valid dataset name: use letters, digits, '.', '_' "
                    + "and '-', starting with a letter or digit, at most " + MAX_LENGTH + " characters.");
        }
        return name;
    }
}
