package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.SextantException;
import dev.sextant.data.read.DataFormat;
import dev.sextant.data.read.Dataset;
import dev.sextant.data.read.TableReader;
import dev.sextant.data.version.DatasetService;
import dev.sextant.data.version.DatasetVersion;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.evaluation.EvaluationJson;
import dev.sextant.release.evaluation.EvaluationRequest;
import dev.sextant.release.evaluation.Perturbation;
import dev.sextant.release.evaluation.SliceSpec;
import dev.sextant.release.promotion.PromotionTarget;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.ScratchDirectory;
import dev.sextant.server.release.Release;
import dev.sextant.server.security.AccessControl;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code /api/v1/models/{name}/versions/{version}/evaluations}: evaluates a version on holdout
 * data sent with the request (CSV or Parquet, as text or base64) or on a dataset version
 * ({@code dataset_version}: {@code datasets:/holdout/2}), and by default the version holding
 * Production on the same data, so the two compare directly.
 */
final class EvaluationResource {
    private final Release release;
    private final RegistryService registry;
    private final DatasetService datasets;
    private final NativeRequests requests;

    EvaluationResource(Release release, RegistryService registry, DatasetService datasets, NativeRequests requests) {
        this.release = release;
        this.registry = registry;
        this.datasets = datasets;
        this.requests = requests;
    }

    /** The data an evaluation runs on, and the dataset version it is when it is one. */
    private record Holdout(Dataset data, Optional<String> version) {
    }

    void create(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        Fields body = requests.body(req);
        EvaluationRequest request = new EvaluationRequest(body.requiredString("target"),
                body.strings("slices").stream().map(SliceSpec::parse).toList(),
                body.strings("perturbations").stream().map(Perturbation::parse).toList(), body.strings("features"),
                Math.toIntExact(Math.min(Integer.MAX_VALUE, body.int64("latency_rows")
                        .orElse(EvaluationRequest.DEFAULT_LATENCY_ROWS))),
                body.int64("seed").orElse(EvaluationRequest.DEFAULT_SEED));
        String compareWith = body.has("compare_with") ? body.string("compare_with") : "Production";
        String actor = AccessControl.currentPrincipal().name();
        try (ScratchDirectory dir = ScratchDirectory.create("sextant-evaluation")) {
            Holdout holdout = holdout(body, dir.path());
            Evaluation evaluation = release.evaluations().evaluate(version, holdout.data(), holdout.version(), request,
                    actor);
            ObjectNode out = ReleaseWire.JSON.createObjectNode();
            out.set("evaluation", EvaluationJson.tree(evaluation));
            baseline(version, compareWith, holdout, request, actor, out);
            ReleaseWire.created(res, ModelResource.location(version.name()) + "/versions/" + version.version()
                    + "/evaluations/" + evaluation.id(), out);
        }
    }

    /** The versions evaluations, newest first; {@code dataset_sha256} keeps those on one holdout. */
    void listForVersion(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        send(res, release.evaluations().list(version.name(), OptionalLong.of(version.version()), sha(req)));
    }

    /** Every version's evaluations, newest first: on one holdout ({@code dataset_sha256}) they compare directly. */
    void listForModel(ServerRequest req, ServerResponse res) {
        String name = NativeRequests.pathParam(req, "name");
        registry.getRegisteredModel(name);
        send(res, release.evaluations().list(name, OptionalLong.empty(), sha(req)));
    }

    void get(ServerRequest req, ServerResponse res) {
        ModelVersion version = version(req);
        Evaluation evaluation = release.evaluations().get(NativeRequests.pathParam(req, "id"));
        if (!evaluation.model().equals(version.name()) || evaluation.version() != version.version()) {
            throw SextantException.notFound("Evaluation " + evaluation.id() + " is not of " + version.uri() + ".");
        }
        ReleaseWire.send(res, Status.OK_200, EvaluationJson.tree(evaluation));
    }

