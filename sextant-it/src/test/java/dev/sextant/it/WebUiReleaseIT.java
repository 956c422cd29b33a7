package dev.sextant.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releasing a model through the web UI against a real server: a model trained on the shared
 * weather data, evaluated on it, under a policy whose Production gate needs an accuracy and the
 * approval of an ml-engineer and a compliance approver. The gate's checks are shown one by one;
 * the promotion is refused until both approvers have approved (each in their own browser tab with
 * their own token), then succeeds with its reason on record, and can be rolled back with a reason.
 * A viewer is offered none of it, and neither a data scientist nor an approver of another domain is
 * offered a decision: the page follows what the server says the caller may do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiReleaseIT extends BrowserTest {
    private static final String ADMIN = "ui-release-admin-token-0123456789abcdef";
    private static final String MODEL = "rain";
    private static final String POLICY = """
            approval_sets:
              signoff:
                - role: ml-engineer
                - domain: compliance
            targets:
              Production:
                gates:
                  - metric: accuracy
                    min: 0.5
                  - digests: verified
                approvals: signoff
            """;

    private Map<String, String> tokens;

    WebUiReleaseIT() {
        super(20_000);
    }

    @BeforeAll
    void start(@TempDir Path dataDir, @TempDir Path profile) {
        server = ServerProcess.start(new ServerProcess.Options(dataDir, Optional.empty(), List.of("-Xmx768m"),
                // sam trains on the shared weather data by server path: its directory is a data root.
                Map.of("SEXTANT_ADMIN_TOKEN", ADMIN, "SEXTANT_TRAINING_DATA_ROOTS",
                        LoggedModels.shared().resolve("data").toString())));
        seed(() -> {
            Http admin = new Http(server.baseUrl(), ADMIN);
            tokens = Map.of("erin", token(admin, "erin", "ml-engineer", ""), "carol", token(admin, "carol", "approver",
                    "compliance"), "victor", token(admin, "victor", "viewer", ""), "sam", token(admin, "sam",
                    "data-scientist", ""), "dana", token(admin, "dana", "approver", "legal"));
            trainAndEvaluate();
            Http.Response policy = as("erin").send("PUT", "/api/v1/models/" + MODEL + "/release-policy",
                    "application/yaml", POLICY.getBytes(StandardCharsets.UTF_8));
            assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        });
        chromium = HeadlessChromium.launch(profile);
    }

    private Http as(String user) {
        return new Http(server.baseUrl(), tokens.get(user));
    }

    private static String token(Http admin, String name, String role, String domain) {
        var body = Http.object().put("name", name).put("role", role);
        if (!domain.isEmpty()) {
            body.put("domain", domain);
        }
        Http.Response created = admin.postJson("/api/v1/tokens", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("secret").asText();
    }

    /** sam trains a logistic regression on weather.csv (registered as the next version of rain) and evaluates it. */
    private long trainAndEvaluate() {
        Path csv = LoggedModels.shared().resolve("data/weather.csv");
        Http.Response submitted = as("sam").postJson("/api/v1/training-runs", Http.object()
                .put("data", csv.toString()).put("target", "weather").put("algorithm", "logistic-regression")
                .put("experiment", "rain").put("register", MODEL));
        assertThat(submitted.status()).as(submitted.toString()).isBetween(200, 202);
        String job = submitted.json().path("id").asText();
        JsonNode state = submitted.json();
        for (int i = 0; i < 600 && !List.of("succeeded", "failed").contains(state.path("state").asText()); i++) {
            ServerProcess.sleep(200);
            state = as("sam").get("/api/v1/training-runs/" + job).json();
        }
        assertThat(state.path("state").asText()).as(state.toString()).isEqualTo("succeeded");
        long version = state.path("model_version").path("version").asLong();
        String content;
        try {
            content = Files.readString(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Http.Response evaluated = as("sam").postJson("/api/v1/models/" + MODEL + "/versions/" + version + "/evaluations",
                Http.object().put("target", "weather").put("latency_rows", 10).set("data", Http.object()
                        .put("name", "weather.csv").put("content", content)));
        assertThat(evaluated.status()).as(evaluated.toString()).isEqualTo(201);
        return version;
    }

    private void signIn(String user, String route) {
        BrowserSignIn.open(page, server.baseUrl(), route, tokens.get(user), user);
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator dialog() {
        return page.getByRole(AriaRole.DIALOG);
    }

    private String stageOf(long version) {
        return as("sam").get("/api/v1/models/" + MODEL + "/versions/" + version).json().path("stage").asText();
    }

    @Test
    @Order(1)
    void aViewerSeesTheGateButNoReleaseAction() {
        page.setViewportSize(1280, 720);
        signIn("victor", "/models/" + MODEL + "/versions/1");
        assertThat(page.locator("#release-target")).hasValue("Production");
        assertThat(page.locator("#release-policy-source")).containsText("its own");
        assertThat(page.locator("#approvals-status")).containsText("missing role ml-engineer, domain compliance");
        assertThat(page.locator("#release")).containsText("Promotion and rollback need MANAGE on rain");
        assertThat(page.locator("#approval-read-only")).containsText("victor (viewer) is not one of them");
        Pattern releaseActions = Pattern.compile("promote|approve|reject|roll ?back|run gate|stage|alias|delete",
                Pattern.CASE_INSENSITIVE);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(releaseActions))).hasCount(0);
        // At laptop width nothing scrolls sideways, and every control has a name.
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        assertThat((List<?>) page.evaluate(WebUiIT.UNLABELLED)).isEmpty();
    }

    @Test
    @Order(2)
    void onlyTheReviewersTheSetAsksForAreOfferedADecision() {
        // dana approves, but for legal: the set asks for compliance, so she is offered no decision.
        for (String forbidden : List.of("dana", "sam")) {
            // Each reviewer in a page of their own: a page keeps the token it signed in with.
            page.close();
            page = chromium.context().newPage();
            signIn(forbidden, "/models/" + MODEL + "/versions/1");
            assertThat(page.locator("#approval-requirements tbody tr")).hasCount(2);
            assertThat(page.locator("#approval-requirements tbody td:nth-child(5)"))
                    .hasText(new String[] {"may not approve", "may not approve"});
            assertThat(page.locator("#approval-read-only")).containsText("is not one of them");
            assertThat(button("Approve…")).hasCount(0);
            assertThat(button("Reject…")).hasCount(0);
            Http.Response refused = as(forbidden).postJson("/api/v1/models/" + MODEL + "/versions/1/approvals",
                    Http.object().put("target", "Production").put("decision", "approve"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        }
        // The compliance approver is offered it, for the compliance requirement only.
        page.close();
        page = chromium.context().newPage();
        signIn("carol", "/models/" + MODEL + "/versions/1");
        Locator rows = page.locator("#approval-requirements tbody tr");
        assertThat(rows.filter(new Locator.FilterOptions().setHasText("domain compliance")))
                .containsText("approver of compliance");
        assertThat(rows.filter(new Locator.FilterOptions().setHasText("domain compliance")).locator("td").nth(4))
                .hasText("may approve");
        assertThat(rows.filter(new Locator.FilterOptions().setHasText("role ml-engineer")).locator("td").nth(4))
                .hasText("may not approve");
        assertThat(rows.filter(new Locator.FilterOptions().setHasText("role ml-engineer")).locator("td").nth(2))
                .hasText("0 of 1");
        assertThat(button("Approve…")).isVisible();
        assertThat(button("Reject…")).isVisible();
        assertThat(page.locator("#approval-read-only")).hasCount(0);
    }

    @Test
    @Order(3)
    void promotionIsRefusedUntilTheApproversTheGateNamesHaveApproved() {
        signIn("erin", "/models/" + MODEL + "/versions/1");
        assertThat(page.locator("#release")).containsText("No gate verdict for Production yet.");
        button("Run gate…").click();
        button("Run gate").click();
        Locator checks = page.locator("#gate-checks tbody tr");
        assertThat(checks).hasCount(3);
        assertThat(page.locator("#gate-summary")).containsText("FAILED");
        assertThat(page.locator("#gate-summary")).containsText("2 of 3 checks passed");
        Locator accuracy = checks.filter(new Locator.FilterOptions().setHasText("accuracy >= 0.5"));
        assertThat(accuracy).containsText("pass");
        assertThat(accuracy.locator("td").nth(3)).hasText(">= 0.5");
        assertThat(accuracy.locator("td").nth(2)).hasText(Pattern.compile("^0\\.\\d+"));
        Locator approvals = checks.filter(new Locator.FilterOptions().setHasText("approvals"));
        assertThat(approvals).containsText("FAIL");
        assertThat(approvals).hasClass(Pattern.compile("fail"));

        // Refused before the approvals: the reason is shown and nothing moves.
        button("Promote to Production…").click();
        page.getByLabel("Reason").fill("first release");
        button("Promote").click();
        assertThat(dialog().getByRole(AriaRole.ALERT)).containsText("refused");
        assertThat(dialog().getByRole(AriaRole.ALERT)).containsText("approvals 'signoff' complete");
        button("Cancel").click();
        assertThat(stageOf(1)).isEqualTo("None");

        // The compliance approver approves in their own tab; they cannot promote.
        Page erinsPage = page;
        page = chromium.context().newPage();
        try {
            signIn("carol", "/models/" + MODEL + "/versions/1");
            assertThat(button("Promote to Production…")).hasCount(0);
            button("Approve…").click();
            page.getByLabel("Comment").fill("privacy review done");
            button("Approve").click();
            assertThat(page.locator("#approvals-status")).containsText("1 of 2 met; missing role ml-engineer");
            assertThat(page.locator("#approval-decisions")).containsText("privacy review done");
            // A rejection needs a comment: the dialog says so and sends nothing.
            button("Reject…").click();
            button("Reject").click();
            assertThat(dialog().getByRole(AriaRole.ALERT)).containsText("Comment is required");
            button("Cancel").click();
        } finally {
            page.close();
            page = erinsPage;
        }

        page.reload();
        button("Approve…").click();
        button("Approve").click();
        assertThat(page.locator("#approvals-status")).containsText("COMPLETE");
        assertThat(page.locator("#approvals-status")).containsText("2 of 2 met");

        button("Promote to Production…").click();
        page.getByLabel("Reason").fill("first release: accuracy above 0.5, signed off");
        button("Promote").click();
        assertThat(dialog()).hasCount(0);
        assertThat(page.locator(".page-head .stage")).hasText("Production");
        assertThat(page.locator("#promotion-state")).containsText("Version 1 holds Production");
        assertThat(page.locator("#gate-summary")).containsText("PASSED");
        assertThat(stageOf(1)).isEqualTo("Production");

        page.locator(".breadcrumbs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(MODEL)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(MODEL).setExact(true)))
                .isVisible();
        Locator history = page.locator("#stage-history tbody tr");
        assertThat(history).hasCount(1);
        assertThat(history.first()).containsText("promoted");
        assertThat(history.first()).containsText("erin");
        assertThat(history.first()).containsText("first release: accuracy above 0.5, signed off");
    }

    @Test
    @Order(4)
    void aPromotionIsRolledBackWithAReason() {
        long second = trainAndEvaluate();
        for (String reviewer : List.of("carol", "erin")) {
            Http.Response approved = as(reviewer).postJson("/api/v1/models/" + MODEL + "/versions/" + second + "/approvals",
                    Http.object().put("target", "Production").put("decision", "approve"));
            assertThat(approved.status()).as(approved.toString()).isEqualTo(201);
        }
        Http.Response promoted = as("erin").postJson("/api/v1/models/" + MODEL + "/promotions", Http.object()
                .put("version", second).put("target", "Production").put("reason", "retrained"));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(201);

        signIn("erin", "/models/" + MODEL + "/versions/" + second);
        assertThat(page.locator("#promotion-state")).containsText("holds Production");
        button("Roll back Production…").click();
        button("Roll back").click();
        assertThat(dialog().getByRole(AriaRole.ALERT)).containsText("Reason is required");
        page.getByLabel("Reason").fill("p99 latency regressed in production");
        button("Roll back").click();
        assertThat(dialog()).hasCount(0);
        assertThat(page.locator("#promotion-state")).containsText("does not hold Production");
        assertThat(stageOf(1)).isEqualTo("Production");

        JsonNode history = as("sam").get("/api/v1/models/" + MODEL + "/stage-history").json().path("history");
        assertThat(history.get(0).path("action").asText()).isEqualTo("rolled_back");
        assertThat(history.get(0).path("reason").asText()).isEqualTo("p99 latency regressed in production");
        assertThat(history.get(0).path("actor").asText()).isEqualTo("erin");
    }
}
