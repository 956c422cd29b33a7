package dev.sextant.tracking;

/**
 * A dataset a run consumed, identified by name and digest. Optional text fields are empty
 * strings when absent.
 */
public record Dataset(String name, String digest, String sourceType, String source, String schema, String profile) {
}
