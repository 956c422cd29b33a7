package dev.sextant.it;

import java.nio.file.Path;

/** The MLflow client conformance suite against the embedded (H2) store in the data directory. */
final class EmbeddedStoreMlflowClientConformanceIT extends MlflowClientConformanceIT {

    @Override
    ServerProcess.Options serverOptions(Path dataDir) {
        return ServerProcess.Options.of(dataDir);
    }
}
