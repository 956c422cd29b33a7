package dev.sextant.serving.endpoint;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.packaging.PackageSource;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.ModelRuntime;
import java.util.function.Consumer;

/**
 * Loads registered versions from the artifact store, checking every file against the digests the
 * registry recorded. {@code beforeLoad} runs first and refuses a version by throwing (the server
 * checks the package's signature there).
 */
public final class RegistryModelLoader implements ModelLoader {
    private final RegistryService registry;
    private final ArtifactStore artifacts;
    private final ModelRuntime runtime;
    private final Consumer<ModelVersion> beforeLoad;

    public RegistryModelLoader(RegistryService registry, ArtifactStore artifacts, ModelRuntime runtime,
                               Consumer<ModelVersion> beforeLoad) {
        this.registry = registry;
        this.artifacts = artifacts;
        this.runtime = runtime;
        this.beforeLoad = beforeLoad;
    }

    @Override
    public LoadedModel load(ServedVersion served) {
        ModelVersion version = registry.getModelVersion(served.modelName(), served.version());
        if (!version.content().packageDigest().equals(served.packageDigest())) {
            throw new SextantException(ErrorCode.INVALID_STATE, "Model version " + served.uri() + " now records package "
                    + version.content().packageDigest() + ", not the " + served.packageDigest() + " it was deployed with.");
        }
        String root = version.content().storePath().orElseThrow(() -> new SextantException(ErrorCode.INVALID_STATE,
                "Model version " + served.uri() + " lives at " + version.content().storageLocation()
                        + ", outside this server's artifact store."));
        beforeLoad.accept(version);
        return runtime.load(PackageSource.artifacts(artifacts, root), version.content().manifest());
    }
}
