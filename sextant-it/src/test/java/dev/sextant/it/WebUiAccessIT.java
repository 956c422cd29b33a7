package dev.sextant.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.sextant.store.jdbc.MetadataDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The web UI against a server that requires tokens: each person signs in with their own token and
 * is offered only the changes their role (or a grant) allows; administrators read the audit log,
 * filter it on the server by user, entity and time, and see whether its hash chain verifies, also
 * after an entry was edited in the database behind the server's back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiAccessIT extends BrowserTest {
    private static final String ADMIN = "ui-admin-token-0123456789abcdefghijkl";
    private static final String GUARDED = "guarded-model";
    private static final String OTHER = "other-model";

    private Path dataDir;
    private Map<String, String> tokens;
    private String runId;
    private String experimentB;

    WebUiAccessIT() {
        super(15_000);
    }

    @BeforeAll
    void start(@TempDir Path dataDir, @TempDir Path profile) {
        this.dataDir = dataDir;
        server = ServerProcess.start(new ServerProcess.Options(dataDir, Optional.empty(), List.of("-Xmx512m"),
                Map.of("SEXTANT_ADMIN_TOKEN", ADMIN)));
        seed(this::seedUsersAndData);
        chromium = HeadlessChromium.launch(profile);
    }

    /**
     * Two registered models (each a real ONNX model logged by a run) and a grant of MANAGE on one of
     * them to alice; then, 1.5 s apart, three groups of experiment changes for the time filter:
     * alice creates audit-a; erin creates audit-b and renames it; alice creates audit-c.
     */
    private void seedUsersAndData() {
        Http admin = new Http(server.baseUrl(), ADMIN);
        tokens = Map.of("alice", token(admin, "alice", "data-scientist"), "victor", token(admin, "victor", "viewer"),
                "erin", token(admin, "erin", "ml-engineer"));
        String models = admin.mlflowPost("experiments/create", Http.object().put("name", "models"))
                .path("experiment_id").asText();
        JsonNode run = admin.mlflowPost("runs/create", Http.object().put("experiment_id", models)
                .put("run_name", "trainer")).path("run").path("info");
        runId = run.path("run_id").asText();
        LoggedModels.log(admin, runId, run.path("artifact_uri").asText(), "model", "logreg_iris.onnx", true);
        UiData data = new UiData(admin);
        for (String model : List.of(GUARDED, OTHER)) {
            data.createModel(model, "for the access tests");
            data.registerVersion(model, runId, "model");
        }
        data.setAlias(GUARDED, "champion", 1);
        Http.Response grant = admin.send("PUT", "/api/v1/grants", "application/json", Http.write(Http.object()
                .put("principal", "alice").put("kind", "registered-model").put("resource_id", GUARDED)
                .put("permission", "MANAGE")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(grant.status()).as(grant.toString()).isEqualTo(200);

        ServerProcess.sleep(1500);
        createExperiment("alice", "audit-a");
        ServerProcess.sleep(1500);
        experimentB = createExperiment("erin", "audit-b");
        new Http(server.baseUrl(), tokens.get("erin")).mlflowPost("experiments/update", Http.object()
                .put("experiment_id", experimentB).put("new_name", "audit-b-renamed"));
        ServerProcess.sleep(1500);
        createExperiment("alice", "audit-c");
    }

    private static String token(Http admin, String name, String role) {
        Http.Response created = admin.postJson("/api/v1/tokens", Http.object().put("name", name).put("role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("secret").asText();
    }

    private String createExperiment(String user, String name) {
        return new Http(server.baseUrl(), tokens.get(user)).mlflowPost("experiments/create",
                Http.object().put("name", name)).path("experiment_id").asText();
    }

    private void signInAndOpen(String user, String route) {
        BrowserSignIn.open(page, server.baseUrl(), route, user.equals("admin") ? ADMIN : tokens.get(user), user);
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name));
    }

    @Test
    @Order(1)
    void aViewerIsOfferedNoChanges() {
        signInAndOpen("victor", "/models/" + GUARDED + "/versions/1");
        assertThat(heading(GUARDED + " version 1")).isVisible();
        assertThat(page.locator("#session-user")).hasText("victor (viewer)");
        assertThat(page.locator("#version-read-only")).containsText("Read-only: victor (viewer)");
        assertThat(page.locator(".page-head")).containsText("@champion");
        Pattern changes = Pattern.compile("stage|alias|delete|promote|approve|reject|rollback|restore",
                Pattern.CASE_INSENSITIVE);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(changes))).hasCount(0);

        page.navigate(server.baseUrl() + "/#/runs/" + runId);
        assertThat(heading("trainer")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(changes))).hasCount(0);
        // The audit log is for administrators: no link, and the page says why.
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit log"))).isHidden();
        page.navigate(server.baseUrl() + "/#/audit");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Only administrators read the audit log");
    }

    @Test
    @Order(2)
    void aGrantOnOneModelOffersChangesOnThatModelOnly() {
        signInAndOpen("alice", "/models/" + GUARDED + "/versions/1");
        assertThat(button("Change stage…")).isVisible();
        assertThat(button("Remove alias @champion")).isVisible();

        page.navigate(server.baseUrl() + "/#/models/" + OTHER + "/versions/1");
        assertThat(heading(OTHER + " version 1")).isVisible();
        assertThat(page.locator("#version-read-only")).containsText("alice (data-scientist)");
        assertThat(button("Change stage…")).hasCount(0);
        // data-scientists manage experiments, so their runs can be deleted
        page.navigate(server.baseUrl() + "/#/runs/" + runId);
        assertThat(button("Delete run…")).isVisible();
    }

    @Test
    @Order(3)
    void anEngineerChangesStageAndAliasesFromTheKeyboard() {
        signInAndOpen("erin", "/models/" + OTHER + "/versions/1");
        assertThat(heading(OTHER + " version 1")).isVisible();

        button("Change stage…").focus();
        page.keyboard().press("Enter");
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("Change the stage of " + OTHER + " version 1");
        assertThat(page.getByLabel("New stage")).isFocused();
        page.keyboard().press("Escape");
        assertThat(dialog).hasCount(0);
        assertThat(button("Change stage…")).isFocused();

        page.keyboard().press("Enter");
        page.getByLabel("New stage").selectOption("Staging");
        button("Change stage").click();
        assertThat(page.locator(".page-head .stage")).hasText("Staging");
        Http admin = new Http(server.baseUrl(), ADMIN);
        assertThat(admin.get("/api/v1/models/" + OTHER + "/versions/1").json().path("stage").asText())
                .isEqualTo("Staging");

        // A refusal is shown in the dialog, which stays open for a correction.
        button("Set alias…").click();
        page.getByLabel("Alias", new Page.GetByLabelOptions().setExact(true)).fill("not an alias!");
        button("Set alias").click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.ALERT)).containsText("Invalid alias name");
        page.getByLabel("Alias", new Page.GetByLabelOptions().setExact(true)).fill("candidate");
        button("Set alias").click();
        assertThat(page.getByRole(AriaRole.DIALOG)).hasCount(0);
        assertThat(page.locator(".page-head")).containsText("@candidate");

        button("Remove alias @candidate").click();
        button("Remove alias").click();
        assertThat(page.locator(".page-head")).not().containsText("@candidate");
        assertThat(admin.get("/api/v1/models/" + OTHER + "/aliases/candidate").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void theAuditLogIsFilteredByUserEntityAndTimeAndTheChainVerifies() {
        signInAndOpen("admin", "/audit");
        assertThat(page.locator("#chain-verdict")).containsText("Verified");
        Locator rows = page.locator("#audit-table tbody tr");
        assertThat(rows.first()).isVisible();
        // newest first
        assertThat(Long.parseLong(rows.nth(0).getAttribute("data-seq")))
                .isGreaterThan(Long.parseLong(rows.nth(1).getAttribute("data-seq")));

        page.getByLabel("User").fill("erin");
        page.getByLabel("User").press("Enter");
        // erin: audit-b's creation and rename, and the stage and alias changes of the test before
        assertThat(page).hasURL(Pattern.compile("actor=erin"));
        assertThat(rows.first()).containsText("erin");
        for (Object actor : (List<?>) page.evaluate(
                "() => [...document.querySelectorAll('#audit-table tbody tr td:nth-child(3)')].map(td => td.textContent)")) {
            assertThat(actor).isEqualTo("erin");
        }
        assertThat(page.locator("#audit-table")).containsText("experiment.rename");

        // Only what happened between audit-b's creation and its rename, whoever did it.
        JsonNode entries = new Http(server.baseUrl(), ADMIN).get("/api/v1/audit?entity=experiment:" + experimentB)
                .json().path("entries");
        Instant first = Instant.parse(entries.get(0).path("time").asText());
        Instant last = Instant.parse(entries.get(entries.size() - 1).path("time").asText());
        page.getByLabel("User").fill("");
        page.getByLabel("Entity type").fill("experiment");
        page.getByLabel("From").fill(localTime(first.truncatedTo(ChronoUnit.SECONDS)));
        page.getByLabel("Until").fill(localTime(last.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)));
        button("Apply").click();
        assertThat(page).hasURL(Pattern.compile("since="));
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0)).containsText("experiment.rename");
        assertThat(rows.nth(0)).containsText("audit-b → audit-b-renamed");
        assertThat(rows.nth(1)).containsText("experiment:" + experimentB);

        // An entity's link narrows the log to that entity.
        button("Clear").click();
        assertThat(page.getByLabel("Entity type")).hasValue("");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("registered-model:" + GUARDED)).first().click();
        assertThat(page.getByLabel("Entity ID")).hasValue(GUARDED);
        assertThat(rows).not().hasCount(0);
        for (Object entity : (List<?>) page.evaluate(
                "() => [...document.querySelectorAll('#audit-table tbody tr td:nth-child(5) a:first-child')].map(a => a.textContent)")) {
            assertThat(entity).isEqualTo("registered-model:" + GUARDED);
        }
    }

    @Test
    @Order(5)
    void theAuditPageFitsALaptopAndEveryControlIsLabelled() {
        page.setViewportSize(1280, 720);
        signInAndOpen("admin", "/audit");
        assertThat(page.locator("#audit-table")).isVisible();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        assertThat((List<?>) page.evaluate(WebUiIT.UNLABELLED)).isEmpty();
        page.navigate(server.baseUrl() + "/#/models/" + GUARDED + "/versions/1");
        button("Set alias…").click();
        assertThat((List<?>) page.evaluate(WebUiIT.UNLABELLED)).isEmpty();
    }

    /** Last: it edits the database, so the chain is broken for any test after it. */
    @Test
    @Order(9)
    void anEntryEditedBehindTheServersBackIsNamed() throws Exception {
        JsonNode rename = new Http(server.baseUrl(), ADMIN).get("/api/v1/audit?entity=experiment:" + experimentB)
                .json().path("entries").get(1);
        long seq = rename.path("seq").asLong();
        server.close();
        try (Connection c = DriverManager.getConnection(MetadataDatabase.embeddedUrl(dataDir), "", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + seq)).isEqualTo(1);
        }
        server = server.restart();

        signInAndOpen("admin", "/audit");
        assertThat(page.locator("#chain-verdict")).containsText("Broken at entry " + seq);
        assertThat(page.locator("#chain-findings")).containsText("EDITED");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("entry " + seq)).click();
        Locator edited = page.locator("#audit-table tbody tr").first();
        assertThat(edited).hasAttribute("data-seq", String.valueOf(seq));
        assertThat(edited).hasClass(Pattern.compile("tampered"));
        assertThat(edited).containsText("EDITED");
        assertThat(edited).containsText("mallory");
    }

    /** The browser's local time for an instant, as a datetime-local field takes it. */
    private String localTime(Instant instant) {
        return (String) page.evaluate("""
                millis => {
                  const d = new Date(millis);
                  const p = n => String(n).padStart(2, '0');
                  const minutes = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
                  return d.getSeconds() === 0 ? minutes : `${minutes}:${p(d.getSeconds())}`;
                }""", (double) instant.toEpochMilli());
    }
}
