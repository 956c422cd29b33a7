package dev.sextant.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The A/B and blue/green drawings of the deployment page against a real server serving a real
 * ONNX model: what the page draws is checked against what the API says and what the inference
 * answers name. An A/B test shows each variant's version, weight and share and the sticky key; a
 * blue/green deployment shows which colour is live, and after a switch through the API and a
 * reload, the other one.
 */
class WebUiTrafficPolicyIT extends BrowserTest {
    private static final String MODEL = "iris";
    private static final String ONE_ROW = "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"FP32\","
            + " \"data\": [5.1, 3.5]}]}";
    private static final String BLUE = "#1f77b4";
    private static final String GREEN = "#2ca02c";

    private Http http;

    WebUiTrafficPolicyIT() {
        super(20_000);
    }

    @BeforeAll
    void start(@TempDir Path dataDir, @TempDir Path profile) {
        server = ServerProcess.start(dataDir);
        http = new Http(server.baseUrl());
        seed(() -> {
            UiData data = new UiData(http);
            data.irisWithTwoVersions(MODEL);
            data.deploy("{\"name\": \"iris-ab\", \"policy\": {\"type\": \"ab\", \"variants\": ["
                    + "{\"name\": \"control\", \"model\": \"models:/iris/1\", \"weight\": 3},"
                    + "{\"name\": \"treatment\", \"model\": \"models:/iris/2\", \"weight\": 1}],"
                    + " \"sticky_key\": {\"header\": \"X-User\"}}}");
            data.deploy("{\"name\": \"iris-bg\", \"policy\": {\"type\": \"blue_green\", \"blue\": \"models:/iris/1\","
                    + " \"green\": \"models:/iris/2\", \"active\": \"blue\"}}");
        });
        chromium = HeadlessChromium.launch(profile);
    }

    private void open(String route) {
        page.navigate(server.baseUrl() + "/#" + route);
    }

