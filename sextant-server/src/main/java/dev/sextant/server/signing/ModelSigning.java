package dev.sextant.server.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.ModelIntegrity;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.registry.signing.PackageSignature;
import dev.sextant.registry.signing.PackageSignatureStore;
import dev.sextant.registry.signing.SignatureCheck;
import dev.sextant.registry.signing.SigningKey;
import dev.sextant.registry.signing.TrustedKeys;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.server.config.ConfigException;
import dev.sextant.server.config.SecurityConfig;
import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.http.Routes;
import dev.sextant.server.security.AccessControl;
import dev.sextant.server.security.Locator;
import dev.sextant.server.security.Policy;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model signing as the server runs it: its Ed25519 key (configured, or created once under the data
 * directory), the trusted keys, signing at registration, verification before loading (a refusal
 * is audited), and the routes to check a version or add a user's signature.
 */
public final class ModelSigning {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSigning.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelIntegrity integrity;
    private final PackageSignatureStore signatures;
    private final TrustedKeys trusted;
    private final AuditTrail audit;
    private final Clock clock;

    private ModelSigning(ModelIntegrity integrity, PackageSignatureStore signatures, TrustedKeys trusted,
                         AuditTrail audit, Clock clock) {
        this.integrity = integrity;
        this.signatures = signatures;
        this.trusted = trusted;
        this.audit = audit;
        this.clock = clock;
    }

    public static ModelSigning start(SecurityConfig config, Path dataDir, PackageSignatureStore signatures,
                                     ArtifactStore artifacts, AuditTrail audit, Clock clock, SecureRandom random) {
        SigningKey key = serverKey(config.signingKeyFile(), dataDir, random);
        List<PublicKey> keys = new ArrayList<>(List.of(key.publicKey()));
        for (String file : config.trustedKeyFiles()) {
            try {
                keys.add(SigningKey.publicKeyFromPem(Files.readString(Path.of(file)), "signing.trusted-keys " + file));
            } catch (IOException e) {
                throw new ConfigException("signing.trusted-keys", "Trusted key file " + file + " cannot be read. "
                        + "Fix the path in signing.trusted-keys.");
            } catch (SextantException e) {
                throw new ConfigException("signing.trusted-keys", e.getMessage());
            }
        }
        TrustedKeys trusted = new TrustedKeys(keys);
        LOG.info("Model signing key {}; trusted keys {}", key.keyId(), trusted.keyIds());
        return new ModelSigning(new ModelIntegrity(artifacts, signatures, key, trusted), signatures, trusted, audit,
                clock);
    }

