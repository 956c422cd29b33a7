package dev.sextant.server.nativeapi;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sextant.api.SextantException;
import dev.sextant.server.http.ApiStyle;
import dev.sextant.server.http.Fields;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.JsonResponses;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.tracking.Page;
import dev.sextant.tracking.ViewType;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.List;

/** Request and response plumbing shared by the native resources. */
final class NativeRequests {
    private final long maxBodyBytes;

    NativeRequests(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    Fields body(ServerRequest req) {
        return RequestBodies.json(req, ApiStyle.PROBLEM, maxBodyBytes);
    }

    static Fields query(ServerRequest req) {
        return RequestBodies.query(req);
    }

    static String pathParam(ServerRequest req, String name) {
        String value = req.path().pathParameters().first(name).orElse("");
        if (value.isEmpty()) {
            throw SextantException.missingParameter(name);
        }
        return value;
    }

    static ViewType view(Fields query) {
        String view = query.string("view");
        return view.isEmpty() ? ViewType.ACTIVE_ONLY : ViewType.parse(view);
    }

    static void noContent(ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    static void created(ServerResponse res, String location, JsonResponses.Body body) {
        res.header(HeaderNames.LOCATION, location);
        JsonResponses.send(res, Status.CREATED_201, HeaderValues.CONTENT_TYPE_JSON, Json.NATIVE, body);
    }

    /** {@code {"<field>": [...], "next_page_token": "..."}}; the token is left out on the last page. */
    static <T> void page(ServerResponse res, String field, Page<T> page, Item<T> item) {
        JsonResponses.send(res, Json.NATIVE, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart(field);
            List<T> items = page.items();
            for (T value : items) {
                item.write(json, value);
            }
            json.writeEndArray();
            if (page.nextPageToken().isPresent()) {
                json.writeStringField("next_page_token", page.nextPageToken().get());
            }
            json.writeEndObject();
        });
    }

    /** Writes one element of a collection. */
    @FunctionalInterface
    interface Item<T> {
        void write(JsonGenerator json, T value) throws IOException;
    }
}
