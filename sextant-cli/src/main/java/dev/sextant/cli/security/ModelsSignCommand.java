package dev.sextant.cli.security;

import dev.sextant.cli.ServerCommand;
import dev.sextant.cli.nativeapi.NativeClient;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.api.SextantException;
import dev.sextant.cli.CliFailure;
import dev.sextant.registry.signing.PackageSignature;
import dev.sextant.registry.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sextant models sign URI --key KEY}: signs a version's package digest with the user's own
 * Ed25519 key, here on this machine, and sends only the signature. The server accepts it when the
 * key's public half is in its {@code signing.trusted-keys}.
 */
@Command(name = "sign", description = "Sign a model version's package digest with your Ed25519 key (the private key "
        + "never leaves this machine).")
public final class ModelsSignCommand extends ServerCommand {
    @Parameters(paramLabel = "MODEL_URI", description = "e.g. models:/churn/3.")
    String uri;

    @Option(names = "--key", required = true, paramLabel = "PEM",
            description = "PKCS#8 PEM Ed25519 private key, e.g. from 'openssl genpkey -algorithm ed25519'.")
    Path key;

    @Override
    public void run() {
        SigningKey signingKey;
        try {
            signingKey = SigningKey.fromPem(Files.readString(key), key.toString());
        } catch (IOException e) {
            throw new CliFailure(CliFailure.FAILED, "cannot read the key " + key + ": " + e.getMessage());
        } catch (SextantException e) {
            throw new CliFailure(CliFailure.FAILED, e.getMessage());
        }
        JsonNode version = client().get("/model-uris", Map.of("uri", uri)).path("model_version");
        String digest = version.path("package_digest").asText();
        PackageSignature signature = signingKey.sign(digest, "", 0);
        JsonNode report = client().post("/models/" + version.path("name").asText() + "/versions/"
                        + version.path("version").asLong() + "/signatures",
                NativeClient.JSON.createObjectNode().put("key_id", signature.keyId()).put("signature", signature.signature()));
        if (output.json()) {
            printJson(report);
            return;
        }
        out().println("Signed " + report.path("model_uri").asText() + " (" + digest + ") with " + signature.keyId() + ".");
        out().flush();
    }
}
