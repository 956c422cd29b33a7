package dev.sextant.registry.packaging;

/**
 * One entry of a model signature's inputs or outputs, as MLflow describes it: either a tensor
 * ({@code {"type":"tensor","tensor-spec":{...}}}) or a named column of a data frame.
 */
public sealed interface FieldSpec permits TensorSpec, ColumnSpec {

    /** The field's name; empty when the signature does not name it (allowed for tensors). */
    String name();
}
