package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.LogCapture;
import dev.sextant.server.RawHttp;
import dev.sextant.server.ServerTest;
import dev.sextant.server.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MlflowErrorsIT extends ServerTest {
    private static final String API = "/api/2.0/mlflow";
    private static final String DOCS = " See the API docs for more information about request parameters.";

    static String runId;

    @BeforeAll
    static void start() {
        runId = http.postJson(API + "/runs/create", "{\"experiment_id\":\"0\"}").json()
                .get("run").get("info").get("run_id").textValue();
    }

    private static void assertMlflowError(HttpResult result, int status, String code, String message) {
        assertThat(result.status()).as(result.body()).isEqualTo(status);
        assertThat(result.header("Content-Type")).startsWith("application/json");
        JsonNode body = result.json();
        assertThat(body.get("error_code").textValue()).isEqualTo(code);
        assertThat(body.get("message").textValue()).contains(message);
    }

    @Test
    void postWithoutJsonContentTypeIs400() {
        HttpResult missing = http.send("POST", API + "/experiments/create", BodyPublishers.ofString("{\"name\":\"x\"}"));
        HttpResult wrong = http.send("POST", API + "/experiments/create", BodyPublishers.ofString("{\"name\":\"x\"}"),
                "Content-Type", "text/plain");
        HttpResult withCharset = http.send("POST", API + "/experiments/create",
                BodyPublishers.ofString("{\"name\":\"charset-ok\"}"), "Content-Type", "application/json; charset=utf-8");

        assertMlflowError(missing, 400, "INVALID_PARAMETER_VALUE", "Bad Request. Content-Type header is missing.");
        assertMlflowError(wrong, 400, "INVALID_PARAMETER_VALUE",
                "Bad Request. Content-Type must be one of ['application/json'].");
        assertThat(withCharset.status()).isEqualTo(200);
    }

    @Test
    void missingParametersUseMlflowWording() {
        assertMlflowError(http.postJson(API + "/experiments/create", "{}"), 400, "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'name'." + DOCS);
        assertMlflowError(http.get(API + "/runs/get"), 400, "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'run_id'." + DOCS);
        assertMlflowError(http.postJson(API + "/runs/log-metric", "{\"run_id\":\"" + runId + "\",\"key\":\"k\"}"),
                400, "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'value'.");
        assertMlflowError(http.postJson(API + "/runs/log-batch", "{\"run_id\":\"" + runId
                        + "\",\"metrics\":[{\"key\":\"k\",\"value\":1}]}"), 400, "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'metrics[0].timestamp'.");
        assertMlflowError(http.get(API + "/metrics/get-history?run_id=" + runId), 400, "INVALID_PARAMETER_VALUE",
                "'metric_key'");
    }

    @Test
    void malformedJsonIs400() {
        assertMlflowError(http.postJson(API + "/experiments/create", "{\"name\": "), 400, "INVALID_PARAMETER_VALUE",
                "Malformed JSON in request body");
        assertMlflowError(http.postJson(API + "/experiments/create", "[]"), 400, "INVALID_PARAMETER_VALUE",
                "must be a JSON object");
    }

    @Test
    void wrongTypesAre400() {
        assertMlflowError(http.postJson(API + "/experiments/create", "{\"name\": 12}"), 400,
                "INVALID_PARAMETER_VALUE", "Invalid value 12 for parameter 'name' supplied.");
        assertMlflowError(http.postJson(API + "/runs/log-metric", "{\"run_id\":\"" + runId
                        + "\",\"key\":\"k\",\"value\":\"high\",\"timestamp\":1}"), 400, "INVALID_PARAMETER_VALUE",
                "for parameter 'value' supplied");
        assertMlflowError(http.postJson(API + "/runs/search", "{\"max_results\":\"many\"}"), 400,
                "INVALID_PARAMETER_VALUE", "for parameter 'max_results' supplied");
        assertMlflowError(http.get(API + "/experiments/search?max_results=abc"), 400,
                "INVALID_PARAMETER_VALUE", "for parameter 'max_results' supplied");
        assertMlflowError(http.postJson(API + "/runs/update", "{\"run_id\":\"" + runId + "\",\"status\":\"DONE\"}"),
                400, "INVALID_PARAMETER_VALUE", "'status'");
    }

    @Test
    void overLimitBatchesAre400() {
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            metrics.append(i == 0 ? "" : ",").append("{\"key\":\"m\",\"value\":1,\"timestamp\":").append(i).append('}');
        }
        assertMlflowError(http.postJson(API + "/runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":["
                + metrics + "]}"), 400, "INVALID_PARAMETER_VALUE", "at most 1000 metrics");

        String big = "x".repeat(1_000_001);
        assertMlflowError(http.postJson(API + "/runs/log-batch", "{\"run_id\":\"" + runId + "\",\"tags\":[{\"key\":\"t\","
                + "\"value\":\"" + big + "\"}]}"), 400, "INVALID_PARAMETER_VALUE",
                "Batched logging API requests must be at most 1000000 bytes");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        HttpResult unknown = http.get(API + "/runs/nope");
        HttpResult wrongMethod = http.get(API + "/runs/create");

        assertMlflowError(unknown, 404, "ENDPOINT_NOT_FOUND", "No API endpoint at GET " + API + "/runs/nope");
        assertMlflowError(wrongMethod, 405, "METHOD_NOT_ALLOWED", "Use POST");
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
        assertThat(http.get("/totally/unknown").status()).isEqualTo(404);
    }

    @Test
    void errorsCarryTheRequestId() {
        HttpResult echoed = http.get(API + "/experiments/get?experiment_id=424242", "X-Request-Id", "trace-me-1");
        HttpResult generated = http.get(API + "/experiments/get?experiment_id=424242");
        HttpResult rejected = http.get(API + "/experiments/get?experiment_id=1", "X-Request-Id", "bad id!");

        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-me-1");
        assertThat(echoed.headers().allValues("X-Request-Id")).hasSize(1);
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f]{32}");
        assertThat(rejected.header("X-Request-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void garbageNeverCausesA5xx() throws Exception {
        List<String> routes = List.of("/runs/log-batch", "/runs/log-metric", "/runs/create", "/runs/update",
                "/runs/search", "/runs/log-inputs", "/experiments/create", "/experiments/search",
                "/experiments/update", "/runs/log-parameter", "/runs/set-tag", "/runs/delete-tag",
                "/experiments/set-experiment-tag", "/runs/delete", "/runs/restore");
        List<String> bodies = List.of("", "null", "0", "\"\"", "\"{\\\"a\\\":1}\"", "{\"run_id\":[]}",
                "{\"run_id\":{}}", "{\"run_id\":\"../../etc\"}", "{\"run_id\":\"" + runId + "\",\"metrics\":{}}",
                "{\"run_id\":\"" + runId + "\",\"metrics\":[1,2]}", "{\"run_id\":\"" + runId + "\",\"tags\":[null]}",
                "{\"experiment_ids\":\"0\"}", "{\"experiment_id\":99999999999999999999999}",
                "{\"max_results\":-1}", "{\"max_results\":1e309}", "{\"page_token\":\"!!!\"}",
                "{\"experiment_id\":\"abc\"}", "{\"experiment_id\":\"1 OR 1=1\"}", "{\"experiment_ids\":[\"x;\"]}",
                "{\"filter\":\"metrics.x >>> 1\"}", "{\"name\":\"" + "n".repeat(600) + "\"}", "{\"a\":" + "[".repeat(5000));
        Random random = new Random(42);
        for (String route : routes) {
            for (String body : bodies) {
                HttpResult result = http.postJson(API + route, body);
                // Some of these are valid requests (an empty body creates a run); none may fail the server.
                assertThat(result.status()).as(route + " " + body + " -> " + result.body()).isLessThan(500);
            }
            byte[] noise = new byte[200];
            random.nextBytes(noise);
            HttpResult result = http.send("POST", API + route, BodyPublishers.ofByteArray(noise),
                    "Content-Type", "application/json");
            assertThat(result.status()).as(route + " noise").isBetween(400, 499);
        }
        for (String query : List.of("experiment_id=abc", "experiment_id=-1", "experiment_id=99999999999999999999")) {
            HttpResult result = http.get(API + "/experiments/get?" + query);
            assertThat(result.status()).as(query + " -> " + result.body()).isBetween(400, 499);
        }
        for (String query : List.of("run_id=%zz", "run_id=" + "a".repeat(300),
                "max_results=-5&run_id=" + runId + "&metric_key=m",
                "max_results=99999999999999999999&run_id=" + runId + "&metric_key=m",
                "run_id=%00&metric_key=%ff%fe")) {
            // A fresh connection each: the server may close one after a request it cannot parse.
            try (RawHttp raw = new RawHttp(server.port())) {
                int status = raw.exchange(RawHttp.get(API + "/metrics/get-history?" + query));
                assertThat(status).as(query).isBetween(400, 499);
            }
        }
    }

    @Test
    void unexpectedFailuresAre500WithTheRequestIdAndAreLogged() throws Exception {
        String path = "/api/2.0/mlflow-artifacts/artifacts/broken/file.bin";
        http.send("PUT", path, BodyPublishers.ofString("bytes that will go missing " + System.nanoTime()));
        try (var blobs = Files.walk(dir.resolve("artifacts").resolve("blobs"))) {
            blobs.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (LogCapture logs = new LogCapture()) {
            HttpResult failed = http.get(path, "X-Request-Id", "boom-1");

            assertMlflowError(failed, 500, "INTERNAL_ERROR", "request id boom-1");
            assertThat(failed.header("X-Request-Id")).isEqualTo("boom-1");
            assertThat(logs.lines()).anySatisfy(line -> {
                JsonNode event = HttpResult.parse(line);
                assertThat(event.get("level").textValue()).isEqualTo("ERROR");
                assertThat(event.get("request_id").textValue()).isEqualTo("boom-1");
                assertThat(event.get("stack_trace").textValue()).isNotBlank();
            });
        }
        assertThat(http.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        try (TestServer small = TestServer.start(dir.resolve("small"), c -> c.withMaxRequestBodyBytes(4096))) {
            HttpResult tooBig = small.http().postJson(API + "/experiments/create",
                    "{\"name\":\"" + "x".repeat(10_000) + "\"}");

            assertMlflowError(tooBig, 413, "REQUEST_TOO_LARGE", "larger than this server accepts");
            byte[] chunked = ("{\"name\":\"" + "y".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpResult unknownLength = small.http().send("POST", API + "/experiments/create",
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)),
                    "Content-Type", "application/json");
            assertMlflowError(unknownLength, 413, "REQUEST_TOO_LARGE", "larger than this server accepts");
            assertThat(small.http().postJson(API + "/experiments/create", "{\"name\":\"fits\"}").status())
                    .isEqualTo(200);
        }
    }
}
