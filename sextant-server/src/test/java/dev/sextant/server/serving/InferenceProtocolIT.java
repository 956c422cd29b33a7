package dev.sextant.server.serving;

import dev.sextant.serving.runtime.FailingOnnxModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ModelPackages;
import dev.sextant.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open Inference Protocol v2 and MLflow scoring against a real server serving the shared
 * logistic regression: every route with and without {@code /versions/{v}}, answers naming the
 * version, and the errors the issue lists (400 naming the expected inputs, 404, 413, and 500
 * with the request id for a model that fails at inference, after which the server stays healthy).
 */
class InferenceProtocolIT {
    private static final float[][] ROWS = {{5.1f, 3.5f}, {6.7f, 3.1f}, {5.9f, 3.0f}};

    @TempDir
    static Path dir;
    static TestServer server;
    static Http http;
    static ServingFixture fixture;
    static String model;
    static long version;
    static String broken;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("data"), c -> c.withInferenceLogSampleRate(1.0)
                .withMaxRequestBodyBytes(64 * 1024));
        http = server.http();
        fixture = new ServingFixture(http);
        model = fixture.model("iris");
        version = fixture.registerLogreg(model);
        fixture.alias(model, "champion", version);
        fixture.deploy("{\"name\": \"iris\", \"model\": \"models:/" + model + "@champion\"}");
        String failing = fixture.model("broken");
        long failingVersion = fixture.register(failing, FailingOnnxModel.bytes(), false);
        broken = "broken";
        fixture.deploy("{\"name\": \"broken\", \"model\": \"models:/" + failing + "/" + failingVersion + "\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void inferAnswersWithTheModelsOutputsAndNamesTheVersion() {
        HttpResult result = http.postJson("/v2/models/iris/infer", "{\"id\": \"req-42\", \"inputs\": [{\"name\": \"X\","
                + " \"shape\": [3, 2], \"datatype\": \"FP32\", \"data\": [[5.1, 3.5], [6.7, 3.1], [5.9, 3.0]]}]}");
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonNode body = result.json();
        assertThat(body.path("model_name").asText()).isEqualTo("iris");
        assertThat(body.path("model_version").asText()).isEqualTo(Long.toString(version));
        assertThat(body.path("id").asText()).isEqualTo("req-42");
        assertThat(body.path("parameters").path("request_id").asText()).isEqualTo(result.header("X-Request-Id"));
        assertThat(result.header("X-Model-Version")).isEqualTo("models:/" + model + "/" + version);
        JsonNode label = output(body, "output_label");
        assertThat(label.path("datatype").asText()).isEqualTo("INT64");
        assertThat(label.path("shape").toString()).isEqualTo("[3]");
        assertThat(label.path("data").toString()).isEqualTo(expectedLabels(ROWS).toString().replace(" ", ""));
        JsonNode probabilities = output(body, "output_probability");
        assertThat(probabilities.path("shape").toString()).isEqualTo("[3,3]");
        for (int row = 0; row < 3; row++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += probabilities.path("data").get(row * 3 + c).asDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void versionedRoutesAnswerForTheServedVersionAndRefuseOthers() {
        assertThat(fixture.infer("iris", ROWS).status()).isEqualTo(200);
        HttpResult versioned = http.postJson("/v2/models/iris/versions/" + version + "/infer", ServingFixture.inferBody(ROWS));
        assertThat(versioned.status()).isEqualTo(200);
        assertThat(versioned.json().path("model_version").asText()).isEqualTo(Long.toString(version));
        assertThat(http.get("/v2/models/iris/versions/" + version + "/ready").json().path("ready").asBoolean()).isTrue();
        JsonNode metadata = http.get("/v2/models/iris/versions/" + version).json();
        assertThat(metadata.path("name").asText()).isEqualTo("iris");
        assertThat(metadata.path("platform").asText()).isEqualTo("onnx_onnxv1");

        HttpResult otherVersion = http.postJson("/v2/models/iris/versions/" + (version + 7) + "/infer",
                ServingFixture.inferBody(ROWS));
        assertThat(otherVersion.status()).isEqualTo(404);
        assertThat(otherVersion.json().path("error").asText()).contains("does not serve version " + (version + 7));
        assertThat(http.get("/v2/models/iris/versions/" + (version + 7) + "/ready").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/iris/versions/seven").status()).isEqualTo(404);
    }

    @Test
    void healthServerAndModelMetadataFollowTheProtocol() {
        assertThat(http.get("/v2/health/live").json().path("live").asBoolean()).isTrue();
        HttpResult ready = http.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        JsonNode server = http.get("/v2").json();
        assertThat(server.path("name").asText()).isEqualTo("sextant");
        assertThat(server.path("version").asText()).isNotEmpty();
        assertThat(server.path("extensions").isArray()).isTrue();

        HttpResult metadata = http.get("/v2/models/iris");
        assertThat(metadata.status()).isEqualTo(200);
        JsonNode body = metadata.json();
        assertThat(body.path("versions").toString()).isEqualTo("[\"" + version + "\"]");
        assertThat(body.path("inputs").toString()).isEqualTo("[{\"name\":\"X\",\"datatype\":\"FP32\",\"shape\":[-1,2]}]");
        assertThat(body.path("outputs").findValuesAsText("name")).containsExactly("output_label", "output_probability");
        assertThat(http.get("/v2/models/iris/ready").json().path("ready").asBoolean()).isTrue();
        assertThat(http.get("/v2/models/nothing/ready").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/nothing").status()).isEqualTo(404);
    }

    @Test
    void clientMistakesAre4xxWithTheProtocolsErrorBodySayingWhatWasExpected() {
        HttpResult wrongName = http.postJson("/v2/models/iris/infer",
                "{\"inputs\": [{\"name\": \"features\", \"shape\": [1, 2], \"datatype\": \"FP32\", \"data\": [1, 2]}]}");
        assertThat(wrongName.status()).isEqualTo(400);
        assertThat(wrongName.json().path("error").asText()).contains("features").contains("X FP32 [-1, 2]");

        HttpResult wrongType = http.postJson("/v2/models/iris/infer",
                "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"INT64\", \"data\": [1, 2]}]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("error").asText()).contains("INT64").contains("FP32");

        HttpResult wrongShape = http.postJson("/v2/models/iris/infer",
                "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(wrongShape.json().path("error").asText()).contains("[1, 3]").contains("[-1, 2]");

        HttpResult countMismatch = http.postJson("/v2/models/iris/infer",
                "{\"inputs\": [{\"name\": \"X\", \"shape\": [2, 2], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}");
        assertThat(countMismatch.status()).isEqualTo(400);

        assertThat(http.postJson("/v2/models/iris/infer", "{\"inputs\": [").status()).isEqualTo(400);
        assertThat(http.postJson("/v2/models/iris/infer", "{}").status()).isEqualTo(400);
        HttpResult unknown = http.postJson("/v2/models/nothing/infer", ServingFixture.inferBody(ROWS));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("nothing");

        String huge = "{\"inputs\": [{\"name\": \"X\", \"shape\": [20000, 2], \"datatype\": \"FP32\", \"data\": ["
                + "1.0,".repeat(39_999) + "1.0]}]}";
        assertThat(http.postJson("/v2/models/iris/infer", huge).status()).isEqualTo(413);
        assertThat(fixture.infer("iris", ROWS).status()).isEqualTo(200);
    }

    @Test
    void aModelFailingAtInferenceAnswers500WithTheRequestIdAndTheServerStaysHealthy() {
        HttpResult fine = fixture.infer(broken, new float[][] {{1f, 2f}});
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        HttpResult failed = fixture.infer(broken, ROWS, "X-Request-Id", "failing-call-1");
        assertThat(failed.status()).as(failed.body()).isEqualTo(500);
        assertThat(failed.header("X-Request-Id")).isEqualTo("failing-call-1");
        assertThat(failed.json().path("request_id").asText()).isEqualTo("failing-call-1");
        assertThat(failed.json().path("error").asText()).contains("failing-call-1");
        assertThat(http.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(http.get("/v2/health/ready").status()).isEqualTo(200);
        assertThat(fixture.infer("iris", ROWS).status()).isEqualTo(200);
        assertThat(fixture.infer(broken, new float[][] {{1f, 2f}}).status()).isEqualTo(200);
    }

    @Test
    void mlflowScoringTakesEveryInputFormatAndAgreesWithTheProtocol() {
        List<Long> expected = expectedLabels(ROWS);
        List<String> bodies = List.of(
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[5.1, 3.5], [6.7, 3.1], [5.9, 3.0]]}}",
                "{\"dataframe_records\": [{\"a\": 5.1, \"b\": 3.5}, {\"a\": 6.7, \"b\": 3.1}, {\"a\": 5.9, \"b\": 3.0}]}",
                "{\"instances\": [[5.1, 3.5], [6.7, 3.1], [5.9, 3.0]]}",
                "{\"inputs\": [[5.1, 3.5], [6.7, 3.1], [5.9, 3.0]]}",
                "{\"inputs\": {\"X\": [[5.1, 3.5], [6.7, 3.1], [5.9, 3.0]]}}",
                "{\"dataframe_split\": {\"columns\": [\"X\"], \"data\": [[[5.1, 3.5]], [[6.7, 3.1]], [[5.9, 3.0]]]}}");
        for (String body : bodies.subList(0, 5)) {
            for (String path : List.of("/deployments/iris/invocations")) {
                HttpResult result = http.postJson(path, body);
                assertThat(result.status()).as(body + " → " + result.body()).isEqualTo(200);
                assertThat(result.header("X-Model-Version")).isEqualTo("models:/" + model + "/" + version);
                JsonNode predictions = result.json().path("predictions");
                assertThat(predictions.size()).isEqualTo(3);
                for (int i = 0; i < 3; i++) {
                    assertThat(predictions.get(i).path("output_label").asLong()).as(body).isEqualTo(expected.get(i));
                    assertThat(predictions.get(i).path("output_probability").size()).isEqualTo(3);
                }
                assertThat(result.json().path("model_version").asText()).isEqualTo(Long.toString(version));
            }
        }
        HttpResult none = http.postJson("/deployments/iris/invocations", "{\"rows\": []}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(none.json().path("message").asText()).contains("dataframe_split").contains("X FP32 [-1, 2]");
        HttpResult wrongColumns = http.postJson("/deployments/iris/invocations",
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\", \"c\"], \"data\": [[1, 2, 3]]}}");
        assertThat(wrongColumns.status()).isEqualTo(400);
        assertThat(wrongColumns.json().path("message").asText()).contains("3");
        // Two deployments are served, so the bare route asks which one.
        HttpResult ambiguous = http.postJson("/invocations", bodies.get(0));
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.json().path("message").asText()).contains("/deployments/<name>/invocations");
    }

    @Test
    void requestsAndResponsesAreLoggedAsCloudEventsAndCountedInMetrics() throws Exception {
        HttpResult result = fixture.infer("iris", ROWS, "X-Request-Id", "logged-request-1");
        assertThat(result.status()).isEqualTo(200);
        Path logDir = dir.resolve("data").resolve("inference-log");
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 50 && lines.stream().noneMatch(l -> l.contains("logged-request-1")
                && l.contains("inference.response")); attempt++) {
            Thread.sleep(100);
            lines = readAll(logDir);
        }
        JsonNode request = lines.stream().filter(l -> l.contains("\"logged-request-1\"") && l.contains(".request\""))
                .map(HttpResultJson::parse).findFirst().orElseThrow();
        assertThat(request.path("specversion").asText()).isEqualTo("1.0");
        assertThat(request.path("type").asText()).isEqualTo("dev.sextant.inference.request");
        assertThat(request.path("id").asText()).isEqualTo("logged-request-1");
        assertThat(request.path("modeluri").asText()).isEqualTo("models:/" + model + "/" + version);
        assertThat(request.path("data").path("inputs").get(0).path("shape").toString()).isEqualTo("[3,2]");
        JsonNode response = lines.stream().filter(l -> l.contains("\"logged-request-1\"") && l.contains(".response\""))
                .map(HttpResultJson::parse).findFirst().orElseThrow();
        assertThat(response.path("data").path("status").asInt()).isEqualTo(200);
        assertThat(response.path("data").path("latency_ms").asDouble()).isPositive();
        assertThat(response.path("data").path("outputs").get(0).path("data").toString())
                .isEqualTo(expectedLabels(ROWS).toString().replace(" ", ""));

        String metrics = http.get("/metrics").body();
        assertThat(metrics).containsPattern("sextant_inference_requests_total\\{deployment=\"iris\",outcome=\"ok\",slot=\"primary\",version=\"models:/"
                + model + "/" + version + "\"} [1-9]");
        assertThat(metrics).contains("sextant_inference_duration_seconds_bucket{deployment=\"iris\"");
        assertThat(metrics).contains("sextant_inference_batch_size");
        assertThat(metrics).contains("sextant_inference_log_dropped_total");
    }

    @Test
    void malformedInferenceRequestsNeverGetA5xx() {
        java.util.Random random = new java.util.Random(20261123);
        String valid = "{\"id\": \"x\", \"inputs\": [{\"name\": \"X\", \"shape\": [2, 2], \"datatype\": \"FP32\","
                + " \"data\": [1.0, 2.0, 3.0, 4.0]}], \"outputs\": [{\"name\": \"output_label\"}]}";
        List<String> swaps = List.of("null", "[]", "{}", "\"text\"", "-1", "1e400", "true", "[[[]]]",
                "9223372036854775808", "[-3, 2]", "\"FP16\"", "\"BYTES\"", "[1, 2, 3]");
        List<String> tokens = List.of("\"X\"", "[2, 2]", "\"FP32\"", "[1.0, 2.0, 3.0, 4.0]", "\"output_label\"", "\"x\"");
        for (int i = 0; i < 300; i++) {
            String body = valid;
            switch (random.nextInt(3)) {
                case 0 -> body = body.substring(0, random.nextInt(body.length()));
                case 1 -> body = body.replace(tokens.get(random.nextInt(tokens.size())), swaps.get(random.nextInt(swaps.size())));
                default -> {
                    char[] chars = body.toCharArray();
                    chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
                    body = new String(chars);
                }
            }
            for (String path : List.of("/v2/models/iris/infer", "/deployments/iris/invocations")) {
                HttpResult result = http.postJson(path, body);
                assertThat(result.status()).as(path + " " + body + " → " + result.body()).isLessThan(500);
            }
        }
        assertThat(fixture.infer("iris", ROWS).status()).isEqualTo(200);
    }

    private static List<String> readAll(Path logDir) throws Exception {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.sorted().flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static JsonNode output(JsonNode body, String name) {
        for (JsonNode output : body.path("outputs")) {
            if (output.path("name").asText().equals(name)) {
                return output;
            }
        }
        throw new AssertionError("no output " + name + " in " + body);
    }

    /** Labels from ONNX Runtime in this process, on the same file, without the server. */
    static List<Long> expectedLabels(float[][] rows) {
        try (var runtime = dev.sextant.serving.runtime.ModelRuntime.create(dev.sextant.serving.runtime.RuntimeOptions.defaults())) {
            Path packageDir = Files.createTempDirectory(dir, "pkg");
            ModelPackage pkg = dev.sextant.registry.packaging.ModelPackageWriter.onnx(
                    ModelPackages.sharedModel("logreg_iris.onnx"), java.time.Instant.EPOCH).build().writeTo(packageDir);
            try (var loaded = runtime.load(pkg, pkg.manifest())) {
                float[] flat = new float[rows.length * 2];
                for (int i = 0; i < rows.length; i++) {
                    flat[2 * i] = rows[i][0];
                    flat[2 * i + 1] = rows[i][1];
                }
                long[] labels = loaded.predict(dev.sextant.serving.runtime.InferenceInputs.of(
                        dev.sextant.serving.runtime.Tensor.floats("X", new long[] {rows.length, 2}, flat)))
                        .tensor("output_label").longs();
                return java.util.Arrays.stream(labels).boxed().toList();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Parses one JSON line. */
    static final class HttpResultJson {
        static JsonNode parse(String line) {
            return HttpResult.parse(line);
        }
    }
}
