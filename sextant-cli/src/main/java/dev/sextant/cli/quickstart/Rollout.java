package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deployment half of the loop: the promoted version as a canary beside the previous one,
 * real traffic from the holdout with the answers counted per version (by the client and by the
 * server's metrics), then the canary promoted to all traffic.
 */
final class Rollout {
    static final String DEPLOYMENT = "seattle-weather";
    static final String DEPLOYMENT_PATH = "/api/v1/deployments/" + DEPLOYMENT;
    static final int CANARY_PERCENT = 25;
    static final int REQUESTS = 300;
    static final int REQUESTS_AFTER_PROMOTION = 20;

    private final Api api;
    private final Narrator say;
    private final WeatherData data;
    private final String model;

    Rollout(Api api, Narrator say, WeatherData data, String model) {
        this.api = api;
        this.say = say;
        this.data = data;
        this.model = model;
    }

    /** The first deployment: one version takes all traffic. */
    static void deploySingle(Api api, Person engineer, String model, long version) {
        api.post(engineer, "/api/v1/deployments", Api.JSON.createObjectNode().put("name", DEPLOYMENT)
                .put("model", "models:/" + model + "/" + version));
    }

    /** One request with the holdout's first day, as the application sends it: {@code 2015-01-01 → sun (v1)}. */
    static String firstAnswer(Api api, Person app, WeatherData data) {
        WeatherData.Day day = data.holdoutDays().getFirst();
        Map<Long, Traffic.Tally> tally = new Traffic(api, app, DEPLOYMENT).send(List.of(day), 1);
        long version = tally.keySet().iterator().next();
        return day.date() + " → " + (tally.get(version).correct() == 1 ? day.weather() + " (right" : "not " + day.weather()
                + " (wrong") + ", answered by v" + version + ")";
    }

    void run(Team team, long previous, long promoted) {
        canary(team.engineer(), previous, promoted);
        traffic(team.app(), previous, promoted);
        promote(team, promoted);
    }

    private void canary(Person engineer, long previous, long promoted) {
        say.begin("Canary");
        ObjectNode spec = Api.JSON.createObjectNode().put("name", DEPLOYMENT);
        spec.putObject("policy").put("type", "canary").put("stable", "models:/" + model + "/" + previous)
                .put("canary", "models:/" + model + "/" + promoted).put("percent", CANARY_PERCENT);
        JsonNode deployment = api.put(engineer, DEPLOYMENT_PATH, spec);
        say.headline(engineer.name() + " deployed v" + promoted + " next to v" + previous + " on '" + DEPLOYMENT
                + "': " + deployment.at("/rollout/canary_percent").asInt() + "% of requests to v" + promoted + ", the rest to v"
                + previous + " (generation " + deployment.path("generation").asLong() + ", "
                + deployment.at("/rollout/phase").asText() + ")");
        say.link("→", DEPLOYMENT_PATH);
    }

    private void traffic(Person app, long previous, long promoted) {
        say.begin("Traffic");
        Map<Long, Long> before = InferenceCounts.answered(api.text("/metrics"), DEPLOYMENT);
        long started = System.nanoTime();
        Map<Long, Traffic.Tally> tallies = new Traffic(api, app, DEPLOYMENT).send(data.holdoutDays(), REQUESTS);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<Long, Long> counted = InferenceCounts.since(before, InferenceCounts.answered(api.text("/metrics"), DEPLOYMENT));
        say.headline(String.format(Locale.ROOT, "%s sent %d days of %s to /v2/models/%s/infer in %.1f s, one request "
                + "each", app.name(), REQUESTS, WeatherData.HOLDOUT_YEAR, DEPLOYMENT, seconds));
        List<String> answered = new ArrayList<>();
        tallies.forEach((version, tally) -> answered.add("v" + version + " answered " + tally.answered()));
        say.line(String.join(", ", answered) + "; the server counted " + String.join(", ", counted.entrySet().stream()
                .map(e -> "v" + e.getKey() + " " + e.getValue()).toList()) + " (sextant_inference_requests_total)");
        say.link("→", "/metrics");
        if (!tallies.containsKey(previous) || !tallies.containsKey(promoted)) {
            throw new LoopFailure("the canary split did not reach both versions: " + tallies.keySet());
        }
    }

    private void promote(Team team, long promoted) {
        say.begin("Promote the canary");
        JsonNode deployment = api.post(team.engineer(), DEPLOYMENT_PATH + "/promote", Api.JSON.createObjectNode());
        Map<Long, Traffic.Tally> after = new Traffic(api, team.app(), DEPLOYMENT).send(data.holdoutDays(),
                REQUESTS_AFTER_PROMOTION);
        Traffic.Tally byPromoted = after.getOrDefault(promoted, Traffic.Tally.NONE);
        say.headline(team.engineer().name() + " moved all traffic of '" + DEPLOYMENT + "' to v" + promoted
                + " (" + deployment.at("/rollout/phase").asText() + ", " + deployment.at("/rollout/canary_percent").asInt()
                + "%); " + byPromoted.answered() + " of " + REQUESTS_AFTER_PROMOTION + " requests since answered by v"
                + promoted);
        say.link("→", DEPLOYMENT_PATH);
        if (byPromoted.answered() != REQUESTS_AFTER_PROMOTION) {
            throw new LoopFailure("after the promotion, other versions still answered: " + after);
        }
    }
}
