package dev.sextant.registry;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.ModelFile;
import dev.sextant.registry.packaging.PackageSource;

/** Where a registered version's package is read from, and the digests its files must still have. */
public final class VersionPackages {

    private VersionPackages() {
    }

    /** The version's package in this server's artifact store. */
    public static PackageSource source(ArtifactStore artifacts, ModelVersion version) {
        String location = version.content().storageLocation();
        String root = ArtifactLocations.storePath(location).orElseThrow(() -> new SextantException(ErrorCode.INVALID_STATE,
                "The package of " + version.uri() + " is at " + location + ", outside this server's artifact store."));
        return PackageSource.artifacts(artifacts, root);
    }

    /** The digests recorded at registration. */
    public static DigestManifest manifest(ModelVersion version) {
        return DigestManifest.of(version.content().files().stream()
                .map(f -> new ModelFile(f.path(), f.sha256(), f.size())).toList());
    }
}
