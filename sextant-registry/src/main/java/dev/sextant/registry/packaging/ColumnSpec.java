package dev.sextant.registry.packaging;

import dev.sextant.api.SextantException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data-frame column in MLflow's column-spec form, e.g.
 * {@code {"type":"double","name":"age","required":true}}. {@code type} is MLflow's data type name
 * ({@code boolean}, {@code integer}, {@code long}, {@code float}, {@code double}, {@code string},
 * {@code binary}, {@code datetime}, or a composite such as {@code array}/{@code object}).
 *
 * @param otherFields further keys of the spec as JSON text by key (e.g. {@code items} of an
 *     array type), kept so that a signature written back says what it said when read
 */
public record ColumnSpec(String name, String type, boolean required, Map<String, String> otherFields)
        implements FieldSpec {

    public ColumnSpec {
        otherFields = java.util.Collections.unmodifiableMap(new TreeMap<>(otherFields));
        if (type.isBlank()) {
            throw SextantException.invalid("Invalid column spec '" + name + "': a type is required, e.g. double.");
        }
    }

    public ColumnSpec(String name, String type, boolean required) {
        this(name, type, required, Map.of());
    }
}
