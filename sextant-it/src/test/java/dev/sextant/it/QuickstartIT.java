package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant quickstart --once} as a user runs it: its own JVM on a free port and an empty data
 * directory. It must exit 0, and what it printed must be what the store holds afterwards, read
 * through the API of a server started again from the configuration the quickstart left behind:
 * the versions and their evaluations, the gate verdicts, the approvals, the promotion history,
 * the deployment and the audit trail.
 */
final class QuickstartIT {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final String MODEL = "/api/v1/models/seattle-weather";
    private static final String HOLDOUT = "datasets:/seattle-weather-2015/1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    record Run(int exitCode, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @Test
    void runsTheWholeLoopOnceAndTheStoreHoldsWhatItPrinted() throws Exception {
        Path dataDir = work.resolve("quickstart-data");
        int port = freePort();
        Run run = quickstart("", "quickstart", "--once", "--port", String.valueOf(port), "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString())
                .contains("[ 1/13] Server: http://127.0.0.1:" + port + " started")
                .contains("[13/13] Promote the canary: erin moved all traffic of 'seattle-weather' to v3 (PROMOTED, 100%); "
                        + "20 of 20 requests since answered by v3")
                .contains("Done: v3 of seattle-weather replaced v1 in Production and serves all traffic")
                .contains("Stopped the server (--once)");
        assertThat(run.out()).contains("candidate A (v2) FAILED").contains("candidate B (v3) passes every measured check")
                .contains("v3 waits only for approvals: role ml-engineer, domain weather, domain compliance");
        assertThat(dataDir.resolve("server.log")).content().contains("Sextant ready on http://127.0.0.1:" + port);

        Path config = dataDir.resolve("sextant.yaml");
        String token = Files.readString(dataDir.resolve("quickstart/admin-token")).strip();
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(dataDir, Optional.empty(),
                List.of("-Xmx512m"), Map.of("SEXTANT_CONFIG", config.toString())))) {
            String url = server.baseUrl();
            assertThat(status(url, "", MODEL)).as("the configuration it left requires tokens").isEqualTo(401);

            versionsAndEvaluations(url, token, run.out());
            gateVerdicts(url, token, run.out());
            approvalsAndHistory(url, token);
            deployment(url, token);
            traffic(run.out());
            audit(url, token);
        }
    }

    /**
     * A step the server refuses ends the run with exit 1 and a line naming the step and the
     * server's reason: here the release policy, replaced (ahead on the class path) by one that
     * misspells a metric.
     */
    @Test
    void exitsNonZeroNamingTheStepThatFailed() throws Exception {
        Path override = work.resolve("override/dev/sextant/cli/quickstart/weather/release-policy.yaml");
        Files.createDirectories(override.getParent());
        Files.writeString(override, "targets:\n  Production:\n    gates:\n      - metric: acuracy\n        min: 0.8\n");

        Run run = quickstart(work.resolve("override").toString(), "quickstart", "--once", "--port",
                String.valueOf(freePort()), "--data-dir", work.resolve("failing").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("[ 4/13] Baseline: ").doesNotContain("[ 5/13]").doesNotContain("Done:");
        assertThat(run.err()).contains("error: the quickstart failed at step 5 of 13 (Release policy): PUT "
                + "/api/v1/models/seattle-weather/release-policy answered HTTP 400 (INVALID_PARAMETER_VALUE: The release "
                + "policy was rejected: line 4: unknown metric 'acuracy'");
    }

    /**
     * Three versions (baseline, A, B), each evaluated on the same holdout, pushed as a dataset
     * version that every evaluation names, with the accuracies printed.
     */
    private static void versionsAndEvaluations(String url, String token, String out) {
        JsonNode versions = get(url, token, MODEL + "/versions").path("versions");
        assertThat(versions).extracting(v -> v.path("version").asInt() + " " + v.path("stage").asText())
                .containsExactlyInAnyOrder("1 Archived", "2 None", "3 Production");
        JsonNode holdout = get(url, token, "/api/v1/datasets/seattle-weather-2015/versions/1").path("dataset_version");
        assertThat(holdout.path("rows").asInt()).isEqualTo(365);
        assertThat(out).contains("pushed the 2015 holdout as dataset version " + HOLDOUT + " (365 rows")
                .contains("scored both on " + HOLDOUT + " (the 365 days of 2015)");
        JsonNode evaluations = get(url, token, MODEL + "/evaluations").path("evaluations");
        assertThat(evaluations).hasSize(3);
        assertThat(StreamSupport.stream(evaluations.spliterator(), false).map(e -> e.at("/dataset/sha256").asText())
                .distinct()).hasSize(1);
        for (JsonNode evaluation : evaluations) {
            long version = evaluation.path("version").asLong();
            String accuracy = String.format(Locale.ROOT, "%.3f", evaluation.at("/metrics/accuracy").asDouble());
            assertThat(evaluation.at("/dataset/rows").asInt()).isEqualTo(365);
            assertThat(evaluation.at("/dataset/version").asText()).isEqualTo(HOLDOUT);
            assertThat(out).contains(version == 1 ? "Production (v1) " + accuracy
                    : "(v" + version + ") " + accuracy);
        }
    }

    /** Candidate A's verdict fails on measured checks, with the observed values printed; B passed when promoted. */
    private static void gateVerdicts(String url, String token, String out) {
        JsonNode failed = get(url, token, MODEL + "/versions/2/gate-verdicts?target=Production").path("verdicts");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("passed").asBoolean()).isFalse();
        List<JsonNode> measuredFailures = new ArrayList<>();
        failed.get(0).path("checks").forEach(check -> {
            if (!check.path("passed").asBoolean() && !check.path("check").asText().startsWith("approvals")) {
                measuredFailures.add(check);
            }
        });
        assertThat(measuredFailures).isNotEmpty();
        measuredFailures.forEach(check -> assertThat(out).contains("v2 FAIL " + check.path("check").asText()
                + ": observed " + check.path("observed").asText() + ", expected " + check.path("expected").asText()));

        JsonNode promoted = get(url, token, MODEL + "/versions/3/gate-verdicts?target=Production").path("verdicts");
        assertThat(promoted).extracting(v -> v.path("passed").asBoolean() + " " + v.path("created_by").asText())
                .containsExactlyInAnyOrder("false sam", "true erin");
    }

    private static void approvalsAndHistory(String url, String token) {
        JsonNode approvals = get(url, token, MODEL + "/versions/3/approvals?target=Production");
        assertThat(approvals.at("/status/complete").asBoolean()).isTrue();
        assertThat(approvals.path("decisions")).extracting(d -> d.path("reviewer").asText() + " " + d.path("role").asText()
                + " " + d.path("domain").asText() + " " + d.path("decision").asText())
                .containsExactlyInAnyOrder("erin ml-engineer  approved", "maya approver weather approved",
                        "carol approver compliance approved");
        assertThat(get(url, token, MODEL + "/versions/2/approvals?target=Production").path("decisions")).isEmpty();

        JsonNode history = get(url, token, MODEL + "/stage-history?target=Production").path("history");
        assertThat(history).extracting(e -> e.path("action").asText() + " " + e.path("version").asText() + " from "
                + e.path("previous_version").asText("none") + " by " + e.path("actor").asText())
                .containsExactly("promoted 3 from 1 by erin", "promoted 1 from none by erin");
        assertThat(get(url, token, "/api/v1/model-uris?uri=models:/seattle-weather/Production")
                .at("/model_version/version").asInt()).isEqualTo(3);
        assertThat(get(url, token, "/api/v1/model-uris?uri=models:/seattle-weather@previous")
                .at("/model_version/version").asInt()).isEqualTo(1);
    }

    /** The canary of v3 beside v1, promoted to all traffic. */
    private static void deployment(String url, String token) {
        JsonNode deployment = get(url, token, "/api/v1/deployments/seattle-weather");
        assertThat(deployment.at("/policy/type").asText()).isEqualTo("canary");
        assertThat(deployment.at("/versions/stable/version").asInt()).isEqualTo(1);
        assertThat(deployment.at("/versions/canary/version").asInt()).isEqualTo(3);
        assertThat(deployment.at("/rollout/phase").asText()).isEqualTo("PROMOTED");
        assertThat(deployment.at("/rollout/canary_percent").asInt()).isEqualTo(100);
        assertThat(deployment.at("/rollout/events")).extracting(e -> e.path("message").asText())
                .containsExactly("created: single models:/seattle-weather/1", "spec changed: canary 25%", "promoted to 100%");
    }

    /** 300 requests split between the two versions, as the client counted and as the server's metrics counted. */
    private static void traffic(String out) {
        Matcher line = Pattern.compile("v1 answered (\\d+), v3 answered (\\d+); the server counted v1 (\\d+), v3 (\\d+) ")
                .matcher(out);
        assertThat(line.find()).as(out).isTrue();
        int v1 = Integer.parseInt(line.group(1));
        int v3 = Integer.parseInt(line.group(2));
        assertThat(v1 + v3).isEqualTo(300);
        // 25% to the canary: 75 expected; far outside a binomial's spread (sd 7.5) means the split is wrong
        assertThat(v3).isBetween(40, 110);
        assertThat(Integer.parseInt(line.group(3))).isEqualTo(v1);
        assertThat(Integer.parseInt(line.group(4))).isEqualTo(v3);
    }

    /** Each person's steps are in the audit log under their name, and the chain is intact. */
    private static void audit(String url, String token) {
        JsonNode entries = get(url, token, "/api/v1/audit?max_results=1000").path("entries");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.path("actor").asText() + " " + e.path("action").asText()));
        assertThat(actions).filteredOn(a -> a.equals("admin token.create")).hasSize(5);
        assertThat(actions).contains("sam experiment.create", "erin release-policy.set", "erin deployment.create",
                "erin model-version.approve", "maya model-version.approve", "carol model-version.approve");
        // Training jobs run on the server are audited as the data scientist who submitted them.
        assertThat(actions).contains("sam run.create", "sam model-version.create")
                .noneMatch(a -> a.startsWith("system "));
        assertThat(actions).filteredOn(a -> a.equals("erin model-version.promote")).hasSize(2);
        assertThat(actions).filteredOn(a -> a.equals("erin deployment.update")).hasSize(2);
        assertThat(get(url, token, "/api/v1/audit/verify").path("intact").asBoolean()).isTrue();
    }

    /** Runs the CLI as its own process from this test's class path ({@code ahead} first, when given). */
    private Run quickstart(String ahead, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "dev.sextant.cli.Main"));
        command.addAll(List.of(args));
        Path out = work.resolve("quickstart.out");
        Path err = work.resolve("quickstart.err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SEXTANT_"));
        // As ServerProcess does: a long command line crashes ONNX Runtime's initialisation.
        String classPath = System.getProperty("java.class.path");
        builder.environment().put("CLASSPATH", ahead.isEmpty() ? classPath : ahead + File.pathSeparator + classPath);
        long started = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        Run run = new Run(exited ? process.exitValue() : -1, Files.readString(out), Files.readString(err),
                Duration.ofNanos(System.nanoTime() - started));
        copyToLogs(run);
        assertThat(exited).as("quickstart --once still running after " + LIMIT + "\n" + run).isTrue();
        return run;
    }

    private static void copyToLogs(Run run) throws IOException {
        Path logs = Path.of(System.getProperty("sextant.it.logs", "target/it-logs"));
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("quickstart-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log"),
                run.toString());
    }

    private static JsonNode get(String url, String token, String path) {
        HttpResponse<String> response = send(url, token, path);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        try {
            return Http.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " is not JSON: " + response.body(), e);
        }
    }

    private static int status(String url, String token, String path) {
        return send(url, token, path).statusCode();
    }

    private static HttpResponse<String> send(String url, String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET();
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
