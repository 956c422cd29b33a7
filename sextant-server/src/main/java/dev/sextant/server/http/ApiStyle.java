package dev.sextant.server.http;

/**
 * The error dialect a path speaks: MLflow's {@code {"error_code", "message"}} under MLflow's
 * prefixes and its scoring protocol ({@code /invocations}), the Open Inference Protocol's
 * {@code {"error": message}} under {@code /v2}, RFC 9457 problem details everywhere else.
 */
public enum ApiStyle {
    MLFLOW, PROBLEM, INFERENCE;

    public static ApiStyle of(String path) {
        if (path.startsWith("/api/2.0/mlflow") || path.startsWith("/ajax-api/2.0/mlflow")
                || path.equals("/invocations") || (path.startsWith("/deployments/") && path.endsWith("/invocations"))) {
            return MLFLOW;
        }
        return path.equals("/v2") || path.startsWith("/v2/") ? INFERENCE : PROBLEM;
    }
}
