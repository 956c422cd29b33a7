package dev.sextant.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import dev.sextant.it.UiData.Point;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real browser (the system's headless Chromium) against a real server with data
 * logged through the REST API: navigation, search, sorting, columns, run detail with artifacts,
 * comparison charts that actually draw, keyboard use and sign-in.
 */
class WebUiIT extends BrowserTest {
    private static final int RUNS = 24;
    private static final double[] RATES = {0.001, 0.01, 0.1};
    private static final String MODEL = "ui-churn-model";
    private static final String DATASET_DIGEST = "5e1f0c2a";

    /** The form controls with no name a screen reader could say: no label, aria-label or text. */
    static final String UNLABELLED = """
            () => [...document.querySelectorAll('input, select, button, textarea')]
              .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                            && !el.textContent.trim())
              .map(el => el.outerHTML)""";

    private String churn;

    WebUiIT() {
        super(15_000);
    }

    @BeforeAll
    void start(@TempDir Path dataDir, @TempDir Path profile) {
        server = ServerProcess.start(dataDir);
        try {
            seed(new UiData(new Http(server.baseUrl())));
        } catch (RuntimeException e) {
            ServerProcess.sleep(2000);
            throw new AssertionError("seeding failed; server alive: " + server.isAlive() + "; output:\n" + server.outputTail(), e);
        }
        chromium = HeadlessChromium.launch(profile);
    }

    /** ui-churn: run-0 … run-23 with lr cycling 0.001/0.01/0.1, auc = 0.70 + i/100, loss over 200 steps. */
    private void seed(UiData data) {
        churn = data.experiment("ui-churn");
        data.experiment("ui-fraud-detection");
        for (int i = 0; i < RUNS; i++) {
            JsonNode info = data.run(churn, "run-" + i, UiData.START + i * 60_000L);
            String runId = info.path("run_id").asText();
            double rate = RATES[i % 3];
            List<Point> points = new ArrayList<>();
            for (int step = 0; step < 200; step++) {
                points.add(new Point("loss", step, Math.exp(-step * rate * 5) + (i % 5) * 0.01));
            }
            points.add(new Point("auc", 0, 0.70 + i / 100.0));
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("team", i % 2 == 0 ? "growth" : "risk");
            tags.put("mlflow.source.name", "train_churn.py");
            tags.put("mlflow.source.git.commit", "4f2a9c1");
            tags.put("sextant.env.java_version", "21.0.4");
            data.log(runId, points, Map.of("lr", Double.toString(rate), "depth", Integer.toString(3 + i % 4)), tags);
            data.finish(runId, UiData.START + i * 60_000L + 30_000L);
            if (i == 0) {
                data.upload(info, "notes.txt", "first line of the notes\nsecond line\n".getBytes(StandardCharsets.UTF_8));
                data.upload(info, "plots/confusion.png", UiData.png(40, 30));
                data.upload(info, "model/MLmodel", MLMODEL.getBytes(StandardCharsets.UTF_8));
                data.upload(info, "model/model.onnx", UiData.shared("models/sklearn-onnx/logreg_iris.onnx"));
                data.logDataset(runId, "weather", DATASET_DIGEST, "training");
                registerModel(data, runId);
            }
        }
    }

    /**
     * As MLflow's Python client writes it for logreg_iris.onnx (one float input of width 2): the
     * signature's JSON folded over two YAML lines.
     */
    private static final String MLMODEL = """
            artifact_path: model
            flavors:
              onnx:
                code: null
                data: model.onnx
                onnx_version: 1.16.0
              python_function:
                loader_module: mlflow.onnx
                python_version: 3.11.4
            mlflow_version: 2.17.2
            signature:
              inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1,
                2]}, "name": "X"}]'
              outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]},
                "name": "output_label"}]'
              params: null
            """;

    /** ui-churn-model: two versions of run-0's model; version 2 in Production with the alias champion. */
    private static void registerModel(UiData data, String runId) {
        data.createModel(MODEL, "Predicts churn from usage");
        data.registerVersion(MODEL, runId, "model");
        data.registerVersion(MODEL, runId, "model");
        data.transition(MODEL, 2, "Production");
        data.setAlias(MODEL, "champion", 2);
    }

    private void open(String route) {
        page.navigate(server.baseUrl() + "/#" + route);
    }

    private Locator runRows() {
        return page.locator("#runs-table tbody tr");
    }

    @Test
    void experimentsAreListedAndSearchedByName() {
        open("/experiments");
        Locator table = page.locator("#experiments-table");
        assertThat(table).containsText("ui-churn");
        assertThat(table).containsText("ui-fraud-detection");

        page.getByLabel("Name contains").fill("FRAUD");
        page.getByLabel("Name contains").press("Enter");

        assertThat(page.locator("#experiments-table tbody tr")).hasCount(1);
        assertThat(table).containsText("ui-fraud-detection");
        assertThat(page).hasURL(Pattern.compile("#/experiments\\?name=FRAUD$"));
    }

    @Test
    void navigatesFromExperimentsToARunAndBack() {
        open("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("ui-churn")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("ui-churn"))).isVisible();
        assertThat(runRows()).hasCount(RUNS);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("run-7").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("run-7"))).isVisible();
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Parameters")))
                .containsText("0.01");
        assertThat(page.locator("#metrics-table")).containsText("auc");
        assertThat(page.locator("#metrics-table")).containsText("0.77");

        page.goBack();
        assertThat(runRows()).hasCount(RUNS);
        assertThat(page.locator("#nav-links a[aria-current=page]")).hasText("Experiments");
    }

    @Test
    void filtersRunsWithMlflowSyntaxOnTheServer() {
        open("/experiments/" + churn);
        page.getByLabel("Filter").fill("params.lr = '0.1' and metrics.auc >= 0.8");
        page.getByLabel("Filter").press("Enter");

        // i % 3 == 2 and i >= 10: 11, 14, 17, 20, 23
        assertThat(runRows()).hasCount(5);
        assertThat(page.locator("#runs-table")).containsText("run-23");
        assertThat(page.locator("#runs-table")).not().containsText("run-8");
    }

    @Test
    void aBadFilterShowsTheServersReason() {
        open("/experiments/" + churn);
        page.getByLabel("Filter").fill("metrics.auc >");
        page.getByLabel("Filter").press("Enter");

        Locator alert = page.getByRole(AriaRole.ALERT);
        assertThat(alert).isVisible();
        assertThat(alert).containsText("metrics.auc >");
        assertThat(page.locator("#runs-table")).hasCount(0);
    }

    @Test
    void sortsByAMetricOnTheServerBothWays() {
        open("/experiments/" + churn);
        Locator aucHeader = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("auc"));
        aucHeader.click();
        assertThat(page).hasURL(Pattern.compile("order=metrics\\.auc\\+DESC"));
        assertThat(runRows().first()).containsText("run-23");
        assertThat(page.locator("th[aria-sort=descending]")).containsText("auc");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^auc"))).click();
        assertThat(runRows().first()).containsText("run-0");
        assertThat(page.locator("th[aria-sort=ascending]")).containsText("auc");
    }

    @Test
    void chosenColumnsAppearAndAreRemembered() {
        open("/experiments/" + churn);
        Locator headers = page.locator("#runs-table thead");
        assertThat(headers).not().containsText("team");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Columns")).click();
        page.getByLabel("Columns to show").fill("tea");
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("team")).check();
        assertThat(headers).containsText("team");
        assertThat(page.locator("#runs-table tbody")).containsText("growth");

        page.reload();
        assertThat(page.locator("#runs-table thead")).containsText("team");
    }

    @Test
    void comparisonDrawsMetricCurvesAndAParamAgainstAMetric() {
        open("/experiments/" + churn);
        for (String run : List.of("run-0", "run-1", "run-2")) {
            page.getByLabel("Select " + run + " for comparison", new Page.GetByLabelOptions().setExact(true)).check();
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compare (3)")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Compare 3 runs"))).isVisible();
        assertThat(page.getByLabel("Metric", new Page.GetByLabelOptions().setExact(true))).hasValue("loss");
        Locator canvas = page.locator("#curve-chart canvas");
        assertThat(canvas).isVisible();
        assertThat(page.locator("#curve-chart figure")).hasAttribute("data-points", "600");
        // Each run's curve leaves pixels of its own colour on the canvas (the grid and text are grey).
        for (String colour : List.of("#1f77b4", "#d62728", "#2ca02c")) {
            assertThat(ChartPixels.awaitAtLeast(page, "#curve-chart canvas", colour, 100)).as("pixels of " + colour)
                    .isGreaterThanOrEqualTo(100);
        }

        page.getByLabel("Parameter (x)").selectOption("lr");
        page.getByLabel("Metric (y)").selectOption("auc");
        assertThat(page.locator("#scatter-chart svg circle")).hasCount(3);
        assertThat(page.locator("#scatter-chart svg")).hasAttribute("aria-label", "auc against lr for 3 runs");
        assertThat(page.locator("#compare-values")).containsText("lr");
    }

    @Test
    void runDetailShowsSourceEnvironmentAndPreviewsArtifacts() {
        String runId = runIdOf("run-0");
        open("/runs/" + runId);
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Source")))
                .containsText("train_churn.py");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Environment")))
                .containsText("21.0.4");
        assertThat(page.locator("#run-chart canvas")).isVisible();
        assertThat(ChartPixels.awaitAtLeast(page, "#run-chart canvas", "#1f77b4", 100)).isGreaterThanOrEqualTo(100);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("notes.txt")).click();
        assertThat(page.locator("#artifact-preview pre")).containsText("first line of the notes");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("plots")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("confusion.png")).click();
        Locator image = page.locator("#artifact-preview img");
        assertThat(image).isVisible();
        assertThat(image.evaluate("img => img.naturalWidth + 'x' + img.naturalHeight")).isEqualTo("40x30");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("model").setExact(true)).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("MLmodel")).click();
        Locator inputs = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Signature inputs"));
        assertThat(inputs.locator("tbody td").first()).hasText("X");
        assertThat(inputs).containsText("tensor float32 [-1, 2]");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Signature outputs")))
                .containsText("output_label");
        assertThat(page.locator("#artifact-preview")).containsText("Flavors: onnx, python_function");
    }

    @Test
    void modelsShowVersionsStagesAliasesAndLineage() {
        open("/models");
        Locator models = page.locator("#models-table");
        assertThat(models).containsText(MODEL);
        assertThat(models).containsText("@champion → v2");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(MODEL)).click();

        Locator versions = page.locator("#versions-table tbody tr");
        assertThat(versions).hasCount(2);
        assertThat(versions.first()).containsText("Version 2");
        assertThat(versions.first()).containsText("Production");
        assertThat(versions.first()).containsText("@champion");
        assertThat(versions.nth(1)).containsText("None");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Aliases")))
                .containsText("@champion");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Version 2").setExact(true)).first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(MODEL + " version 2")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Signature inputs")))
                .containsText("tensor float32 [-1, 2]");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Model files")))
                .containsText("model.onnx");

        // dataset version → run → this version, drawn with an edge for each step
        Locator graph = page.locator("#lineage svg");
        assertThat(graph.locator("[data-node-id='dataset:" + DATASET_DIGEST + "']")).containsText("weather");
        assertThat(graph.locator(".node.run")).containsText("run-0");
        assertThat(graph.locator(".node.model_version.root")).containsText(MODEL + " v2");
        assertThat(graph.locator("path.edge")).hasCount(2);
        assertThat(graph).containsText("trained (training)");
        assertThat(graph).containsText("produced");

        // the run node is a link reached with the keyboard
        graph.locator("a.node.run").focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("run-0"))).isVisible();
    }

    @Test
    void everyControlHasALabelAndTheKeyboardReachesThem() {
        open("/experiments/" + churn);
        assertThat(runRows()).hasCount(RUNS);
        assertThat((List<?>) page.evaluate(UNLABELLED)).isEmpty();

        // The first Tab stop is the skip link, which moves focus to the page's content.
        page.keyboard().press("Tab");
        assertThat(page.locator("#skip-link")).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.locator("#main")).isFocused();

        // Keyboard only: reach the filter, search, then open a run with Enter.
        page.getByLabel("Filter").focus();
        page.keyboard().type("params.depth = '6'");
        page.keyboard().press("Enter");
        assertThat(runRows()).hasCount(6);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("run-23")).focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("run-23"))).isVisible();
    }

    @Test
    void fitsALaptopScreenWithoutSidewaysScrolling() {
        page.setViewportSize(1280, 720);
        open("/experiments/" + churn);
        assertThat(runRows()).hasCount(RUNS);
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }

    /**
     * A server that answers 401 without a bearer token. Until tokens are enforced by the server
     * itself, the browser's requests to the API are held to that rule here, and passed through to
     * the real server once they carry the token.
     */
    @Test
    void asksForATokenWhenTheServerAnswers401AndSendsItAsBearer() {
        String token = "sxt_ui_test_token";
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        page.route(Pattern.compile(".*/api/.*"), route -> {
            String authorization = route.request().headers().getOrDefault("authorization", "");
            seen.add(authorization);
            if (authorization.equals("Bearer " + token)) {
                route.resume();
            } else {
                route.fulfill(new Route.FulfillOptions().setStatus(401)
                        .setContentType("application/problem+json")
                        .setBody("{\"status\":401,\"code\":\"UNAUTHENTICATED\",\"detail\":\"A bearer token is required.\"}"));
            }
        });
        open("/experiments");

        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Sign in"));
        assertThat(dialog).isVisible();
        page.getByLabel("API token").fill(token);
        page.getByLabel("API token").press("Enter");

        assertThat(dialog).isHidden();
        assertThat(page.locator("#experiments-table")).containsText("ui-churn");
        assertThat(page.evaluate("() => sessionStorage.getItem('sextant.token')")).isEqualTo(token);
        assertThat(seen).contains("", "Bearer " + token);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))).isVisible();
        page.evaluate("() => sessionStorage.clear()");
    }

    private String runIdOf(String name) {
        JsonNode runs = new Http(server.baseUrl()).mlflowPost("runs/search", Http.object()
                .put("filter", "attributes.run_name = '" + name + "'")
                .set("experiment_ids", Http.JSON.createArrayNode().add(churn))).path("runs");
        return runs.get(0).path("info").path("run_id").asText();
    }
}
