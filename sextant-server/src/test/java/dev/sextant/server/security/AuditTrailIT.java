package dev.sextant.server.security;

import static dev.sextant.server.security.SecuredServer.ADMIN;
import static dev.sextant.server.security.SecuredServer.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.store.jdbc.MetadataDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State changes made over HTTP land in the audit chain with who, what, before/after and the request id. */
class AuditTrailIT {
    @TempDir
    Path dir;

    @Test
    void changesAreAuditedAndTamperingIsNamed() throws Exception {
        try (SecuredServer server = SecuredServer.start(dir)) {
            String alice = server.token("alice", "data-scientist", "");
            HttpResult created = server.http().postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"churn\"}",
                    bearer(alice));
            String id = created.json().get("experiment_id").textValue();
            HttpResult renamed = server.http().postJson("/api/2.0/mlflow/experiments/update",
                    "{\"experiment_id\":\"" + id + "\",\"new_name\":\"churn-v2\"}", bearer(alice));
            server.http().postJson("/api/2.0/mlflow/experiments/delete", "{\"experiment_id\":\"" + id + "\"}",
                    bearer(alice));
            // A refused request changes nothing and is not an audited change.
            String viewer = server.token("victor", "viewer", "");
            assertThat(server.http().postJson("/api/2.0/mlflow/experiments/restore", "{\"experiment_id\":\"" + id + "\"}",
                    bearer(viewer)).status()).isEqualTo(403);

            JsonNode entries = server.http().get("/api/v1/audit?entity=experiment:" + id, bearer(ADMIN)).json()
                    .get("entries");
            List<String> actions = new ArrayList<>();
            entries.forEach(e -> actions.add(e.get("action").textValue()));
            assertThat(actions).containsExactly("experiment.create", "experiment.rename", "experiment.delete");
            JsonNode rename = entries.get(1);
            assertThat(rename.get("actor").textValue()).isEqualTo("alice");
            assertThat(rename.get("request_id").textValue()).isEqualTo(renamed.header("X-Request-Id"));
            assertThat(rename.get("before").get("name").textValue()).isEqualTo("churn");
            assertThat(rename.get("after").get("name").textValue()).isEqualTo("churn-v2");
            assertThat(entries.get(0).get("before").isNull()).isTrue();
            assertThat(entries.get(2).get("after").get("lifecycle_stage").textValue()).isEqualTo("deleted");
            // Token administration is audited too, never with the secret.
            JsonNode tokenEntries = server.http().get("/api/v1/audit?entity=token", bearer(ADMIN)).json().get("entries");
            assertThat(tokenEntries).hasSize(2);
            assertThat(tokenEntries.toString()).doesNotContain(alice).contains("\"actor\":\"admin\"");

            JsonNode verdict = server.http().get("/api/v1/audit/verify", bearer(ADMIN)).json();
            assertThat(verdict.get("intact").booleanValue()).as(verdict.toString()).isTrue();
            long renameSeq = rename.get("seq").asLong();

            // Someone with database access rewrites history.
            try (Connection c = DriverManager.getConnection(MetadataDatabase.embeddedUrl(dir), "", "");
                 Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + renameSeq);
            }
            JsonNode broken = server.http().get("/api/v1/audit/verify", bearer(ADMIN)).json();
            assertThat(broken.get("intact").booleanValue()).isFalse();
            assertThat(broken.get("findings")).hasSize(1);
            assertThat(broken.get("findings").get(0).get("kind").textValue()).isEqualTo("EDITED");
            assertThat(broken.get("findings").get(0).get("seq").asLong()).isEqualTo(renameSeq);
        }
    }

    @Test
    void artifactUploadsAreAuditedWithTheirDigest() {
        try (SecuredServer server = SecuredServer.start(dir)) {
            String alice = server.token("alice", "data-scientist", "");
            String exp = server.http().postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"a\"}", bearer(alice))
                    .json().get("experiment_id").textValue();
            String path = exp + "/r1/artifacts/model.onnx";
            assertThat(server.http().send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + path,
                    java.net.http.HttpRequest.BodyPublishers.ofString("bytes"), bearer(alice)).status()).isEqualTo(200);
            JsonNode entry = server.http().get("/api/v1/audit?entity=artifact:" + path, bearer(ADMIN)).json()
                    .get("entries").get(0);
            assertThat(entry.get("action").textValue()).isEqualTo("artifact.upload");
            assertThat(entry.get("actor").textValue()).isEqualTo("alice");
            assertThat(entry.get("after").get("sha256").textValue()).isEqualTo(sha256("bytes"));
            assertThat(entry.get("after").get("size").asLong()).isEqualTo(5);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
