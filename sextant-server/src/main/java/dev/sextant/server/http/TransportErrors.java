package dev.sextant.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.api.ErrorCode;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Requests that Helidon refuses before routing (a malformed request line, header or URI encoding,
 * a header section too large) get the same JSON error bodies as everything else: MLflow's under
 * MLflow's prefixes, problem details elsewhere. Helidon's default answers in plain text.
 */
public final class TransportErrors implements DirectHandler {
    private TransportErrors() {
    }

    /** The handlers to give the web server. */
    public static DirectHandlers handlers() {
        TransportErrors handler = new TransportErrors();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        ErrorCode code = code(status);
        String path = request.path() == null ? "" : request.path();
        String detail = detail(code, request, message);
        ApiStyle style = ApiStyle.of(path);
        headers.set(style == ApiStyle.PROBLEM ? HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/problem+json")
                : HeaderValues.CONTENT_TYPE_JSON);
        byte[] body = switch (style) {
            case MLFLOW -> mlflowBody(code, detail);
            case INFERENCE -> write(Json.NATIVE, json -> json.writeStringField("error", detail));
            case PROBLEM -> problemBody(status, code, detail, path);
        };
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(body)
                .build();
    }

    private static ErrorCode code(Status status) {
        return switch (status.code()) {
            case 413, 431 -> ErrorCode.REQUEST_TOO_LARGE;
            case 403 -> ErrorCode.PERMISSION_DENIED;
            default -> status.code() >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    // Helidon's message names what it could not parse; internal failures say only where to look.
    private static String detail(ErrorCode code, TransportRequest request, String message) {
        if (code == ErrorCode.INTERNAL_ERROR) {
            return "Internal error while reading the request. The server log has the details.";
        }
        String what = message == null || message.isBlank() ? "the request is not valid HTTP" : message;
        return "The server could not read this request (" + what + "). Check the request line, the URL's "
                + "percent-encoding and the headers" + (request.method() == null || request.method().isEmpty() ? ""
                : " of " + request.method().toUpperCase(Locale.ROOT) + " " + request.path()) + ".";
    }

    private static byte[] mlflowBody(ErrorCode code, String detail) {
        return write(Json.MLFLOW, json -> {
            json.writeStringField("error_code", code.name());
            json.writeStringField("message", detail);
        });
    }

    private static byte[] problemBody(Status status, ErrorCode code, String detail, String path) {
        return write(Json.NATIVE, json -> {
            json.writeStringField("type", Problems.TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            json.writeStringField("title", Problems.title(code));
            json.writeNumberField("status", status.code());
            json.writeStringField("detail", detail);
            json.writeStringField("instance", path);
            json.writeStringField("code", code.name());
        });
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Json dialect, Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = dialect.generator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
