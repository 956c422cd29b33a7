package dev.sextant.serving.endpoint;

import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.runtime.InferenceOutputs;

/** What answered a request (slot and version) and its outputs. */
public record InferenceResult(String deployment, String slot, ServedVersion version, InferenceOutputs outputs) {
}
