package dev.sextant.server.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The response to a HEAD request: what GET would answer (status and headers, with the
 * Content-Length of GET's body) without the body (RFC 9110 §9.3.2). Helidon routes HEAD like any
 * other method, so GET's handler runs against this response, which counts the body and drops it.
 */
final class HeadResponse implements ServerResponse {
    private final ServerResponse response;
    private DroppedBody stream;

    private HeadResponse(ServerResponse response) {
        this.response = response;
    }

    /** GET's handler, answering HEAD. */
    static Handler of(Handler get) {
        return (req, res) -> {
            HeadResponse head = new HeadResponse(res);
            get.handle(req, head);
            head.finish();
        };
    }

    /** The response to write to: the body-less one for a HEAD request. */
    static ServerResponse forRequest(ServerRequest req, ServerResponse res) {
        return req.prologue().method() == Method.HEAD ? new HeadResponse(res) : res;
    }

    @Override
    public ServerResponse status(Status status) {
        response.status(status);
        return this;
    }

    @Override
    public Status status() {
        return response.status();
    }

    @Override
    public ServerResponse header(Header header) {
        response.header(header);
        return this;
    }

    @Override
    public void send() {
        response.send();
    }

    @Override
    public void send(byte[] bytes) {
        send(bytes, 0, bytes.length);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        sendLength(length);
    }

    @Override
    public void send(Object entity) {
        switch (entity) {
            case byte[] bytes -> send(bytes);
            case String text -> send(text.getBytes(StandardCharsets.UTF_8));
            default -> {
                // Any other entity goes through Helidon's media writers into a stream that drops it.
                response.streamFilter(ignored -> OutputStream.nullOutputStream());
                response.send(entity);
            }
        }
    }

    @Override
    public boolean isSent() {
        return response.isSent();
    }

    @Override
    public OutputStream outputStream() {
        if (stream != null) {
            throw new IllegalStateException("OutputStream already obtained");
        }
        stream = new DroppedBody();
        return stream;
    }

    @Override
    public long bytesWritten() {
        return response.bytesWritten();
    }

    @Override
    public ServerResponse beforeSend(Runnable beforeSend) {
        response.beforeSend(beforeSend);
        return this;
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        response.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        response.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        response.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        response.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return response.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return response.trailers();
    }

    @Override
    public ServerResponse beforeTrailers(Consumer<ServerResponseTrailers> trailersConsumer) {
        response.beforeTrailers(trailersConsumer);
        return this;
    }

    @Override
    public void streamResult(String result) {
        response.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        response.streamFilter(filterFunction);
    }

    /** Sends the headers with GET's body length (unless the handler set one) and no body. */
    private void sendLength(long length) {
        if (!response.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            response.headers().contentLength(length);
        }
        response.send();
    }

    /** A handler that opened the stream and left it open still gets its answer sent. */
    private void finish() {
        if (stream != null) {
            stream.close();
        }
    }

    /** GET's streamed body: counted, so that Content-Length is what GET would send, and dropped. */
    private final class DroppedBody extends OutputStream {
        private long count;
        private boolean closed;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                sendLength(count);
            }
        }
    }
}
