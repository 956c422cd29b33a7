package dev.sextant.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Training through the server's API, as a client of {@code POST /api/v1/training-runs} does it. */
final class ServerTraining {
    private ServerTraining() {
    }

    /**
     * A logistic regression of the weather column trained on the server on {@code data}, recorded in
     * {@code experiment}; waits up to two minutes for it to succeed and returns its run id.
     */
    static String logisticRegression(Http http, String data, String experiment) throws InterruptedException {
        Http.Response submitted = http.postJson("/api/v1/training-runs", Map.of("data", data, "target", "weather",
                "algorithm", "logistic-regression", "experiment", experiment));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String id = submitted.json().path("id").asText();
        JsonNode job = Http.JSON.createObjectNode();
        for (int i = 0; i < 600 && !job.path("state").asText().matches("succeeded|failed"); i++) {
            Thread.sleep(200);
            job = http.get("/api/v1/training-runs/" + id).json();
        }
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        return job.path("run_id").asText();
    }
}
