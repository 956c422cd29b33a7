package dev.sextant.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load driver for the tracking API. Run it against a server started separately, e.g.
 * {@code ./sextant server --data-dir /tmp/bench} then
 * {@code java -cp … dev.sextant.bench.TrackingLoad log-batch --server http://127.0.0.1:5000}.
 */
@Command(name = "tracking-load", mixinStandardHelpOptions = true,
        subcommands = {LogBatchScenario.class, LogMetricScenario.class, SearchScenario.class, SeedSearchScenario.class,
                HistoryScenario.class})
public final class TrackingLoad implements Callable<Integer> {

    /** Options every scenario shares. */
    static final class Target {
        @Option(names = "--server", description = "Server URL (default: ${DEFAULT-VALUE}).")
        String server = "http://127.0.0.1:5000";

        @Option(names = "--seconds", description = "Measured duration (default: ${DEFAULT-VALUE}).")
        int seconds = 20;

        @Option(names = "--warmup", description = "Warm-up duration before measuring (default: ${DEFAULT-VALUE}).")
        int warmupSeconds = 5;

        @Option(names = "--client", description = "HTTP client of the measured loop: 'keep-alive' (a minimal"
                + " HTTP/1.1 client, little CPU) or 'jdk' (java.net.http.HttpClient, about 1 ms of CPU per 80 KB"
                + " request) (default: ${DEFAULT-VALUE}).")
        String client = "keep-alive";

        /** A poster for one client thread of the measured loop. */
        Poster poster() {
            return switch (client) {
                case "keep-alive" -> new KeepAliveClient(server)::post;
                case "jdk" -> new HttpJson(server)::post;
                default -> throw new IllegalArgumentException("--client must be keep-alive or jdk, not " + client);
            };
        }
    }

    /** Sends one POST of a JSON body and returns the status. */
    @FunctionalInterface
    interface Poster {
        int post(String path, byte[] body) throws Exception;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrackingLoad()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }
}
