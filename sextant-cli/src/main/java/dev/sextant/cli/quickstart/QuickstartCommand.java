package dev.sextant.cli.quickstart;

import dev.sextant.cli.CliFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sextant quickstart}: starts a server in this process on an embedded store in a fresh
 * data directory and runs the release loop against it through its HTTP API, printing each step
 * and where to look; then keeps serving until Ctrl-C, or stops with {@code --once}.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Start a server on a fresh embedded store and run the whole loop on Seattle's weather through its "
                + "HTTP API: train a baseline and deploy it, set a release policy, train two candidates, evaluate, gate "
                + "(one fails and says why), approve, promote, deploy as a canary next to the previous version, send "
                + "traffic, promote the canary. Prints each step and the URLs to look at, then keeps serving until "
                + "Ctrl-C (or stops with --once).",
                "The server requires API tokens (the loop acts as several people); the admin token is written to "
                        + "<data-dir>/quickstart/admin-token. SEXTANT_* variables and ./sextant.yaml are not read: the "
                        + "quickstart always starts from an empty embedded store."})
public final class QuickstartCommand implements Runnable {
    static final String HOST = "127.0.0.1";

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}, as for server).")
    int port = 5000;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory, absent or empty (default: a fresh "
            + "./" + Workspace.DEFAULT_NAME + ", or -2, -3, … when it holds an earlier run).")
    String dataDir = "";

    @Option(names = "--once", description = "Stop the server when the loop is done, for scripts and CI: exit 0 when "
            + "every step completed, 1 with the failing step otherwise.")
    boolean once;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        Workspace workspace = workspace();
        requireFreePort();
        WeatherData data = WeatherData.bundled();
        String policy = WeatherData.releasePolicy();
        Person admin = new Person("admin", "admin", workspace.prepare(data, policy, port, new SecureRandom()));
        out.println("Sextant quickstart: the release loop on Seattle's weather, through the server's HTTP API.");
        out.flush();
        ServerLog.redirectTo(workspace.serverLog());
        RunningServer server = RunningServer.start(workspace);
        Api api = new Api("http://" + HOST + ":" + server.port());
        Narrator say = new Narrator(out, api, ReleaseLoop.STEPS);
        say.begin("Server");
        say.headline(String.format(Locale.ROOT, "%s started in %.1f s; embedded H2 store and artifacts in %s",
                api.url(""), seconds(started), workspace.dataDir()));
        say.line("API tokens required: the admin's is in " + workspace.adminTokenFile() + " (the web UI asks for it once)");
        say.link("→", "/");
        long loopStarted = System.nanoTime();
        try {
            ReleaseLoop.Outcome outcome = new ReleaseLoop(api, say, workspace, data, policy, admin).run();
            new Summary(out, api, workspace).print(outcome, seconds(loopStarted), seconds(started));
        } catch (RuntimeException e) {
            if (server.closed()) {
                // Ctrl-C or SIGTERM mid-loop: the server went away under the loop, which is not a failure of the loop
                out.println("Stopped at " + say.where() + ": the server was asked to stop.");
                out.flush();
                return;
            }
            String message = "the quickstart failed at " + say.where() + ": " + e.getMessage();
            if (once) {
                server.close();
                throw new CliFailure(CliFailure.FAILED, message);
            }
            spec.commandLine().getErr().println("error: " + message);
            spec.commandLine().getErr().flush();
        }
        if (once) {
            server.close();
            out.println("Stopped the server (--once). Its data stays in " + workspace.dataDir() + "; start it again with: "
                    + "./sextant server --config " + workspace.configFile());
            out.flush();
            return;
        }
        out.println("The server keeps running (its log: " + workspace.serverLog() + "); Ctrl-C stops it. Later: "
                + "./sextant server --config " + workspace.configFile());
        out.flush();
        server.awaitClose();
    }

    private Workspace workspace() {
        if (dataDir.isBlank()) {
            return Workspace.fresh(Path.of(""));
        }
        Path dir = Path.of(dataDir);
        if (Workspace.holdsFiles(dir)) {
            throw new ParameterException(spec.commandLine(), "--data-dir " + dataDir + " is not empty: the quickstart "
                    + "starts from an empty store. Name a new or empty directory, or leave --data-dir out for a fresh "
                    + "./" + Workspace.DEFAULT_NAME + ".");
        }
        return new Workspace(dir);
    }

    /** Fails before anything is written when another process (often another Sextant) holds the port. */
    private void requireFreePort() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535; got " + port + ".");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "port " + port + " on " + HOST + " is in use (another Sextant server?)"
                    + "; stop what holds it or choose another with --port, e.g. --port " + (port == 65535 ? 5001 : port + 1)
                    + ".");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
