package dev.sextant.cli;

import dev.sextant.cli.security.AuditCommand;
import dev.sextant.cli.security.TokensCommand;
import dev.sextant.cli.registry.LineageCommand;
import dev.sextant.cli.release.EvaluateCommand;
import dev.sextant.cli.release.WebhooksCommand;
import dev.sextant.cli.registry.ModelsCommand;
import dev.sextant.cli.data.DatasetsCommand;
import dev.sextant.cli.quickstart.QuickstartCommand;
import dev.sextant.cli.server.ServerCommand;
import dev.sextant.cli.serving.ApplyCommand;
import dev.sextant.cli.serving.DeploymentsCommand;
import dev.sextant.cli.serving.PredictCommand;
import dev.sextant.cli.tracking.ExperimentsCommand;
import dev.sextant.cli.tracking.RunsCommand;
import dev.sextant.cli.training.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sextant} command: {@code sextant <noun> <verb>}. */
@Command(name = "sextant",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Sextant: experiment tracking, model registry, serving and monitoring in one platform.",
        subcommands = {ServerCommand.class, QuickstartCommand.class, ExperimentsCommand.class, RunsCommand.class, ModelsCommand.class,
                LineageCommand.class, TrainCommand.class, DatasetsCommand.class, EvaluateCommand.class, WebhooksCommand.class,
                DeploymentsCommand.class, ApplyCommand.class, PredictCommand.class, TokensCommand.class,
                AuditCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 the operation failed, 2 bad usage, 3 refused (a gate failed, approvals are "
                + "missing, not found) or server unreachable."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (used by tests to run it in-process). */
    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new FailureHandler())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
