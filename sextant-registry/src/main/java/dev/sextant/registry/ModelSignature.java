package dev.sextant.registry;

/**
 * A model signature as MLflow writes it in the {@code MLmodel} file: {@code inputs} and
 * {@code outputs} are JSON texts holding lists of tensor or column specs. Kept as text so the
 * registry stores exactly what the package says and hands it back unchanged.
 */
public record ModelSignature(String inputs, String outputs) {
}
