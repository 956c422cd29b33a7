package dev.sextant.cli.server;

import dev.sextant.server.SextantServer;
import dev.sextant.server.config.ConfigLoader;
import dev.sextant.server.config.SextantConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sextant server}: runs the platform until interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start the Sextant server (tracking API, MLflow-compatible API, artifacts, metrics).")
public final class ServerCommand implements Runnable {

    @Option(names = "--host", description = "Address to bind (default: 127.0.0.1).")
    String host = "";

    @Option(names = "--port", description = "Port to listen on (default: 5000, MLflow's).")
    String port = "";

    @Option(names = "--data-dir", description = "Data directory for the embedded store and artifacts "
            + "(default: ./.sextant).")
    String dataDir = "";

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "Metadata store, e.g. jdbc:postgresql://db:5432/sextant (default: embedded H2 in the "
                    + "data directory).")
    String store = "";

    @Option(names = "--training-data-root", paramLabel = "DIR", description = "A directory whose files training "
            + "may read by server path; repeat for several (default: none, server paths are refused).")
    List<String> trainingDataRoots = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: ./sextant.yaml "
            + "when present).")
    String config = "";

    @Override
    public void run() {
        SextantConfig configuration = ConfigLoader.load(flags(), System.getenv());
        SextantServer server = SextantServer.start(configuration);
        CountDownLatch stopped = new CountDownLatch(1);
        // the server runs until the JVM is asked to stop (Ctrl-C, SIGTERM); then it closes cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sextant-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The flags given, keyed by configuration key as {@link ConfigLoader#load} takes them. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        putIfGiven(flags, "server.host", host);
        putIfGiven(flags, "server.port", port);
        putIfGiven(flags, "data-dir", dataDir);
        putIfGiven(flags, "store.url", store);
        putIfGiven(flags, "config", config);
        if (!trainingDataRoots.isEmpty()) {
            // Each flag is one path, whatever it holds (':' included).
            flags.put("training.data-roots", String.join(ConfigLoader.LIST_ITEMS, trainingDataRoots)
                    + ConfigLoader.LIST_ITEMS);
        }
        return flags;
    }

    private static void putIfGiven(Map<String, String> flags, String key, String value) {
        if (!value.isBlank()) {
            flags.put(key, value);
        }
    }
}
