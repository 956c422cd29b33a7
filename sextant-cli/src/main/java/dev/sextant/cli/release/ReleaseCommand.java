package dev.sextant.cli.release;

import dev.sextant.cli.ServerCommand;
import dev.sextant.cli.nativeapi.NativeClient;

/** Shared plumbing of the release verbs. */
abstract class ReleaseCommand extends ServerCommand {
    static String model(String name) {
        return "/models/" + NativeClient.segment(name);
    }
}
