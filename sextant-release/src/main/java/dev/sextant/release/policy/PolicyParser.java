package dev.sextant.release.policy;

import dev.sextant.api.SextantException;
import dev.sextant.api.security.Role;
import dev.sextant.release.evaluation.Metric;
import dev.sextant.release.evaluation.Perturbation;
import dev.sextant.release.evaluation.SliceSpec;
import dev.sextant.release.promotion.PromotionTarget;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a release policy from YAML and checks it: every problem (malformed YAML, unknown keys or
 * metrics, thresholds no model could meet, an approval set that does not exist) is reported with
 * its line, all at once.
 *
 * <pre>
 * approval_sets:
 *   production-signoff:
 *     - role: ml-engineer
 *     - domain: compliance
 * targets:
 *   Production:
 *     gates:
 *       - metric: accuracy
 *         min: 0.8
 *       - non_regression: {metric: accuracy, tolerance: 0.01}
 *       - slice: {by: location, metric: accuracy, min: 0.7}
 *       - disparity: {by: location, metric: accuracy, max_gap: 0.1}
 *       - robustness: {perturbation: "noise(temp_max,0.5)", metric: accuracy, max_drop: 0.05}
 *       - latency: {p99_ms: 25}
 *       - schema: {compatible_with: Production}
 *       - digests: verified
 *     approvals: production-signoff
 * </pre>
 */
public final class PolicyParser {
    public static final int MAX_LENGTH = 64 * 1024;
    private static final Set<String> GATE_KINDS = Set.of("metric", "non_regression", "slice", "disparity", "robustness",
            "latency", "schema", "digests");

    private final List<PolicyProblem> problems = new ArrayList<>();

    private PolicyParser() {
    }

