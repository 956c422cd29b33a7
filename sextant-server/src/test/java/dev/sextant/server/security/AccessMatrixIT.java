package dev.sextant.server.security;

import static dev.sextant.server.security.SecuredServer.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.HttpResult;
import dev.sextant.server.http.RouteCatalog;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered route, for every role: 401 without credentials, 403 where the role may not, and
 * through the guard (any other status) where it may. What each route needs is written down here,
 * independently of the policies in the code, so that a route added without a deliberate decision
 * (here and in its policy) fails this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    /** What a route needs, as the security design states it. */
    enum Need { OPEN, ANY_TOKEN, ADMIN, READ_EXPERIMENT, EDIT_EXPERIMENT, MANAGE_EXPERIMENT, READ_MODEL, EDIT_MODEL,
        MANAGE_MODEL, READ_DEPLOYMENT, EDIT_DEPLOYMENT, MANAGE_DEPLOYMENT, READ_DATASET, EDIT_DATASET, MANAGE_DATASET,
        PREDICT }

    /**
     * The design's roles, restated: what each may do with experiments, models, deployments and datasets.
     * Everyone who may read a deployment may predict on it (auth.predict-requires-scope is off here).
     */
    private static final Map<String, Set<Need>> ROLES = Map.of(
            "viewer", Set.of(Need.OPEN, Need.ANY_TOKEN, Need.READ_EXPERIMENT, Need.READ_MODEL, Need.READ_DEPLOYMENT,
                    Need.READ_DATASET, Need.PREDICT),
            "approver", Set.of(Need.OPEN, Need.ANY_TOKEN, Need.READ_EXPERIMENT, Need.READ_MODEL, Need.READ_DEPLOYMENT,
                    Need.READ_DATASET, Need.PREDICT),
            "data-scientist", Set.of(Need.OPEN, Need.ANY_TOKEN, Need.READ_EXPERIMENT, Need.EDIT_EXPERIMENT,
                    Need.MANAGE_EXPERIMENT, Need.READ_MODEL, Need.EDIT_MODEL, Need.READ_DEPLOYMENT, Need.READ_DATASET,
                    Need.EDIT_DATASET, Need.PREDICT),
            "ml-engineer", Set.of(Need.OPEN, Need.ANY_TOKEN, Need.READ_EXPERIMENT, Need.EDIT_EXPERIMENT,
                    Need.MANAGE_EXPERIMENT, Need.READ_MODEL, Need.EDIT_MODEL, Need.MANAGE_MODEL, Need.READ_DEPLOYMENT,
                    Need.EDIT_DEPLOYMENT, Need.MANAGE_DEPLOYMENT, Need.READ_DATASET, Need.EDIT_DATASET,
                    Need.MANAGE_DATASET, Need.PREDICT),
            "admin", Set.of(Need.values()),
            // A token scoped to prediction (predict:*) reaches what is open, "who am I" and prediction.
            "predict-only", Set.of(Need.OPEN, Need.ANY_TOKEN, Need.PREDICT));

    private static final Map<String, Need> EXPECTED = new LinkedHashMap<>();

    static {
        Need read = Need.READ_EXPERIMENT;
        Need edit = Need.EDIT_EXPERIMENT;
        Need manage = Need.MANAGE_EXPERIMENT;
        // MLflow tracking API (both prefixes)
        for (String p : List.of("/api/2.0/mlflow", "/ajax-api/2.0/mlflow")) {
            for (String rpc : List.of("log-batch", "log-metric", "log-parameter", "set-tag", "delete-tag", "log-inputs",
                    "create", "update")) {
                EXPECTED.put("POST " + p + "/runs/" + rpc, edit);
            }
            EXPECTED.put("GET " + p + "/runs/get", read);
            EXPECTED.put("POST " + p + "/runs/delete", manage);
            EXPECTED.put("POST " + p + "/runs/restore", manage);
            EXPECTED.put("POST " + p + "/runs/search", read);
            EXPECTED.put("GET " + p + "/metrics/get-history", read);
            EXPECTED.put("GET " + p + "/artifacts/list", read);
            EXPECTED.put("POST " + p + "/experiments/create", edit);
            EXPECTED.put("GET " + p + "/experiments/get", read);
            EXPECTED.put("GET " + p + "/experiments/get-by-name", read);
            EXPECTED.put("POST " + p + "/experiments/search", read);
            EXPECTED.put("GET " + p + "/experiments/search", read);
            EXPECTED.put("POST " + p + "/experiments/update", edit);
            EXPECTED.put("POST " + p + "/experiments/delete", manage);
            EXPECTED.put("POST " + p + "/experiments/restore", manage);
            EXPECTED.put("POST " + p + "/experiments/set-experiment-tag", edit);
            EXPECTED.put("POST " + p + "/experiments/delete-experiment-tag", edit);
        }
        for (String p : List.of("/api/2.0/mlflow-artifacts", "/ajax-api/2.0/mlflow-artifacts")) {
            EXPECTED.put("GET " + p + "/artifacts", read);
            EXPECTED.put("GET " + p + "/artifacts/{+path}", read);
            EXPECTED.put("PUT " + p + "/artifacts/{+path}", edit);
            EXPECTED.put("DELETE " + p + "/artifacts/{+path}", manage);
            EXPECTED.put("POST " + p + "/mpu/create/{+path}", edit);
            EXPECTED.put("POST " + p + "/mpu/complete/{+path}", edit);
            EXPECTED.put("POST " + p + "/mpu/abort/{+path}", edit);
        }
        // MLflow model registry API (both prefixes)
        for (String p : List.of("/api/2.0/mlflow", "/ajax-api/2.0/mlflow")) {
            String m = p + "/registered-models/";
            String v = p + "/model-versions/";
            EXPECTED.put("POST " + m + "create", Need.EDIT_MODEL);
            EXPECTED.put("POST " + m + "rename", Need.EDIT_MODEL);
            EXPECTED.put("PATCH " + m + "update", Need.EDIT_MODEL);
            EXPECTED.put("DELETE " + m + "delete", Need.MANAGE_MODEL);
            EXPECTED.put("GET " + m + "get", Need.READ_MODEL);
            EXPECTED.put("GET " + m + "search", Need.READ_MODEL);
            EXPECTED.put("POST " + m + "get-latest-versions", Need.READ_MODEL);
            EXPECTED.put("GET " + m + "get-latest-versions", Need.READ_MODEL);
            EXPECTED.put("POST " + m + "set-tag", Need.EDIT_MODEL);
            EXPECTED.put("DELETE " + m + "delete-tag", Need.EDIT_MODEL);
            EXPECTED.put("POST " + m + "alias", Need.MANAGE_MODEL);
            EXPECTED.put("DELETE " + m + "alias", Need.MANAGE_MODEL);
            EXPECTED.put("GET " + m + "alias", Need.READ_MODEL);
            EXPECTED.put("POST " + v + "create", Need.EDIT_MODEL);
            EXPECTED.put("PATCH " + v + "update", Need.EDIT_MODEL);
            EXPECTED.put("POST " + v + "transition-stage", Need.MANAGE_MODEL);
            EXPECTED.put("DELETE " + v + "delete", Need.MANAGE_MODEL);
            EXPECTED.put("GET " + v + "get", Need.READ_MODEL);
            EXPECTED.put("GET " + v + "search", Need.READ_MODEL);
            EXPECTED.put("GET " + v + "get-download-uri", Need.READ_MODEL);
            EXPECTED.put("POST " + v + "set-tag", Need.EDIT_MODEL);
            EXPECTED.put("DELETE " + v + "delete-tag", Need.EDIT_MODEL);
        }
        String v1 = "/api/v1";
        String model = v1 + "/models/{name}";
        EXPECTED.put("PUT " + model + "/versions/{version}/tags/{+key}", Need.EDIT_MODEL);
        EXPECTED.put("DELETE " + model + "/versions/{version}/tags/{+key}", Need.EDIT_MODEL);
        EXPECTED.put("GET " + model + "/versions/{version}", Need.READ_MODEL);
        // A version patch edits its description with EDIT; one that moves the stage needs MANAGE, as
        // transition-stage does (see stageChangesNeedManage, where the body sets a stage).
        EXPECTED.put("PATCH " + model + "/versions/{version}", Need.EDIT_MODEL);
        EXPECTED.put("DELETE " + model + "/versions/{version}", Need.MANAGE_MODEL);
        EXPECTED.put("GET " + model + "/versions", Need.READ_MODEL);
        EXPECTED.put("POST " + model + "/versions", Need.EDIT_MODEL);
        EXPECTED.put("GET " + model + "/aliases/{alias}", Need.READ_MODEL);
        EXPECTED.put("PUT " + model + "/aliases/{alias}", Need.MANAGE_MODEL);
        EXPECTED.put("DELETE " + model + "/aliases/{alias}", Need.MANAGE_MODEL);
        EXPECTED.put("PUT " + model + "/tags/{+key}", Need.EDIT_MODEL);
        EXPECTED.put("DELETE " + model + "/tags/{+key}", Need.EDIT_MODEL);
        EXPECTED.put("GET " + model, Need.READ_MODEL);
        EXPECTED.put("PATCH " + model, Need.EDIT_MODEL);
        EXPECTED.put("DELETE " + model, Need.MANAGE_MODEL);
        EXPECTED.put("GET " + v1 + "/models", Need.READ_MODEL);
        EXPECTED.put("POST " + v1 + "/models", Need.EDIT_MODEL);
        EXPECTED.put("GET " + v1 + "/model-uris", Need.READ_MODEL);
        EXPECTED.put("GET " + v1 + "/lineage/upstream", Need.READ_MODEL);
        EXPECTED.put("GET " + v1 + "/lineage/downstream", Need.READ_MODEL);
        EXPECTED.put("GET " + v1 + "/model-verifications", Need.READ_MODEL);
        EXPECTED.put("POST " + model + "/versions/{version}/signatures", Need.EDIT_MODEL);
        // Releasing: evaluating and gating edit a model; approving needs only READ (the approval set decides who may);
        // promoting, rolling back and setting a model's policy manage it; the server default and webhooks are admin's.
        String version = model + "/versions/{version}";
        EXPECTED.put("POST " + version + "/evaluations", Need.EDIT_MODEL);
        EXPECTED.put("GET " + version + "/evaluations", Need.READ_MODEL);
        EXPECTED.put("GET " + version + "/evaluations/{id}", Need.READ_MODEL);
        EXPECTED.put("GET " + model + "/evaluations", Need.READ_MODEL);
        EXPECTED.put("POST " + version + "/gate-verdicts", Need.EDIT_MODEL);
        EXPECTED.put("GET " + version + "/gate-verdicts", Need.READ_MODEL);
        EXPECTED.put("GET " + version + "/gate-verdicts/{id}", Need.READ_MODEL);
        EXPECTED.put("POST " + version + "/approvals", Need.READ_MODEL);
        EXPECTED.put("GET " + version + "/approvals", Need.READ_MODEL);
        EXPECTED.put("POST " + model + "/promotions", Need.MANAGE_MODEL);
        EXPECTED.put("POST " + model + "/rollbacks", Need.MANAGE_MODEL);
        EXPECTED.put("GET " + model + "/stage-history", Need.READ_MODEL);
        EXPECTED.put("GET " + model + "/release-policy", Need.READ_MODEL);
        EXPECTED.put("PUT " + model + "/release-policy", Need.MANAGE_MODEL);
        EXPECTED.put("DELETE " + model + "/release-policy", Need.MANAGE_MODEL);
        EXPECTED.put("GET " + v1 + "/release-policy", Need.ANY_TOKEN);
        for (String admin : List.of("PUT /release-policy", "DELETE /release-policy", "POST /webhooks", "GET /webhooks",
                "GET /webhooks/{id}", "DELETE /webhooks/{id}", "GET /webhooks/{id}/deliveries")) {
            EXPECTED.put(admin.replace(" /", " " + v1 + "/"), Need.ADMIN);
        }
        EXPECTED.put("POST " + v1 + "/runs/{id}/batch", edit);
        EXPECTED.put("GET " + v1 + "/runs/{id}/metrics/{+key}/history", read);
        EXPECTED.put("GET " + v1 + "/runs/{id}/metrics/{+key}/downsampled", read);
        EXPECTED.put("GET " + v1 + "/runs/{id}/artifacts", read);
        EXPECTED.put("POST " + v1 + "/runs/{id}/restore", manage);
        EXPECTED.put("GET " + v1 + "/runs/{id}", read);
        EXPECTED.put("PATCH " + v1 + "/runs/{id}", edit);
        EXPECTED.put("DELETE " + v1 + "/runs/{id}", manage);
        EXPECTED.put("GET " + v1 + "/runs", read);
        EXPECTED.put("GET " + v1 + "/training-runs/{id}", read);
        EXPECTED.put("GET " + v1 + "/training-runs", read);
        EXPECTED.put("POST " + v1 + "/training-runs", edit);
        EXPECTED.put("POST " + v1 + "/runs", edit);
        EXPECTED.put("GET " + v1 + "/experiments/by-name/{+name}", read);
        EXPECTED.put("POST " + v1 + "/experiments/{id}/restore", manage);
        EXPECTED.put("PUT " + v1 + "/experiments/{id}/tags/{+key}", edit);
        EXPECTED.put("DELETE " + v1 + "/experiments/{id}/tags/{+key}", edit);
        EXPECTED.put("GET " + v1 + "/experiments/{id}", read);
        EXPECTED.put("PATCH " + v1 + "/experiments/{id}", edit);
        EXPECTED.put("DELETE " + v1 + "/experiments/{id}", manage);
        EXPECTED.put("GET " + v1 + "/experiments", read);
        EXPECTED.put("POST " + v1 + "/experiments", edit);
        EXPECTED.put("GET " + v1 + "/auth/whoami", Need.ANY_TOKEN);
        for (String admin : List.of("POST /tokens", "GET /tokens", "DELETE /tokens/{id}", "PUT /grants", "GET /grants",
                "DELETE /grants", "GET /audit/verify", "GET /audit")) {
            EXPECTED.put(admin.replace(" /", " " + v1 + "/"), Need.ADMIN);
        }
        // Deployments: read for every role; spec changes need EDIT, traffic moves and deletion MANAGE.
        String deployment = v1 + "/deployments/{name}";
        EXPECTED.put("GET " + v1 + "/deployments", Need.READ_DEPLOYMENT);
        EXPECTED.put("POST " + v1 + "/deployments", Need.EDIT_DEPLOYMENT);
        EXPECTED.put("GET " + deployment, Need.READ_DEPLOYMENT);
        EXPECTED.put("GET " + deployment + "/metrics", Need.READ_DEPLOYMENT);
        EXPECTED.put("PUT " + deployment, Need.EDIT_DEPLOYMENT);
        EXPECTED.put("PATCH " + deployment, Need.EDIT_DEPLOYMENT);
        EXPECTED.put("DELETE " + deployment, Need.MANAGE_DEPLOYMENT);
        EXPECTED.put("POST " + deployment + "/switch", Need.MANAGE_DEPLOYMENT);
        EXPECTED.put("POST " + deployment + "/promote", Need.MANAGE_DEPLOYMENT);
        EXPECTED.put("POST " + deployment + "/rollback", Need.MANAGE_DEPLOYMENT);
        // Datasets: read for every role; pushing a version needs EDIT (data scientists), deleting one MANAGE.
        String dataset = v1 + "/datasets/{name}";
        EXPECTED.put("GET " + v1 + "/datasets", Need.READ_DATASET);
        EXPECTED.put("GET " + dataset, Need.READ_DATASET);
        EXPECTED.put("GET " + dataset + "/versions", Need.READ_DATASET);
        EXPECTED.put("POST " + dataset + "/versions", Need.EDIT_DATASET);
        EXPECTED.put("GET " + dataset + "/versions/{version}", Need.READ_DATASET);
        EXPECTED.put("GET " + dataset + "/versions/{version}/content", Need.READ_DATASET);
        EXPECTED.put("DELETE " + dataset + "/versions/{version}", Need.MANAGE_DATASET);
        // Inference: the Open Inference Protocol and MLflow scoring; health probes are open.
        EXPECTED.put("GET /v2/health/live", Need.OPEN);
        EXPECTED.put("GET /v2/health/ready", Need.OPEN);
        EXPECTED.put("GET /v2", Need.ANY_TOKEN);
        for (String m : List.of("/v2/models/{name}", "/v2/models/{name}/versions/{version}")) {
            EXPECTED.put("GET " + m, Need.PREDICT);
            EXPECTED.put("GET " + m + "/ready", Need.PREDICT);
            EXPECTED.put("POST " + m + "/infer", Need.PREDICT);
        }
        EXPECTED.put("POST /deployments/{name}/invocations", Need.PREDICT);
        EXPECTED.put("POST /invocations", Need.PREDICT);
        EXPECTED.put("GET /health/live", Need.OPEN);
        EXPECTED.put("GET /health/ready", Need.OPEN);
        EXPECTED.put("GET /metrics", Need.OPEN);
        EXPECTED.put("GET /openapi.json", Need.OPEN);
        // The web UI's page and assets load before sign-in; its data comes through the APIs above.
        EXPECTED.put("GET /", Need.OPEN);
        EXPECTED.put("GET /ui/{+path}", Need.OPEN);
        EXPECTED.put("GET /webjars/{name}/{+path}", Need.OPEN);
    }

    private SecuredServer server;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String experimentId;
    private String runId;

    @BeforeAll
    void start(@TempDir Path dir) {
        server = SecuredServer.start(dir);
        for (String role : List.of("viewer", "data-scientist", "ml-engineer", "admin")) {
            tokens.put(role, server.token("matrix-" + role, role, ""));
        }
        tokens.put("approver", server.token("matrix-approver", "approver", ",\"domain\":\"compliance\""));
        tokens.put("predict-only", server.token("matrix-app", "viewer", ",\"scopes\":[\"predict:*\"]"));
        experimentId = server.asAdmin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"matrix\"}")
                .get("experiment_id").textValue();
        runId = server.asAdmin("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experimentId + "\"}")
                .get("run").get("info").get("run_id").textValue();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRouteHasAnExpectationAndEveryExpectationARoute() {
        Set<String> served = new TreeSet<>();
        server.server().routes().forEach(route -> served.add(key(route)));
        assertThat(served).as("routes served without an expectation in this test")
                .isSubsetOf(EXPECTED.keySet());
        assertThat(EXPECTED.keySet()).as("expectations for routes that are not served").isSubsetOf(served);
    }

    @Test
    void everyRoleGetsExactlyWhatTheDesignSays() {
        List<String> wrong = new ArrayList<>();
        for (RouteCatalog.Entry route : server.server().routes()) {
            Need need = EXPECTED.get(key(route));
            if (need == null) {
                continue; // reported by the test above
            }
            // HEAD is served wherever GET is, and must be guarded exactly as GET.
            List<String> methods = route.method().text().equals("GET") ? List.of("GET", "HEAD")
                    : List.of(route.method().text());
            for (String method : methods) {
                int anonymous = send(route, method, new String[0]).status();
                check(wrong, route, method, "no credentials", anonymous, need == Need.OPEN ? "through" : "401");
                int forged = send(route, method, bearer("sxt_0123456789abcdef_forged")).status();
                check(wrong, route, method, "an unknown token", forged, need == Need.OPEN ? "through" : "401");
                for (Map.Entry<String, String> role : tokens.entrySet()) {
                    int status = send(route, method, bearer(role.getValue())).status();
                    check(wrong, route, method, role.getKey(), status,
                            ROLES.get(role.getKey()).contains(need) ? "through" : "403");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The same route, PATCH of a version, needs MANAGE once the body moves the stage, however the
     * body is spelled (an object sent as a JSON string is read the same way by the handler).
     */
    @Test
    void stageChangesNeedManage() {
        server.asAdmin("POST", "/api/v1/models", "{\"name\":\"staged\"}");
        String version = "/api/v1/models/staged/versions/1";
        List<String> wrong = new ArrayList<>();
        for (String body : List.of("{\"stage\":\"Staging\"}", "{\"description\":\"d\",\"stage\":\"Staging\"}",
                "\"{\\\"stage\\\":\\\"Staging\\\"}\"")) {
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                int status = server.http().sendJson("PATCH", version, body, bearer(role.getValue())).status();
                boolean through = ROLES.get(role.getKey()).contains(Need.MANAGE_MODEL);
                if (through ? status == 401 || status == 403 : status != 403) {
                    wrong.add("PATCH " + body + " as " + role.getKey() + ": " + status);
                }
            }
            int anonymous = server.http().sendJson("PATCH", version, body).status();
            if (anonymous != 401) {
                wrong.add("PATCH " + body + " without credentials: " + anonymous);
            }
        }
        int description = server.http().sendJson("PATCH", version, "{\"description\":\"d\"}",
                bearer(tokens.get("data-scientist"))).status();
        if (description == 401 || description == 403) {
            wrong.add("PATCH of the description as data-scientist: " + description);
        }
        assertThat(wrong).isEmpty();
        HttpResult refused = server.http().sendJson("PATCH", version, "{\"stage\":\"Production\"}",
                bearer(tokens.get("data-scientist")));
        assertThat(refused.json().path("detail").asText()).contains("MANAGE", "data-scientist");
    }

    /** HEAD answers wherever GET does, under GET's policy, with GET's headers and no body. */
    @Test
    void headIsGetWithoutTheBody() {
        String viewer = tokens.get("viewer");
        for (String path : List.of("/api/v1/experiments/" + experimentId, "/api/2.0/mlflow/experiments/get?experiment_id="
                + experimentId, "/openapi.json", "/v2/health/live", "/health/ready")) {
            HttpResult get = server.http().send("GET", path, BodyPublishers.noBody(), bearer(viewer));
            HttpResult head = server.http().send("HEAD", path, BodyPublishers.noBody(), bearer(viewer));
            assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.body()).as("HEAD " + path).isEmpty();
            assertThat(head.header("Content-Type")).as("HEAD " + path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as("HEAD " + path)
                    .isEqualTo(String.valueOf(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        HttpResult anonymous = server.http().send("HEAD", "/api/v1/experiments", BodyPublishers.noBody());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEmpty();
        assertThat(anonymous.header("Content-Type")).isEqualTo("application/problem+json");
        HttpResult allow = server.http().send("DELETE", "/api/v1/experiments", BodyPublishers.noBody(), bearer(viewer));
        assertThat(allow.status()).isEqualTo(405);
        assertThat(allow.header("Allow")).contains("GET", "HEAD", "POST");
    }

    @Test
    void basicAuthenticationCarriesTheTokenAsPassword() {
        String basic = java.util.Base64.getEncoder().encodeToString(("anyone:" + tokens.get("viewer")).getBytes());
        HttpResult result = server.http().get("/api/2.0/mlflow/experiments/get?experiment_id=" + experimentId,
                "Authorization", "Basic " + basic);
        assertThat(result.status()).isEqualTo(200);
        HttpResult refused = server.http().postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"x\"}",
                "Authorization", "Basic " + basic);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error_code").textValue()).isEqualTo("PERMISSION_DENIED");
        assertThat(refused.json().get("message").textValue()).contains("viewer", "EDIT");
    }

    @Test
    void unauthenticatedAnswersSayHowToAuthenticate() {
        HttpResult result = server.http().get("/api/v1/experiments");
        assertThat(result.status()).isEqualTo(401);
        assertThat(result.header("WWW-Authenticate")).contains("Bearer", "Basic");
        assertThat(result.json().get("code").textValue()).isEqualTo("UNAUTHENTICATED");
        assertThat(result.json().get("detail").textValue()).contains("Authorization: Bearer");
    }

    private void check(List<String> wrong, RouteCatalog.Entry route, String method, String who, int status,
                       String expected) {
        boolean ok = switch (expected) {
            case "401" -> status == 401;
            case "403" -> status == 403;
            default -> status != 401 && status != 403;
        };
        if (!ok) {
            wrong.add(method + " " + route.path() + " as " + who + ": " + status + ", expected " + expected);
        }
    }

    private HttpResult send(RouteCatalog.Entry route, String method, String[] auth) {
        String path = route.path()
                .replace("/runs/{id}", "/runs/" + runId)
                .replace("/experiments/{id}", "/experiments/" + experimentId)
                .replace("/tokens/{id}", "/tokens/0000000000000000")
                .replace("/training-runs/{id}", "/training-runs/unknown")
                .replace("{+key}", "k")
                .replace("{+name}", "matrix")
                .replace("{+path}", experimentId + "/" + runId + "/artifacts/file.txt")
                .replace("{name}", "m").replace("{version}", "1").replace("{alias}", "champion")
                .replace("{id}", "0000000000000000");
        String query = "?experiment_id=" + experimentId + "&run_id=" + runId + "&metric_key=m&experiment_name=matrix"
                + "&principal=p&kind=experiment&resource_id=" + experimentId + "&path=" + experimentId + "&name=m&version=1&alias=champion";
        String body = "{\"experiment_id\":\"" + experimentId + "\",\"run_id\":\"" + runId + "\",\"name\":\"m\"}";
        List<String> headers = new ArrayList<>(List.of(auth));
        headers.addAll(List.of("Content-Type", "application/json"));
        String[] all = headers.toArray(String[]::new);
        return switch (method) {
            case "GET", "HEAD", "DELETE" -> server.http().send(method, path + query, BodyPublishers.noBody(), all);
            default -> server.http().send(method, path, BodyPublishers.ofString(body), all);
        };
    }

    private static String key(RouteCatalog.Entry route) {
        return route.method().text() + " " + route.path();
    }
}
