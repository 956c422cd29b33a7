package dev.sextant.it;

import java.nio.file.Path;

/** The registry conformance suite against the embedded (H2) store in the data directory. */
final class EmbeddedStoreRegistryConformanceIT extends MlflowRegistryConformanceIT {

    @Override
    ServerProcess.Options serverOptions(Path dataDir) {
        return ServerProcess.Options.of(dataDir);
    }
}
