package dev.sextant.api.security;

import dev.sextant.api.SextantException;
import java.util.regex.Pattern;

/**
 * A restriction carried by a token. A token with scopes may do only what they name: today the one
 * scope is {@code predict:<deployment>} (or {@code predict:*}), for applications that call a
 * model and nothing else.
 */
public record Scope(String action, String target) {
    public static final String PREDICT = "predict";
    private static final Pattern TARGET = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,254}");

    public Scope {
        if (!action.equals(PREDICT)) {
            throw SextantException.invalid("Unknown scope action '" + action + "'. The only scope is predict:<deployment>"
                    + " (or predict:* for every deployment).");
        }
        if (!TARGET.matcher(target).matches()) {
            throw SextantException.invalid("Scope target '" + target + "' is not a deployment name. Use letters, digits, "
                    + "'_', '.', '-', or * for every deployment.");
        }
    }

    public static Scope parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw SextantException.invalid("Scope '" + text + "' must look like predict:<deployment>.");
        }
        return new Scope(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }

    public boolean allowsPredict(String deployment) {
        return target.equals("*") || target.equals(deployment);
    }

    @Override
    public String toString() {
        return action + ":" + target;
    }
}
