package dev.sextant.api.security;

import dev.sextant.api.SextantException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A caller's role and the permission it carries on every resource of a kind. Grants on one
 * resource can raise a caller above its role's baseline (never lower it), so that, e.g., a viewer
 * can be allowed to log runs into one shared experiment.
 */
public enum Role {
    /** Reads everything, changes nothing. */
    VIEWER("viewer", Permission.READ, Permission.READ, Permission.READ, Permission.READ),
    /** Owns tracking (experiments and runs, including their deletion), registers models and pushes datasets. */
    DATA_SCIENTIST("data-scientist", Permission.MANAGE, Permission.EDIT, Permission.READ, Permission.EDIT),
    /** Also manages registered models (stages, aliases, deletion), deployments and datasets. */
    ML_ENGINEER("ml-engineer", Permission.MANAGE, Permission.MANAGE, Permission.MANAGE, Permission.MANAGE),
    /** Reads everything and approves promotions in its domain (e.g. compliance). */
    APPROVER("approver", Permission.READ, Permission.READ, Permission.READ, Permission.READ),
    /** Everything, plus tokens, grants and the audit log. */
    ADMIN("admin", Permission.MANAGE, Permission.MANAGE, Permission.MANAGE, Permission.MANAGE);

    private final String wire;
    private final Map<ResourceKind, Permission> baseline = new EnumMap<>(ResourceKind.class);

    Role(String wire, Permission experiments, Permission models, Permission deployments, Permission datasets) {
        this.wire = wire;
        baseline.put(ResourceKind.EXPERIMENT, experiments);
        baseline.put(ResourceKind.REGISTERED_MODEL, models);
        baseline.put(ResourceKind.DEPLOYMENT, deployments);
        baseline.put(ResourceKind.DATASET, datasets);
    }

    public String wire() {
        return wire;
    }

    /** The permission this role has on every resource of the kind, before any grant. */
    public Permission baseline(ResourceKind kind) {
        return baseline.get(kind);
    }

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.wire.equals(text.trim())) {
                return role;
            }
        }
        throw SextantException.invalid("Unknown role '" + text + "'. Use one of " + names() + ".");
    }

    public static String names() {
        return Arrays.stream(values()).map(Role::wire).collect(Collectors.joining(", "));
    }
}
