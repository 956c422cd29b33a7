package dev.sextant.serving.endpoint;

import dev.sextant.serving.batching.AdaptiveBatcher;
import dev.sextant.serving.deployment.Batching;
import dev.sextant.serving.deployment.ServedVersion;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.LoadedModel;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.traffic.WindowStats;
import java.util.Optional;

/** One slot of a running deployment: the loaded version, its batcher if batching is on, and its stats. */
final class LiveModel implements AutoCloseable {
    final String slot;
    final ServedVersion version;
    final LoadedModel model;
    final ServingMetrics.Meters meters;
    final WindowStats window = new WindowStats();
    private final Optional<AdaptiveBatcher> batcher;

    LiveModel(String deployment, String slot, ServedVersion version, LoadedModel model, Batching batching,
              ServingMetrics metrics) {
        this.slot = slot;
        this.version = version;
        this.model = model;
        this.meters = metrics.of(deployment, slot, version.uri());
        this.batcher = batching.enabled()
                ? Optional.of(new AdaptiveBatcher(model::predict, batching, meters.batchSize::record))
                : Optional.empty();
    }

    InferenceOutputs predict(InferenceInputs inputs) {
        if (batcher.isPresent()) {
            return batcher.get().predict(inputs);
        }
        InferenceOutputs outputs = model.predict(inputs);
        meters.batchSize.record(rows(inputs));
        return outputs;
    }

    void record(long nanos, int status) {
        meters.record(nanos, status);
        window.record(nanos, status >= 500);
    }

    boolean hasInput(String name) {
        return model.inputs().stream().anyMatch(input -> input.name().equals(name));
    }

    /** Rows of the first input (1 for a scalar or no input); on every request, so without a stream. */
    private static int rows(InferenceInputs inputs) {
        for (Tensor first : inputs.tensors().values()) {
            return first.rank() > 0 ? (int) first.dimension(0) : 1;
        }
        return 1;
    }

    @Override
    public void close() {
        batcher.ifPresent(AdaptiveBatcher::close);
        model.close();
    }
}