    private static SigningKey serverKey(String configured, Path dataDir, SecureRandom random) {
        Path file = configured.isEmpty() ? dataDir.resolve("keys").resolve("model-signing.pem") : Path.of(configured);
        try {
            if (Files.isRegularFile(file)) {
                return SigningKey.fromPem(Files.readString(file), "signing.key-file " + file);
            }
            if (!configured.isEmpty()) {
                throw new ConfigException("signing.key-file", "signing.key-file " + file + " does not exist. Create it "
                        + "with 'openssl genpkey -algorithm ed25519 -out " + file + "' or leave the key unset.");
            }
            SigningKey key = SigningKey.generate(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, key.toPem());
            restrict(file);
            LOG.info("Created the model signing key {} at {}", key.keyId(), file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new ConfigException("signing.key-file", "Cannot read or create the model signing key " + file + ": "
                    + e.getMessage() + ". Check the permissions of the data directory or set signing.key-file.");
        } catch (SextantException e) {
            throw e instanceof ConfigException c ? c : new ConfigException("signing.key-file", e.getMessage());
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warn("Could not restrict the permissions of {}: {}", file, e.getMessage());
        }
    }

    public ModelIntegrity integrity() {
        return integrity;
    }

    /** Called once a version is registered: signs its package digest with the server's key. */
    public Consumer<ModelVersion> onRegistered() {
        return version -> integrity.sign(version, AccessControl.currentPrincipal().name(), clock.millis());
    }

    /**
     * The check to run before loading a version for serving: returns when its files match the
     * registered digests and a trusted key signed them; otherwise audits the refusal and throws.
     */
    public ModelIntegrity.Report requireLoadable(ModelVersion version) {
        ModelIntegrity.Report report = integrity.check(version);
        if (!report.intact()) {
            audit.record("model-version.load-refused", "model-version", version.name() + "/" + version.version(), "",
                    AuditTrail.json(java.util.Map.of("reason", report.describe())));
            integrity.requireIntact(version);
        }
        return report;
    }

    /** {@code GET /model-verifications?uri=} and {@code POST /models/{name}/versions/{version}/signatures}. */
    public Routes routes(RegistryService registry, long maxBodyBytes) {
        return new Routes()
                .get("/model-verifications", Policy.read(dev.sextant.api.security.ResourceKind.REGISTERED_MODEL,
                        Locator.none()), (req, res) -> verify(req, res, registry))
                .post("/models/{name}/versions/{version}/signatures", Policy.edit(
                        dev.sextant.api.security.ResourceKind.REGISTERED_MODEL, Locator.path("name")),
                        (req, res) -> addSignature(req, res, registry, maxBodyBytes));
    }

    private void verify(ServerRequest req, ServerResponse res, RegistryService registry) {
        String uri = RequestBodies.query(req).string("uri");
        if (uri.isBlank()) {
            throw SextantException.missingParameter("uri");
        }
        send(res, Status.OK_200, report(integrity.check(registry.resolve(uri))));
    }

    private void addSignature(ServerRequest req, ServerResponse res, RegistryService registry, long maxBodyBytes) {
        ModelVersion version = registry.getModelVersion(req.path().pathParameters().get("name"),
                req.path().pathParameters().get("version"));
        Fields in = RequestBodies.json(req, ApiStyle.PROBLEM, maxBodyBytes);
        String digest = version.content().packageDigest();
        PackageSignature signature = new PackageSignature(digest, in.requiredString("key_id"), PackageSignature.ED25519,
                in.requiredString("signature"), AccessControl.currentPrincipal().name(), clock.millis());
        SignatureCheck check = trusted.check(digest, List.of(signature));
        if (!check.valid()) {
            throw SextantException.invalid("The signature was not accepted: " + check.describe() + ". Sign the package "
                    + "digest " + digest + " with a key listed in the server's signing.trusted-keys.");
        }
        signatures.put(signature);
        audit.record("model-version.sign", "model-version", version.name() + "/" + version.version(), "",
                AuditTrail.json(java.util.Map.of("package_digest", digest, "key_id", signature.keyId())));
        send(res, Status.CREATED_201, report(integrity.check(version)));
    }

    private static ObjectNode report(ModelIntegrity.Report report) {
        ObjectNode out = JSON.createObjectNode()
                .put("model_uri", report.version().uri())
                .put("package_digest", report.recordedDigest())
                .put("current_digest", report.currentDigest())
                .put("digest", report.digestMatches() ? "MATCH" : "MISMATCH");
        report.differences().forEach(out.putArray("differences")::add);
        ObjectNode signature = out.putObject("signature");
        switch (report.signature()) {
            case SignatureCheck.Valid v -> signature.put("state", "VALID").put("key_id", v.keyId()).put("signer", v.signer());
            case SignatureCheck.Missing m -> signature.put("state", "MISSING");
            case SignatureCheck.UntrustedKey u -> signature.put("state", "UNTRUSTED_KEY").put("key_id", u.keyId());
            case SignatureCheck.Invalid i -> signature.put("state", "INVALID").put("key_id", i.keyId());
        }
        signature.put("message", report.signature().describe());
        out.put("intact", report.intact());
        return out;
    }

    private static void send(ServerResponse res, Status status, ObjectNode body) {
        try {
            res.status(status);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
