/**
 * Model packages: a directory holding an MLflow-compatible {@code MLmodel} file, the ONNX model
 * file(s), an optional input example and a SHA-256 digest manifest. Read from any
 * {@link dev.sextant.registry.packaging.PackageSource} (a local directory, the artifact store),
 * written deterministically by {@link dev.sextant.registry.packaging.ModelPackageWriter}.
 */
package dev.sextant.registry.packaging;
