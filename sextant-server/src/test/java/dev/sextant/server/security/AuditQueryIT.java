package dev.sextant.server.security;

import static dev.sextant.server.security.SecuredServer.ADMIN;
import static dev.sextant.server.security.SecuredServer.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the web UI's audit page and action buttons ask the server: audit entries by time range and
 * newest first, and "who am I" with the permissions of the role and the caller's own grants.
 */
class AuditQueryIT {
    @TempDir
    Path dir;

    @Test
    void auditIsFilteredByTimeRangeAndPagedNewestFirst() throws Exception {
        try (SecuredServer server = SecuredServer.start(dir)) {
            String alice = server.token("alice", "data-scientist", "");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(server.http().postJson("/api/2.0/mlflow/experiments/create", "{\"name\":\"e" + i + "\"}",
                        bearer(alice)).json().get("experiment_id").textValue());
                Thread.sleep(30);
            }
            JsonNode all = entries(server, "entity=experiment");
            assertThat(all).hasSize(3);
            String second = all.get(1).get("time").textValue();
            long secondMillis = Instant.parse(second).toEpochMilli();

            // since is inclusive, until exclusive; RFC 3339 and epoch milliseconds both work.
            assertThat(entityIds(entries(server, "entity=experiment&since=" + encode(second))))
                    .containsExactly(ids.get(1), ids.get(2));
            assertThat(entityIds(entries(server, "entity=experiment&until=" + secondMillis)))
                    .containsExactly(ids.get(0));
            assertThat(entityIds(entries(server, "entity=experiment&actor=alice&order=desc")))
                    .containsExactly(ids.get(2), ids.get(1), ids.get(0));
            assertThat(entries(server, "actor=nobody")).isEmpty();

            HttpResult page = server.http().get("/api/v1/audit?entity=experiment&order=desc&max_results=2",
                    bearer(ADMIN));
            long cursor = page.json().get("next_before").asLong();
            assertThat(page.json().has("next_after")).isFalse();
            assertThat(entityIds(entries(server, "entity=experiment&order=desc&max_results=2&before=" + cursor)))
                    .containsExactly(ids.get(0));

            HttpResult badTime = server.http().get("/api/v1/audit?since=yesterday", bearer(ADMIN));
            assertThat(badTime.status()).isEqualTo(400);
            assertThat(badTime.json().get("detail").textValue()).contains("'since'", "2025-03-01T12:00:00Z");
            HttpResult emptyRange = server.http().get("/api/v1/audit?since=2000&until=1000", bearer(ADMIN));
            assertThat(emptyRange.status()).isEqualTo(400);
            assertThat(server.http().get("/api/v1/audit?order=sideways", bearer(ADMIN)).json().get("detail")
                    .textValue()).contains("'asc'", "'desc'");
        }
    }

    @Test
    void whoamiSaysWhatTheCallerMayDo() {
        try (SecuredServer server = SecuredServer.start(dir)) {
            String viewer = server.token("victor", "viewer", "");
            server.asAdmin("PUT", "/api/v1/grants",
                    "{\"principal\":\"victor\",\"kind\":\"registered-model\",\"resource_id\":\"churn\","
                            + "\"permission\":\"MANAGE\"}");
            JsonNode me = server.http().get("/api/v1/auth/whoami", bearer(viewer)).json();
            assertThat(me.get("permissions").get("experiment").textValue()).isEqualTo("READ");
            assertThat(me.get("permissions").get("registered-model").textValue()).isEqualTo("READ");
            assertThat(me.get("grants")).singleElement().satisfies(grant -> {
                assertThat(grant.get("resource_id").textValue()).isEqualTo("churn");
                assertThat(grant.get("permission").textValue()).isEqualTo("MANAGE");
            });

            String engineer = server.token("erin", "ml-engineer", "");
            JsonNode erin = server.http().get("/api/v1/auth/whoami", bearer(engineer)).json();
            assertThat(erin.get("permissions").get("deployment").textValue()).isEqualTo("MANAGE");
            assertThat(erin.get("grants")).isEmpty();

            String predictor = server.token("bot", "ml-engineer", ",\"scopes\":[\"predict:churn\"]");
            JsonNode bot = server.http().get("/api/v1/auth/whoami", bearer(predictor)).json();
            assertThat(bot.get("permissions").get("registered-model").textValue()).isEqualTo("NO_PERMISSIONS");
        }
    }

    private static JsonNode entries(SecuredServer server, String query) {
        HttpResult result = server.http().get("/api/v1/audit?" + query, bearer(ADMIN));
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.json().get("entries");
    }

    private static List<String> entityIds(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.get("entity_id").textValue()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
