package dev.sextant.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ArtifactProxyIT extends ServerTest {
    private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";
    private static final String API = "/api/2.0/mlflow";

    private static HttpResult put(String path, String content) {
        return http.send("PUT", PROXY + "/" + path, BodyPublishers.ofString(content));
    }

    @Test
    void uploadDownloadListDelete() {
        assertThat(put("0/run1/artifacts/a.txt", "A").body()).isEqualTo("{}");
        assertThat(put("0/run1/artifacts/dir/b.json", "{\"b\":1}").status()).isEqualTo(200);

        HttpResult download = http.get(PROXY + "/0/run1/artifacts/a.txt");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("A");
        assertThat(download.header("Content-Length")).isEqualTo("1");
        assertThat(download.header("Content-Type")).startsWith("text/plain");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"a.txt\"");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");

        HttpResult listing = http.get(PROXY + "?path=0/run1/artifacts");
        assertThat(HttpResult.parse(listing.body())).isEqualTo(HttpResult.parse(
                "{\"files\":[{\"path\":\"a.txt\",\"is_dir\":false,\"file_size\":1},{\"path\":\"dir\",\"is_dir\":true}]}"));

        assertThat(http.send("DELETE", PROXY + "/0/run1/artifacts/a.txt", BodyPublishers.noBody()).body())
                .isEqualTo("{}");
        assertThat(http.get(PROXY + "/0/run1/artifacts/a.txt").status()).isEqualTo(404);
        assertThat(http.get(PROXY + "?path=nothing/here").body()).isEqualTo("{}");
    }

    @Test
    void ajaxPrefixServesTheSameStore() {
        put("ajax/x.bin", "xyz");

        HttpResult viaAjax = http.get("/ajax-api/2.0/mlflow-artifacts/artifacts/ajax/x.bin");

        assertThat(viaAjax.body()).isEqualTo("xyz");
        assertThat(viaAjax.header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void pathsThatEscapeTheRootAre400() {
        HttpResult dotDot = http.get(PROXY + "?path=../../etc");
        HttpResult encoded = http.send("PUT", PROXY + "/a/%2E%2E/%2E%2E/escape.txt", BodyPublishers.ofString("x"));

        assertThat(dotDot.status()).isEqualTo(400);
        assertThat(dotDot.json().get("error_code").textValue()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(encoded.status()).isBetween(400, 404);
    }

    @Test
    void multipartUploadIsNotImplemented() {
        HttpResult created = http.postJson("/api/2.0/mlflow-artifacts/mpu/create/0/r/artifacts/big.bin",
                "{\"path\":\"big.bin\",\"num_parts\":3}");

        assertThat(created.status()).isEqualTo(501);
        assertThat(created.json().get("error_code").textValue()).isEqualTo("NOT_IMPLEMENTED");
        assertThat(created.json().get("message").textValue()).contains("single PUT");
    }

    @Test
    void trackingListShowsRunArtifactsRelativeToTheRunRoot() {
        JsonNode info = http.postJson(API + "/runs/create", "{}").json().get("run").get("info");
        String runId = info.get("run_id").textValue();
        String root = info.get("artifact_uri").textValue().substring("mlflow-artifacts:/".length());
        put(root + "/model/MLmodel", "flavors: {}");
        put(root + "/model/model.onnx", "onnx");
        put(root + "/metrics.csv", "a,b");

        HttpResult top = http.get(API + "/artifacts/list?run_id=" + runId);
        HttpResult model = http.get(API + "/artifacts/list?run_uuid=" + runId + "&path=model");

        assertThat(top.json().get("root_uri").textValue()).isEqualTo(info.get("artifact_uri").textValue());
        assertThat(top.json().get("files")).extracting(f -> f.get("path").textValue())
                .containsExactly("metrics.csv", "model");
        assertThat(model.json().get("files")).extracting(f -> f.get("path").textValue())
                .containsExactly("model/MLmodel", "model/model.onnx");
        assertThat(model.json().get("files").get(1).get("file_size").longValue()).isEqualTo(4);
        assertThat(http.get(API + "/artifacts/list?run_id=" + runId + "&path=nothing").json().has("files")).isFalse();
        assertThat(http.get(API + "/artifacts/list?run_id=" + runId + "&path=../x").status()).isEqualTo(400);
    }

    @Test
    void largeFilesStreamBothWays() throws Exception {
        long size = 512L * 1024 * 1024;
        Supplier<InputStream> content = () -> new PatternStream(size);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = content.get()) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                expected.update(buffer, 0, read);
            }
        }

        HttpResult uploaded = http.send("PUT", PROXY + "/big/blob.bin", BodyPublishers.ofInputStream(content));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);

        HttpResponse<InputStream> download = http.stream(PROXY + "/big/blob.bin");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Length")).contains(String.valueOf(size));
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                actual.update(buffer, 0, read);
                received += read;
            }
        }
        assertThat(received).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(actual.digest())).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        assertThat(new String(http.get(PROXY + "?path=big").body().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).contains("\"file_size\":" + size);
    }

    /** A deterministic stream of {@code size} bytes that never exists in memory as a whole. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) ((position++ * 31) & 0xff) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((position + i) * 31);
            }
            position += n;
            return n;
        }
    }
}
