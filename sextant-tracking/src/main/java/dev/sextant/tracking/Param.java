package dev.sextant.tracking;

/** A run parameter; write-once per run. */
public record Param(String key, String value) {
}
