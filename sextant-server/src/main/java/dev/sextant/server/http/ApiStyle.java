package dev.sextant.server.http;

/**
 * The error dialect a path speaks: MLflow's {@code {"error_code", "message"}} under MLflow's
 * prefixes, RFC 9457 problem details everywhere else.
 */
public enum ApiStyle {
    MLFLOW, PROBLEM;

    public static ApiStyle of(String path) {
        return path.startsWith("/api/2.0/mlflow") || path.startsWith("/ajax-api/2.0/mlflow") ? MLFLOW : PROBLEM;
    }
}
