package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sextant} CLI against a real server: experiments and runs verbs in JSON and table
 * output, and the exit codes CI jobs rely on (0 ok, 1 failed, 2 usage, 3 unreachable) with a
 * one-line reason on failure. Runs the CLI in-process through {@link Main#execute}, and once as its
 * own process to check the real exit status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class CliIT {
    private ServerProcess server;
    private TrackingApi api;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = ServerProcess.start(dataDir);
        api = new TrackingApi(new Http(server.baseUrl()));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Exit code and captured output of one CLI invocation. */

    @Test
    void serverCommandLogsOneReadyLineWithItsAddress() {
        assertThat(server.output().lines().filter(line -> line.toLowerCase(Locale.ROOT).contains("ready")
                && line.contains(server.baseUrl()))).as(server.outputTail()).hasSize(1);
    }

    // ---------------------------------------------------------------- experiments

    @Test
    void experimentsCreateGetAndListInJsonAndTable() {
        String name = TrackingApi.uniqueName("cli-exp");
        CliRun created = cli("experiments", "create", name, "--tag", "team=vision", "--output", "json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = created.json().path("experiment_id").asText();
        assertThat(id).isNotBlank();

        CliRun asJson = cli("experiments", "get", id, "--output", "json");
        assertThat(asJson.exitCode()).as(asJson.toString()).isZero();
        assertThat(asJson.json().at("/experiment/name").asText()).isEqualTo(name);
        assertThat(asJson.json().at("/experiment/tags/0/key").asText()).isEqualTo("team");

        CliRun byName = cli("experiments", "get", "--name", name, "--output", "table");
        assertThat(byName.exitCode()).as(byName.toString()).isZero();
        assertThat(byName.lines()).anySatisfy(line -> assertThat(line).matches("id\\s+" + id))
                .anySatisfy(line -> assertThat(line).matches("name\\s+" + name))
                .anySatisfy(line -> assertThat(line).matches("tag team\\s+vision"));

        CliRun listed = cli("experiments", "list", "--output", "json");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.json().path("experiments")).anySatisfy(e -> {
            assertThat(e.path("experiment_id").asText()).isEqualTo(id);
            assertThat(e.path("name").asText()).isEqualTo(name);
        });

        CliRun table = cli("experiments", "list", "--filter", "name = '" + name + "'");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.lines()).hasSize(2);
        assertThat(table.lines().get(0)).startsWith("ID").contains("NAME");
        assertThat(table.lines().get(1)).startsWith(id + " ").contains(name);
    }

    @Test
    void experimentsCreateInTablePrintsTheNewId() {
        String name = TrackingApi.uniqueName("cli-exp-table");

        CliRun created = cli("experiments", "create", name);

        assertThat(created.exitCode()).as(created.toString()).isZero();
        String id = created.out().strip();
        assertThat(new Http(server.baseUrl()).mlflowGet("experiments/get?experiment_id=" + id)
                .at("/experiment/name").asText()).isEqualTo(name);
    }

    // ---------------------------------------------------------------- runs

    record LoggedRun(String runId, String name, double accuracy) {
    }

    private List<LoggedRun> logRuns(String experimentId) {
        List<LoggedRun> runs = new ArrayList<>();
        double[] accuracies = {0.42, 0.91, 0.67};
        for (int i = 0; i < accuracies.length; i++) {
            String name = "cli-run-" + i;
            String runId = api.createRun(experimentId, name).path("run_id").asText();
            ObjectNode batch = TrackingApi.metricBatch(runId, "loss", 0, 3);
            batch.withArray("metrics").addObject().put("key", "acc").put("value", accuracies[i]).put("timestamp", 1)
                    .put("step", 2);
            batch.putArray("params").addObject().put("key", "lr").put("value", "0.0" + (i + 1));
            api.logBatch(batch);
            runs.add(new LoggedRun(runId, name, accuracies[i]));
        }
        return runs;
    }

    @Test
    void runsListGetAndSearch() {
        String experimentId = api.createExperiment(TrackingApi.uniqueName("cli-runs"));
        List<LoggedRun> runs = logRuns(experimentId);
        List<String> ids = runs.stream().map(LoggedRun::runId).toList();

        CliRun listed = cli("runs", "list", "-e", experimentId, "--output", "json");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(runIds(listed.json())).containsExactlyInAnyOrderElementsOf(ids);

        CliRun table = cli("runs", "list", "--experiment-id", experimentId);
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.lines().get(0)).startsWith("RUN ID");
        for (LoggedRun run : runs) {
            assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith(run.runId())
                    .contains(run.name()).contains("acc=" + run.accuracy()));
        }

        CliRun limited = cli("runs", "list", "-e", experimentId, "--max-results", "2", "--output", "json");
        assertThat(runIds(limited.json())).hasSize(2).isSubsetOf(ids);

        LoggedRun best = runs.stream().max(Comparator.comparingDouble(LoggedRun::accuracy)).orElseThrow();
        CliRun got = cli("runs", "get", best.runId(), "--output", "json");
        assertThat(got.exitCode()).as(got.toString()).isZero();
        assertThat(got.json().at("/run/info/run_id").asText()).isEqualTo(best.runId());
        assertThat(got.json().at("/run/info/run_name").asText()).isEqualTo(best.name());

        CliRun gotTable = cli("runs", "get", best.runId());
        assertThat(gotTable.lines()).anySatisfy(line -> assertThat(line).matches("run_id\\s+" + best.runId()))
                .anySatisfy(line -> assertThat(line).matches("param lr\\s+0\\.0" + (runs.indexOf(best) + 1)))
                .anySatisfy(line -> assertThat(line).matches("metric acc\\s+" + Pattern.quote(best.accuracy() + " (step 2)")));

        CliRun searched = cli("runs", "search", "-e", experimentId, "--filter", "metrics.acc > 0.5",
                "--order-by", "metrics.acc DESC", "--output", "json");
        assertThat(searched.exitCode()).as(searched.toString()).isZero();
        assertThat(runIds(searched.json())).containsExactlyElementsOf(runs.stream().filter(r -> r.accuracy() > 0.5)
                .sorted(Comparator.comparingDouble(LoggedRun::accuracy).reversed()).map(LoggedRun::runId).toList());
    }

    // ---------------------------------------------------------------- failures and exit codes

    @Test
    void unknownExperimentOrRunIsRefusedWithExitThreeAndOneLine() {
        CliRun experiment = cli("experiments", "get", "987654321");
        assertOneLineFailure(experiment, 3);
        assertThat(experiment.err()).contains("RESOURCE_DOES_NOT_EXIST").contains("987654321");

        CliRun run = cli("runs", "get", "0123456789abcdef0123456789abcdef", "--output", "json");
        assertOneLineFailure(run, 3);
        assertThat(run.err()).contains("RESOURCE_DOES_NOT_EXIST");

        String name = TrackingApi.uniqueName("cli-dup");
        api.createExperiment(name);
        CliRun duplicate = cli("experiments", "create", name);
        assertOneLineFailure(duplicate, 1);
        assertThat(duplicate.err()).contains("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void unreachableServerExitsThree() {
        String nowhere = "http://127.0.0.1:" + closedPort();
        for (String[] args : List.of(new String[] {"experiments", "list"}, new String[] {"runs", "get", "abc"},
                new String[] {"runs", "search", "--filter", "metrics.a > 1"})) {
            CliRun result = cliAt(nowhere, args);
            assertOneLineFailure(result, 3);
        }
    }

    @Test
    void badUsageExitsTwo() {
        for (String[] args : List.of(new String[] {"experiments", "frobnicate"}, new String[] {"runs", "get"},
                new String[] {"experiments", "get"}, new String[] {"experiments", "get", "1", "--name", "x"},
                new String[] {"experiments", "list", "--output", "xml"}, new String[] {"runs", "list", "--bogus"},
                new String[] {"runs", "list", "--max-results", "many"})) {
            CliRun result = cli(args);
            assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isEqualTo(2);
            assertThat(result.err()).as(String.join(" ", args)).isNotBlank();
        }
    }

    @Test
    void cliProcessReportsExitCodesToTheShell() throws Exception {
        assertThat(runProcess("experiments", "list", "--server", server.baseUrl(), "--output", "json").exitCode())
                .isZero();
        CliRun unreachable = runProcess("experiments", "list", "--server", "http://127.0.0.1:" + closedPort());
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(3);
        assertThat(unreachable.err().lines().filter(l -> l.startsWith("error: ")).count()).isEqualTo(1);
        assertThat(runProcess("experiments", "get", "987654321", "--server", server.baseUrl()).exitCode()).isEqualTo(3);
        assertThat(runProcess("no-such-noun").exitCode()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- helpers

    private CliRun cli(String... args) {
        return cliAt(server.baseUrl(), args);
    }

    /** Runs the CLI in this JVM with {@code --server} added, capturing stdout and stderr. */
    private static CliRun cliAt(String serverUrl, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.size() >= 2) {
            all.addAll(List.of("--server", serverUrl));
        }
        return CliRun.inProcess(all);
    }

    private static CliRun runProcess(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CliRun(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static void assertOneLineFailure(CliRun result, int exitCode) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.out()).as("nothing on stdout on failure: " + result).isEmpty();
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("error: ").hasSizeGreaterThan("error: ".length()));
    }

    private static List<String> runIds(JsonNode listing) {
        return StreamSupport.stream(listing.path("runs").spliterator(), false)
                .map(run -> run.at("/info/run_id").asText()).toList();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
