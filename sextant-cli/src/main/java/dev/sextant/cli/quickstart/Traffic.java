package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends days of the holdout, one request each, to a deployment's Open Inference Protocol endpoint
 * and tallies who answered (the response names the model version) and how often it was right.
 * Requests are paced under the server's per-token rate limit; a 429 is waited out as its
 * {@code Retry-After} says.
 */
final class Traffic {
    /** Below the default limit of 100 requests per second with a burst of 200 for the few hundred sent here. */
    static final int REQUESTS_PER_SECOND = 150;
    private static final int MAX_RETRIES = 5;

    private final Api api;
    private final Person sender;
    private final String deployment;

    /** Requests a version answered and how many of its answers matched the day's weather. */
    record Tally(int answered, int correct) {
        static final Tally NONE = new Tally(0, 0);

        Tally plus(boolean right) {
            return new Tally(answered + 1, correct + (right ? 1 : 0));
        }
    }

    Traffic(Api api, Person sender, String deployment) {
        this.api = api;
        this.sender = sender;
        this.deployment = deployment;
    }

    /** Sends {@code count} requests, cycling through {@code days}; the tallies by version number. */
    Map<Long, Tally> send(List<WeatherData.Day> days, int count) {
        Map<Long, Tally> tallies = new TreeMap<>();
        String path = "/v2/models/" + Api.segment(deployment) + "/infer";
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            pace(started, i);
            WeatherData.Day day = days.get(i % days.size());
            JsonNode answer = infer(path, day);
            long version = answer.path("model_version").asLong(-1);
            tallies.put(version, tallies.getOrDefault(version, Tally.NONE).plus(label(answer).equals(day.weather())));
        }
        return tallies;
    }

    private JsonNode infer(String path, WeatherData.Day day) {
        String body = request(day).toString();
        for (int attempt = 0; ; attempt++) {
            Api.Answer answer = api.call(sender, "POST", path, "application/json", body);
            if (answer.ok()) {
                return answer.body();
            }
            if (answer.status() != 429 || attempt == MAX_RETRIES) {
                throw new LoopFailure("POST " + path + " answered HTTP " + answer.status() + " ("
                        + answer.body().path("error").asText(answer.body().path("detail").asText("no details")) + ")");
            }
            Trainer.sleep(Duration.ofSeconds(retryAfterSeconds(answer.retryAfter())));
        }
    }

    /** An Open Inference Protocol v2 request with one row: each column is an input of shape [1, 1]. */
    static ObjectNode request(WeatherData.Day day) {
        ObjectNode request = Api.JSON.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        ObjectNode date = inputs.addObject().put("name", "date").put("datatype", "BYTES");
        date.putArray("shape").add(1).add(1);
        date.putArray("data").add(day.date());
        number(inputs, "precipitation", day.precipitation());
        number(inputs, "temp_max", day.tempMax());
        number(inputs, "temp_min", day.tempMin());
        number(inputs, "wind", day.wind());
        return request;
    }

    private static void number(ArrayNode inputs, String name, float value) {
        ObjectNode input = inputs.addObject().put("name", name).put("datatype", "FP32");
        input.putArray("shape").add(1).add(1);
        input.putArray("data").add(value);
    }

    private static String label(JsonNode answer) {
        for (JsonNode output : answer.path("outputs")) {
            if (output.path("name").asText().equals("output_label")) {
                return output.path("data").path(0).asText();
            }
        }
        throw new LoopFailure("an inference answer has no output_label: " + answer);
    }

    private static void pace(long started, int sent) {
        long due = started + sent * 1_000_000_000L / REQUESTS_PER_SECOND;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Trainer.sleep(Duration.ofNanos(wait));
        }
    }

    private static long retryAfterSeconds(String header) {
        try {
            return Math.max(1, Math.min(30, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
