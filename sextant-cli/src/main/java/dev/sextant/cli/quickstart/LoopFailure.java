package dev.sextant.cli.quickstart;

/** A step of the loop could not do what it set out to: the server refused, or what came back was not what the step needs. */
final class LoopFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoopFailure(String message) {
        super(message);
    }

    LoopFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
