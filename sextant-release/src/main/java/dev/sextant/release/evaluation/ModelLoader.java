package dev.sextant.release.evaluation;

import dev.sextant.registry.ModelVersion;
import dev.sextant.serving.runtime.LoadedModel;

/** Loads a registered version into the serving runtime, its files verified against their recorded digests. */
@FunctionalInterface
public interface ModelLoader {

    /** A handle the caller closes. */
    LoadedModel load(ModelVersion version);
}
