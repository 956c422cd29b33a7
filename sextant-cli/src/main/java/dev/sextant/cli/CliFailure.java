package dev.sextant.cli;

/** A failure the CLI reports as one line and a non-zero exit code. */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The operation was refused or failed. */
    public static final int FAILED = 1;
    /** The server could not be reached. */
    public static final int UNREACHABLE = 3;
    /**
     * The server refused what was asked or does not have it: a gate failed, approvals are missing,
     * a promotion lost a race, a model does not exist. CI jobs stop on it.
     */
    public static final int REFUSED = 3;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