    /** The policy, or {@link PolicyRejected} listing every problem with its line. */
    public static ReleasePolicy parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw SextantException.invalid("The release policy is " + text.length() + " characters long; the limit is "
                    + MAX_LENGTH + ".");
        }
        PolicyParser parser = new PolicyParser();
        ReleasePolicy policy = parser.read(text);
        if (!parser.problems.isEmpty()) {
            throw new PolicyRejected(parser.problems);
        }
        return policy;
    }

    private ReleasePolicy read(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            problems.add(new PolicyProblem(line, "malformed YAML: " + e.getProblem()));
            return ReleasePolicy.EMPTY;
        } catch (YAMLException e) {
            problems.add(new PolicyProblem(1, "malformed YAML: " + e.getMessage()));
            return ReleasePolicy.EMPTY;
        }
        if (!(root instanceof MappingNode top)) {
            problems.add(new PolicyProblem(root == null ? 1 : line(root), "a policy is a mapping with 'targets' (and "
                    + "optionally 'approval_sets' and 'version'); the document is empty or not a mapping"));
            return ReleasePolicy.EMPTY;
        }
        Map<String, Node> fields = fields(top, Set.of("version", "approval_sets", "targets"));
        Optional.ofNullable(fields.get("version")).ifPresent(v -> {
            if (!"1".equals(scalar(v, "version"))) {
                problems.add(new PolicyProblem(line(v), "unsupported policy version; write version: 1 or leave it out"));
            }
        });
        Map<String, List<ApprovalRequirement>> sets = Optional.ofNullable(fields.get("approval_sets"))
                .map(this::approvalSets).orElse(Map.of());
        Map<String, TargetPolicy> targets = new LinkedHashMap<>();
        Node targetsNode = fields.get("targets");
        if (targetsNode == null) {
            problems.add(new PolicyProblem(line(top), "missing 'targets': name the stages or aliases the policy governs"));
        } else if (targetsNode instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                String name = scalar(tuple.getKeyNode(), "target name");
                target(name, tuple.getKeyNode(), tuple.getValueNode(), sets).ifPresent(t -> {
                    if (targets.putIfAbsent(t.target().name(), t) != null) {
                        problems.add(new PolicyProblem(line(tuple.getKeyNode()), "target '" + t.target().name()
                                + "' is given twice"));
                    }
                });
            }
        } else {
            problems.add(new PolicyProblem(line(targetsNode), "'targets' must map target names (Production, champion) to "
                    + "their gates and approvals"));
        }
        return new ReleasePolicy(text, sets, targets);
    }

    private Map<String, List<ApprovalRequirement>> approvalSets(Node node) {
        Map<String, List<ApprovalRequirement>> sets = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            problems.add(new PolicyProblem(line(node), "'approval_sets' must map set names to lists of approvals "
                    + "(- role: ml-engineer, - domain: compliance)"));
            return sets;
        }
        for (NodeTuple tuple : map.getValue()) {
            String name = scalar(tuple.getKeyNode(), "approval set name");
            List<ApprovalRequirement> requirements = new ArrayList<>();
            if (!(tuple.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
                problems.add(new PolicyProblem(line(tuple.getValueNode()), "approval set '" + name + "' must be a non-empty "
                        + "list of approvals (- role: ml-engineer, - domain: compliance)"));
                continue;
            }
            for (Node item : list.getValue()) {
                requirement(item).ifPresent(requirements::add);
            }
            if (sets.putIfAbsent(name, requirements) != null) {
                problems.add(new PolicyProblem(line(tuple.getKeyNode()), "approval set '" + name + "' is given twice"));
            }
        }
        return sets;
    }

    private Optional<ApprovalRequirement> requirement(Node item) {
        if (!(item instanceof MappingNode map)) {
            problems.add(new PolicyProblem(line(item), "an approval is 'role: <role>' or 'domain: <approver domain>'"));
            return Optional.empty();
        }
        Map<String, Node> fields = fields(map, Set.of("role", "domain"));
        if (fields.size() != 1) {
            problems.add(new PolicyProblem(line(item), "an approval names exactly one of 'role' or 'domain'"));
            return Optional.empty();
        }
        if (fields.containsKey("role")) {
            Node role = fields.get("role");
            try {
                return Optional.of(new ApprovalRequirement.ByRole(Role.parse(scalar(role, "role"))));
            } catch (SextantException e) {
                problems.add(new PolicyProblem(line(role), e.getMessage()));
                return Optional.empty();
            }
        }
        String domain = scalar(fields.get("domain"), "domain");
        if (domain.isBlank()) {
            problems.add(new PolicyProblem(line(fields.get("domain")), "the approver domain is empty"));
            return Optional.empty();
        }
        return Optional.of(new ApprovalRequirement.ByDomain(domain));
    }

    private Optional<TargetPolicy> target(String name, Node keyNode, Node node, Map<String, List<ApprovalRequirement>> sets) {
        PromotionTarget target;
        try {
            target = PromotionTarget.parse(name);
        } catch (SextantException e) {
            problems.add(new PolicyProblem(line(keyNode), e.getMessage()));
            return Optional.empty();
        }
        if (!(node instanceof MappingNode map)) {
            problems.add(new PolicyProblem(line(node), "target '" + name + "' must be a mapping with 'gates' and/or "
                    + "'approvals'"));
            return Optional.empty();
        }
        Map<String, Node> fields = fields(map, Set.of("gates", "approvals"));
        List<GateCheck> gates = new ArrayList<>();
        Map<String, Integer> taskLines = new HashMap<>();
        Node gatesNode = fields.get("gates");
        if (gatesNode instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                gate(item, target, taskLines).ifPresent(gates::add);
            }
        } else if (gatesNode != null) {
            problems.add(new PolicyProblem(line(gatesNode), "'gates' of " + name + " must be a list of checks"));
        }
        if (taskLines.size() > 1) {
            problems.add(new PolicyProblem(taskLines.values().stream().max(Integer::compare).orElseThrow(), "target '"
                    + name + "' mixes classification and regression metrics (lines " + taskLines.values().stream().sorted()
                    .map(String::valueOf).toList() + "); a model is one or the other, so these gates could never all pass"));
        }
        Optional<String> approvals = Optional.empty();
        Node approvalsNode = fields.get("approvals");
        if (approvalsNode != null) {
            String set = scalar(approvalsNode, "approvals");
            if (!sets.containsKey(set)) {
                problems.add(new PolicyProblem(line(approvalsNode), "approval set '" + set + "' is not defined under "
                        + "approval_sets" + (sets.isEmpty() ? "" : " (defined: " + String.join(", ", sets.keySet()) + ")")));
            }
            approvals = Optional.of(set);
        }
        return Optional.of(new TargetPolicy(target, gates, approvals));
    }

    private Optional<GateCheck> gate(Node item, PromotionTarget target, Map<String, Integer> taskLines) {
        if (!(item instanceof MappingNode map)) {
            problems.add(new PolicyProblem(line(item), "a gate is a mapping, e.g. '- metric: accuracy' with 'min: 0.8'"));
            return Optional.empty();
        }
        Set<String> allowed = new java.util.HashSet<>(GATE_KINDS);
        allowed.addAll(Set.of("min", "max"));
        Map<String, Node> fields = fields(map, allowed);
        List<String> kinds = fields.keySet().stream().filter(GATE_KINDS::contains).toList();
        if (kinds.size() != 1) {
            problems.add(new PolicyProblem(line(item), "a gate names exactly one check: one of " + String.join(", ",
                    GATE_KINDS.stream().sorted().toList()) + (kinds.isEmpty() ? "" : "; this one names " + kinds)));
            return Optional.empty();
        }
        String kind = kinds.getFirst();
        if (!kind.equals("metric") && (fields.containsKey("min") || fields.containsKey("max"))) {
            problems.add(new PolicyProblem(line(item), "'min' and 'max' belong inside the '" + kind + "' check"));
            return Optional.empty();
        }
        Node body = fields.get(kind);
        GateReader reader = new GateReader(problems, taskLines);
        return switch (kind) {
            case "metric" -> reader.threshold(item, body, fields.get("min"), fields.get("max"));
            case "non_regression" -> reader.nonRegression(body, target);
            case "slice" -> reader.sliceThreshold(body);
            case "disparity" -> reader.disparity(body);
            case "robustness" -> reader.robustness(body);
            case "latency" -> reader.latency(body);
            case "schema" -> reader.schema(body, target);
            default -> reader.digests(body);
        };
    }

    /** The mapping's entries by key; unknown and repeated keys are problems. */
    Map<String, Node> fields(MappingNode map, Set<String> allowed) {
        return fields(map, allowed, problems);
    }

    static Map<String, Node> fields(MappingNode map, Set<String> allowed, List<PolicyProblem> problems) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node key = tuple.getKeyNode();
            String name = key instanceof ScalarNode scalar ? scalar.getValue() : "";
            if (!allowed.contains(name)) {
                problems.add(new PolicyProblem(line(key), "unknown key '" + name + "'; expected one of "
                        + allowed.stream().sorted().toList()));
            } else if (fields.put(name, tuple.getValueNode()) != null) {
                problems.add(new PolicyProblem(line(key), "'" + name + "' is given twice"));
            }
        }
        return fields;
    }

    String scalar(Node node, String what) {
        return scalar(node, what, problems);
    }

    static String scalar(Node node, String what, List<PolicyProblem> problems) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problems.add(new PolicyProblem(line(node), what + " must be a single value"));
        return "";
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** Reads a metric name, recording which task it belongs to. */
    static Optional<Metric> metric(Node node, List<PolicyProblem> problems, Map<String, Integer> taskLines) {
        String name = scalar(node, "metric", problems);
        Optional<Metric> metric = Metric.named(name);
        if (metric.isEmpty()) {
            problems.add(new PolicyProblem(line(node), "unknown metric '" + name + "'; known metrics: " + Metric.names()));
        } else {
            taskLines.putIfAbsent(metric.get().task().wireName(), line(node));
        }
        return metric;
    }

    static OptionalDouble number(Node node, String what, List<PolicyProblem> problems) {
        if (node == null) {
            return OptionalDouble.empty();
        }
        String text = scalar(node, what, problems);
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return OptionalDouble.of(value);
        } catch (NumberFormatException e) {
            problems.add(new PolicyProblem(line(node), what + " must be a number; got '" + text + "'"));
            return OptionalDouble.empty();
        }
    }

    static Optional<SliceSpec> slice(Node node, List<PolicyProblem> problems) {
        try {
            return Optional.of(SliceSpec.parse(scalar(node, "by", problems)));
        } catch (SextantException e) {
            problems.add(new PolicyProblem(line(node), e.getMessage()));
            return Optional.empty();
        }
    }

    static Optional<Perturbation> perturbation(Node node, List<PolicyProblem> problems) {
        try {
            return Optional.of(Perturbation.parse(scalar(node, "perturbation", problems)));
        } catch (SextantException e) {
            problems.add(new PolicyProblem(line(node), e.getMessage()));
            return Optional.empty();
        }
    }
}
