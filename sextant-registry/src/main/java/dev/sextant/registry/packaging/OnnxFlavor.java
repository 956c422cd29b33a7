package dev.sextant.registry.packaging;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MLflow's {@code onnx} flavor: the ONNX file and how it was produced.
 *
 * @param onnxVersion version of the {@code onnx} library that wrote the file; empty if unknown
 * @param data the ONNX file, relative to the package root
 * @param providers ONNX Runtime execution providers in order of preference
 * @param otherFields other keys (e.g. {@code code}, {@code onnx_session_options}) as JSON text
 */
public record OnnxFlavor(String onnxVersion, String data, List<String> providers, Map<String, String> otherFields)
        implements Flavor {
    public static final String NAME = "onnx";

    public OnnxFlavor {
        providers = List.copyOf(providers);
        otherFields = Collections.unmodifiableMap(new TreeMap<>(otherFields));
    }

    @Override
    public String name() {
        return NAME;
    }
}
