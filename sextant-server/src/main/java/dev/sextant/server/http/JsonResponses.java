package dev.sextant.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON responses with Jackson's streaming generator: small bodies are buffered so they go
 * out with a Content-Length, large ones ({@link #stream}) are written straight to the socket.
 */
public final class JsonResponses {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    /** Writes a JSON document to a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonResponses() {
    }

    /** 200 with the body {@code {}}, MLflow's answer for RPCs without a result. */
    public static void empty(ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(EMPTY_OBJECT);
    }

    public static void send(ServerResponse res, Json dialect, Body body) {
        send(res, Status.OK_200, HeaderValues.CONTENT_TYPE_JSON, dialect, body);
    }

    public static void send(ServerResponse res, Status status, Header contentType, Json dialect, Body body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (JsonGenerator json = dialect.generator(buffer)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.status(status);
        res.header(contentType);
        res.send(buffer.toByteArray());
    }

    /**
     * Streams a document of unbounded size. The socket is only touched once Jackson flushes, so a
     * failure before the first flush (e.g. an unknown run) still becomes a normal error response.
     */
    public static void stream(ServerResponse res, Json dialect, Body body) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        LazyOutput out = new LazyOutput(res);
        try {
            JsonGenerator json = dialect.generator(out);
            body.write(json);
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.finish();
    }

    /** Opens the response stream on first write, not before. */
    private static final class LazyOutput extends OutputStream {
        private final ServerResponse res;
        private OutputStream target;

        LazyOutput(ServerResponse res) {
            this.res = res;
        }

        private OutputStream target() {
            if (target == null) {
                target = res.outputStream();
            }
            return target;
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target().write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // Jackson flushes on close; the response is finished in finish() instead.
        }

        void finish() {
            try {
                target().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
