package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The release loop on a running server, only through its HTTP API: people and their tokens, a
 * baseline in Production and deployed, a release policy, two candidates trained and evaluated,
 * the gate (one fails and says why), approvals, promotion, then the promoted version as a canary
 * beside the previous one, traffic, and the canary promoted. The deployment steps are in
 * {@link Rollout}.
 */
final class ReleaseLoop {
    static final String MODEL = "seattle-weather";
    static final String MODEL_PATH = "/api/v1/models/" + MODEL;
    /** The dataset the holdout year is pushed to; every evaluation runs on its version. */
    static final String HOLDOUT_DATASET = MODEL + "-" + WeatherData.HOLDOUT_YEAR;
    /** Steps narrated, the server's start (narrated by the command) included. */
    static final int STEPS = 13;
    static final Trainer.Recipe BASELINE = Trainer.Recipe.forest("baseline", 3, 2);
    static final List<Trainer.Recipe> CANDIDATES = List.of(Trainer.Recipe.logistic("candidate A", 20),
            Trainer.Recipe.forest("candidate B", 20, 6));
    private static final String PRODUCTION = "Production";

    private final Api api;
    private final Narrator say;
    private final Workspace workspace;
    private final WeatherData data;
    private final String policy;
    private final Person admin;
    private final Trainer trainer;

    /** A version trained by the loop and, once evaluated, its accuracy on the holdout. */
    record Candidate(Trainer.Recipe recipe, Trainer.Trained trained, double holdoutAccuracy) {
        long version() {
            return trained.version();
        }

        String name() {
            return recipe.label() + " (v" + version() + ")";
        }
    }

    /** What the loop left behind, for the summary. */
    record Outcome(String experimentId, long baseline, long promoted) {
    }

    ReleaseLoop(Api api, Narrator say, Workspace workspace, WeatherData data, String policy, Person admin) {
        this.api = api;
        this.say = say;
        this.workspace = workspace;
        this.data = data;
        this.policy = policy;
        this.admin = admin;
        this.trainer = new Trainer(api);
    }

    Outcome run() {
        Team team = people();
        String experimentId = experiment(team.scientist());
        String holdout = pushHoldout(team.scientist());
        long baseline = baseline(team);
        policy(team.engineer());
        List<Candidate> candidates = evaluate(team.scientist(), train(team.scientist()), baseline, holdout);
        Candidate chosen = gate(team.scientist(), candidates);
        approve(team, chosen);
        promote(team.engineer(), chosen, baseline);
        new Rollout(api, say, data, MODEL).run(team, baseline, chosen.version());
        return new Outcome(experimentId, baseline, chosen.version());
    }

    private Team people() {
        say.begin("People");
        Team team = Team.create(api, admin, Rollout.DEPLOYMENT);
        say.headline("the admin created API tokens; each step below runs with the token of whoever does it");
        say.line(String.join(", ", team.all().stream().map(Person::toString).toList()));
        say.link("→", "/api/v1/tokens");
        return team;
    }

    private String experiment(Person scientist) {
        say.begin("Data");
        JsonNode experiment = api.post(scientist, "/api/v1/experiments", Api.JSON.createObjectNode().put("name", MODEL));
        String id = experiment.path("experiment_id").asText();
        say.headline("examples/weather/seattle-weather.csv (" + WeatherData.ATTRIBUTION + ")");
        say.line(String.format(Locale.ROOT, "%,d days of %s to train on, %,d days of %s held out (in %s); %s created the "
                + "experiment '%s'", data.trainDays(), data.trainYears(), data.holdoutDays().size(), WeatherData.HOLDOUT_YEAR,
                workspace.trainFile().getParent(), scientist.name(), MODEL));
        say.link("→", "/#/experiments/" + id);
        return id;
    }

    /**
     * Pushes the held-out year as a dataset version (the same bytes again, on a rerun, are the same
     * version) and returns its URI.
     */
    private String pushHoldout(Person scientist) {
        String path = "/api/v1/datasets/" + HOLDOUT_DATASET + "/versions?source="
                + Api.segment("examples/weather/seattle-weather.csv, days of " + WeatherData.HOLDOUT_YEAR)
                + "&description=" + Api.segment("Seattle weather, " + WeatherData.HOLDOUT_YEAR + " held out for evaluation");
        Api.Answer answer = api.call(scientist, "POST", path, "text/csv", data.holdoutCsv());
        if (!answer.ok()) {
            throw new LoopFailure("POST " + path + " answered HTTP " + answer.status() + " ("
                    + answer.body().path("code").asText("") + ": " + answer.body().path("detail").asText("no details") + ")");
        }
        JsonNode version = answer.body().path("dataset_version");
        say.line(scientist.name() + " pushed the " + WeatherData.HOLDOUT_YEAR + " holdout as dataset version "
                + version.path("uri").asText() + " (" + version.path("rows").asLong() + " rows, sha256 "
                + version.path("sha256").asText().substring(0, 12) + ")");
        say.link("→", "/api/v1/datasets/" + HOLDOUT_DATASET + "/versions");
        return version.path("uri").asText();
    }

