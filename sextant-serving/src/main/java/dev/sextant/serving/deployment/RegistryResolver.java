package dev.sextant.serving.deployment;

import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;

/** Resolves model URIs through the model registry. */
public final class RegistryResolver implements ModelResolver {
    private final RegistryService registry;

    public RegistryResolver(RegistryService registry) {
        this.registry = registry;
    }

    @Override
    public ServedVersion resolve(String modelUri) {
        ModelVersion version = registry.resolve(modelUri);
        return new ServedVersion(version.name(), version.version(), modelUri, version.content().packageDigest());
    }
}
