package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.it.Http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What MLflow's Java client cannot exercise, over raw HTTP: the artifact proxy, the
 * {@code /ajax-api} twin of the API, MLflow's error bodies and messages, the Content-Type rule,
 * batch limits, value truncation, pagination edge cases, dataset inputs, and wire encodings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RawHttpConformanceIT {
    private static final String MISSING = "Missing value for required parameter '%s'. "
            + "See the API docs for more information about request parameters.";

    private ServerProcess server;
    private Http http;
    private TrackingApi api;

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = ServerProcess.start(dataDir);
        http = new Http(server.baseUrl());
        api = new TrackingApi(http);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- artifact proxy

    @Test
    void runArtifactUriPointsAtTheArtifactProxy() {
        String experimentId = api.createExperiment(TrackingApi.uniqueName("artifact-uri"));
        JsonNode run = api.createRun(experimentId, "");

        assertThat(run.path("artifact_uri").asText())
                .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + run.path("run_id").asText() + "/artifacts");
    }

    @Test
    void artifactsAreUploadedDownloadedListedOverwrittenAndDeleted() {
        String runId = api.newRun("artifacts");
        String root = artifactRoot(runId);
        byte[] weights = new byte[4096];
        new SplittableRandom(7).nextBytes(weights);

        assertThat(put(root + "/model/weights.bin", "application/octet-stream", weights).status()).isEqualTo(200);
        assertThat(put(root + "/notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(200);

        assertThat(download(root + "/model/weights.bin")).isEqualTo(weights);
        assertThat(listing(root)).containsExactlyInAnyOrder(
                new Listed("model", true, -1), new Listed("notes.txt", false, 5));
        assertThat(listing(root + "/model")).containsExactly(new Listed("weights.bin", false, weights.length));

        JsonNode runListing = http.mlflowGet("artifacts/list?run_id=" + runId);
        assertThat(runListing.path("root_uri").asText()).isEqualTo("mlflow-artifacts:/" + root);
        assertThat(listed(runListing)).containsExactlyInAnyOrder(
                new Listed("model", true, -1), new Listed("notes.txt", false, 5));
        assertThat(listed(http.mlflowGet("artifacts/list?run_id=" + runId + "&path=model")))
                .containsExactly(new Listed("model/weights.bin", false, weights.length));

        put(root + "/notes.txt", "text/plain", "goodbye".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(download(root + "/notes.txt"), StandardCharsets.UTF_8)).isEqualTo("goodbye");

        HttpResponse<byte[]> viaAjax = http.exchange(http.request("/ajax-api/2.0/mlflow-artifacts/artifacts/" + root
                + "/model/weights.bin").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaAjax.statusCode()).isEqualTo(200);
        assertThat(viaAjax.body()).isEqualTo(weights);

        Response deleted = http.send("DELETE", Http.ARTIFACTS + "/" + root + "/model/weights.bin", "",
                BodyPublishers.noBody());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        Response gone = http.get(Http.ARTIFACTS + "/" + root + "/model/weights.bin");
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
        assertThat(gone.json().path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(listing(root + "/model")).isEmpty();
    }

    @Test
    void artifactNamesTooLongToStoreAreRefusedAsBadRequests() {
        String path = artifactRoot(api.newRun("long-name")) + "/" + "n".repeat(300) + ".bin";

        Response response = put(path, "application/octet-stream", new byte[] {1, 2, 3});

        assertError(response, 400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void largeArtifactIsStreamedBothWaysIntact() throws IOException {
        String path = artifactRoot(api.newRun("large-artifact")) + "/data/big.bin";
        long size = 300L * 1024 * 1024;
        GeneratedContent content = new GeneratedContent(42, size);

        HttpRequest upload = http.request(Http.ARTIFACTS + "/" + path)
                .header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> content), size)).build();
        HttpResponse<String> uploaded = http.exchange(upload, HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String sent = content.sha256Hex();

        HttpResponse<InputStream> downloaded = http.exchange(http.request(Http.ARTIFACTS + "/" + path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        try (InputStream body = downloaded.body()) {
            assertThat(GeneratedContent.digestOf(body)).isEqualTo(new GeneratedContent.Digest(size, sent));
        }
        assertThat(listing(path.substring(0, path.lastIndexOf('/')))).containsExactly(new Listed("big.bin", false, size));
        http.send("DELETE", Http.ARTIFACTS + "/" + path, "", BodyPublishers.noBody());
    }

    // ---------------------------------------------------------------- /ajax-api parity

    @Test
    void ajaxApiAnswersLikeTheApi() {
        String name = TrackingApi.uniqueName("ajax");
        Response created = http.postJson("/ajax-api/2.0/mlflow/experiments/create", Http.object().put("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String experimentId = created.json().path("experiment_id").asText();
        Response run = http.postJson("/ajax-api/2.0/mlflow/runs/create", Http.object().put("experiment_id", experimentId));
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        String runId = run.json().at("/run/info/run_id").asText();
        api.logBatch(TrackingApi.metricBatch(runId, "loss", 0, 5));

        for (String get : List.of("experiments/get?experiment_id=" + experimentId,
                "experiments/get-by-name?experiment_name=" + Http.encode(name), "runs/get?run_id=" + runId,
                "metrics/get-history?run_id=" + runId + "&metric_key=loss", "experiments/get?experiment_id=987654321")) {
            assertSameAnswer(http.get(Http.MLFLOW + get), http.get("/ajax-api/2.0/mlflow/" + get), get);
        }
        ObjectNode search = Http.object();
        search.putArray("experiment_ids").add(experimentId);
        assertSameAnswer(http.postJson(Http.MLFLOW + "runs/search", search),
                http.postJson("/ajax-api/2.0/mlflow/runs/search", search), "runs/search");
    }

    private static void assertSameAnswer(Response api, Response ajax, String what) {
        assertThat(ajax.status()).as(what).isEqualTo(api.status());
        assertThat(ajax.json()).as(what).isEqualTo(api.json());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownExperimentAndRunAreNotFoundWithMlflowErrorBodies() {
        Response experiment = http.get(Http.MLFLOW + "experiments/get?experiment_id=987654321");
        assertError(experiment, 404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(experiment.json().path("message").asText()).contains("987654321");

        String runId = "00000000000000000000000000abcdef";
        Response run = http.get(Http.MLFLOW + "runs/get?run_id=" + runId);
        assertError(run, 404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(run.json().path("message").asText()).contains(runId);

        assertError(http.get(Http.MLFLOW + "experiments/get-by-name?experiment_name=no-such-experiment-anywhere"),
                404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void duplicateExperimentIsAlreadyExists() {
        String name = TrackingApi.uniqueName("duplicate");
        api.createExperiment(name);

        Response again = http.postJson(Http.MLFLOW + "experiments/create", Http.object().put("name", name));
        assertError(again, 400, "RESOURCE_ALREADY_EXISTS");
        assertThat(again.json().path("message").asText()).contains(name);
    }

    @TestFactory
    Stream<DynamicTest> missingRequiredParametersUseMlflowsMessage() {
        String experimentId = api.createExperiment(TrackingApi.uniqueName("missing-params"));
        String runId = api.createRun(experimentId, "").path("run_id").asText();
        record Case(String method, String endpoint, ObjectNode body, String parameter) {
        }
        List<Case> cases = List.of(
                new Case("POST", "experiments/create", Http.object(), "name"),
                new Case("GET", "experiments/get", null, "experiment_id"),
                new Case("GET", "experiments/get-by-name", null, "experiment_name"),
                new Case("POST", "experiments/delete", Http.object(), "experiment_id"),
                new Case("POST", "experiments/restore", Http.object(), "experiment_id"),
                new Case("POST", "experiments/update", Http.object().put("experiment_id", experimentId), "new_name"),
                new Case("POST", "experiments/set-experiment-tag",
                        Http.object().put("experiment_id", experimentId).put("value", "v"), "key"),
                new Case("GET", "runs/get", null, "run_id"),
                new Case("POST", "runs/delete", Http.object(), "run_id"),
                new Case("POST", "runs/restore", Http.object(), "run_id"),
                new Case("POST", "runs/update", Http.object(), "run_id"),
                new Case("POST", "runs/log-parameter", Http.object().put("run_id", runId).put("value", "v"), "key"),
                new Case("POST", "runs/log-metric",
                        Http.object().put("run_id", runId).put("key", "k").put("timestamp", 1), "value"),
                new Case("POST", "runs/set-tag", Http.object().put("run_id", runId).put("value", "v"), "key"),
                new Case("POST", "runs/delete-tag", Http.object().put("run_id", runId), "key"),
                new Case("POST", "runs/log-batch", Http.object(), "run_id"),
                new Case("POST", "runs/log-inputs", Http.object(), "run_id"),
                new Case("GET", "metrics/get-history?run_id=" + runId, null, "metric_key"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.method() + " " + c.endpoint() + " without "
                + c.parameter(), () -> {
                    Response response = c.method().equals("GET") ? http.get(Http.MLFLOW + c.endpoint())
                            : http.postJson(Http.MLFLOW + c.endpoint(), c.body());
                    assertError(response, 400, "INVALID_PARAMETER_VALUE");
                    assertThat(response.json().path("message").asText()).isEqualTo(MISSING.formatted(c.parameter()));
                }));
    }

    @Test
    void postBodiesMustBeDeclaredJson() {
        String name = TrackingApi.uniqueName("content-type");
        byte[] body = Http.write(Http.object().put("name", name)).getBytes(StandardCharsets.UTF_8);

        Response plain = http.send("POST", Http.MLFLOW + "experiments/create", "text/plain", body);
        assertError(plain, 400, "INVALID_PARAMETER_VALUE");
        assertThat(plain.json().path("message").asText())
                .contains("Content-Type must be one of ['application/json']");
        Response none = http.send("POST", Http.MLFLOW + "experiments/create", "", body);
        assertError(none, 400, "INVALID_PARAMETER_VALUE");
        assertThat(none.json().path("message").asText()).contains("Content-Type");
        assertThat(http.get(Http.MLFLOW + "experiments/get-by-name?experiment_name=" + Http.encode(name)).status())
                .as("refused requests create nothing").isEqualTo(404);

        Response withCharset = http.send("POST", Http.MLFLOW + "experiments/create",
                "application/json; charset=utf-8", body);
        assertThat(withCharset.status()).as(withCharset.toString()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- limits

    @Test
    void logBatchRefusesTooManyMetricsOrParamsAndStoresNothingOfThem() {
        String runId = api.newRun("batch-limits");

        Response metrics = http.postJson(Http.MLFLOW + "runs/log-batch", TrackingApi.metricBatch(runId, "m", 0, 1001));
        assertError(metrics, 400, "INVALID_PARAMETER_VALUE");
        assertThat(metrics.json().path("message").asText())
                .startsWith("A batch logging request can contain at most 1000 metrics. Got 1001 metrics.");

        ObjectNode tooManyParams = Http.object().put("run_id", runId);
        ArrayNode params = tooManyParams.putArray("params");
        for (int i = 0; i < 101; i++) {
            params.addObject().put("key", "p" + i).put("value", "v" + i);
        }
        Response paramsResponse = http.postJson(Http.MLFLOW + "runs/log-batch", tooManyParams);
        assertError(paramsResponse, 400, "INVALID_PARAMETER_VALUE");
        assertThat(paramsResponse.json().path("message").asText())
                .startsWith("A batch logging request can contain at most 100 params. Got 101 params.");

        assertThat(api.metricHistory(runId, "m")).isEmpty();
        assertThat(api.getRun(runId).at("/data/params").size()).isZero();

        api.logBatch(TrackingApi.metricBatch(runId, "m", 0, 1000));
        assertThat(api.metricHistory(runId, "m")).hasSize(1000);
    }

    @Test
    void overlongParamValuesAreTruncatedTo6000Characters() {
        String runId = api.newRun("truncation");
        String single = "a".repeat(5990) + "0123456789" + "overflow";
        String batched = "ü".repeat(10_000);

        http.mlflowPost("runs/log-parameter", Http.object().put("run_id", runId).put("key", "single").put("value", single));
        ObjectNode batch = Http.object().put("run_id", runId);
        batch.putArray("params").addObject().put("key", "batched").put("value", batched);
        api.logBatch(batch);

        JsonNode params = api.getRun(runId).at("/data/params");
        assertThat(valueOf(params, "single")).isEqualTo(single.substring(0, 6000));
        assertThat(valueOf(params, "batched")).isEqualTo(batched.substring(0, 6000));
    }

    @Test
    void overlongRunTagValuesAreTruncatedTo8000Characters() {
        String runId = api.newRun("tag-truncation");
        String value = "t".repeat(7995) + "12345" + "overflow";

        http.mlflowPost("runs/set-tag", Http.object().put("run_id", runId).put("key", "long").put("value", value));

        assertThat(valueOf(api.getRun(runId).at("/data/tags"), "long")).isEqualTo(value.substring(0, 8000));
    }

    // ---------------------------------------------------------------- pagination

    @Test
    void searchRunsOneByOneSeesEveryRunOnceAndEndsWithoutToken() {
        String experimentId = api.createExperiment(TrackingApi.uniqueName("one-by-one"));
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            created.add(api.createRun(experimentId, "r" + i).path("run_id").asText());
        }

        List<String> seen = new ArrayList<>();
        List<JsonNode> pages = walk("runs/search", token -> {
            ObjectNode body = Http.object().put("max_results", 1);
            body.putArray("experiment_ids").add(experimentId);
            return token.isEmpty() ? body : body.put("page_token", token);
        });
        pages.forEach(page -> page.path("runs").forEach(run -> seen.add(run.at("/info/run_id").asText())));

        assertThat(pages).as("one page per run, no empty trailing page").hasSize(9)
                .allSatisfy(page -> assertThat(page.path("runs").size()).isEqualTo(1));
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(pages.getLast().path("next_page_token").asText("")).isEmpty();
    }

    @Test
    void searchExperimentsOneByOneSeesEveryExperimentOnce() {
        String prefix = TrackingApi.uniqueName("exp-one-by-one");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.createExperiment(prefix + "-" + i));
        }

        List<JsonNode> pages = walk("experiments/search", token -> {
            ObjectNode body = Http.object().put("max_results", 1).put("filter", "name LIKE '" + prefix + "-%'");
            return token.isEmpty() ? body : body.put("page_token", token);
        });

        List<String> seen = pages.stream().flatMap(page -> StreamSupport.stream(page.path("experiments").spliterator(),
                false)).map(e -> e.path("experiment_id").asText()).toList();
        assertThat(pages).hasSize(5);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void badPageTokensAndOversizedPagesAreRefused() {
        String experimentId = api.createExperiment(TrackingApi.uniqueName("bad-paging"));
        String runId = api.createRun(experimentId, "").path("run_id").asText();
        ObjectNode search = Http.object();
        search.putArray("experiment_ids").add(experimentId);

        for (String token : List.of("not-a-page-token", "eyJvZmZzZXQiOiAtMX0=", "%%%")) {
            assertError(http.postJson(Http.MLFLOW + "runs/search", search.deepCopy().put("page_token", token)),
                    400, "INVALID_PARAMETER_VALUE");
            assertError(http.postJson(Http.MLFLOW + "experiments/search", Http.object().put("page_token", token)),
                    400, "INVALID_PARAMETER_VALUE");
            assertError(http.get(Http.MLFLOW + "metrics/get-history?run_id=" + runId + "&metric_key=m&page_token="
                    + Http.encode(token)), 400, "INVALID_PARAMETER_VALUE");
        }

        Response tooMany = http.postJson(Http.MLFLOW + "runs/search", search.deepCopy().put("max_results", 50_001));
        assertError(tooMany, 400, "INVALID_PARAMETER_VALUE");
        assertThat(tooMany.json().path("message").asText()).contains("max_results");
        assertThat(http.postJson(Http.MLFLOW + "runs/search", search.deepCopy().put("max_results", 50_000)).status())
                .isEqualTo(200);
    }

    @Test
    void metricHistoryWithoutMaxResultsReturnsEveryPoint() {
        String runId = api.newRun("history");
        for (int start = 0; start < 2500; start += 1000) {
            api.logBatch(TrackingApi.metricBatch(runId, "loss", start, Math.min(2500, start + 1000)));
        }

        JsonNode all = http.mlflowGet("metrics/get-history?run_id=" + runId + "&metric_key=loss");
        assertThat(all.path("metrics").size()).isEqualTo(2500);
        assertThat(all.path("next_page_token").asText("")).isEmpty();
        assertThat(steps(all.path("metrics"))).containsExactlyInAnyOrderElementsOf(range(0, 2500));

        List<JsonNode> pages = walkGet("metrics/get-history?run_id=" + runId + "&metric_key=loss&max_results=1000");
        assertThat(pages).extracting(page -> page.path("metrics").size()).containsExactly(1000, 1000, 500);
        List<Long> pagedSteps = pages.stream().flatMap(page -> steps(page.path("metrics")).stream()).toList();
        assertThat(pagedSteps).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(range(0, 2500));
    }

    // ---------------------------------------------------------------- what the client lacks

    @Test
    void logInputsDatasetsAreVisibleInTheRun() {
        String runId = api.newRun("inputs");
        ObjectNode body = Http.object().put("run_id", runId);
        ObjectNode input = body.putArray("datasets").addObject();
        input.putArray("tags").addObject().put("key", "mlflow.data.context").put("value", "training");
        input.putObject("dataset").put("name", "iris").put("digest", "d41d8cd9").put("source_type", "local")
                .put("source", "{\"uri\": \"/data/iris.csv\"}")
                .put("schema", "{\"mlflow_colspec\": [{\"type\": \"double\", \"name\": \"sepal_length\"}]}")
                .put("profile", "{\"num_rows\": 150}");

        http.mlflowPost("runs/log-inputs", body);

        JsonNode inputs = api.getRun(runId).at("/inputs/dataset_inputs");
        assertThat(inputs.size()).isEqualTo(1);
        assertThat(inputs.get(0).path("dataset")).isEqualTo(input.path("dataset"));
        assertThat(inputs.get(0).path("tags")).isEqualTo(input.path("tags"));
    }

    @Test
    void updateRunRenamesAndFinishesTheRun() {
        String runId = api.newRun("update");

        JsonNode updated = http.mlflowPost("runs/update", Http.object().put("run_id", runId).put("run_name", "renamed")
                .put("status", "FINISHED").put("end_time", 1_800_000_000_000L));

        assertThat(updated.at("/run_info/run_name").asText()).isEqualTo("renamed");
        JsonNode run = api.getRun(runId);
        assertThat(run.at("/info/status").asText()).isEqualTo("FINISHED");
        assertThat(run.at("/info/end_time").asLong()).isEqualTo(1_800_000_000_000L);
        assertThat(valueOf(run.at("/data/tags"), "mlflow.runName")).isEqualTo("renamed");
    }

    @Test
    void experimentTagIsDeleted() {
        String experimentId = api.createExperiment(TrackingApi.uniqueName("delete-experiment-tag"));
        http.mlflowPost("experiments/set-experiment-tag", Http.object().put("experiment_id", experimentId)
                .put("key", "keep").put("value", "1"));
        http.mlflowPost("experiments/set-experiment-tag", Http.object().put("experiment_id", experimentId)
                .put("key", "drop").put("value", "2"));

        http.mlflowPost("experiments/delete-experiment-tag", Http.object().put("experiment_id", experimentId)
                .put("key", "drop"));

        JsonNode tags = http.mlflowGet("experiments/get?experiment_id=" + experimentId).at("/experiment/tags");
        assertThat(valueOf(tags, "keep")).isEqualTo("1");
        assertThat(StreamSupport.stream(tags.spliterator(), false).map(t -> t.path("key").asText())).doesNotContain("drop");
    }

    @Test
    void int64FieldsAreJsonNumbersAndEnumsAreNames() {
        String runId = api.newRun("encoding");
        api.logBatch(TrackingApi.metricBatch(runId, "m", 7, 8));

        JsonNode run = api.getRun(runId);
        assertThat(run.at("/info/start_time").isIntegralNumber()).as(run.toString()).isTrue();
        assertThat(run.at("/info/status").asText()).isEqualTo("RUNNING");
        JsonNode metric = run.at("/data/metrics/0");
        assertThat(metric.path("timestamp").isIntegralNumber()).as(metric.toString()).isTrue();
        assertThat(metric.path("step").isIntegralNumber()).as(metric.toString()).isTrue();
        assertThat(metric.path("step").asLong()).isEqualTo(7);
        JsonNode experiment = http.mlflowGet("experiments/get?experiment_id=" + run.at("/info/experiment_id").asText());
        assertThat(experiment.at("/experiment/creation_time").isIntegralNumber()).as(experiment.toString()).isTrue();
    }

    @Test
    void observabilityEndpointsAndRequestIds() {
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        assertThat(http.get("/health/ready").status()).isEqualTo(200);
        Response metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");

        Response ok = http.get(Http.MLFLOW + "experiments/get?experiment_id=0");
        Response notFound = http.get(Http.MLFLOW + "experiments/get?experiment_id=987654321");
        assertThat(ok.headers().firstValue("X-Request-Id")).as("X-Request-Id on a success").isPresent();
        assertThat(notFound.headers().firstValue("X-Request-Id")).as("X-Request-Id on an error").isPresent();
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server answered a request with 'Connection: close' but kept the connection "
                    + "open for 10 s; RFC 9112 §9.6 requires it to close the connection after the response", e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertError(Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.path("error_code").asText()).as(response.toString()).isEqualTo(errorCode);
        assertThat(body.path("message").asText()).as(response.toString()).isNotBlank();
    }

    /** The artifact proxy path of a run: its {@code mlflow-artifacts:/…} URI without the scheme. */
    private String artifactRoot(String runId) {
        String uri = api.getRun(runId).at("/info/artifact_uri").asText();
        assertThat(uri).startsWith("mlflow-artifacts:/");
        return uri.substring("mlflow-artifacts:/".length());
    }

    private Response put(String path, String contentType, byte[] content) {
        return http.send("PUT", Http.ARTIFACTS + "/" + path, contentType, content);
    }

    private byte[] download(String path) {
        HttpResponse<byte[]> response = http.exchange(http.request(Http.ARTIFACTS + "/" + path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    /** One entry of an artifact listing; size -1 when the entry has none (directories). */
    record Listed(String path, boolean directory, long size) {
    }

    private List<Listed> listing(String directory) {
        Response response = http.get(Http.ARTIFACTS + "?path=" + Http.encode(directory));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return listed(response.json());
    }

    private static List<Listed> listed(JsonNode listing) {
        List<Listed> entries = new ArrayList<>();
        listing.path("files").forEach(f -> entries.add(new Listed(f.path("path").asText(),
                f.path("is_dir").asBoolean(false), f.has("file_size") ? f.path("file_size").asLong() : -1)));
        return entries;
    }

    private List<JsonNode> walk(String endpoint, Function<String, ObjectNode> bodyForToken) {
        List<JsonNode> pages = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = http.mlflowPost(endpoint, bodyForToken.apply(token));
            pages.add(page);
            token = page.path("next_page_token").asText("");
            assertThat(pages).as("pagination must end").hasSizeLessThan(1000);
        } while (!token.isEmpty());
        return pages;
    }

    private List<JsonNode> walkGet(String endpointAndQuery) {
        List<JsonNode> pages = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = http.mlflowGet(endpointAndQuery + (token.isEmpty() ? "" : "&page_token=" + Http.encode(token)));
            pages.add(page);
            token = page.path("next_page_token").asText("");
            assertThat(pages).as("pagination must end").hasSizeLessThan(1000);
        } while (!token.isEmpty());
        return pages;
    }

    private static String valueOf(JsonNode keyValues, String key) {
        for (JsonNode entry : keyValues) {
            if (entry.path("key").asText().equals(key)) {
                return entry.path("value").asText();
            }
        }
        throw new AssertionError("no entry '" + key + "' in " + keyValues);
    }

    private static List<Long> steps(JsonNode metrics) {
        return StreamSupport.stream(metrics.spliterator(), false).map(m -> m.path("step").asLong()).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
