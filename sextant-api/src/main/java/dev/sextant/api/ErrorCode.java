package dev.sextant.api;

/**
 * Stable error codes shared by every API. Names follow MLflow's {@code ErrorCode} so that the
 * MLflow-compatible API can report them unchanged; each code owns its HTTP status.
 */
public enum ErrorCode {
    INVALID_PARAMETER_VALUE(400),
    BAD_REQUEST(400),
    RESOURCE_ALREADY_EXISTS(400),
    UNAUTHENTICATED(401),
    PERMISSION_DENIED(403),
    RESOURCE_DOES_NOT_EXIST(404),
    ENDPOINT_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    RESOURCE_CONFLICT(409),
    REQUEST_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    REQUEST_LIMIT_EXCEEDED(429),
    INTERNAL_ERROR(500),
    /** Stored state is not what it must be, e.g. a model file whose bytes no longer match its recorded digest (as MLflow: 500). */
    INVALID_STATE(500),
    NOT_IMPLEMENTED(501),
    TEMPORARILY_UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
