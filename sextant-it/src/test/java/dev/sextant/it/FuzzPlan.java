package dev.sextant.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.it.FuzzRequest.Kind;
import dev.sextant.it.MlflowRoutes.Field;
import dev.sextant.it.MlflowRoutes.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds the malformed requests: first a coverage plan that gives every route, field, method,
 * broken body, content type and hostile path at least one turn, then as many random
 * combinations as the budget allows.
 */
final class FuzzPlan {
    private static final String JSON = "application/json";
    private static final int VALUES_PER_FIELD = 6;

    private final MalformedInputs in;
    private final String artifactRoot;
    private final String canary;

    FuzzPlan(MalformedInputs inputs, String artifactRoot, String canary) {
        this.in = inputs;
        this.artifactRoot = artifactRoot;
        this.canary = canary;
    }

    // ---------------------------------------------------------------- MLflow routes

    List<FuzzRequest> mlflowCoverage() {
        List<FuzzRequest> plan = new ArrayList<>();
        for (Route route : MlflowRoutes.ALL) {
            for (String method : MalformedInputs.METHODS) {
                if (!method.equals(route.method())) {
                    plan.add(FuzzRequest.of(Kind.MLFLOW, method, target(route, ""), JSON, in.body(route.fields(), Map.of())));
                }
            }
            for (Field field : route.fields()) {
                for (int i = 0; i < VALUES_PER_FIELD; i++) {
                    plan.add(wrongField(route, field));
                }
                plan.add(withOverrides(route, dropped(field)));
            }
            plan.add(FuzzRequest.of(Kind.MLFLOW, route.method(), target(route, route.queryEncoded()
                    ? in.query(route.fields(), Map.of()) + "&unknown=1&" + in.query(route.fields(), Map.of()) : "unknown=1"),
                    JSON, route.queryEncoded() ? "" : in.body(route.fields(), Map.of("unknown_field", "{\"x\": [1]}"))));
            if (!route.queryEncoded()) {
                plan.add(brokenBody(route, in.truncated(in.body(route.fields(), Map.of()))));
                plan.add(new FuzzRequest(Kind.MLFLOW, route.method(), target(route, ""), JSON, in.randomBytes(512)));
                for (int i = 0; i < 3; i++) {
                    plan.add(brokenBody(route, in.pick(MalformedInputs.BROKEN_BODIES)));
                    plan.add(FuzzRequest.of(Kind.MLFLOW, route.method(), target(route, ""),
                            in.pick(MalformedInputs.CONTENT_TYPES),
                            in.body(route.fields(), Map.of())));
                }
            }
        }
        List<Route> posts = MlflowRoutes.ALL.stream().filter(r -> !r.queryEncoded()).toList();
        Iterator<Route> routes = cycle(posts);
        MalformedInputs.BROKEN_BODIES.forEach(body -> plan.add(brokenBody(routes.next(), body)));
        MalformedInputs.CONTENT_TYPES.forEach(type -> {
            Route route = routes.next();
            plan.add(FuzzRequest.of(Kind.MLFLOW, route.method(), target(route, ""), type, "{\"name\": \"x\"}"));
        });
        plan.addAll(oversized(posts));
        plan.addAll(protocolLevel());
        return plan;
    }

    /** A random malformed request: an MLflow route four times in five, else the artifact proxy. */
    FuzzRequest randomMlflowOrArtifact() {
        return in.random().nextInt(5) == 0 ? randomArtifact() : randomMlflow();
    }

    /** A random combination of malformations on a random MLflow route. */
    FuzzRequest randomMlflow() {
        Route route = in.pick(MlflowRoutes.ALL);
        return switch (in.random().nextInt(6)) {
            case 0 -> FuzzRequest.of(Kind.MLFLOW, in.pick(MalformedInputs.METHODS), target(route, ""),
                    in.pick(MalformedInputs.CONTENT_TYPES), in.pick(MalformedInputs.BROKEN_BODIES));
            case 1 -> brokenBody(route, in.truncated(in.body(route.fields(), wrongValues(route, 2))));
            case 2 -> FuzzRequest.of(Kind.MLFLOW, route.method(), target(route, route.queryEncoded()
                    ? in.query(route.fields(), wrongQueryValues(route, 2)) : ""),
                    in.pick(MalformedInputs.CONTENT_TYPES), in.body(route.fields(), wrongValues(route, 1)));
            default -> withOverrides(route, wrongValues(route, 1 + in.random().nextInt(3)));
        };
    }

