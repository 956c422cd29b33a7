package dev.sextant.release.evaluation;

import dev.sextant.api.SextantException;
import dev.sextant.data.read.Dataset;
import dev.sextant.registry.ModelVersion;
import dev.sextant.release.Ids;
import dev.sextant.serving.runtime.LoadedModel;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Evaluates registered versions on holdout data with the serving runtime and records the results
 * on the version. An evaluation names the SHA-256 of its data, so versions evaluated on the same
 * bytes compare directly (gates use this for non-regression).
 */
public final class EvaluationService {
    public static final int MAX_LISTED = 1000;

    private final ModelLoader loader;
    private final EvaluationStore store;
    private final Evaluator evaluator;
    private final Clock clock;
    private final Ids ids;

    public EvaluationService(ModelLoader loader, EvaluationStore store, Clock clock, LongSupplier nanoTime, Ids ids) {
        this.loader = loader;
        this.store = store;
        this.evaluator = new Evaluator(nanoTime);
        this.clock = clock;
        this.ids = ids;
    }

    /** Scores {@code version} on {@code data} and stores the result. */
    public Evaluation evaluate(ModelVersion version, Dataset data, EvaluationRequest request, String actor) {
        return evaluate(version, data, Optional.empty(), request, actor);
    }

    /**
     * Scores {@code version} on {@code data}, which is the dataset version {@code datasetVersion}
     * names when one is given (the evaluation records it), and stores the result.
     */
    public Evaluation evaluate(ModelVersion version, Dataset data, Optional<String> datasetVersion,
                               EvaluationRequest request, String actor) {
        Evaluator.Measured measured;
        try (LoadedModel model = loader.load(version)) {
            measured = evaluator.evaluate(model, data, request);
        }
        Evaluation evaluation = new Evaluation(ids.next(), version.name(), version.version(),
                measured.dataset().withVersion(datasetVersion),
                request.target(), measured.task(), measured.metrics(), measured.averaging(), measured.slices(),
                measured.robustness(), measured.latency(), clock.millis(), actor);
        store.save(evaluation);
        return evaluation;
    }

    /**
     * The newest evaluation of {@code version} on the same data that measured what {@code request} asks,
     * evaluating it now with the same request when there is none: the baseline a candidate is
     * compared with.
     */
    public Evaluation onSameData(ModelVersion version, Dataset data, EvaluationRequest request, String actor) {
        return onSameData(version, data, Optional.empty(), request, actor);
    }

    /** {@link #onSameData(ModelVersion, Dataset, EvaluationRequest, String)} on a dataset version. */
    public Evaluation onSameData(ModelVersion version, Dataset data, Optional<String> datasetVersion,
                                 EvaluationRequest request, String actor) {
        return store.list(version.name(), OptionalLong.of(version.version()), Optional.of(data.sha256()), MAX_LISTED)
                .stream().filter(e -> datasetVersion.isEmpty() || e.dataset().version().equals(datasetVersion))
                .filter(e -> e.target().equals(request.target())
                        && e.slices().stream().map(Evaluation.SliceResult::slice).distinct().toList()
                        .containsAll(request.slices().stream().map(SliceSpec::text).toList())
                        && e.robustness().stream().map(Evaluation.RobustnessResult::perturbation).toList()
                        .containsAll(request.perturbations().stream().map(Perturbation::text).toList()))
                .findFirst()
                .orElseGet(() -> evaluate(version, data, datasetVersion, request, actor));
    }

    public Evaluation get(String id) {
        return store.get(id).orElseThrow(() -> SextantException.notFound("No evaluation with id '" + id + "'."));
    }

    public List<Evaluation> list(String model, OptionalLong version, Optional<String> datasetSha256) {
        return store.list(model, version, datasetSha256, MAX_LISTED);
    }

    /** The version's newest evaluation. */
    public Optional<Evaluation> latest(ModelVersion version) {
        return store.list(version.name(), OptionalLong.of(version.version()), Optional.empty(), 1).stream().findFirst();
    }

    /** The version's newest evaluation on the data with this digest. */
    public Optional<Evaluation> latestOn(ModelVersion version, String datasetSha256) {
        return store.list(version.name(), OptionalLong.of(version.version()), Optional.of(datasetSha256), 1).stream()
                .findFirst();
    }
}
