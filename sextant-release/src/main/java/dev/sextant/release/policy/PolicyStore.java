package dev.sextant.release.policy;

import java.util.Optional;

/** Persistence port of release policies; implementations commit before returning. */
public interface PolicyStore {

    /** Sets a model's policy (RESOURCE_DOES_NOT_EXIST when the model does not) or the server default. */
    void put(StoredPolicy policy);

    /** {@link StoredPolicy#SERVER_DEFAULT} for the server default. */
    Optional<StoredPolicy> get(String model);

    /** Returns whether there was one. */
    boolean delete(String model);
}
