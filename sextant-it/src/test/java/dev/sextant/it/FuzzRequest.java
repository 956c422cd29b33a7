package dev.sextant.it;

import dev.sextant.it.RawHttpClient.Reply;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One malformed request and the rules its answer must follow: never a server error; for a
 * request the server can route, a 4xx carries MLflow's JSON error body (MLflow and artifact
 * routes, and MLflow's scoring protocol on {@code /invocations}), the Open Inference Protocol's
 * {@code {"error": …}} (under {@code /v2}) or an RFC 9457 problem (native routes). Requests broken at the HTTP level itself
 * ({@link Kind#PROTOCOL}), or that resolve to no route family, only have to be answered without a
 * server error.
 */
record FuzzRequest(Kind kind, String method, String target, String contentType, byte[] body) {

    enum Kind { MLFLOW, ARTIFACT, NATIVE, INFERENCE, PROTOCOL }

    static final int OVERSIZED = 1024 * 1024;

    /**
     * A request judged by the rules of {@code kind}, unless its target is not a valid URI or its
     * path, once dot-segments are removed as servers do (RFC 3986 §5.2.4), leaves that route
     * family: then it is judged as a {@link Kind#PROTOCOL} request.
     */
    FuzzRequest {
        if (kind != Kind.PROTOCOL && familyOf(target) != kind) {
            kind = Kind.PROTOCOL;
        }
    }

    static FuzzRequest of(Kind kind, String method, String target, String contentType, String body) {
        return new FuzzRequest(kind, method, target, contentType, MalformedInputs.utf8(body));
    }

    private static Kind familyOf(String target) {
        String path;
        try {
            path = new URI(target).normalize().getRawPath();
        } catch (URISyntaxException e) {
            return Kind.PROTOCOL;
        }
        if (path == null) {
            return Kind.PROTOCOL;
        }
        if (path.startsWith("/api/2.0/mlflow-artifacts/") || path.startsWith("/ajax-api/2.0/mlflow-artifacts/")) {
            return Kind.ARTIFACT;
        }
        if (path.startsWith("/api/2.0/mlflow/") || path.startsWith("/ajax-api/2.0/mlflow/")) {
            return Kind.MLFLOW;
        }
        if (path.equals("/invocations") || (path.startsWith("/deployments/") && path.endsWith("/invocations"))) {
            return Kind.MLFLOW;
        }
        if (path.equals("/v2") || path.startsWith("/v2/")) {
            return Kind.INFERENCE;
        }
        return path.startsWith("/api/v1/") || path.equals("/api/v1") ? Kind.NATIVE : Kind.PROTOCOL;
    }

    /** What is wrong with the answer, if anything. */
    Optional<String> violation(Reply reply) {
        int status = reply.status();
        if (status >= 500 && !(kind == Kind.PROTOCOL && status == 501)) {
            return Optional.of("server error " + status);
        }
        if (kind == Kind.ARTIFACT && status == 200 && reply.text().contains("root:x:0:0")) {
            return Optional.of("served a file from outside the artifact root");
        }
        if (status < 400 || status >= 500 || method.equals("HEAD") || kind == Kind.PROTOCOL) {
            return Optional.empty();
        }
        return switch (kind) {
            case NATIVE -> problemViolation(reply);
            case INFERENCE -> inferenceErrorViolation(reply);
            default -> mlflowErrorViolation(reply);
        };
    }

    private static Optional<String> inferenceErrorViolation(Reply reply) {
        if (!reply.contentType().startsWith("application/json")) {
            return Optional.of("4xx without a JSON error body (Content-Type '" + reply.contentType() + "')");
        }
        var body = parse(reply);
        if (body.isEmpty() || !body.get().path("error").isTextual() || body.get().path("error").asText().isBlank()) {
            return Optional.of("4xx body is not {\"error\": …}");
        }
        return Optional.empty();
    }

    private static Optional<String> mlflowErrorViolation(Reply reply) {
        if (!reply.contentType().startsWith("application/json")) {
            return Optional.of("4xx without a JSON error body (Content-Type '" + reply.contentType() + "')");
        }
        var body = parse(reply);
        if (body.isEmpty() || !body.get().path("error_code").isTextual() || body.get().path("error_code").asText().isBlank()
                || !body.get().path("message").isTextual()) {
            return Optional.of("4xx body is not {\"error_code\": …, \"message\": …}");
        }
        return Optional.empty();
    }

    private static Optional<String> problemViolation(Reply reply) {
        if (!reply.contentType().startsWith("application/problem+json")) {
            return Optional.of("4xx not application/problem+json (Content-Type '" + reply.contentType() + "')");
        }
        var body = parse(reply);
        if (body.isEmpty() || !body.get().path("code").isTextual() || body.get().path("code").asText().isBlank()) {
            return Optional.of("problem without a stable 'code'");
        }
        if (body.get().has("status") && body.get().path("status").asInt() != reply.status()) {
            return Optional.of("problem 'status' differs from the HTTP status");
        }
        return Optional.empty();
    }

    private static Optional<com.fasterxml.jackson.databind.JsonNode> parse(Reply reply) {
        try {
            var node = Http.JSON.readTree(reply.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    boolean oversized() {
        return body.length > OVERSIZED;
    }

    @Override
    public String toString() {
        String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8).replace("\n", "\\n");
        String shownTarget = target.length() > 200 ? target.substring(0, 200) + "…" : target;
        return method + " " + shownTarget + " [" + (contentType.isEmpty() ? "no content type" : contentType) + ", "
                + body.length + " bytes: " + text + (body.length > 160 ? "…" : "") + "]";
    }
}
