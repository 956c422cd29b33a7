package dev.sextant.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests the HTTP layer refuses before any route sees them still get the API's JSON errors. */
class TransportErrorsIT extends ServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedHeaderUnderMlflowPrefixGetsMlflowErrorBody() throws IOException {
        Response response = send("GET /api/2.0/mlflow/experiments/search HTTP/1.1\r\nHost: localhost\r\n"
                + "this header has no colon\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.head()).containsIgnoringCase("content-type: application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(body.path("message").asText()).contains("could not read this request");
    }

    @Test
    void malformedHeaderElsewhereGetsProblemDetails() throws IOException {
        Response response = send("GET /api/v1/experiments HTTP/1.1\r\nHost: localhost\r\n"
                + "this header has no colon\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.head()).containsIgnoringCase("content-type: application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(body.path("instance").asText()).isEqualTo("/api/v1/experiments");
    }

    @Test
    void malformedHeaderUnderTheInferenceProtocolGetsItsErrorBody() throws IOException {
        Response response = send("GET /v2/health/ready HTTP/1.1\r\nHost: localhost\r\n"
                + "this header has no colon\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("could not read this request");
    }

    @Test
    void serverStillAnswersAfterwards() throws IOException {
        send("GARBAGE\r\n\r\n");
        Response response = send("GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
    }

    record Response(int status, String head, String body) {
    }

    // One request on its own connection, read until the server closes it.
    private static Response send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Response(status, head, body);
        }
    }
}
