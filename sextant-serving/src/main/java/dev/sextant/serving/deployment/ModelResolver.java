package dev.sextant.serving.deployment;

/** Finds the registered version a model URI names ({@code models:/iris/3}, {@code @alias}, {@code /Production}). */
@FunctionalInterface
public interface ModelResolver {

    /** The version; unknown models and versions are a 404, malformed URIs a 400. */
    ServedVersion resolve(String modelUri);
}
