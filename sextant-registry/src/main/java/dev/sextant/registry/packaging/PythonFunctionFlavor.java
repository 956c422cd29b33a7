package dev.sextant.registry.packaging;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * MLflow's {@code python_function} flavor, which lets any MLflow tool load the model through
 * {@code loader_module}.
 *
 * @param env environment files by manager ({@code conda}, {@code virtualenv}); MLflow before 2.0
 *     wrote a single file name, read here as {@code conda}
 * @param pythonVersion empty when the writer had no Python
 * @param otherFields other keys (e.g. {@code code}) as JSON text
 */
public record PythonFunctionFlavor(
        String loaderModule,
        String data,
        Map<String, String> env,
        String pythonVersion,
        Map<String, String> otherFields) implements Flavor {
    public static final String NAME = "python_function";
    public static final String ONNX_LOADER = "mlflow.onnx";

    public PythonFunctionFlavor {
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        otherFields = Collections.unmodifiableMap(new TreeMap<>(otherFields));
    }

    @Override
    public String name() {
        return NAME;
    }
}
