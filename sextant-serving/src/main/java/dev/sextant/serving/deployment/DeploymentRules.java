package dev.sextant.serving.deployment;

import dev.sextant.api.SextantException;
import java.util.regex.Pattern;

/** Names and numbers a deployment accepts, each refusal saying what would be accepted. */
final class DeploymentRules {
    /** The name is a path segment of /v2/models/{name}: keep it to what needs no encoding. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private DeploymentRules() {
    }

    static String name(String name) {
        if (name.isEmpty()) {
            throw SextantException.missingParameter("name");
        }
        if (!NAME.matcher(name).matches()) {
            throw SextantException.invalid("Invalid deployment name '" + name + "': use 1 to 128 letters, digits, '.', "
                    + "'_' or '-', starting with a letter or digit (it becomes /v2/models/<name>).");
        }
        return name;
    }

    static void slotName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw SextantException.invalid("Invalid variant name '" + name + "': use letters, digits, '.', '_' or '-'.");
        }
    }

    static void percent(String field, int percent) {
        if (percent < 0 || percent > 100) {
            throw SextantException.invalid("'" + field + "' must be a percentage from 0 to 100; got " + percent + ".");
        }
    }
}
