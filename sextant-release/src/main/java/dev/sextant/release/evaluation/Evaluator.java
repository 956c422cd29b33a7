package dev.sextant.release.evaluation;

import dev.sextant.api.SextantException;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.serving.runtime.LoadedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Scores a loaded model on a table: overall metrics, metrics per slice, metrics under each
 * perturbation, and the latency of single-row predictions. Rows without a target value are not
 * scored. Deterministic for a given seed, except the latency.
 */
final class Evaluator {
    private static final int BATCH = 512;
    /** Untimed calls first: the first predictions of a freshly loaded model pay for JIT and allocation. */
    private static final int WARM_UP = 50;

    private final LongSupplier nanoTime;

    Evaluator(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The measurements of an evaluation; the caller names and stores it. */
    record Measured(Evaluation.DatasetRef dataset, Task task, Map<String, Double> metrics, String averaging,
                    List<Evaluation.SliceResult> slices, List<Evaluation.RobustnessResult> robustness,
                    Optional<Evaluation.Latency> latency) {
    }

    Measured evaluate(LoadedModel model, Dataset data, EvaluationRequest request) {
        DataTable table = data.table();
        Column target = table.require(request.target());
        int[] rows = IntStream.range(0, table.rowCount()).filter(row -> !target.isNull(row)).toArray();
        if (rows.length == 0) {
            throw SextantException.invalid("The target column '" + request.target() + "' has no values in '" + data.name()
                    + "': there is nothing to compare the predictions with.");
        }
        ModelInputs inputs = ModelInputs.plan(model.inputs(), table, request.target(), request.features());
        ModelOutputs outputs = ModelOutputs.of(model.outputs());
        if (outputs.task() == Task.REGRESSION && !(target instanceof NumericColumn)) {
            throw SextantException.invalid("The model predicts numbers but the target '" + request.target() + "' holds "
                    + target.type().name().toLowerCase(java.util.Locale.ROOT) + " values; choose the column it predicts.");
        }
        Truth truth = Truth.of(target, rows, outputs.task());
        Predictions predicted = predict(model, inputs, outputs, table, rows);
        int[] all = IntStream.range(0, rows.length).toArray();
        Map<String, Double> metrics = truth.score(predicted, all);

        List<Evaluation.SliceResult> slices = new ArrayList<>();
        for (SliceSpec spec : request.slices()) {
            List<String> keys = spec.keys(table);
            TreeMap<String, List<Integer>> groups = new TreeMap<>();
            for (int i = 0; i < rows.length; i++) {
                groups.computeIfAbsent(keys.get(rows[i]), k -> new ArrayList<>()).add(i);
            }
            groups.forEach((value, members) -> {
                int[] positions = members.stream().mapToInt(Integer::intValue).toArray();
                slices.add(new Evaluation.SliceResult(spec.text(), value, positions.length, truth.score(predicted, positions)));
            });
        }

        List<Evaluation.RobustnessResult> robustness = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(request.seed());
        for (Perturbation perturbation : request.perturbations()) {
            DataTable changed = perturbation.apply(table, random.split());
            Predictions underChange = predict(model, inputs, outputs, changed, rows);
            robustness.add(new Evaluation.RobustnessResult(perturbation.text(), perturbation.feature(),
                    truth.score(underChange, all)));
        }

        Optional<Evaluation.Latency> latency = request.latencyRows() == 0 ? Optional.empty()
                : Optional.of(latency(model, inputs, table, rows, request.latencyRows(), random.split()));
        return new Measured(new Evaluation.DatasetRef(data.name(), data.sha256(), rows.length), outputs.task(), metrics,
                truth.averaging(predicted), slices, robustness, latency);
    }

    private static Predictions predict(LoadedModel model, ModelInputs inputs, ModelOutputs outputs, DataTable table,
                                       int[] rows) {
        List<Predictions> batches = new ArrayList<>();
        for (int from = 0; from < rows.length; from += BATCH) {
            int[] batch = java.util.Arrays.copyOfRange(rows, from, Math.min(rows.length, from + BATCH));
            batches.add(outputs.read(model.predict(inputs.rows(table, batch))));
        }
        return concat(batches);
    }

    private Evaluation.Latency latency(LoadedModel model, ModelInputs inputs, DataTable table, int[] rows, int samples,
                                       SplittableRandom random) {
        int count = Math.min(samples, rows.length);
        int[] chosen = random.ints(count, 0, rows.length).map(i -> rows[i]).toArray();
        for (int i = 0; i < WARM_UP; i++) {
            model.predict(inputs.rows(table, new int[] {chosen[i % count]}));
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            var input = inputs.rows(table, new int[] {chosen[i]});
            long start = nanoTime.getAsLong();
            model.predict(input);
            nanos[i] = nanoTime.getAsLong() - start;
        }
        java.util.Arrays.sort(nanos);
        return new Evaluation.Latency(percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6, count);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Predictions concat(List<Predictions> batches) {
        if (batches.getFirst() instanceof Predictions.Values) {
            double[] all = batches.stream().flatMapToDouble(b -> java.util.Arrays.stream(((Predictions.Values) b).predicted()))
                    .toArray();
            return new Predictions.Values(all);
        }
        List<String> labels = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        Optional<List<String>> probabilityLabels = ((Predictions.Classes) batches.getFirst()).probabilities()
                .map(Predictions.Probabilities::labels);
        for (Predictions batch : batches) {
            Predictions.Classes classes = (Predictions.Classes) batch;
            labels.addAll(classes.predicted());
            classes.probabilities().ifPresent(p -> probabilities.addAll(p.rows()));
        }
        return new Predictions.Classes(labels, probabilityLabels.map(l -> new Predictions.Probabilities(l, probabilities)));
    }

    /** The target's values on the scored rows, as labels or numbers. */
    private record Truth(Task task, List<String> labels, double[] values) {
        static Truth of(Column target, int[] rows, Task task) {
            if (task == Task.REGRESSION) {
                NumericColumn numbers = (NumericColumn) target;
                return new Truth(task, List.of(), IntStream.of(rows).mapToDouble(numbers::value).toArray());
            }
            return new Truth(task, IntStream.of(rows).mapToObj(row -> Labels.of(target, row)).toList(), new double[0]);
        }

        Map<String, Double> score(Predictions predictions, int[] positions) {
            return switch (predictions) {
                case Predictions.Values v -> Scoring.values(values, v.predicted(), positions);
                case Predictions.Classes c -> Scoring.classes(labels, c, positions, Scoring.labels(labels, c));
            };
        }

        String averaging(Predictions predictions) {
            return predictions instanceof Predictions.Classes c
                    ? "precision/recall/F1 " + Scoring.averaging(Scoring.labels(labels, c)) : "";
        }
    }
}
