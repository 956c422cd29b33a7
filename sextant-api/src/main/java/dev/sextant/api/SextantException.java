package dev.sextant.api;

/**
 * The one unchecked exception root. Feature code throws it (or a subclass) with an {@link ErrorCode}
 * and a message that says what was wrong and what to do; the server turns it into a response in
 * exactly one place.
 */
public class SextantException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public SextantException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public SextantException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static SextantException invalid(String message) {
        return new SextantException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static SextantException notFound(String message) {
        return new SextantException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
    }

    public static SextantException alreadyExists(String message) {
        return new SextantException(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
    }

    public static SextantException missingParameter(String name) {
        return invalid("Missing value for required parameter '" + name
                + "'. See the API docs for more information about request parameters.");
    }
}
