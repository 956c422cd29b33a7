package dev.sextant.serving.runtime;

/** One output of a prediction: a tensor, or per-row label → probability maps (ZipMap). */
public sealed interface OutputValue permits Tensor, ProbabilityMaps {

    String name();
}
