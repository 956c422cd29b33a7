package dev.sextant.cli.tracking;

import dev.sextant.cli.ServerCommand;

/** Shared plumbing of the tracking verbs, which speak MLflow's API. */
abstract class TrackingCommand extends ServerCommand {
    MlflowHttpClient mlflow() {
        return new MlflowHttpClient(serverUrl(), token());
    }
}
