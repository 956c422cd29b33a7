package dev.sextant.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentTemplateTest {
    private static final List<String> TEMPLATES = List.of("/v2/models/{name}/infer",
            "/v2/models/{name}/versions/{version}/infer", "/v2/models/{name}", "/experiments/{id}/runs/{run_id}");
    private static final List<String> PATHS = List.of("/v2/models/iris/infer", "/v2/models/iris/infer/",
            "/v2/models//infer", "/v2/models/iris", "/v2/models/iris/", "/v2/models", "/v2/models/a.b-c_d%20e/infer",
            "/v2/models/iris/versions/3/infer", "/v2/models/iris/versions//infer", "/v2/models/iris/versions/3/infer/x",
            "/v2/models/iris/inferx", "/v2/modelsx/iris/infer", "//v2/models/iris/infer", "/experiments/7/runs/ab12",
            "/experiments/7/runs/", "/", "");

    @Test
    void acceptsExactlyWhatTheWebServersPatternAccepts() {
        for (String template : TEMPLATES) {
            PathMatcher ours = SegmentTemplate.parse(template).orElseThrow();
            PathMatcher theirs = PathMatchers.pattern(template);
            for (String raw : PATHS) {
                UriPath path = UriPath.create(raw);
                PathMatchers.MatchResult expected = theirs.match(path);
                PathMatchers.MatchResult actual = ours.match(path);
                assertThat(actual.accepted()).as(template + " on '" + raw + "'").isEqualTo(expected.accepted());
                if (expected.accepted()) {
                    assertThat(actual.path().pathParameters().toMap()).as(template + " on '" + raw + "'")
                            .isEqualTo(expected.path().pathParameters().toMap());
                    assertThat(actual.path().path()).isEqualTo(expected.path().path());
                }
            }
            assertThat(ours.matchingElement()).contains(template);
            for (String raw : PATHS) {
                UriPath path = UriPath.create(raw);
                assertThat(ours.prefixMatch(path).accepted()).as("prefix " + template + " on '" + raw + "'")
                        .isEqualTo(theirs.prefixMatch(path).accepted());
            }
        }
    }

    @Test
    void parametersAreDecodedLikeThePath() {
        PathMatchers.MatchResult result = SegmentTemplate.parse("/v2/models/{name}/infer").orElseThrow()
                .match(UriPath.create("/v2/models/my%20model/infer"));
        assertThat(result.accepted()).isTrue();
        assertThat(result.path().pathParameters().get("name")).isEqualTo("my model");
    }

    @Test
    void leavesOtherSyntaxToTheWebServer() {
        assertThat(SegmentTemplate.parse("/artifacts/{+path}")).isEmpty();
        assertThat(SegmentTemplate.parse("/files/*")).isEmpty();
        assertThat(SegmentTemplate.parse("/a/{id:\\d+}")).isEmpty();
        assertThat(SegmentTemplate.parse("/a/x{id}")).isEmpty();
        assertThat(SegmentTemplate.parse("/a/{id}/{id}")).isEmpty();
        assertThat(SegmentTemplate.parse("/health/live")).isEmpty();
        assertThat(SegmentTemplate.of("/health/live").matchingElement()).contains("/health/live");
    }
}
