package dev.sextant.server.http;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.server.observe.RequestIds;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: a {@link SextantException} keeps its
 * {@link ErrorCode}, Helidon's own HTTP errors are mapped to one, anything else is a 500 that is
 * logged with its stack trace. The body is MLflow's or RFC 9457's, depending on the path.
 */
public final class ErrorResponder implements ErrorHandler<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    @Override
    public void handle(ServerRequest req, ServerResponse response, Throwable failure) {
        // An error answers HEAD with the error's status and headers, without its body.
        ServerResponse res = HeadResponse.forRequest(req, response);
        String path = req.path().absolute().path();
        String method = req.prologue().method().text();
        SextantException error = translate(failure, method, path);
        ErrorCode code = error.code();
        if (code == ErrorCode.INTERNAL_ERROR) {
            LOG.error("{} {} failed: {}", method, path, error.getMessage(), failure);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} rejected with {}: {}", method, path, code, error.getMessage());
        }
        // Internal details (paths, SQL, stack) stay in the log; the client gets the id to find them.
        String detail = code != ErrorCode.INTERNAL_ERROR ? error.getMessage() : "Internal error while handling "
                + method + " " + path + " (request id " + RequestIds.current() + "). The server log has the details.";
        res.headers().remove(HeaderNames.CONTENT_LENGTH);
        res.headers().remove(HeaderNames.CONTENT_DISPOSITION);
        res.header(RequestIds.HEADER, RequestIds.current());
        if (code == ErrorCode.REQUEST_TOO_LARGE) {
            // Do not drain a body we refused: close the connection instead.
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        Status status = Status.create(code.httpStatus());
        ApiStyle style = ApiStyle.of(path);
        if (style == ApiStyle.INFERENCE) {
            JsonResponses.send(res, status, HeaderValues.CONTENT_TYPE_JSON, Json.NATIVE, json -> {
                json.writeStartObject();
                json.writeStringField("error", detail);
                json.writeStringField("request_id", RequestIds.current());
                json.writeEndObject();
            });
        } else if (style == ApiStyle.MLFLOW) {
            JsonResponses.send(res, status, HeaderValues.CONTENT_TYPE_JSON, Json.MLFLOW, json -> {
                json.writeStartObject();
                json.writeStringField("error_code", code.name());
                json.writeStringField("message", detail);
                json.writeEndObject();
            });
        } else {
            Problems.send(res, status, code, detail, path);
        }
    }

    private static SextantException translate(Throwable failure, String method, String path) {
        if (failure instanceof SextantException sextant) {
            return sextant;
        }
        if (failure instanceof HttpException http) {
            int status = http.status().code();
            if (status == 404) {
                return new SextantException(ErrorCode.ENDPOINT_NOT_FOUND, "No API endpoint at " + method + " " + path
                        + ". The native API is described at /openapi.json.");
            }
            if (status < 500) {
                return new SextantException(clientCode(status), "Bad request: " + http.getMessage());
            }
        }
        return new SextantException(ErrorCode.INTERNAL_ERROR, String.valueOf(failure), failure);
    }

    private static ErrorCode clientCode(int status) {
        return switch (status) {
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> ErrorCode.BAD_REQUEST;
        };
    }
}
