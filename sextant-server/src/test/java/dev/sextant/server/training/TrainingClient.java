package dev.sextant.server.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.Http;
import dev.sextant.server.HttpResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts training jobs over HTTP and follows them to the end, as a client would. */
final class TrainingClient {
    static final String PATH = "/api/v1/training-runs";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Http http;

    TrainingClient(Http http) {
        this.http = http;
    }

    HttpResult submit(String json) {
        return http.postJson(PATH, json);
    }

    /** Submits a request that must be accepted; returns the job's Location. */
    String accepted(String json) {
        HttpResult accepted = submit(json);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("state").asText()).isIn("queued", "running");
        assertThat(accepted.header("Location")).isEqualTo(PATH + "/" + accepted.json().path("id").asText());
        return accepted.header("Location");
    }

    /** Polls the job until it finishes; every state seen is kept, in order. */
    Followed follow(String location) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResult result = http.get(location);
            assertThat(result.status()).as(result.body()).isEqualTo(200);
            JsonNode job = result.json();
            seen.add(job);
            String state = job.path("state").asText();
            if (state.equals("succeeded") || state.equals("failed")) {
                return new Followed(job, seen);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The job at " + location + " did not finish within " + TIMEOUT + ": "
                + seen.getLast());
    }

    /** The job as it ended, and every poll on the way. */
    record Followed(JsonNode job, List<JsonNode> polls) {
    }
}
