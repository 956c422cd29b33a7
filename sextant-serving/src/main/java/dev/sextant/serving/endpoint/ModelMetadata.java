package dev.sextant.serving.endpoint;

import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.runtime.TensorMetadata;
import java.util.List;

/**
 * What a deployment's model takes and returns, for the protocol's model metadata.
 *
 * @param versions the registered version numbers the deployment serves, as text
 * @param version the version described (the one the policy sends most traffic to, or the one asked for)
 */
public record ModelMetadata(String name, List<String> versions, ServedVersion version, List<TensorMetadata> inputs,
                            List<TensorMetadata> outputs) {
    public ModelMetadata {
        versions = List.copyOf(versions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
