package dev.sextant.registry.signing;

import java.util.List;

/** Persistence port for package signatures, kept by package digest. Implementations commit before returning. */
public interface PackageSignatureStore {

    /** Records the signature; a second one by the same key replaces the first. */
    void put(PackageSignature signature);

    List<PackageSignature> find(String packageDigest);
}
