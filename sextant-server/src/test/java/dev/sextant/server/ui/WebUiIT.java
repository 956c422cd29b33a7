package dev.sextant.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UI's files over HTTP: what is served, with which headers, and what is not. */
class WebUiIT extends ServerTest {
    @Test
    void thePageIsServedAtTheRootWithAStrictContentSecurityPolicy() {
        HttpResult page = http.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "object-src 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void modulesAndTheChartLibraryComeFromThisServer() {
        HttpResult app = http.get("/ui/app.js");
        assertThat(app.status()).isEqualTo(200);
        assertThat(app.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(app.body()).contains("import {route, start} from './router.js';");

        // The WebJar's version is found on the classpath; pages name only the file.
        HttpResult chart = http.get("/webjars/uplot/dist/uPlot.esm.js");
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.header("Content-Type")).startsWith("text/javascript");
        assertThat(chart.body()).contains("export { uPlot as default }");
        assertThat(http.get("/webjars/uplot/dist/uPlot.min.css").header("Content-Type")).startsWith("text/css");
    }

    @Test
    void anUnchangedFileIsRevalidatedWith304() {
        HttpResult first = http.get("/ui/router.js");
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        HttpResult again = http.get("/ui/router.js", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(http.get("/ui/router.js", "If-None-Match", "\"other\"").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/nope.js", "/ui/views", "/ui/views/", "/ui/.hidden.js", "/ui/%2e%2e/version.properties",
            "/ui/..%2Fdev%2Fsextant%2Fserver%2Fversion.properties", "/ui/x%5C..%5Capp.js", "/webjars/uplot/LICENSE",
            "/webjars/UPLOT/dist/uPlot.esm.js", "/webjars/no-such-lib/x.js", "/webjars/uplot/..%2F..%2F..%2Fmaven%2Forg.webjars.npm%2Fuplot%2Fpom.xml",
            "/ui/dev/sextant/server/SextantServer.class"})
    void onlyTheUisOwnFilesAreServed(String path) {
        HttpResult result = http.get(path);

        assertThat(result.status()).as(path).isIn(400, 404);
        assertThat(result.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(result.body()).doesNotContain("sextant-ui/");
    }

    @Test
    void theUiClaimsNoOtherPathsAndOnlyGet() {
        assertThat(http.get("/experiments").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/no-such-resource").json().path("code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
        assertThat(http.get("/health/ready").status()).isEqualTo(200);
        assertThat(http.get("/openapi.json").header("Content-Type")).startsWith("application/json");

        HttpResult post = http.postJson("/ui/app.js", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }
}
