package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.util.List;

/**
 * A tensor in MLflow's tensor-spec form. {@code dtype} is a numpy type name as MLflow writes it
 * ({@code float32}, {@code float64}, {@code int32}, {@code int64}, {@code bool}, {@code str},
 * {@code object}, …); {@code -1} in {@code shape} is a dimension of any size.
 *
 * @param name empty when unnamed
 */
public record TensorSpec(String name, String dtype, List<Long> shape) implements FieldSpec {

    public TensorSpec {
        shape = List.copyOf(shape);
        if (dtype.isBlank()) {
            throw SextantException.invalid("Invalid tensor spec '" + name + "': a dtype is required, e.g. float32.");
        }
    }

    /** A tensor spec from a shape written as primitive longs. */
    public static TensorSpec of(String name, String dtype, long... shape) {
        return new TensorSpec(name, dtype, java.util.Arrays.stream(shape).boxed().toList());
    }
}
