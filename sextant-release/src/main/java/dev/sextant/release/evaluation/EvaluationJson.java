package dev.sextant.release.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON form of an {@link Evaluation}: how it is stored and how the API shows it. */
public final class EvaluationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationJson() {
    }

    public static ObjectNode tree(Evaluation e) {
        ObjectNode out = JSON.createObjectNode()
                .put("id", e.id())
                .put("model", e.model())
                .put("version", e.version())
                .put("target", e.target())
                .put("task", e.task().wireName())
                .put("created_at", e.createdAt())
                .put("created_by", e.createdBy());
        ObjectNode dataset = out.putObject("dataset").put("name", e.dataset().name())
                .put("sha256", e.dataset().sha256()).put("rows", e.dataset().rows());
        e.dataset().version().ifPresent(uri -> dataset.put("version", uri));
        metrics(out.putObject("metrics"), e.metrics());
        out.put("averaging", e.averaging());
        var slices = out.putArray("slices");
        for (Evaluation.SliceResult slice : e.slices()) {
            ObjectNode node = slices.addObject().put("slice", slice.slice()).put("value", slice.value())
                    .put("rows", slice.rows());
            metrics(node.putObject("metrics"), slice.metrics());
        }
        var robustness = out.putArray("robustness");
        for (Evaluation.RobustnessResult result : e.robustness()) {
            ObjectNode node = robustness.addObject().put("perturbation", result.perturbation())
                    .put("feature", result.feature());
            metrics(node.putObject("metrics"), result.metrics());
        }
        e.latency().ifPresent(l -> out.putObject("latency").put("p50_ms", l.p50Millis()).put("p99_ms", l.p99Millis())
                .put("samples", l.samples()));
        return out;
    }

    public static String write(Evaluation evaluation) {
        return tree(evaluation).toString();
    }

    public static Evaluation read(String json) {
        try {
            return read(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored evaluation is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Evaluation read(JsonNode in) {
        JsonNode dataset = in.path("dataset");
        List<Evaluation.SliceResult> slices = new ArrayList<>();
        in.path("slices").forEach(s -> slices.add(new Evaluation.SliceResult(s.path("slice").asText(),
                s.path("value").asText(), s.path("rows").asInt(), metrics(s.path("metrics")))));
        List<Evaluation.RobustnessResult> robustness = new ArrayList<>();
        in.path("robustness").forEach(r -> robustness.add(new Evaluation.RobustnessResult(
                r.path("perturbation").asText(), r.path("feature").asText(), metrics(r.path("metrics")))));
        JsonNode latency = in.path("latency");
        return new Evaluation(in.path("id").asText(), in.path("model").asText(), in.path("version").asLong(),
                new Evaluation.DatasetRef(dataset.path("name").asText(), dataset.path("sha256").asText(),
                        dataset.path("rows").asInt(), dataset.hasNonNull("version")
                        ? Optional.of(dataset.path("version").asText()) : Optional.empty()),
                in.path("target").asText(), Task.ofWire(in.path("task").asText()), metrics(in.path("metrics")),
                in.path("averaging").asText(), slices, robustness,
                latency.isObject() ? Optional.of(new Evaluation.Latency(latency.path("p50_ms").asDouble(),
                        latency.path("p99_ms").asDouble(), latency.path("samples").asInt())) : Optional.empty(),
                in.path("created_at").asLong(), in.path("created_by").asText());
    }

    private static void metrics(ObjectNode out, Map<String, Double> metrics) {
        metrics.forEach(out::put);
    }

    private static Map<String, Double> metrics(JsonNode in) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        in.properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        return metrics;
    }
}
