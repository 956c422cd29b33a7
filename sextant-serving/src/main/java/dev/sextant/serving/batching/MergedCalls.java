package dev.sextant.serving.batching;

import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs a list of requests in as few model calls as they allow: requests that can be merged (see
 * {@link BatchMerge#key}) share calls of at most {@code maxRows} rows, in arrival order; the others
 * run alone. Each request gets its own outcome: a merged call that fails for any reason (refused as
 * bad input, or the model failing to run) is retried request by request, so only the requests that
 * fail on their own get an error. A model may fail for some rows only, or for a batch of a size it
 * does not support, and one caller's input must never cost the others their answers.
 */
public final class MergedCalls {

    /** What one request got. */
    public sealed interface Outcome {
        /** The request's outputs, or its failure thrown. */
        InferenceOutputs outputs();
    }

    public record Answered(InferenceOutputs outputs) implements Outcome {
    }

    public record Failed(RuntimeException error) implements Outcome {
        @Override
        public InferenceOutputs outputs() {
            throw error;
        }
    }

    private final Function<InferenceInputs, InferenceOutputs> model;
    private final int maxRows;
    private final IntConsumer batchSizes;

    /**
     * @param model runs one (merged) call
     * @param batchSizes told the row count of every model call, for metrics
     */
    public MergedCalls(Function<InferenceInputs, InferenceOutputs> model, int maxRows, IntConsumer batchSizes) {
        this.model = model;
        this.maxRows = maxRows;
        this.batchSizes = batchSizes;
    }

    /** The outcome of each request, in the order given. */
    public List<Outcome> run(List<InferenceInputs> requests) {
        Outcome[] outcomes = new Outcome[requests.size()];
        for (List<Integer> call : calls(requests)) {
            execute(requests, call, outcomes);
        }
        return List.of(outcomes);
    }

    /** One request on its own. */
    public InferenceOutputs runAlone(InferenceInputs inputs) {
        InferenceOutputs outputs = model.apply(inputs);
        batchSizes.accept(BatchMerge.key(inputs).isPresent() ? BatchMerge.rows(inputs) : 1);
        return outputs;
    }

    /** Indexes of the requests of each call: by key in arrival order, at most {@link #maxRows} rows. */
    private List<List<Integer>> calls(List<InferenceInputs> requests) {
        List<List<Integer>> calls = new ArrayList<>();
        Map<String, List<Integer>> open = new HashMap<>();
        Map<String, Integer> openRows = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Optional<String> key = BatchMerge.key(requests.get(i));
            if (key.isEmpty()) {
                calls.add(List.of(i));
                continue;
            }
            int requestRows = BatchMerge.rows(requests.get(i));
            List<Integer> call = open.get(key.get());
            int rows = openRows.getOrDefault(key.get(), 0);
            if (call == null || rows + requestRows > maxRows) {
                call = new ArrayList<>();
                calls.add(call);
                open.put(key.get(), call);
                rows = 0;
            }
            call.add(i);
            openRows.put(key.get(), rows + requestRows);
        }
        return calls;
    }

    private void execute(List<InferenceInputs> requests, List<Integer> call, Outcome[] outcomes) {
        if (call.size() == 1) {
            outcomes[call.get(0)] = alone(requests.get(call.get(0)));
            return;
        }
        List<InferenceInputs> parts = new ArrayList<>(call.size());
        call.forEach(i -> parts.add(requests.get(i)));
        int[] rows = parts.stream().mapToInt(BatchMerge::rows).toArray();
        Optional<List<InferenceOutputs>> split;
        try {
            split = BatchMerge.split(runAlone(BatchMerge.merge(parts)), rows);
        } catch (RuntimeException e) {
            // Which request the failure belongs to is unknown; running each alone says.
            split = Optional.empty();
        }
        if (split.isEmpty()) {
            // Failed together or not splittable: each request on its own, with its own answer.
            call.forEach(i -> outcomes[i] = alone(requests.get(i)));
            return;
        }
        for (int k = 0; k < call.size(); k++) {
            outcomes[call.get(k)] = new Answered(split.get().get(k));
        }
    }

    private Outcome alone(InferenceInputs inputs) {
        try {
            return new Answered(runAlone(inputs));
        } catch (RuntimeException e) {
            return new Failed(e);
        }
    }
}
