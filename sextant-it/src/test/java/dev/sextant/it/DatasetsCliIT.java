package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dataset versions through a server process and the CLI, with tokens and roles: push (the same
 * bytes twice are one version, new bytes the next), look up, evaluate a model version on a
 * dataset version (recorded on the evaluation and shown by lineage both ways), train on one, refuse
 * unreadable files with 400 and a viewer's push with 403, give concurrent pushes distinct versions.
 */
final class DatasetsCliIT {
    private static final String ADMIN = "datasets-cli-admin-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void pushLookUpEvaluateOnAVersionAndSeeItInLineage() throws Exception {
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(dataDir, Optional.empty(),
                List.of("-Xmx512m"), Map.of("SEXTANT_ADMIN_TOKEN", ADMIN)))) {
            String url = server.baseUrl();
            String sam = token(url, "sam", "data-scientist");
            String vic = token(url, "vic", "viewer");
            String erin = token(url, "erin", "ml-engineer");
            List<String> lines = Files.readAllLines(SharedData.data("weather.csv"));
            Path first = write("first.csv", lines.getFirst(), lines.subList(1, 401));
            Path second = write("second.csv", lines.getFirst(), lines.subList(401, 701));

            CliRun pushed = cli(url, sam, "datasets", "push", "holdout", first.toString(), "--description", "held out");
            assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
            assertThat(pushed.out()).contains("Pushed datasets:/holdout/1 (400 rows, 7 columns, csv");
            CliRun again = cli(url, sam, "datasets", "push", "holdout", first.toString(), "--output", "json");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            JsonNode same = Http.JSON.readTree(again.out());
            assertThat(same.path("created").asBoolean()).isFalse();
            assertThat(same.at("/dataset_version/uri").asText()).isEqualTo("datasets:/holdout/1");
            assertThat(post(url, sam, "/api/v1/datasets/holdout/versions", "text/csv", Files.readAllBytes(first)).statusCode())
                    .as("the same bytes again answer the existing version").isEqualTo(200);
            HttpResponse<String> created = post(url, sam, "/api/v1/datasets/holdout/versions?source=second.csv",
                    "text/csv", Files.readAllBytes(second));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/datasets/holdout/versions/2");

            JsonNode versions = Http.JSON.readTree(cli(url, vic, "datasets", "versions", "holdout", "--output", "json").out())
                    .path("dataset_versions");
            assertThat(versions).extracting(v -> v.path("version").asInt() + " " + v.path("rows").asInt() + " "
                    + v.path("created_by").asText()).containsExactly("2 300 sam", "1 400 sam");
            assertThat(versions.get(0).path("sha256").asText()).isNotEqualTo(versions.get(1).path("sha256").asText());
            assertThat(versions.get(0).path("schema")).extracting(c -> c.path("name").asText() + ":" + c.path("type").asText())
                    .containsExactly("location:string", "date:date", "precipitation:numeric", "temp_max:numeric",
                            "temp_min:numeric", "wind:numeric", "weather:string");
            assertThat(cli(url, vic, "datasets", "get", "holdout/2").out()).contains("datasets:/holdout/2: 300 rows")
                    .contains("from second.csv").contains("temp_max").contains("numeric");
            assertThat(cli(url, vic, "datasets", "list").out()).contains("holdout").contains("held out");
            assertThat(get(url, vic, "/api/v1/datasets/holdout/versions/2/content").body())
                    .isEqualTo(Files.readString(second));
            CliRun missing = cli(url, vic, "datasets", "get", "holdout/7");
            assertThat(missing.exitCode()).isEqualTo(3);
            assertThat(missing.err()).contains("RESOURCE_DOES_NOT_EXIST").contains("no version 7");

            CliRun denied = cli(url, vic, "datasets", "push", "holdout", second.toString());
            assertThat(denied.exitCode()).isEqualTo(1);
            assertThat(denied.err()).contains("PERMISSION_DENIED");
            refusesUnreadableFiles(url, sam);
            concurrentPushesGetDistinctVersions(url, sam, lines);

            train(url, sam);
            CliRun evaluated = cli(url, sam, "evaluate", "models:/rain/1", "--data", "datasets:/holdout/2", "--target",
                    "weather", "--latency-rows", "10", "--output", "json");
            assertThat(evaluated.exitCode()).as(evaluated.toString()).isZero();
            JsonNode dataset = Http.JSON.readTree(evaluated.out()).at("/evaluation/dataset");
            assertThat(dataset.path("version").asText()).isEqualTo("datasets:/holdout/2");
            assertThat(dataset.path("rows").asInt()).isEqualTo(300);
            assertThat(dataset.path("sha256").asText()).isEqualTo(versions.get(0).path("sha256").asText());
            assertThat(cli(url, sam, "evaluate", "models:/rain/1", "--data", "datasets:/holdout@latest", "--target",
                    "weather", "--latency-rows", "0").out()).contains("on datasets:/holdout/2 (300 rows");
            CliRun unknown = cli(url, sam, "evaluate", "models:/rain/1", "--data", "datasets:/holdout/9", "--target",
                    "weather");
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(3);

            JsonNode graph = Http.JSON.readTree(cli(url, vic, "lineage", "models:/rain/1", "--output", "json").out());
            String node = "dataset:" + dataset.path("sha256").asText();
            assertThat(graph.path("nodes")).anySatisfy(n -> {
                assertThat(n.path("id").asText()).isEqualTo(node);
                assertThat(n.path("source").asText()).isEqualTo("datasets:/holdout/2");
            });
            assertThat(graph.path("edges")).anySatisfy(e -> {
                assertThat(e.path("from").asText()).isEqualTo(node);
                assertThat(e.path("to").asText()).isEqualTo("model_version:rain/1");
                assertThat(e.path("relation").asText()).isEqualTo("evaluated-on");
            });

            JsonNode downstream = Http.JSON.readTree(cli(url, vic, "lineage", "--dataset", dataset.path("sha256").asText(),
                    "--output", "json").out());
            assertThat(downstream.path("edges")).extracting(e -> e.path("from").asText() + " " + e.path("relation").asText()
                    + " " + e.path("to").asText()).containsExactly(node + " evaluated-on model_version:rain/1");

            trainsOnAVersion(url, sam);

            assertThat(delete(url, sam, "/api/v1/datasets/holdout/versions/1").statusCode()).isEqualTo(403);
            assertThat(delete(url, erin, "/api/v1/datasets/holdout/versions/1").statusCode()).isEqualTo(204);
            assertThat(get(url, ADMIN, "/api/v1/audit?entity=dataset").body()).contains("dataset.version.create")
                    .contains("dataset.version.delete").contains("datasets:/holdout/2");
        }
    }

    /** A training run through the API reads a dataset version and records it as its input's source. */
    private static void trainsOnAVersion(String url, String token) throws Exception {
        HttpResponse<String> submitted = post(url, token, "/api/v1/training-runs", "application/json",
                ("{\"data\":\"datasets:/holdout/1\",\"target\":\"weather\",\"experiment\":\"from-dataset\","
                        + "\"algorithm\":\"logistic-regression\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = Http.JSON.readTree(submitted.body()).path("id").asText();
        JsonNode job = Http.JSON.createObjectNode();
        for (int i = 0; i < 600 && !job.path("state").asText().matches("succeeded|failed"); i++) {
            Thread.sleep(200);
            job = Http.JSON.readTree(get(url, token, "/api/v1/training-runs/" + id).body());
        }
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        JsonNode run = Http.JSON.readTree(get(url, token, "/api/v1/runs/" + job.path("run_id").asText()).body());
        assertThat(run.findValuesAsText("source")).contains("{\"uri\":\"datasets:/holdout/1\"}");
        assertThat(run.findValuesAsText("source_type")).contains("sextant_dataset");
        HttpResponse<String> unknown = post(url, token, "/api/v1/training-runs", "application/json",
                "{\"data\":\"datasets:/holdout/8\",\"target\":\"weather\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    }

    /** Pushes of different bytes to one dataset at the same moment get distinct versions, 1 to n. */
    private static void concurrentPushesGetDistinctVersions(String url, String token, List<String> lines)
            throws Exception {
        int pushes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(pushes);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < pushes; i++) {
                byte[] body = (lines.getFirst() + "\n" + String.join("\n", lines.subList(1 + i * 10, 11 + i * 10)) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(url, token, "/api/v1/datasets/race/versions", "text/csv", body);
                }));
            }
            start.countDown();
            List<Long> versions = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                versions.add(Http.JSON.readTree(response.body()).at("/dataset_version/version").asLong());
            }
            assertThat(versions).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Files the reader cannot parse, or that hold no rows, are refused with 400 naming the problem. */
    private void refusesUnreadableFiles(String url, String token) throws Exception {
        HttpResponse<String> notParquet = post(url, token, "/api/v1/datasets/holdout/versions",
                "application/vnd.apache.parquet", "location,weather\nSeattle,rain\n".getBytes(StandardCharsets.UTF_8));
        assertThat(notParquet.statusCode()).as(notParquet.body()).isEqualTo(400);
        assertThat(notParquet.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(Http.JSON.readTree(notParquet.body()).path("detail").asText()).contains("as PARQUET");
        HttpResponse<String> headerOnly = post(url, token, "/api/v1/datasets/holdout/versions?format=csv", "text/plain",
                "location,weather\n".getBytes(StandardCharsets.UTF_8));
        assertThat(headerOnly.statusCode()).as(headerOnly.body()).isEqualTo(400);
        assertThat(headerOnly.body()).contains("holds no rows");
        HttpResponse<String> unknownType = post(url, token, "/api/v1/datasets/holdout/versions", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(unknownType.statusCode()).isEqualTo(415);
        HttpResponse<String> badName = post(url, token, "/api/v1/datasets/..%2Fetc/versions", "text/csv",
                "a\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(badName.statusCode()).as(badName.body()).isBetween(400, 404);
        Path fake = dataDir.resolve("fake.parquet");
        Files.writeString(fake, "not parquet at all");
        CliRun refused = cli(url, token, "datasets", "push", "holdout", fake.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("INVALID_PARAMETER_VALUE").contains("Could not read 'holdout.parquet' as PARQUET");
        JsonNode versions = Http.JSON.readTree(get(url, token, "/api/v1/datasets/holdout/versions").body());
        assertThat(versions.path("dataset_versions")).as("nothing refused was recorded").hasSize(2);
    }

    private Path write(String name, String header, List<String> rows) throws Exception {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        Path file = dataDir.resolve(name);
        Files.write(file, all);
        return file;
    }

    private static void train(String url, String token) {
        CliRun trained = cli(url, token, "train", "--data", SharedData.data("weather.csv").toString(), "--target", "weather",
                "--experiment", "rain", "--register", "rain", "--algo", "logistic-regression");
        assertThat(trained.exitCode()).as(trained.toString()).isZero();
    }

    private static HttpResponse<String> post(String url, String token, String path, String type, byte[] body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> delete(String url, String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String url, String name, String role) {
        CliRun created = cli(url, ADMIN, "tokens", "create", "--name", name, "--role", role);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        return created.out().lines().toList().getLast();
    }

    /** Runs the CLI in this JVM with --server and --token, capturing stdout and stderr. */
    private static CliRun cli(String url, String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", url, "--token", token));
        return CliRun.inProcess(all);
    }
}
