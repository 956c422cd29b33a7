package dev.sextant.serving.endpoint;

import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.runtime.LoadedModel;

/** Loads the package of a registered version into the runtime, verified against its recorded digests. */
@FunctionalInterface
public interface ModelLoader {
    LoadedModel load(ServedVersion version);
}