    /** The version in Production before the loop's candidates: trained, promoted while no policy governs, deployed alone. */
    private long baseline(Team team) {
        say.begin("Baseline");
        Trainer.Trained trained = trainer.train(team.scientist(), BASELINE, workspace.trainFile().toString(), MODEL, MODEL);
        say.headline(BASELINE.describe() + " trained by " + team.scientist().name() + " in " + seconds(trained)
                + " → models:/" + MODEL + "/" + trained.version() + " (accuracy " + Narrator.number(trained.accuracy())
                + " on the trainer's holdout)");
        api.post(team.engineer(), MODEL_PATH + "/promotions", Api.JSON.createObjectNode().put("version", trained.version())
                .put("target", PRODUCTION).put("replaces", "none").put("reason", "first model of " + MODEL));
        Rollout.deploySingle(api, team.engineer(), MODEL, trained.version());
        say.line(team.engineer().name() + " promoted it to Production (no release policy yet) and deployed it alone as '"
                + Rollout.DEPLOYMENT + "': " + Rollout.firstAnswer(api, team.app(), data));
        say.link("→", "/#/models/" + MODEL);
        return trained.version();
    }

    private void policy(Person engineer) {
        say.begin("Release policy");
        PolicySummary summary = PolicySummary.of(policy, PRODUCTION);
        api.put(engineer, MODEL_PATH + "/release-policy", policy, "application/yaml");
        say.headline(engineer.name() + " set the policy of " + MODEL + " (examples/weather/release-policy.yaml): "
                + PRODUCTION + " now needs " + summary.gates() + " checks to pass");
        say.line("and the approvals of '" + summary.approvalSet() + "': " + summary.reviewers());
        say.link("→", MODEL_PATH + "/release-policy");
    }

