package dev.sextant.registry;

import dev.sextant.api.SextantException;

/** The registry's refusals in MLflow's words, shared by the service and the stores. */
public final class RegistryErrors {

    private RegistryErrors() {
    }

    public static SextantException modelNotFound(String name) {
        return SextantException.notFound("Registered Model with name=" + name + " not found");
    }

    public static SextantException versionNotFound(String name, long version) {
        return SextantException.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
    }

    public static SextantException modelExists(String name) {
        return SextantException.alreadyExists("Registered Model (name=" + name + ") already exists.");
    }

    public static SextantException aliasNotFound(String alias) {
        return SextantException.notFound("Registered model alias " + alias + " not found.");
    }
}
