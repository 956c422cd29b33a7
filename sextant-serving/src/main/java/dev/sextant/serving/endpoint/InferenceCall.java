package dev.sextant.serving.endpoint;

import dev.sextant.serving.runtime.InferenceInputs;
import java.util.Optional;
import java.util.function.Function;

/**
 * One inference request to a deployment.
 *
 * @param version a registered version number to ask for directly (OIP {@code /versions/{v}}),
 *     bypassing the traffic policy; empty lets the policy choose
 * @param protocol how it arrived (oip, mlflow), for the inference log
 * @param header the request's headers by name, for sticky A/B keys
 */
public record InferenceCall(String deployment, Optional<Long> version, InferenceInputs inputs, String requestId,
                            String protocol, Function<String, Optional<String>> header) {
}
