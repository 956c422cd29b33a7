package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.store.jdbc.MetadataDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant tokens} and {@code sextant audit} against a server process started with an admin
 * token: the token printed alone on the last line works, revocation takes effect, and
 * {@code audit verify} names an entry edited in the database while the server was stopped.
 */
final class SecurityCliIT {
    private static final String ADMIN = "cli-admin-token-0123456789abcdefghij";

    @TempDir
    Path dataDir;

    private ServerProcess start() {
        return ServerProcess.start(new ServerProcess.Options(dataDir, Optional.empty(), List.of("-Xmx512m"),
                Map.of("SEXTANT_ADMIN_TOKEN", ADMIN)));
    }

    @Test
    void tokensAndAuditFromTheCommandLine() throws Exception {
        String experimentId;
        try (ServerProcess server = start()) {
            String url = server.baseUrl();
            CliRun anonymous = cli(url, "", "tokens", "list");
            assertThat(anonymous.exitCode()).isEqualTo(1);
            assertThat(anonymous.err()).contains("UNAUTHENTICATED").contains("--token");

            CliRun created = cli(url, ADMIN, "tokens", "create", "--name", "ci", "--role", "data-scientist");
            assertThat(created.exitCode()).as(created.toString()).isZero();
            String token = created.lines().getLast();
            assertThat(token).startsWith("sxt_").doesNotContain(" ");

            CliRun experiment = cli(url, token, "experiments", "create", "audited");
            assertThat(experiment.exitCode()).as(experiment.toString()).isZero();
            experimentId = experiment.lines().getLast().trim();

            CliRun denied = cli(url, token, "tokens", "list");
            assertThat(denied.exitCode()).isEqualTo(1);
            assertThat(denied.err()).contains("PERMISSION_DENIED");

            CliRun listed = cli(url, ADMIN, "tokens", "list");
            assertThat(listed.out()).contains("ci").contains("data-scientist").doesNotContain(token);

            CliRun audit = cli(url, ADMIN, "audit", "list", "--entity", "experiment:" + experimentId);
            assertThat(audit.exitCode()).as(audit.toString()).isZero();
            assertThat(audit.lines()).hasSize(2);
            assertThat(audit.lines().get(1)).contains("ci").contains("experiment.create");

            CliRun intact = cli(url, ADMIN, "audit", "verify");
            assertThat(intact.exitCode()).as(intact.toString()).isZero();
            assertThat(intact.out()).contains("intact");

            String id = token.substring(4, 20);
            assertThat(cli(url, ADMIN, "tokens", "revoke", id).exitCode()).isZero();
            CliRun revoked = cli(url, token, "experiments", "list");
            assertThat(revoked.exitCode()).isEqualTo(1);
            assertThat(revoked.err()).contains("revoked");
        }
        // Edit history behind the server's back, then ask it to verify.
        try (Connection c = DriverManager.getConnection(MetadataDatabase.embeddedUrl(dataDir), "", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE audit_log SET entity_id = '999' WHERE action = 'experiment.create'"
                    + " AND entity_id = '" + experimentId + "'")).isEqualTo(1);
        }
        try (ServerProcess server = start()) {
            CliRun broken = cli(server.baseUrl(), ADMIN, "audit", "verify");
            assertThat(broken.exitCode()).isEqualTo(1);
            assertThat(broken.out()).contains("EDITED entry");
            assertThat(broken.err()).contains("the audit chain is broken");
        }
    }

    @Test
    void modelsVerifyAndSignFromTheCommandLine() throws Exception {
        dev.sextant.registry.signing.SigningKey alice = dev.sextant.registry.signing.SigningKey.generate(
                new java.security.SecureRandom());
        Path key = java.nio.file.Files.writeString(dataDir.resolve("alice.pem"), alice.toPem());
        Path trusted = java.nio.file.Files.writeString(dataDir.resolve("alice.pub.pem"), alice.publicKeyPem());
        Path stranger = java.nio.file.Files.writeString(dataDir.resolve("eve.pem"),
                dev.sextant.registry.signing.SigningKey.generate(new java.security.SecureRandom()).toPem());
        Path data = java.nio.file.Files.createDirectories(dataDir.resolve("server"));
        // A server in this JVM, configured with the trusted key as typed configuration.
        dev.sextant.server.config.SextantConfig config = dev.sextant.server.config.SextantConfig.defaults().withPort(0)
                .withDataDir(data);
        try (dev.sextant.server.SextantServer server = dev.sextant.server.SextantServer.start(config.withSecurity(
                config.security().withSigning("", List.of(trusted.toString()))))) {
            String url = "http://127.0.0.1:" + server.port();
            Http http = new Http(url);
            String experiment = new TrackingApi(http).createExperiment(TrackingApi.uniqueName("signed"));
            var run = http.mlflowPost("runs/create", Http.object().put("experiment_id", experiment));
            String runId = run.at("/run/info/run_id").asText();
            LoggedModels.log(http, runId, run.at("/run/info/artifact_uri").asText(), "model", "logreg_iris.onnx", true);
            http.mlflowPost("registered-models/create", Http.object().put("name", "fraud"));
            http.mlflowPost("model-versions/create", Http.object().put("name", "fraud").put("source", "runs:/" + runId
                    + "/model"));

            CliRun verified = cli(url, "", "models", "verify", "models:/fraud/1");
            assertThat(verified.exitCode()).as(verified.toString()).isZero();
            assertThat(verified.out()).contains("MATCH").contains("VALID");

            CliRun signed = cli(url, "", "models", "sign", "models:/fraud/1", "--key", key.toString());
            assertThat(signed.exitCode()).as(signed.toString()).isZero();
            assertThat(signed.out()).contains(alice.keyId());
            CliRun untrusted = cli(url, "", "models", "sign", "models:/fraud/1", "--key", stranger.toString());
            assertThat(untrusted.exitCode()).isEqualTo(1);
            assertThat(untrusted.err()).contains("not a trusted key");

            String sha = LoggedModels.sha256(LoggedModels.onnx("logreg_iris.onnx"));
            Path blob = data.resolve("artifacts/blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
            byte[] bytes = java.nio.file.Files.readAllBytes(blob);
            bytes[100] ^= 0x20;
            java.nio.file.Files.write(blob, bytes);
            CliRun tampered = cli(url, "", "models", "verify", "models:/fraud/1");
            assertThat(tampered.exitCode()).isEqualTo(1);
            assertThat(tampered.out()).contains("MISMATCH").contains("model.onnx");
            assertThat(tampered.err()).contains("must not be loaded");
        }
    }

    /** Runs the CLI in this JVM with --server and --token, capturing stdout and stderr. */
    private static CliRun cli(String url, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", url));
        if (!token.isEmpty()) {
            all.addAll(List.of("--token", token));
        }
        return CliRun.inProcess(all);
    }
}
