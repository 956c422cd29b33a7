package dev.sextant.registry;

/** One file of a registered model package: its path in the package, SHA-256 (hex) and size. */
public record FileDigest(String path, String sha256, long size) {
}
