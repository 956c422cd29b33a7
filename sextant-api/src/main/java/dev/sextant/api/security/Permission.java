package dev.sextant.api.security;

/**
 * What a caller may do with one resource, MLflow's permission levels: each level includes the
 * ones below it. READ shows it; EDIT changes it (log runs, update descriptions, register
 * versions); MANAGE also deletes, restores, transitions stages and moves aliases.
 */
public enum Permission {
    NONE, READ, EDIT, MANAGE;

    public boolean includes(Permission other) {
        return compareTo(other) >= 0;
    }

    /** MLflow's name: NO_PERMISSIONS, READ, EDIT, MANAGE. */
    public String mlflowName() {
        return this == NONE ? "NO_PERMISSIONS" : name();
    }

    public static Permission parse(String text) {
        String upper = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("NO_PERMISSIONS")) {
            return NONE;
        }
        for (Permission p : values()) {
            if (p.name().equals(upper)) {
                return p;
            }
        }
        throw dev.sextant.api.SextantException.invalid("Unknown permission '" + text
                + "'. Use one of READ, EDIT, MANAGE or NO_PERMISSIONS.");
    }
}
