package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MlflowPaginationIT extends ServerTest {
    private static final String API = "/api/2.0/mlflow";

    static String experimentId;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 5; i++) {
            http.postJson(API + "/experiments/create", "{\"name\":\"page-" + i + "\"}");
        }
        experimentId = http.postJson(API + "/experiments/create", "{\"name\":\"paged-runs\"}").json()
                .get("experiment_id").textValue();
        for (int i = 0; i < 7; i++) {
            http.postJson(API + "/runs/create", "{\"experiment_id\":\"" + experimentId + "\",\"run_name\":\"run-" + i
                    + "\",\"start_time\":" + (1000 + i) + "}");
        }
    }

    @Test
    void runPagesCoverEveryRunOnceAndTheLastPageHasNoToken() {
        List<String> names = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            HttpResult page = http.postJson(API + "/runs/search", "{\"experiment_ids\":[\"" + experimentId
                    + "\"],\"max_results\":3" + (token.isEmpty() ? "" : ",\"page_token\":\"" + token + "\"") + "}");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("runs").forEach(r -> names.add(r.get("info").get("run_name").textValue()));
            token = page.json().has("next_page_token") ? page.json().get("next_page_token").textValue() : "";
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isEqualTo(3);
        // MLflow's default order: start_time descending.
        assertThat(names).containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0");
    }

    @Test
    void exactlyFullLastPageHasNoToken() {
        HttpResult all = http.postJson(API + "/runs/search", "{\"experiment_ids\":[\"" + experimentId
                + "\"],\"max_results\":7}");

        assertThat(all.json().get("runs")).hasSize(7);
        assertThat(all.json().has("next_page_token")).isFalse();
    }

    @Test
    void experimentPagesWorkOverGetToo() {
        Set<String> names = new HashSet<>();
        String token = "";
        do {
            HttpResult page = http.get(API + "/experiments/search?max_results=2&filter="
                    + URLEncoder.encode("name LIKE 'page-%'", StandardCharsets.UTF_8)
                    + (token.isEmpty() ? "" : "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.get("experiments").size()).isLessThanOrEqualTo(2);
            body.get("experiments").forEach(e -> assertThat(names.add(e.get("name").textValue())).isTrue());
            token = body.has("next_page_token") ? body.get("next_page_token").textValue() : "";
        } while (!token.isEmpty());

        assertThat(names).containsExactlyInAnyOrder("page-0", "page-1", "page-2", "page-3", "page-4");
    }

    @Test
    void invalidTokensAndLimitsAre400() {
        for (String token : List.of("not-base64!", "eyJmb28iOiAxfQ==")) {
            HttpResult bad = http.postJson(API + "/runs/search", "{\"experiment_ids\":[\"" + experimentId
                    + "\"],\"page_token\":\"" + token + "\"}");
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.json().get("error_code").textValue()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(bad.json().get("message").textValue()).containsIgnoringCase("page token");
        }
        HttpResult tooMany = http.postJson(API + "/runs/search", "{\"max_results\":50001}");
        assertThat(tooMany.status()).isEqualTo(400);
        HttpResult zero = http.postJson(API + "/experiments/search", "{\"max_results\":0}");
        assertThat(zero.status()).isEqualTo(400);
    }
}
