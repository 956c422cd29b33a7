package dev.sextant.registry.packaging;

/** One flavor of an MLmodel file: a way to load the model. */
public sealed interface Flavor permits OnnxFlavor, PythonFunctionFlavor, OtherFlavor {

    /** The key under {@code flavors:}, e.g. {@code onnx}. */
    String name();
}
