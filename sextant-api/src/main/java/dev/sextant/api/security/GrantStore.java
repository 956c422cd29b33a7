package dev.sextant.api.security;

import java.util.List;
import java.util.Optional;

/** Persistence port for per-resource grants. Implementations commit before returning. */
public interface GrantStore {

    /** Sets (or replaces) the grant of the principal on the resource. */
    void put(Grant grant);

    /** Removes it; false when there was none. */
    boolean remove(String principal, ResourceKind kind, String resourceId);

    Optional<Grant> find(String principal, ResourceKind kind, String resourceId);

    /** Every grant, or those of one principal when {@code principal} is not empty. */
    List<Grant> list(String principal);
}