    private void baseline(ModelVersion version, String compareWith, Holdout holdout, EvaluationRequest request,
                          String actor, ObjectNode out) {
        out.putNull("baseline");
        if (compareWith.isBlank() || compareWith.equalsIgnoreCase("none")) {
            return;
        }
        PromotionTarget target = PromotionTarget.parse(compareWith);
        OptionalLong holder = release.promotions().holder(version.name(), target);
        if (holder.isEmpty() || holder.getAsLong() == version.version()) {
            return;
        }
        try {
            Evaluation baseline = release.evaluations().onSameData(registry.getModelVersion(version.name(),
                    holder.getAsLong()), holdout.data(), holdout.version(), request, actor);
            ObjectNode node = EvaluationJson.tree(baseline);
            node.put("holds", target.name());
            out.set("baseline", node);
        } catch (SextantException e) {
            if (e.code().httpStatus() >= 500) {
                throw e;
            }
            out.put("baseline_error", "Version " + holder.getAsLong() + " (" + target.name() + ") could not be evaluated on "
                    + "the same data: " + e.getMessage());
        }
    }

    /** {@code data} (a file sent with the request) or {@code dataset_version} (a URI), exactly one of them. */
    private Holdout holdout(Fields body, Path dir) {
        boolean file = body.has("data");
        boolean version = body.has("dataset_version");
        if (file == version) {
            throw SextantException.invalid(file ? "Send either data (a file) or dataset_version (e.g. "
                    + "datasets:/holdout/2), not both." : "Name the holdout: dataset_version (e.g. datasets:/holdout/2) "
                    + "or data (a file sent with the request).");
        }
        if (file) {
            return new Holdout(dataset(body.object("data").orElseThrow(() -> SextantException.missingParameter("data")),
                    dir), Optional.empty());
        }
        DatasetVersion resolved = datasets.resolve(body.requiredString("dataset_version"));
        Dataset read = new TableReader().read(datasets.materialize(resolved, dir));
        return new Holdout(new Dataset(resolved.name(), read.source(), read.format(), read.sha256(), read.table()),
                Optional.of(resolved.uri()));
    }

    private Dataset dataset(Fields data, Path dir) {
        String name = data.requiredString("name");
        Path file = dir.resolve(safeName(name));
        DataFormat.of(file);
        byte[] bytes;
        if (data.has("content_base64")) {
            try {
                bytes = Base64.getMimeDecoder().decode(data.string("content_base64"));
            } catch (IllegalArgumentException e) {
                throw SextantException.invalid("data.content_base64 is not base64: " + e.getMessage());
            }
        } else if (data.has("content")) {
            bytes = data.string("content").getBytes(StandardCharsets.UTF_8);
        } else {
            throw SextantException.invalid("Send the holdout as data.content (CSV text) or data.content_base64 (any "
                    + "supported file, e.g. Parquet).");
        }
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dataset read = new TableReader().read(file);
        return new Dataset(name, read.source(), read.format(), read.sha256(), read.table());
    }

    /** A bare file name: where the data came from, never a path on this server. */
    private static String safeName(String name) {
        if (name.isBlank() || name.length() > 200 || !name.matches("[A-Za-z0-9._ -]+") || name.startsWith(".")) {
            throw SextantException.invalid("data.name must be a plain file name such as holdout.csv (letters, digits, "
                    + "'.', '_', '-', spaces); got '" + name + "'.");
        }
        return name;
    }

    private ModelVersion version(ServerRequest req) {
        return registry.getModelVersion(NativeRequests.pathParam(req, "name"), NativeRequests.pathParam(req, "version"));
    }

    private static Optional<String> sha(ServerRequest req) {
        String sha = NativeRequests.query(req).string("dataset_sha256");
        return sha.isBlank() ? Optional.empty() : Optional.of(sha);
    }

    private static void send(ServerResponse res, List<Evaluation> evaluations) {
        ObjectNode out = ReleaseWire.JSON.createObjectNode();
        ArrayNode list = out.putArray("evaluations");
        evaluations.forEach(e -> list.add(EvaluationJson.tree(e)));
        ReleaseWire.send(res, Status.OK_200, out);
    }
}