    private FuzzRequest wrongField(Route route, Field field) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(field.name(), route.queryEncoded() ? in.pick(MalformedInputs.WRONG_QUERY_VALUES)
                : in.pick(in.wrongJsonValues(field.type())));
        return withOverrides(route, overrides);
    }

    private FuzzRequest withOverrides(Route route, Map<String, String> overrides) {
        return route.queryEncoded()
                ? FuzzRequest.of(Kind.MLFLOW, "GET", target(route, in.query(route.fields(), overrides)), "", "")
                : FuzzRequest.of(Kind.MLFLOW, route.method(), target(route, ""), JSON, in.body(route.fields(), overrides));
    }

    private Map<String, String> wrongValues(Route route, int count) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Field field = in.pick(route.fields());
            overrides.put(field.name(), route.queryEncoded() ? in.pick(MalformedInputs.WRONG_QUERY_VALUES)
                    : in.pick(in.wrongJsonValues(field.type())));
        }
        return overrides;
    }

    private Map<String, String> wrongQueryValues(Route route, int count) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < count; i++) {
            overrides.put(in.pick(route.fields()).name(), in.pick(MalformedInputs.WRONG_QUERY_VALUES));
        }
        return overrides;
    }

    private static Map<String, String> dropped(Field field) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(field.name(), null);
        return overrides;
    }

    private FuzzRequest brokenBody(Route route, String body) {
        return FuzzRequest.of(Kind.MLFLOW, route.method(), target(route, ""), JSON, body);
    }

    private String target(Route route, String query) {
        return in.pick(MlflowRoutes.PREFIXES) + route.path() + (query.isEmpty() ? "" : "?" + query);
    }

    private List<FuzzRequest> oversized(List<Route> posts) {
        String huge = "\"" + "x".repeat(12 * 1024 * 1024) + "\"";
        Route anyBodyRoute = in.pick(posts);
        return List.of(
                FuzzRequest.of(Kind.MLFLOW, anyBodyRoute.method(), target(anyBodyRoute, ""), JSON,
                        "{\"name\": " + huge + "}"),
                FuzzRequest.of(Kind.MLFLOW, "POST", "/api/2.0/mlflow/runs/log-batch", JSON,
                        "{\"run_id\": " + huge + ", \"metrics\": []}"),
                FuzzRequest.of(Kind.MLFLOW, "POST", "/api/2.0/mlflow/runs/log-parameter", JSON,
                        in.body(MlflowRoutes.route("runs/log-parameter").fields(), Map.of("value", huge))));
    }

    /** Requests broken at the HTTP level: they must be refused, but need no JSON body. */
    private List<FuzzRequest> protocolLevel() {
        return List.of(
                FuzzRequest.of(Kind.PROTOCOL, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=%zz", "", ""),
                FuzzRequest.of(Kind.PROTOCOL, "GET", "/api/2.0/mlflow/runs/get?run_id=" + "a".repeat(20_000), "", ""),
                FuzzRequest.of(Kind.PROTOCOL, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=ü😀", "", ""),
                FuzzRequest.of(Kind.PROTOCOL, "GET", "/api/2.0/mlflow/%", "", ""),
                FuzzRequest.of(Kind.PROTOCOL, "TRACE", "/api/2.0/mlflow/experiments/search", "", ""),
                FuzzRequest.of(Kind.PROTOCOL, "FROBNICATE", "/api/2.0/mlflow/experiments/create", JSON, "{}"),
                FuzzRequest.of(Kind.PROTOCOL, "GET", "/api/2.0/mlflow/no-such-route", "", ""),
                FuzzRequest.of(Kind.PROTOCOL, "POST", "/api/2.0/mlflow/experiments/create/extra", JSON, "{}"),
                FuzzRequest.of(Kind.PROTOCOL, "GET", "/api/2.0/mlflow/../../../etc/passwd", "", ""),
                FuzzRequest.of(Kind.PROTOCOL, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=1&&&==&=", "", ""));
    }

    // ---------------------------------------------------------------- artifact proxy

    List<FuzzRequest> artifactCoverage() {
        List<FuzzRequest> plan = new ArrayList<>();
        for (String path : MalformedInputs.HOSTILE_PATHS) {
            for (String base : List.of(Http.ARTIFACTS + "/", Http.ARTIFACTS + "/" + artifactRoot + "/")) {
                plan.add(artifact("GET", base + path, "", new byte[0]));
                plan.add(artifact("PUT", base + path, "application/octet-stream", in.randomBytes(64)));
                plan.add(artifact("DELETE", base + path, "", new byte[0]));
            }
            plan.add(artifact("GET", Http.ARTIFACTS + "?path=" + path, "", new byte[0]));
            plan.add(artifact("GET", Http.ARTIFACTS + "?path=" + Http.encode(path), "", new byte[0]));
        }
        for (String escape : List.of("../" + canary, "../../" + canary, "../../../../../../../../../../tmp/" + canary,
                "%2e%2e/%2e%2e/" + canary, "..%2f..%2f..%2f" + canary, "/tmp/" + canary,
                "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2ftmp%2f" + canary)) {
            plan.add(artifact("PUT", Http.ARTIFACTS + "/" + escape, "text/plain", MalformedInputs.utf8("escaped")));
            plan.add(artifact("PUT", Http.ARTIFACTS + "/" + artifactRoot + "/" + escape, "text/plain",
                    MalformedInputs.utf8("escaped")));
        }
        for (String method : List.of("POST", "PATCH", "OPTIONS", "HEAD")) {
            plan.add(artifact(method, Http.ARTIFACTS + "/" + artifactRoot + "/file.txt", JSON, MalformedInputs.utf8("{}")));
        }
        for (String type : MalformedInputs.CONTENT_TYPES) {
            plan.add(artifact("PUT", Http.ARTIFACTS + "/" + artifactRoot + "/typed.bin", type, in.randomBytes(256)));
        }
        plan.add(artifact("PUT", Http.ARTIFACTS + "/" + artifactRoot + "/empty.txt", "text/plain", new byte[0]));
        plan.add(artifact("PUT", Http.ARTIFACTS, "text/plain", MalformedInputs.utf8("no path")));
        plan.add(artifact("DELETE", Http.ARTIFACTS, "", new byte[0]));
        plan.add(artifact("GET", Http.ARTIFACTS + "?path=" + artifactRoot + "&path=..&unknown=1", "", new byte[0]));
        return plan;
    }

    FuzzRequest randomArtifact() {
        String path = in.random().nextBoolean() ? in.pick(MalformedInputs.HOSTILE_PATHS)
                : artifactRoot + "/" + in.pick(MalformedInputs.HOSTILE_PATHS);
        return artifact(in.pick(List.of("GET", "PUT", "DELETE")), Http.ARTIFACTS + "/" + path,
                in.pick(MalformedInputs.CONTENT_TYPES), in.randomBytes(128));
    }

    private static FuzzRequest artifact(String method, String target, String contentType, byte[] body) {
        return new FuzzRequest(Kind.ARTIFACT, method, target, contentType, body);
    }

    // ---------------------------------------------------------------- native API, from its OpenAPI document

    List<FuzzRequest> nativeCoverage(JsonNode openApi) {
        List<FuzzRequest> plan = new ArrayList<>();
        openApi.path("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/v1")) {
                return;
            }
            path.getValue().properties().forEach(operation -> {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (MalformedInputs.METHODS.contains(method)) {
                    plan.addAll(nativeOperation(openApi, path.getKey(), method, operation.getValue()));
                }
            });
            for (String method : MalformedInputs.METHODS) {
                if (!path.getValue().has(method.toLowerCase(java.util.Locale.ROOT))) {
                    plan.add(FuzzRequest.of(Kind.NATIVE, method, nativePath(path.getKey()), JSON, "{}"));
                }
            }
        });
        plan.add(FuzzRequest.of(Kind.NATIVE, "GET", "/api/v1/no-such-resource", "", ""));
        plan.add(FuzzRequest.of(Kind.NATIVE, "POST", "/api/v1/no-such-resource", JSON, "{}"));
        return plan;
    }

    // ---------------------------------------------------------------- inference protocols, from /openapi.json

    /** Requests that are well-formed JSON but wrong for the served logistic regression (input X, FP32 [-1, 2]). */
    private static final List<String> WRONG_INFERENCE_BODIES = List.of(
            "{\"inputs\": []}", "{\"inputs\": {}}", "{\"inputs\": [{}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1]}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [-1, 2], \"datatype\": \"FP32\", \"data\": [1, 2]}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [9223372036854775807, 2], \"datatype\": \"FP32\", \"data\": [1, 2]}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"BYTES\", \"data\": [\"a\", \"b\"]}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"FP99\", \"data\": [1, 2]}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [\"a\", null]}]}",
            "{\"inputs\": [{\"name\": \"Y\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 2]}]}",
            "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 2]}],"
                    + " \"outputs\": [{\"name\": \"nope\"}]}",
            "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1, 2, 3]]}}",
            "{\"dataframe_split\": {\"data\": \"rows\"}}", "{\"dataframe_records\": [{\"a\": \"x\"}]}",
            "{\"dataframe_records\": [1, 2]}", "{\"instances\": []}", "{\"instances\": [[1], [1, 2, 3]]}",
            "{\"inputs\": [[1e400, 2]]}", "{\"inputs\": {\"X\": \"abc\"}}", "{\"instances\": [[1, 2]], \"inputs\": [[1, 2]]}");

    /**
     * The Open Inference Protocol and MLflow scoring routes described in /openapi.json, mostly
     * against the deployment that is served (so that bodies reach the decoders), sometimes at
     * names and versions that are not.
     */
    List<FuzzRequest> inferenceCoverage(JsonNode openApi, String deployment) {
        List<FuzzRequest> plan = new ArrayList<>();
        openApi.path("paths").properties().forEach(path -> {
            String template = path.getKey();
            if (!(template.equals("/v2") || template.startsWith("/v2/") || template.endsWith("/invocations"))) {
                return;
            }
            path.getValue().properties().forEach(operation -> {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!MalformedInputs.METHODS.contains(method)) {
                    return;
                }
                boolean hasBody = operation.getValue().has("requestBody");
                for (int i = 0; i < (hasBody ? 16 : 4); i++) {
                    String target = template.replace("{name}", i % 4 == 3 ? in.pick(List.of("nope", "x".repeat(300),
                            "%C3%BC", "a%00b")) : deployment).replace("{version}", i % 3 == 2
                            ? in.pick(List.of("abc", "-1", "99999999999999999999", "2")) : "1");
                    String contentType = i == 1 ? in.pick(MalformedInputs.CONTENT_TYPES) : JSON;
                    String body = !hasBody ? "" : switch (i % 4) {
                        case 0 -> in.pick(MalformedInputs.BROKEN_BODIES);
                        case 1 -> in.pick(MalformedInputs.WRONG_VALUES);
                        case 2 -> wrongObject(openApi, operation.getValue());
                        default -> in.pick(WRONG_INFERENCE_BODIES);
                    };
                    plan.add(FuzzRequest.of(inferenceKind(target), method, target, contentType, body));
                }
            });
            for (String method : MalformedInputs.METHODS) {
                if (!path.getValue().has(method.toLowerCase(java.util.Locale.ROOT))) {
                    String target = template.replace("{name}", deployment).replace("{version}", "1");
                    plan.add(FuzzRequest.of(inferenceKind(target), method, target, JSON, "{}"));
                }
            }
        });
        WRONG_INFERENCE_BODIES.forEach(body -> {
            plan.add(FuzzRequest.of(Kind.INFERENCE, "POST", "/v2/models/" + deployment + "/infer", JSON, body));
            plan.add(FuzzRequest.of(Kind.MLFLOW, "POST", "/deployments/" + deployment + "/invocations", JSON, body));
        });
        return plan;
    }

    /** MLflow's scoring protocol answers in MLflow's error dialect; the Open Inference Protocol in its own. */
    private static Kind inferenceKind(String target) {
        return target.endsWith("/invocations") ? Kind.MLFLOW : Kind.INFERENCE;
    }

    private List<FuzzRequest> nativeOperation(JsonNode openApi, String pathTemplate, String method, JsonNode operation) {
        List<FuzzRequest> plan = new ArrayList<>();
        boolean hasBody = operation.has("requestBody");
        List<String> queryParams = new ArrayList<>();
        operation.path("parameters").forEach(p -> {
            if (p.path("in").asText().equals("query")) {
                queryParams.add(p.path("name").asText());
            }
        });
        for (int i = 0; i < 8; i++) {
            String target = nativePath(pathTemplate) + nativeQuery(queryParams);
            String contentType = i == 0 ? in.pick(MalformedInputs.CONTENT_TYPES) : JSON;
            String body = !hasBody && i > 1 ? "" : switch (i % 4) {
                case 0 -> in.pick(MalformedInputs.BROKEN_BODIES);
                case 1 -> in.pick(MalformedInputs.WRONG_VALUES);
                case 2 -> wrongObject(openApi, operation);
                default -> "{}";
            };
            plan.add(FuzzRequest.of(Kind.NATIVE, method, target, contentType, body));
        }
        return plan;
    }

    /** An object whose declared properties all carry malformed values. */
    private String wrongObject(JsonNode openApi, JsonNode operation) {
        JsonNode schema = resolve(openApi, operation.at("/requestBody/content/application~1json/schema"));
        List<String> members = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(name ->
                members.add(MalformedInputs.quote(name) + ": " + in.pick(MalformedInputs.WRONG_VALUES)));
        return "{" + String.join(", ", members) + "}";
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? openApi.at(ref.substring(1)) : schema;
    }

    private String nativePath(String template) {
        return template.replaceAll("\\{[^}]+}", in.pick(List.of("1", "0", "-1", "99999999999999999999", "abc",
                "%2e%2e", "..", "a%00b", "%C3%BC", "x".repeat(300), "%20", "null", "0123456789abcdef0123456789abcdef")));
    }

    private String nativeQuery(List<String> names) {
        if (names.isEmpty()) {
            return in.random().nextBoolean() ? "" : "?unknown=" + Http.encode(in.pick(MalformedInputs.WRONG_QUERY_VALUES));
        }
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                    .append(Http.encode(in.pick(MalformedInputs.WRONG_QUERY_VALUES)));
        }
        return query.toString();
    }

    private static <T> Iterator<T> cycle(List<T> items) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public T next() {
                return items.get(next++ % items.size());
            }
        };
    }
}
