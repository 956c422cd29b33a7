package dev.sextant.server.http;

import dev.sextant.api.ErrorCode;
import dev.sextant.server.observe.RequestIds;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;

/** RFC 9457 problem details with Sextant's stable {@code code} and the request id. */
final class Problems {
    private static final Header CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE,
            "application/problem+json");
    static final String TYPE_BASE = "https://sextant.dev/problems/";

    private Problems() {
    }

    static void send(ServerResponse res, Status status, ErrorCode code, String detail, String instance) {
        JsonResponses.send(res, status, CONTENT_TYPE, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeStringField("type", TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            json.writeStringField("title", title(code));
            json.writeNumberField("status", status.code());
            json.writeStringField("detail", detail);
            json.writeStringField("instance", instance);
            json.writeStringField("code", code.name());
            json.writeStringField("request_id", RequestIds.current());
            json.writeEndObject();
        });
    }

    /** RESOURCE_DOES_NOT_EXIST → "Resource does not exist". */
    static String title(ErrorCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
