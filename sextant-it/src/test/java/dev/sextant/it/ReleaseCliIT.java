package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release verbs as a CI job uses them, against a server process with tokens and roles:
 * {@code sextant train}, {@code evaluate}, {@code models policy|gate|approve|promote|rollback|history},
 * with the exit codes a pipeline stops on.
 */
final class ReleaseCliIT {
    private static final String ADMIN = "release-cli-admin-token-0123456789abcdef";
    private static final String POLICY = """
            approval_sets:
              signoff:
                - role: ml-engineer
                - domain: compliance
            targets:
              Production:
                gates:
                  - metric: accuracy
                    min: 0.5
                  - non_regression: {metric: accuracy, tolerance: 0.01}
                  - slice: {by: location, metric: accuracy, min: 0.3}
                  - digests: verified
                approvals: signoff
            """;

    @TempDir
    Path dataDir;

    @Test
    void trainEvaluateGateApprovePromoteRefuseAndRollBack() throws Exception {
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(dataDir, Optional.empty(),
                List.of("-Xmx512m"), Map.of("SEXTANT_ADMIN_TOKEN", ADMIN)))) {
            String url = server.baseUrl();
            String erin = token(url, "erin", "ml-engineer", "");
            String carol = token(url, "carol", "approver", "compliance");
            String sam = token(url, "sam", "data-scientist", "");
            String weather = SharedData.data("weather.csv").toString();

            train(url, sam, "--algo", "logistic-regression");
            Path policy = dataDir.resolve("policy.yaml");
            Files.writeString(policy, POLICY);
            CliRun denied = cli(url, sam, "models", "policy", "rain", "--file", policy.toString());
            assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(1);
            assertThat(denied.err()).contains("PERMISSION_DENIED");
            Path bad = dataDir.resolve("bad.yaml");
            Files.writeString(bad, "targets:\n  Production:\n    gates:\n      - metric: acuracy\n        min: 0.8\n");
            CliRun rejected = cli(url, erin, "models", "policy", "rain", "--file", bad.toString());
            assertThat(rejected.exitCode()).isEqualTo(1);
            assertThat(rejected.err()).contains("line 4: unknown metric 'acuracy'");
            assertThat(cli(url, erin, "models", "policy", "rain", "--file", policy.toString()).exitCode()).isZero();

            CliRun evaluated = cli(url, sam, "evaluate", "models:/rain/1", "--data", weather, "--target", "weather",
                    "--slice", "location", "--perturb", "missing(wind)", "--latency-rows", "20");
            assertThat(evaluated.exitCode()).as(evaluated.toString()).isZero();
            assertThat(evaluated.out()).contains("Evaluation").contains("accuracy").contains("Seattle")
                    .contains("missing(wind)").contains("latency (single row)");

            CliRun gate = cli(url, sam, "models", "gate", "rain", "1", "--target", "Production");
            assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(3);
            assertThat(gate.out()).contains("FAILED (4 of 5 checks passed").contains("FAIL approvals 'signoff' complete: "
                    + "missing role ml-engineer, domain compliance");
            assertThat(gate.err()).startsWith("error: the gate for Production failed");

            CliRun notYet = cli(url, erin, "models", "promote", "rain", "1", "--target", "Production");
            assertThat(notYet.exitCode()).isEqualTo(3);
            assertThat(notYet.err()).contains("refused: approvals 'signoff' complete");
            CliRun pending = cli(url, carol, "models", "approvals", "rain", "1", "--target", "Production");
            assertThat(pending.exitCode()).as(pending.toString()).isZero();
            assertThat(pending.out()).contains("Approval set 'signoff' for models:/rain/1 to Production: 0 of 2 "
                    + "requirements met.");
            assertThat(row(pending, "role ml-engineer")).contains("ml-engineer").contains("0 of 1").contains("may not approve");
            assertThat(row(pending, "domain compliance")).contains("(domain compliance)").contains("0 of 1")
                    .contains("may approve").doesNotContain("may not");
            assertThat(cli(url, carol, "models", "approve", "rain", "1", "--target", "Production", "-m", "privacy ok")
                    .out()).contains("1 of 2 met; missing role ml-engineer");
            CliRun half = cli(url, erin, "models", "approvals", "rain", "1", "--target", "Production");
            assertThat(half.out()).contains("1 of 2 requirements met.");
            assertThat(row(half, "domain compliance")).contains("1 of 1").contains("carol");
            assertThat(row(half, "role ml-engineer")).contains("0 of 1").contains("may approve").doesNotContain("may not");
            assertThat(cli(url, erin, "models", "approvals", "rain", "1", "--target", "Staging").out())
                    .contains("No approvals are needed to move models:/rain/1 to Staging");
            assertThat(cli(url, erin, "models", "approve", "rain", "1", "--target", "Production").out())
                    .contains("2 of 2 met — complete.");
            CliRun promoted = cli(url, erin, "models", "promote", "rain", "1", "--target", "Production", "-m", "first");
            assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
            assertThat(promoted.out()).contains("PASSED (5 of 5").contains("Promoted models:/rain/1 to Production.");

            // A linear model that barely learned is worse than Production on the same data: refused, saying by how much.
            train(url, sam, "--algo", "logistic-regression", "--epochs", "1", "--learning-rate", "0.000001");
            assertThat(cli(url, sam, "evaluate", "models:/rain/2", "--data", weather, "--target", "weather", "--slice",
                    "location").out()).contains("Production (v1)");
            cli(url, carol, "models", "approve", "rain", "2", "--target", "Production");
            cli(url, erin, "models", "approve", "rain", "2", "--target", "Production");
            CliRun worse = cli(url, erin, "models", "promote", "rain", "2", "--target", "Production");
            assertThat(worse.exitCode()).isEqualTo(3);
            assertThat(worse.out()).contains("FAIL accuracy no worse than Production (tolerance 0.01): accuracy is")
                    .contains("worse than version 1");

            train(url, sam, "--algo", "random-forest", "--trees", "10");
            cli(url, sam, "evaluate", "models:/rain/3", "--data", weather, "--target", "weather", "--slice", "location");
            cli(url, carol, "models", "approve", "rain", "3", "--target", "Production");
            cli(url, erin, "models", "approve", "rain", "3", "--target", "Production");
            CliRun better = cli(url, erin, "models", "promote", "rain", "3", "--target", "Production", "--replaces", "1",
                    "-m", "forest");
            assertThat(better.exitCode()).as(better.toString()).isZero();
            assertThat(better.out()).contains("replacing version 1 (kept as alias 'previous'; undo with: sextant models "
                    + "rollback rain --target Production)");

            CliRun rollback = cli(url, erin, "models", "rollback", "rain", "-m", "alert");
            assertThat(rollback.exitCode()).isZero();
            assertThat(rollback.out()).contains("Rolled Production of rain back to version 1 (it was version 3).");
            CliRun history = cli(url, sam, "models", "history", "rain", "--output", "json");
            JsonNode entries = Http.JSON.readTree(history.out()).path("history");
            assertThat(entries).extracting(e -> e.path("action").asText() + " " + e.path("version").asInt() + " "
                    + e.path("actor").asText()).containsExactly("rolled_back 1 erin", "promoted 3 erin", "promoted 1 erin");
            assertThat(cli(url, sam, "models", "history", "rain").out()).contains("rolled_back").contains("alert");
            CliRun missingModel = cli(url, erin, "models", "rollback", "snow");
            assertThat(missingModel.exitCode()).isEqualTo(3);
            assertThat(missingModel.err()).contains("RESOURCE_DOES_NOT_EXIST");
        }
    }

    /** The table row of the CLI's output that starts with {@code first}. */
    private static String row(CliRun run, String first) {
        return run.lines().stream().filter(line -> line.startsWith(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + first + "' in:\n" + run.out()));
    }

    private static void train(String url, String token, String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--data", SharedData.data("weather.csv").toString(), "--target", "weather",
                "--experiment", "rain", "--register", "rain"));
        args.addAll(List.of(options));
        CliRun trained = cli(url, token, args.toArray(String[]::new));
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
    }

    private static String token(String url, String name, String role, String domain) {
        List<String> args = new ArrayList<>(List.of("tokens", "create", "--name", name, "--role", role));
        if (!domain.isEmpty()) {
            args.addAll(List.of("--domain", domain));
        }
        CliRun created = cli(url, ADMIN, args.toArray(String[]::new));
        assertThat(created.exitCode()).as(created.toString()).isZero();
        return created.lines().getLast();
    }

    /** Runs the CLI in this JVM with --server and --token, capturing stdout and stderr. */
    private static CliRun cli(String url, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", url, "--token", token));
        return CliRun.inProcess(all);
    }
}
