package dev.sextant.registry.signing;

/**
 * A signature over a package digest.
 *
 * @param keyId {@code ed25519:<16 hex>}, from the SHA-256 of the public key
 * @param signature base64 of the Ed25519 signature over {@link SigningKey#statement}
 * @param signer who had it signed (a principal name), for the record only
 */
public record PackageSignature(String packageDigest, String keyId, String algorithm, String signature, String signer,
                               long createdAt) {
    public static final String ED25519 = "Ed25519";
}
