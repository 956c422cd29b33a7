package dev.sextant.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.audit.AuditQuery;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.signing.SigningKey;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.TestServer;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.server.config.SecurityConfig;
import dev.sextant.server.signing.ModelSigning;
import dev.sextant.store.artifact.LocalArtifactStore;
import dev.sextant.store.jdbc.MetadataDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions are signed with the server's Ed25519 key when registered, users can add signatures with
 * keys the server trusts, and a package with a changed byte is reported and refused at load with
 * the refusal in the audit log.
 */
class ModelSigningIT {
    @TempDir
    Path dir;

    private static JsonNode verification(TestServer server, String uri) {
        HttpResult result = server.http().get("/api/v1/model-verifications?uri=" + uri);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.json();
    }

    @Test
    void signedAtRegistrationAndAChangedByteIsRefused() throws Exception {
        Path data = dir.resolve("data");
        SigningKey user = SigningKey.generate(new SecureRandom());
        Path userPublic = Files.writeString(dir.resolve("alice.pub.pem"), user.publicKeyPem());
        String name;
        String uri;
        try (TestServer server = TestServer.start(data, c -> c.withSecurity(c.security()
                .withSigning("", List.of(userPublic.toString()))))) {
            RegistryClient client = new RegistryClient(server.http());
            RegistryClient.Run run = client.runWithModel(true);
            name = client.model("signed");
            client.register(name, run.modelUri());
            uri = "models:/" + name + "/1";

            JsonNode intact = verification(server, uri);
            String serverKey = SigningKey.fromPem(Files.readString(data.resolve("keys/model-signing.pem")), "key").keyId();
            assertThat(intact.get("intact").booleanValue()).as(intact.toString()).isTrue();
            assertThat(intact.get("digest").textValue()).isEqualTo("MATCH");
            assertThat(intact.get("signature").get("state").textValue()).isEqualTo("VALID");
            assertThat(intact.get("signature").get("key_id").textValue()).isEqualTo(serverKey);
            String digest = intact.get("package_digest").textValue();

            // A user's own key: the private key stays with the user, the server checks against the trusted public key.
            var signature = user.sign(digest, "alice", 1);
            HttpResult added = server.http().postJson("/api/v1/models/" + name + "/versions/1/signatures",
                    "{\"key_id\":\"" + signature.keyId() + "\",\"signature\":\"" + signature.signature() + "\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            var stranger = SigningKey.generate(new SecureRandom()).sign(digest, "eve", 1);
            HttpResult refused = server.http().postJson("/api/v1/models/" + name + "/versions/1/signatures",
                    "{\"key_id\":\"" + stranger.keyId() + "\",\"signature\":\"" + stranger.signature() + "\"}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("detail").textValue()).contains("not a trusted key");

            // One byte of the ONNX file changes on disk (the local store keeps bytes as blobs named by their SHA-256).
            String sha = ModelPackages.sha256(ModelPackages.sharedModel("logreg_iris.onnx"));
            Path onnx = data.resolve("artifacts/blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
            byte[] bytes = Files.readAllBytes(onnx);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(onnx, bytes);
            JsonNode broken = verification(server, uri);
            assertThat(broken.get("intact").booleanValue()).isFalse();
            assertThat(broken.get("digest").textValue()).isEqualTo("MISMATCH");
            assertThat(broken.get("differences").toString()).contains("model.onnx");
            // The signature still vouches for the registered digest; it is the bytes that changed.
            assertThat(broken.get("signature").get("state").textValue()).isEqualTo("VALID");
        }

        try (MetadataDatabase database = MetadataDatabase.open(MetadataDatabase.embeddedUrl(data), "", "")) {
            AuditTrail audit = new AuditTrail(database.security().audit(), Clock.systemUTC());
            ModelSigning signing = ModelSigning.start(SecurityConfig.defaults(), data, database.security().signatures(),
                    new LocalArtifactStore(data.resolve("artifacts")), audit, Clock.systemUTC(), new SecureRandom());
            ModelVersion version = database.registryStore().getModelVersion(name, 1).orElseThrow();

            assertThatThrownBy(() -> signing.requireLoadable(version))
                    .isInstanceOfSatisfying(SextantException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                    .hasMessageContaining("Refusing to load " + uri)
                    .hasMessageContaining("'model.onnx' has SHA-256");
            assertThat(audit.log().list(new AuditQuery("model-version", name + "/1", "", 0, 100)))
                    .extracting(e -> e.event().action())
                    .containsExactly("model-version.create", "model-version.sign", "model-version.load-refused");
        }
    }
}
