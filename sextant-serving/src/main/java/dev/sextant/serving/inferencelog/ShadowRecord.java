package dev.sextant.serving.inferencelog;

import dev.sextant.serving.runtime.InferenceOutputs;
import java.util.Optional;

/** A mirrored request's result: what the shadow model answered and whether it agreed with the primary. */
public record ShadowRecord(String requestId, String deployment, String modelUri, String primaryUri, boolean agreed,
                           long latencyNanos, Optional<InferenceOutputs> outputs, String error) {
}
