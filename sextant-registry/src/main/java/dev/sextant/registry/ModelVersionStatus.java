package dev.sextant.registry;

/**
 * MLflow's registration status. Sextant reads and checks the model package while it registers a
 * version, so every version it stores is {@code READY}; the other values exist for the wire format.
 */
public enum ModelVersionStatus {
    PENDING_REGISTRATION, FAILED_REGISTRATION, READY
}
