package dev.sextant.serving.inferencelog;

import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import java.time.Instant;
import java.util.Optional;

/**
 * One request and what answered it, as the inference log keeps it.
 *
 * @param slot the deployment slot that answered (primary, canary, …)
 * @param modelUri {@code models:/name/version} of the version that answered
 * @param status the HTTP status of the answer
 * @param error the error message when it failed, else ""
 */
public record InferenceRecord(String requestId, String deployment, String slot, String modelUri, String protocol,
                              Instant receivedAt, long latencyNanos, InferenceInputs inputs,
                              Optional<InferenceOutputs> outputs, int status, String error) {
}
