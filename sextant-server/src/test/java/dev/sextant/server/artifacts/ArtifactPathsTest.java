package dev.sextant.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {

    @Test
    void normalisesHarmlessPaths() {
        assertThat(ArtifactPaths.clean("a//b/./c/")).isEqualTo("a/b/c");
        assertThat(ArtifactPaths.clean("")).isEmpty();
        assertThat(ArtifactPaths.clean("model/MLmodel")).isEqualTo("model/MLmodel");
        assertThat(ArtifactPaths.clean("a..b/c")).isEqualTo("a..b/c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc/passwd", "a/../../b", "/etc/passwd", "a\\..\\b", "~/x", "a/%2e%2e/b", "a\0b"})
    void refusesPathsThatLeaveTheRoot(String path) {
        assertThatThrownBy(() -> ArtifactPaths.clean(path))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void mapsProxiedRunRootsToStorePaths() {
        assertThat(ArtifactPaths.proxiedRoot("mlflow-artifacts:/1/abc/artifacts")).contains("1/abc/artifacts");
        assertThat(ArtifactPaths.proxiedRoot("mlflow-artifacts://host:5000/1/abc/artifacts")).contains("1/abc/artifacts");
        assertThat(ArtifactPaths.proxiedRoot("http://h/api/2.0/mlflow-artifacts/artifacts/2/r/artifacts"))
                .contains("2/r/artifacts");
        assertThat(ArtifactPaths.proxiedRoot("s3://bucket/1/abc/artifacts")).isEmpty();
    }

    @Test
    void joinsAndSplits() {
        assertThat(ArtifactPaths.join("", "a")).isEqualTo("a");
        assertThat(ArtifactPaths.join("dir", "a")).isEqualTo("dir/a");
        assertThat(ArtifactPaths.join("dir", "")).isEqualTo("dir");
        assertThat(ArtifactPaths.basename("a/b/c.txt")).isEqualTo("c.txt");
        assertThat(ArtifactPaths.basename("c.txt")).isEqualTo("c.txt");
    }

    @Test
    void downloadsNameTheFileSafely() {
        assertThat(Downloads.attachment("model.onnx")).isEqualTo("attachment; filename=\"model.onnx\"");
        assertThat(Downloads.attachment("naïve \"x\".txt"))
                .startsWith("attachment; filename=\"na_ve _x_.txt\"; filename*=UTF-8''na%C3%AFve%20%22x%22.txt");
        assertThat(ContentTypes.of("a.txt")).isEqualTo("text/plain; charset=utf-8");
        assertThat(ContentTypes.of("model.onnx")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.of("noext")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.of("img.PNG")).isEqualTo("image/png");
    }
}
