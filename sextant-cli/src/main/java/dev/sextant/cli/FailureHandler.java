package dev.sextant.cli;

import dev.sextant.api.SextantException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns failures into one line on stderr and an exit code CI jobs can trust. */
final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        String message = switch (e) {
            case CliFailure failure -> failure.getMessage();
            case SextantException failure -> failure.code() + ": " + failure.getMessage();
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
        commandLine.getErr().println("error: " + message.replace('\n', ' '));
        return e instanceof CliFailure failure ? failure.exitCode() : CliFailure.FAILED;
    }
}
