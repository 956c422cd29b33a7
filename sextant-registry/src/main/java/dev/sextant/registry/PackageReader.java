package dev.sextant.registry;

/**
 * Reads the model package at a location and records what a version keeps of it: file digests,
 * package digest, ONNX file and signature. A location that does not hold a readable model is
 * refused with a 4xx {@link dev.sextant.api.SextantException} that names the problem.
 */
@FunctionalInterface
public interface PackageReader {
    ModelContent read(PackageLocation location);
}
