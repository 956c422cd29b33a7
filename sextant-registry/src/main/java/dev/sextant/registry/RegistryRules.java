package dev.sextant.registry;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.Tag;
import java.util.regex.Pattern;

/**
 * MLflow's registry validation ({@code mlflow/utils/validation.py}): names, versions, tags and
 * aliases, with MLflow's messages so its clients see what an MLflow server would say.
 */
final class RegistryRules {
    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_DESCRIPTION_LENGTH = 5000;
    static final int MAX_TAG_KEY_LENGTH = 250;
    static final int MAX_TAG_VALUE_LENGTH = 100_000;
    static final int MAX_ALIAS_LENGTH = 255;
    static final int MAX_SOURCE_LENGTH = 4000;
    static final int MAX_RUN_LINK_LENGTH = 500;

    private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");
    private static final Pattern TAG_KEY = Pattern.compile("^[/\\w.\\- :]*$", Pattern.UNICODE_CHARACTER_CLASS);

    private RegistryRules() {
    }

    static void modelName(String name, String parameter) {
        if (name.isBlank()) {
            throw SextantException.missingParameter(parameter);
        }
        if (name.contains("/") || name.contains(":")) {
            throw SextantException.invalid("Invalid model name '" + name + "'. Names cannot contain '/' or ':'.");
        }
        if (name.equals(".") || name.equals("..")) {
            throw SextantException.invalid("Invalid value \"" + name + "\" for parameter '" + parameter
                    + "' supplied: Names may be treated as files in certain cases, and must not resolve to other "
                    + "names when treated as such.");
        }
        length(parameter, name, MAX_NAME_LENGTH);
    }

    /** A version number as the API sends it: a decimal string. */
    static long version(String version) {
        if (version.isEmpty()) {
            throw SextantException.missingParameter("version");
        }
        try {
            long parsed = Long.parseLong(version.trim());
            if (parsed < 1) {
                throw SextantException.invalid("Parameter 'version' must be a positive integer, got '" + version + "'.");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw SextantException.invalid("Parameter 'version' must be an integer, got '" + version + "'.");
        }
    }

    static void tag(Tag tag) {
        tagKey(tag.key());
        length("value", tag.value(), MAX_TAG_VALUE_LENGTH);
    }

    static void tagKey(String key) {
        if (key.isEmpty()) {
            throw SextantException.missingParameter("key");
        }
        if (!TAG_KEY.matcher(key).matches()) {
            throw SextantException.invalid("Invalid value \"" + key + "\" for parameter 'key' supplied: Names may only "
                    + "contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and "
                    + "slashes (/).");
        }
        if (key.startsWith("/") || key.equals(".") || key.equals("..") || key.startsWith("../")
                || key.endsWith("/..") || key.contains("/../") || key.contains("//") || key.endsWith("/")
                || key.contains("/./") || key.startsWith("./") || key.endsWith("/.")) {
            throw SextantException.invalid("Invalid value \"" + key + "\" for parameter 'key' supplied: Names may be "
                    + "treated as files in certain cases, and must not resolve to other names when treated as such.");
        }
        length("key", key, MAX_TAG_KEY_LENGTH);
    }

    /** An alias name: MLflow's characters, length, and the reserved {@code latest} and {@code v<digits>}. */
    static void alias(String alias) {
        if (alias.isEmpty()) {
            throw SextantException.invalid("Registered model alias name cannot be empty.");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw SextantException.invalid("Invalid alias name: '" + alias
                    + "'. Names may only contain alphanumerics, underscores (_), and dashes (-).");
        }
        length("Registered model alias name", alias, MAX_ALIAS_LENGTH);
        if (alias.equalsIgnoreCase("latest")) {
            throw SextantException.invalid("'latest' alias name (case insensitive) is reserved.");
        }
        if (VERSION_ALIAS.matcher(alias).matches()) {
            throw SextantException.invalid("Version alias name '" + alias + "' is reserved.");
        }
    }

    static void length(String what, String value, int limit) {
        if (value.length() > limit) {
            throw SextantException.invalid("'" + what + "' exceeds the maximum length of " + limit + " characters");
        }
    }
}
