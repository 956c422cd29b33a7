package dev.sextant.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments in the web UI against a real server serving real ONNX models: the traffic policy is
 * drawn with each slot's share and version, and once requests are sent through the inference API
 * the live charts draw a line per version and the table counts them; a canary is rolled back from
 * the page with a reason; a shadow's agreement is shown.
 */
class WebUiDeploymentIT extends BrowserTest {
    private static final String MODEL = "iris";
    private static final String ONE_ROW = "{\"inputs\": [{\"name\": \"X\", \"shape\": [1, 2], \"datatype\": \"FP32\","
            + " \"data\": [5.1, 3.5]}]}";

    private Http http;

    WebUiDeploymentIT() {
        super(20_000);
    }

    @BeforeAll
    void start(@TempDir Path dataDir, @TempDir Path profile) {
        server = ServerProcess.start(dataDir);
        http = new Http(server.baseUrl());
        seed(() -> {
            UiData data = new UiData(http);
            data.irisWithTwoVersions(MODEL);
            data.deploy("{\"name\": \"iris-canary\", \"policy\": {\"type\": \"canary\", \"stable\": \"models:/iris/1\","
                    + " \"canary\": \"models:/iris/2\", \"percent\": 30}}");
            data.deploy("{\"name\": \"iris-shadow\", \"policy\": {\"type\": \"shadow\", \"model\": \"models:/iris/1\","
                    + " \"shadow\": \"models:/iris/2\", \"percent\": 100}}");
        });
        chromium = HeadlessChromium.launch(profile);
    }

    private void open(String route) {
        page.navigate(server.baseUrl() + "/#" + route);
    }

    /** Sends requests to a deployment from a background thread until closed. */
    private final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger answered = new AtomicInteger();
        private final Thread thread;

        Traffic(String deployment) {
            Http client = new Http(server.baseUrl());
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    if (client.postJson("/v2/models/" + deployment + "/infer", ONE_ROW).status() == 200) {
                        answered.incrementAndGet();
                    }
                    ServerProcess.sleep(15);
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    @Test
    void aCanaryIsDrawnChartedUnderTrafficAndRolledBackWithAReason() throws Exception {
        open("/deployments");
        assertThat(page.locator("#deployments-table")).containsText("iris-canary");
        assertThat(page.locator("#deployments-table")).containsText("canary: iris v2 · 30 %");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("iris-canary")).click();

        Locator policy = page.locator("#policy svg");
        assertThat(policy).hasAttribute("data-policy", "canary");
        assertThat(policy.locator("path.edge[data-slot=stable]")).hasAttribute("data-share", "70.0");
        assertThat(policy.locator("path.edge[data-slot=canary]")).hasAttribute("data-share", "30.0");
        assertThat(policy.locator("g.slot[data-slot=canary]")).containsText("iris v2");
        assertThat(policy.locator("g.slot[data-slot=stable]")).containsText("iris v1");
        assertThat(page.locator("#canary-state")).containsText("holds 30 %");

        try (Traffic traffic = new Traffic("iris-canary")) {
            // Both versions answer, so each draws its own line (the palette's first two colours).
            for (String colour : List.of("#1f77b4", "#d62728")) {
                assertThat(ChartPixels.awaitAtLeast(page, "#chart-rate canvas", colour, 40)).as("rate pixels of " + colour)
                        .isGreaterThanOrEqualTo(40);
            }
            assertThat(ChartPixels.awaitAtLeast(page, "#chart-latency canvas", "#1f77b4", 20)).isGreaterThanOrEqualTo(20);
            Locator stats = page.locator("#slot-stats tbody tr");
            assertThat(stats.filter(new Locator.FilterOptions().setHasText("canary · iris v2"))).hasCount(1);
            assertThat(page.locator("#chart-rate")).hasAttribute("aria-label", Pattern.compile("stable · iris v1 [0-9.]+ req/s"));
            page.waitForCondition(() -> requestsShown("stable") > 0 && requestsShown("canary") > 0);
            assertThat(traffic.answered.get()).isPositive();
        }

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back canary…")).click();
        page.getByLabel("Reason").fill("p99 doubled on the canary");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back").setExact(true)).click();
        assertThat(page.locator("#canary-state")).containsText("ROLLED BACK");
        assertThat(page.locator("#canary-state")).containsText("p99 doubled on the canary");
        assertThat(policy.locator("path.edge[data-slot=canary]")).hasAttribute("data-share", "0.0");
        assertThat(page.locator("#rollout-events")).containsText("rolled back: p99 doubled on the canary");
        JsonNode rollout = http.get("/api/v1/deployments/iris-canary").json().path("rollout");
        assertThat(rollout.path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rollout.path("canary_percent").asInt()).isZero();
    }

    private long requestsShown(String slot) {
        Locator cell = page.locator("#slot-stats tbody tr[data-slot=" + slot + "] td[data-requests]");
        return cell.count() == 0 ? 0 : Long.parseLong(cell.first().getAttribute("data-requests"));
    }

    @Test
    void aShadowShowsHowOftenItAgreed() throws Exception {
        open("/deployments/iris-shadow");
        Locator policy = page.locator("#policy svg");
        assertThat(policy.locator("path.edge.mirror[data-slot=shadow]")).hasAttribute("data-share", "100.0");
        assertThat(policy).containsText("mirrors 100 %");
        try (Traffic traffic = new Traffic("iris-shadow")) {
            assertThat(page.locator("#shadow-agreement-figure")).containsText("100.0 %");
            assertThat(page.locator("#shadow-agreement [role=meter]")).hasAttribute("aria-valuenow", "100");
        }
    }

    @Test
    void theDeploymentPageFitsALaptopAndItsControlsAreLabelled() {
        page.setViewportSize(1280, 720);
        open("/deployments/iris-shadow");
        assertThat(page.locator("#policy svg")).isVisible();
        assertThat(page.locator("#chart-rate")).isVisible();
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        assertThat((List<?>) page.evaluate(WebUiIT.UNLABELLED)).isEmpty();
    }
}
