package dev.sextant.registry;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.packaging.DigestManifest;
import dev.sextant.registry.packaging.ModelFile;
import dev.sextant.registry.packaging.ModelPackageReader;
import dev.sextant.registry.packaging.PackageSource;
import dev.sextant.registry.signing.PackageSignatureStore;
import dev.sextant.registry.signing.SignatureCheck;
import dev.sextant.registry.signing.SigningKey;
import dev.sextant.registry.signing.TrustedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a registered version against what was recorded at registration: every file's bytes
 * against its SHA-256, and the package digest's signature against the trusted keys. Signs new
 * versions with the server's key.
 */
public final class ModelIntegrity {
    private final ArtifactStore artifacts;
    private final PackageSignatureStore signatures;
    private final SigningKey serverKey;
    private final TrustedKeys trusted;

    /** What a check found. */
    public record Report(ModelVersion version, String recordedDigest, String currentDigest, List<String> differences,
                         SignatureCheck signature) {
        public Report {
            differences = List.copyOf(differences);
        }

        public boolean digestMatches() {
            return differences.isEmpty();
        }

        /** Fit to load: the bytes are the registered ones and a trusted key signed them. */
        public boolean intact() {
            return digestMatches() && signature.valid();
        }

        public String describe() {
            return version.uri() + ": " + (digestMatches() ? "files match " + recordedDigest
                    : "files do not match the registered digest (" + String.join("; ", differences) + ")")
                    + "; " + signature.describe();
        }
    }

    public ModelIntegrity(ArtifactStore artifacts, PackageSignatureStore signatures, SigningKey serverKey,
                          TrustedKeys trusted) {
        this.artifacts = artifacts;
        this.signatures = signatures;
        this.serverKey = serverKey;
        this.trusted = trusted;
    }

    /** Signs the version's package digest with the server's key (at registration). */
    public void sign(ModelVersion version, String signer, long now) {
        signatures.put(serverKey.sign(version.content().packageDigest(), signer, now));
    }

    public Report check(ModelVersion version) {
        ModelContent content = version.content();
        DigestManifest expected = DigestManifest.of(content.files().stream()
                .map(f -> new ModelFile(f.path(), f.sha256(), f.size())).toList());
        List<String> differences = new ArrayList<>();
        String currentDigest = "";
        Optional<String> root = ArtifactLocations.storePath(content.storageLocation());
        if (root.isEmpty()) {
            differences.add("the package at " + content.storageLocation() + " is not in this server's artifact store");
        } else {
            PackageSource source = PackageSource.artifacts(artifacts, root.get());
            DigestManifest actual = ModelPackageReader.digests(source, source.files());
            currentDigest = actual.digest();
            differences.addAll(actual.differencesFrom(expected));
            actual.entries().stream().filter(f -> expected.file(f.path()).isEmpty())
                    .forEach(f -> differences.add("'" + f.path() + "' was added after registration"));
        }
        SignatureCheck signature = trusted.check(content.packageDigest(), signatures.find(content.packageDigest()));
        return new Report(version, content.packageDigest(), currentDigest, differences, signature);
    }

    /** The report of a version fit to load; otherwise a refusal that says what is wrong and where. */
    public Report requireIntact(ModelVersion version) {
        Report report = check(version);
        if (!report.intact()) {
            throw new SextantException(ErrorCode.INVALID_STATE, "Refusing to load " + report.describe()
                    + ". Register the model again from its original files, or find out who changed them "
                    + "(sextant audit list --entity artifact).");
        }
        return report;
    }
}
