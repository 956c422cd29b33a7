package dev.sextant.serving.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The wire form of a {@link DeploymentSpec}, shared by the native API, the YAML files of
 * {@code sextant apply} and the store. Keys are snake_case; dash-case (as YAML files often use)
 * is read too. The one-line form {@code {"name", "model"}} is a single-model policy.
 *
 * <pre>
 * {"name": "iris", "policy": {"type": "canary", "stable": "models:/iris/1", "canary": "models:/iris/2",
 *  "percent": 10, "steps": [25, 50, 100], "step_interval_seconds": 60, "max_error_rate": 0.05,
 *  "max_p99_ratio": 2.0, "min_requests": 20}, "batching": {"max_batch_size": 32, "max_wait_ms": 2}}
 * </pre>
 */
public final class SpecJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String POLICIES = "single, canary, blue_green, ab, shadow";
    private static final Set<String> SPEC_FIELDS = Set.of("name", "description", "model", "policy", "batching",
            // What GET adds: a deployment read back and sent again as it is stays acceptable.
            "endpoint", "versions", "rollout", "generation", "creation_timestamp", "last_updated_timestamp", "ready");
    private static final Map<String, Set<String>> POLICY_FIELDS = Map.of(
            "single", Set.of("type", "model"),
            "blue_green", Set.of("type", "blue", "green", "active"),
            "canary", Set.of("type", "stable", "canary", "percent", "steps", "step_interval_seconds", "max_error_rate",
                    "max_p99_ratio", "min_requests"),
            "ab", Set.of("type", "variants", "sticky_key"),
            "shadow", Set.of("type", "model", "shadow", "percent"));

    private SpecJson() {
    }

    /** Reads a spec; {@code name} from the path wins when the body names none, and must agree when it does. */
    public static DeploymentSpec read(JsonNode node, Optional<String> pathName) {
        if (node == null || !node.isObject()) {
            throw SextantException.invalid("A deployment spec must be an object with 'name' and 'model' or 'policy'.");
        }
        onlyKnown(node, SPEC_FIELDS, "A deployment spec");
        String bodyName = text(node, "name", "");
        String name = pathName.orElse(bodyName);
        if (pathName.isPresent() && !bodyName.isEmpty() && !bodyName.equals(pathName.get())) {
            throw SextantException.invalid("The body names deployment '" + bodyName + "' but the path names '"
                    + pathName.get() + "'; rename by creating a new deployment.");
        }
        JsonNode policy = field(node, "policy");
        String model = text(node, "model", "");
        TrafficPolicy traffic;
        if (policy != null && !policy.isNull()) {
            if (!model.isEmpty()) {
                throw SextantException.invalid("Give either 'model' (one model, all traffic) or 'policy', not both.");
            }
            traffic = policy(policy);
        } else if (!model.isEmpty()) {
            traffic = new TrafficPolicy.Single(model);
        } else {
            throw SextantException.invalid("Deployment '" + name + "' names no model: give 'model' (a model URI such as "
                    + "models:/iris/1) or a 'policy' (" + POLICIES + ").");
        }
        return new DeploymentSpec(name, text(node, "description", ""), traffic, batching(field(node, "batching")));
    }

    public static ObjectNode write(DeploymentSpec spec) {
        ObjectNode node = NODES.objectNode();
        node.put("name", spec.name());
        node.put("description", spec.description());
        node.set("policy", policy(spec.policy()));
        ObjectNode batching = node.putObject("batching");
        batching.put("max_batch_size", spec.batching().maxBatchSize());
        batching.put("max_wait_ms", spec.batching().maxWait().toNanos() / 1e6);
        return node;
    }

    static TrafficPolicy policy(JsonNode node) {
        if (!node.isObject()) {
            throw SextantException.invalid("'policy' must be an object with a 'type' (" + POLICIES + ").");
        }
        String type = text(node, "type", "");
        Set<String> fields = POLICY_FIELDS.get(type.replace('-', '_'));
        if (fields != null) {
            onlyKnown(node, fields, "A " + type + " policy");
        }
        return switch (type.replace('-', '_')) {
            case "single" -> new TrafficPolicy.Single(required(node, "model"));
            case "blue_green" -> new TrafficPolicy.BlueGreen(required(node, "blue"), required(node, "green"),
                    text(node, "active", TrafficPolicy.BLUE));
            case "canary" -> new TrafficPolicy.Canary(required(node, "stable"), required(node, "canary"),
                    integer(node, "percent", 10), steps(field(node, "steps")),
                    Duration.ofMillis(Math.round(number(node, "step_interval_seconds", 60) * 1000)),
                    new TrafficPolicy.CanaryAnalysis(
                            number(node, "max_error_rate", TrafficPolicy.CanaryAnalysis.DEFAULT.maxErrorRate()),
                            number(node, "max_p99_ratio", TrafficPolicy.CanaryAnalysis.DEFAULT.maxP99Ratio()),
                            integer(node, "min_requests", TrafficPolicy.CanaryAnalysis.DEFAULT.minRequests())));
            case "ab" -> new TrafficPolicy.AbTest(variants(field(node, "variants")), stickyKey(field(node, "sticky_key")));
            case "shadow" -> new TrafficPolicy.Shadow(required(node, "model"), required(node, "shadow"),
                    integer(node, "percent", 100));
            case "" -> throw SextantException.invalid("'policy' needs a 'type': one of " + POLICIES + ".");
            default -> throw SextantException.invalid("Unknown policy type '" + type + "'; use one of " + POLICIES + ".");
        };
    }

    static ObjectNode policy(TrafficPolicy policy) {
        ObjectNode node = NODES.objectNode();
        node.put("type", policy.type());
        switch (policy) {
            case TrafficPolicy.Single single -> node.put("model", single.model());
            case TrafficPolicy.BlueGreen bg -> node.put("blue", bg.blue()).put("green", bg.green()).put("active", bg.active());
            case TrafficPolicy.Canary canary -> {
                node.put("stable", canary.stable()).put("canary", canary.canary()).put("percent", canary.percent());
                ArrayNode steps = node.putArray("steps");
                canary.steps().forEach(steps::add);
                node.put("step_interval_seconds", canary.stepInterval().toMillis() / 1000.0);
                node.put("max_error_rate", canary.analysis().maxErrorRate());
                node.put("max_p99_ratio", canary.analysis().maxP99Ratio());
                node.put("min_requests", canary.analysis().minRequests());
            }
            case TrafficPolicy.AbTest ab -> {
                ArrayNode variants = node.putArray("variants");
                ab.variants().forEach(v -> variants.addObject().put("name", v.name()).put("model", v.model())
                        .put("weight", v.weight()));
                ab.stickyKey().ifPresent(key -> node.putObject("sticky_key")
                        .put(key.source() == TrafficPolicy.StickyKey.Source.HEADER ? "header" : "input", key.name()));
            }
            case TrafficPolicy.Shadow shadow -> node.put("model", shadow.model()).put("shadow", shadow.shadow())
                    .put("percent", shadow.percent());
        }
        return node;
    }

    private static Batching batching(JsonNode node) {
        if (node == null || node.isNull()) {
            return Batching.OFF;
        }
        if (!node.isObject()) {
            throw SextantException.invalid("'batching' must be an object with 'max_batch_size' and 'max_wait_ms'.");
        }
        double waitMs = number(node, "max_wait_ms", 0);
        if (!(waitMs >= 0) || waitMs > Batching.MAX_WAIT.toMillis()) {
            throw SextantException.invalid("'max_wait_ms' must be from 0 to " + Batching.MAX_WAIT.toMillis() + "; got "
                    + waitMs + ".");
        }
        return new Batching(integer(node, "max_batch_size", 1), Duration.ofNanos(Math.round(waitMs * 1e6)));
    }

    private static List<Integer> steps(JsonNode node) {
        List<Integer> steps = new ArrayList<>();
        if (node == null || node.isNull()) {
            return steps;
        }
        if (!node.isArray()) {
            throw SextantException.invalid("Canary 'steps' must be a list of percentages, e.g. [25, 50, 100].");
        }
        for (JsonNode step : node) {
            if (!step.isIntegralNumber() || !step.canConvertToInt()) {
                throw SextantException.invalid("Canary 'steps' must be whole percentages; got " + step + ".");
            }
            steps.add(step.intValue());
        }
        return steps;
    }

    private static List<TrafficPolicy.Variant> variants(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw SextantException.invalid("An A/B policy needs 'variants': a list of {\"name\", \"model\", \"weight\"}.");
        }
        List<TrafficPolicy.Variant> variants = new ArrayList<>();
        for (JsonNode variant : node) {
            if (!variant.isObject()) {
                throw SextantException.invalid("Each A/B variant must be an object with name, model and weight.");
            }
            variants.add(new TrafficPolicy.Variant(required(variant, "name"), required(variant, "model"),
                    integer(variant, "weight", 1)));
        }
        return variants;
    }

    private static Optional<TrafficPolicy.StickyKey> stickyKey(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String header = text(node, "header", "");
        String input = text(node, "input", "");
        if (header.isEmpty() == input.isEmpty()) {
            throw SextantException.invalid("'sticky_key' takes exactly one of {\"header\": NAME} or {\"input\": FIELD}.");
        }
        return Optional.of(header.isEmpty() ? new TrafficPolicy.StickyKey(TrafficPolicy.StickyKey.Source.INPUT, input)
                : new TrafficPolicy.StickyKey(TrafficPolicy.StickyKey.Source.HEADER, header));
    }

    /** Refuses fields the spec does not know, e.g. a canary's 'model' (a typo or the wrong policy). */
    private static void onlyKnown(JsonNode node, Set<String> known, String what) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field.replace('-', '_'))) {
                throw SextantException.invalid(what + " has no field '" + field + "'; it takes " + new TreeSet<>(known)
                        + ".");
            }
        });
    }

    /** The field {@code snake} or its dash-case spelling. */
    static JsonNode field(JsonNode node, String snake) {
        JsonNode value = node.get(snake);
        return value != null ? value : node.get(snake.replace('_', '-'));
    }

    private static String required(JsonNode node, String name) {
        String value = text(node, name, "");
        if (value.isEmpty()) {
            throw SextantException.invalid("The policy needs '" + name + "' (a model URI such as models:/iris/1).");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String absent) {
        JsonNode value = field(node, name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            throw SextantException.invalid("'" + name + "' must be a string; got " + value + ".");
        }
        return value.textValue();
    }

    private static int integer(JsonNode node, String name, int absent) {
        JsonNode value = field(node, name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw SextantException.invalid("'" + name + "' must be a whole number; got " + value + ".");
        }
        return value.intValue();
    }

    private static double number(JsonNode node, String name, double absent) {
        JsonNode value = field(node, name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isNumber()) {
            throw SextantException.invalid("'" + name + "' must be a number; got " + value + ".");
        }
        return value.doubleValue();
    }
}