    /** The model version URI that answered one request, as the server names it. */
    private String answeredBy(String deployment, Map<String, String> headers) {
        HttpRequest.Builder request = http.request("/v2/models/" + deployment + "/infer")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ONE_ROW));
        headers.forEach(request::header);
        HttpResponse<String> answer = http.exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.headers().firstValue("X-Model-Version").orElseThrow();
    }

    @Test
    void anAbTestShowsEachVariantsVersionWeightShareAndTheStickyKey() {
        JsonNode served = http.get("/api/v1/deployments/iris-ab").json();
        assertThat(served.path("versions").path("control").path("version").asLong()).isEqualTo(1);
        assertThat(served.path("versions").path("treatment").path("version").asLong()).isEqualTo(2);

        open("/deployments");
        Locator row = page.locator("#deployments-table tbody tr").filter(new Locator.FilterOptions().setHasText("iris-ab"));
        assertThat(row).containsText("control: iris v1 · 75 %");
        assertThat(row).containsText("treatment: iris v2 · 25 %");

        open("/deployments/iris-ab");
        Locator policy = page.locator("#policy svg");
        assertThat(policy).hasAttribute("data-policy", "ab");
        assertThat(policy).hasAttribute("data-sticky-key", "header X-User");
        assertThat(policy.locator("path.edge[data-slot=control]")).hasAttribute("data-share", "75.0");
        assertThat(policy.locator("path.edge[data-slot=treatment]")).hasAttribute("data-share", "25.0");
        assertThat(policy.locator("g.slot[data-slot=control]")).containsText("iris v1");
        assertThat(policy.locator("g.slot[data-slot=treatment]")).containsText("iris v2");
        assertThat(policy).containsText("75 % · weight 3");
        assertThat(policy).containsText("25 % · weight 1");
        assertThat(policy.locator("g.source")).containsText("sticky by");
        assertThat(policy.locator("g.source")).containsText("header X-User");
        assertThat(policy).hasAttribute("aria-label", Pattern.compile(
                "control iris v1 75 % · weight 3; treatment iris v2 25 % · weight 1; sticky by header X-User"));
        assertThat(page.locator("#canary-state")).containsText("split by weight (control 3, treatment 1)");
        assertThat(page.locator("#canary-state")).containsText("sticky by header X-User");
        // A thicker arrow for the bigger share: the drawing's widths follow the weights.
        double control = Double.parseDouble(policy.locator("path.edge[data-slot=control]").getAttribute("stroke-width"));
        double treatment = Double.parseDouble(policy.locator("path.edge[data-slot=treatment]").getAttribute("stroke-width"));
        assertThat(control).isGreaterThan(treatment);

        // What the drawing says holds for the answers: a user is pinned to one variant, and both
        // variants answer someone.
        Map<String, String> pinned = new HashMap<>();
        Set<String> versions = new HashSet<>();
        for (int user = 0; user < 40; user++) {
            String answered = answeredBy("iris-ab", Map.of("X-User", "user-" + user));
            pinned.put("user-" + user, answered);
            versions.add(answered);
        }
        for (int user = 0; user < 40; user += 7) {
            assertThat(answeredBy("iris-ab", Map.of("X-User", "user-" + user))).isEqualTo(pinned.get("user-" + user));
        }
        assertThat(versions).containsExactlyInAnyOrder("models:/iris/1", "models:/iris/2");
        page.waitForCondition(() -> requestsShown("control") > 0 && requestsShown("treatment") > 0);
        assertThat(page.locator("#slot-stats")).containsText("control · iris v1");
        assertThat(page.locator("#slot-stats")).containsText("treatment · iris v2");
    }

    @Test
    void blueGreenShowsTheLiveColourAndAfterASwitchAndAReloadTheOther() {
        open("/deployments/iris-bg");
        Locator policy = page.locator("#policy svg");
        assertThat(policy).hasAttribute("data-policy", "blue_green");
        assertLive(policy, "blue", "iris v1", "green", "iris v2");
        assertThat(page.locator("#canary-state")).containsText("blue is live");
        assertThat(answeredBy("iris-bg", Map.of())).isEqualTo("models:/iris/1");

        Http.Response switched = http.postJson("/api/v1/deployments/iris-bg/switch", Http.object());
        assertThat(switched.status()).as(switched.toString()).isBetween(200, 201);
        assertThat(http.get("/api/v1/deployments/iris-bg").json().path("policy").path("active").asText())
                .isEqualTo("green");
        assertThat(answeredBy("iris-bg", Map.of())).isEqualTo("models:/iris/2");

        page.reload();
        assertLive(policy, "green", "iris v2", "blue", "iris v1");
        assertThat(page.locator("#canary-state")).containsText("green is live");
        assertThat(page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Switch to blue…"))).isVisible();
        open("/deployments");
        Locator row = page.locator("#deployments-table tbody tr").filter(new Locator.FilterOptions().setHasText("iris-bg"));
        assertThat(row).containsText("green: iris v2 · live 100 %");
        assertThat(row).containsText("blue: iris v1 · standby 0 %");
    }

    /** The live side gets all traffic and says so; the other is on standby; each keeps its own colour. */
    private static void assertLive(Locator policy, String live, String liveVersion, String standby, String standbyVersion) {
        Locator liveBox = policy.locator("g.slot[data-slot=" + live + "]");
        Locator standbyBox = policy.locator("g.slot[data-slot=" + standby + "]");
        assertThat(liveBox).hasAttribute("data-state", "live");
        assertThat(liveBox).containsText(live + " · live");
        assertThat(liveBox).containsText(liveVersion);
        assertThat(standbyBox).hasAttribute("data-state", "standby");
        assertThat(standbyBox).containsText(standby + " · standby");
        assertThat(standbyBox).containsText(standbyVersion);
        assertThat(policy.locator("path.edge[data-slot=" + live + "]")).hasAttribute("data-share", "100.0");
        assertThat(policy.locator("path.edge[data-slot=" + standby + "]")).hasAttribute("data-share", "0.0");
        assertThat(policy).containsText("live · 100 %");
        assertThat(policy).containsText("standby · 0 %");
        assertThat(policy.locator("g.slot[data-slot=blue] rect")).hasAttribute("stroke", BLUE);
        assertThat(policy.locator("g.slot[data-slot=green] rect")).hasAttribute("stroke", GREEN);
    }

    private long requestsShown(String slot) {
        Locator cell = page.locator("#slot-stats tbody tr[data-slot=" + slot + "] td[data-requests]");
        return cell.count() == 0 ? 0 : Long.parseLong(cell.first().getAttribute("data-requests"));
    }

    @Test
    void theDrawingsFitALaptopAndAreLabelled() {
        page.setViewportSize(1280, 720);
        for (String deployment : List.of("iris-ab", "iris-bg")) {
            open("/deployments/" + deployment);
            assertThat(page.locator("#policy svg")).isVisible();
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            assertThat((List<?>) page.evaluate(WebUiIT.UNLABELLED)).isEmpty();
        }
    }
}
