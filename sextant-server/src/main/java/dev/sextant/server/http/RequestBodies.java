package dev.sextant.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

/** Reads request parameters: bounded JSON bodies, checked for content type, or the query string. */
public final class RequestBodies {
    private static final ObjectNode EMPTY = Json.READER.createObjectNode();

    private RequestBodies() {
    }

    public static Fields query(ServerRequest req) {
        return new QueryFields(req.query());
    }

    /** Reads and parses a JSON object body of at most {@code maxBytes}; 413 beyond that. */
    public static Fields json(ServerRequest req, ApiStyle style, long maxBytes) {
        requireJsonContentType(req, style);
        return parse(read(req, maxBytes, RequestBodies::tooLarge));
    }

    /**
     * The raw body, failing with {@code onTooLarge(size)} once it is longer than {@code maxBytes}
     * (size is -1 when the client did not declare it). Nothing beyond the limit is buffered.
     */
    public static byte[] read(ServerRequest req, long maxBytes, LongFunction<SextantException> onTooLarge) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw onTooLarge.apply(declared);
        }
        // Only a body read by buffer() is consumed already; the request context that holds it is
        // created on first use, which costs more than reading a small body, so it is not asked otherwise.
        if (req.content().consumed()) {
            Optional<Buffered> buffered = req.context().get(Buffered.class);
            if (buffered.isPresent()) {
                if (buffered.get().body().length > maxBytes) {
                    throw onTooLarge.apply(buffered.get().body().length);
                }
                return buffered.get().body();
            }
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(declared >= 0 ? (int) declared : cap + 1);
            if (body.length > cap) {
                throw onTooLarge.apply(-1);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body", e);
        }
    }

    /**
     * Streams the raw body into {@code file}, failing like {@link #read} once it is longer than
     * {@code maxBytes}; returns its length. Only a buffer's worth is held in memory at a time.
     */
    public static long copy(ServerRequest req, Path file, long maxBytes, LongFunction<SextantException> onTooLarge) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw onTooLarge.apply(declared);
        }
        try {
            if (req.content().consumed() || !req.content().hasEntity()) {
                byte[] body = read(req, maxBytes, onTooLarge); // already buffered, or none
                Files.write(file, body);
                return body.length;
            }
            try (InputStream in = req.content().inputStream(); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        throw onTooLarge.apply(-1);
                    }
                    out.write(buffer, 0, n);
                }
                return total;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body", e);
        }
    }

    /**
     * Reads the body (at most {@code maxBytes}) for a look before the handler runs, e.g. to find
     * the resource an access check is about; {@link #read} then hands the handler the same bytes.
     */
    public static byte[] buffer(ServerRequest req, long maxBytes) {
        Optional<Buffered> buffered = req.context().get(Buffered.class);
        if (buffered.isPresent()) {
            return buffered.get().body();
        }
        byte[] body = read(req, maxBytes, RequestBodies::tooLarge);
        req.context().register(new Buffered(body));
        return body;
    }

    /** A body already read from the socket. */
    private record Buffered(byte[] body) {
    }

    public static SextantException tooLarge(long size) {
        return new SextantException(ErrorCode.REQUEST_TOO_LARGE, "The request body"
                + (size >= 0 ? " of " + size + " bytes" : "") + " is larger than this server accepts "
                + "(server.max-request-body-bytes). Send less data per request.");
    }

    /** A JSON object; an empty body is an empty object and a JSON string holding an object is unwrapped. */
    public static Fields parse(byte[] body) {
        return new JsonFields(parseObject(body), "");
    }

    private static ObjectNode parseObject(byte[] body) {
        if (body.length == 0) {
            return EMPTY;
        }
        try {
            JsonNode node = Json.READER.readTree(body);
            if (node != null && node.isTextual()) {
                // Older MLflow clients double-encode their JSON as a string.
                node = Json.READER.readTree(node.textValue());
            }
            if (node == null || node.isMissingNode() || node.isNull()) {
                return EMPTY;
            }
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw SextantException.invalid("The request body must be a JSON object, not " + describe(node)
                    + ". Send the parameters as {\"name\": value, …}.");
        } catch (JacksonException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 400 for a body that is not valid JSON, saying where parsing stopped. */
    public static SextantException malformed(JacksonException e) {
        return SextantException.invalid("Malformed JSON in request body" + where(e.getLocation()) + ": "
                + e.getOriginalMessage() + ". Send a valid JSON object.");
    }

    /**
     * POST, PUT and PATCH must declare {@code application/json}. MLflow answers 400 with its own
     * wording; the native API answers 415.
     */
    public static void requireJsonContentType(ServerRequest req, ApiStyle style) {
        Method method = req.prologue().method();
        if (method != Method.POST && method != Method.PUT && method != Method.PATCH) {
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.CONTENT_TYPE);
        boolean json = header.map(RequestBodies::isJson).orElse(false);
        if (json) {
            return;
        }
        if (style == ApiStyle.MLFLOW) {
            throw SextantException.invalid(header.isEmpty() ? "Bad Request. Content-Type header is missing."
                    : "Bad Request. Content-Type must be one of ['application/json'].");
        }
        if (header.isEmpty() && req.headers().contentLength().orElse(-1) == 0) {
            return;
        }
        throw new SextantException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json"
                + header.map(h -> ", not '" + h + "'").orElse(" but is missing") + ". Send a JSON body.");
    }

    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String base = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return base.toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "an array" : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