    private List<Trainer.Trained> train(Person scientist) {
        say.begin("Candidates");
        List<Trainer.Trained> trained = new ArrayList<>();
        for (Trainer.Recipe recipe : CANDIDATES) {
            trained.add(trainer.train(scientist, recipe, workspace.trainFile().toString(), MODEL, MODEL));
        }
        say.headline(scientist.name() + " trained two on " + data.trainYears() + ", registered as versions of "
                + MODEL);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CANDIDATES.size(); i++) {
            lines.add(CANDIDATES.get(i).label() + ": " + CANDIDATES.get(i).describe() + " → v" + trained.get(i).version()
                    + " in " + seconds(trained.get(i)));
        }
        say.line(String.join("; ", lines));
        say.link("→", "/#/experiments/" + trained.getFirst().experimentId());
        return trained;
    }

    /** Scores every candidate on the holdout; the server also scores the Production version on the same bytes. */
    private List<Candidate> evaluate(Person scientist, List<Trainer.Trained> trained, long baseline, String holdout) {
        say.begin("Evaluate");
        List<Candidate> candidates = new ArrayList<>();
        double baselineAccuracy = Double.NaN;
        for (int i = 0; i < trained.size(); i++) {
            JsonNode result = api.post(scientist, MODEL_PATH + "/versions/" + trained.get(i).version() + "/evaluations",
                    evaluationRequest(holdout));
            candidates.add(new Candidate(CANDIDATES.get(i), trained.get(i), accuracy(result.path("evaluation"))));
            if (result.path("baseline").isObject()) {
                baselineAccuracy = accuracy(result.path("baseline"));
            }
        }
        say.headline(scientist.name() + " scored both on " + holdout + " (the " + data.holdoutDays().size() + " days of "
                + WeatherData.HOLDOUT_YEAR + ") with the serving runtime; the results are stored on each version");
        say.line("accuracy " + String.join(", ", candidates.stream().map(c -> c.name() + " "
                + Narrator.number(c.holdoutAccuracy())).toList()) + ", Production (v" + baseline + ") "
                + Narrator.number(baselineAccuracy) + " on the same data; also per temp_max range, under noise on temp_max, "
                + "and single-row latency");
        say.link("→", MODEL_PATH + "/evaluations");
        return candidates;
    }

    /** On the holdout's dataset version, sliced by temp_max ranges, with noise on temp_max, and single-row latency. */
    private static ObjectNode evaluationRequest(String holdout) {
        ObjectNode request = Api.JSON.createObjectNode().put("target", WeatherData.TARGET).put("latency_rows", 200)
                .put("compare_with", PRODUCTION).put("dataset_version", holdout);
        request.putArray("slices").add("temp_max[10,20]");
        request.putArray("perturbations").add("noise(temp_max,0.5)");
        return request;
    }

    /** Gates every candidate; the one that meets every measured check goes on (the better one if several do). */
    private Candidate gate(Person scientist, List<Candidate> candidates) {
        say.begin("Gate for " + PRODUCTION);
        Map<Candidate, GateReport> passing = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (Candidate candidate : candidates) {
            GateReport report = new GateReport(api.post(scientist, MODEL_PATH + "/versions/" + candidate.version()
                    + "/gate-verdicts", Api.JSON.createObjectNode().put("target", PRODUCTION)));
            if (report.measuredChecksPass()) {
                passing.put(candidate, report);
                summaries.add(candidate.name() + " passes every measured check");
            } else {
                summaries.add(candidate.name() + " FAILED, " + report.passing() + " of " + report.checks() + " checks pass");
                report.failing(false).forEach(check -> failures.add("v" + candidate.version() + " FAIL "
                        + GateReport.describe(check)));
            }
        }
        say.headline(String.join("; ", summaries));
        failures.forEach(say::line);
        Candidate chosen = passing.keySet().stream().max(Comparator.comparingDouble(Candidate::holdoutAccuracy))
                .orElseThrow(() -> new LoopFailure("no candidate met the measured checks of the gate; see the lines above"));
        String missing = passing.get(chosen).missingApprovals();
        say.line("v" + chosen.version() + (missing.isEmpty() ? " passed" : " waits only for approvals: " + missing));
        say.link("→", MODEL_PATH + "/versions/" + candidates.getFirst().version() + "/gate-verdicts");
        return chosen;
    }

    private void approve(Team team, Candidate chosen) {
        say.begin("Approvals");
        String path = MODEL_PATH + "/versions/" + chosen.version() + "/approvals";
        JsonNode status = Api.JSON.missingNode();
        List<Person> reviewers = List.of(team.engineer(), team.meteorologist(), team.compliance());
        for (Person reviewer : reviewers) {
            status = api.post(reviewer, path, Api.JSON.createObjectNode().put("target", PRODUCTION).put("decision", "approve")
                    .put("comment", "reviewed " + chosen.recipe().describe() + ": accuracy "
                            + Narrator.number(chosen.holdoutAccuracy()) + " on " + WeatherData.HOLDOUT_YEAR)).path("status");
        }
        say.headline(String.join(", ", reviewers.stream().map(Person::toString).toList()) + " approved v"
                + chosen.version() + " for " + PRODUCTION + ": " + status.path("met").size() + " of "
                + (status.path("met").size() + status.path("missing").size()) + " met"
                + (status.path("complete").asBoolean() ? ", complete" : ", missing " + status.path("missing")));
        say.link("→", path + "?target=" + PRODUCTION);
    }

    private void promote(Person engineer, Candidate chosen, long baseline) {
        say.begin("Promote");
        Api.Answer answer = api.call(engineer, "POST", MODEL_PATH + "/promotions", "application/json",
                Api.JSON.createObjectNode().put("version", chosen.version()).put("target", PRODUCTION)
                        .put("replaces", baseline).put("reason", chosen.recipe().describe() + " beats v" + baseline
                                + " on " + WeatherData.HOLDOUT_YEAR).toString());
        if (!answer.ok()) {
            GateReport refused = new GateReport(answer.body().path("verdict"));
            throw new LoopFailure("the promotion of v" + chosen.version() + " was refused (HTTP " + answer.status() + "): "
                    + answer.body().path("detail").asText("no details") + " " + String.join("; ", refused.failing(true)
                    .stream().map(GateReport::describe).toList()));
        }
        GateReport verdict = new GateReport(answer.body().path("verdict"));
        say.headline(engineer.name() + " moved " + PRODUCTION + " of " + MODEL + " from v" + baseline + " to v"
                + chosen.version() + " (gate PASSED, " + verdict.passing() + " of " + verdict.checks()
                + " checks; v" + baseline + " kept as alias '" + answer.body().path("previous_alias").asText() + "')");
        say.link("→", MODEL_PATH + "/stage-history");
    }

    private static double accuracy(JsonNode evaluation) {
        JsonNode accuracy = evaluation.at("/metrics/accuracy");
        if (!accuracy.isNumber()) {
            throw new LoopFailure("an evaluation came back without an accuracy: " + evaluation);
        }
        return accuracy.asDouble();
    }

    private static String seconds(Trainer.Trained trained) {
        return String.format(Locale.ROOT, "%.1f s", trained.took().toMillis() / 1000.0);
    }
}
