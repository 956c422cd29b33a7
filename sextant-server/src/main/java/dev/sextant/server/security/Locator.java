package dev.sextant.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.http.Json;
import dev.sextant.server.http.RequestBodies;
import dev.sextant.server.http.Routes;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * How to find, in a request, the id of the resource a policy is about. It is only consulted when
 * the caller's role alone does not admit them, so the usual request pays nothing for it.
 */
@FunctionalInterface
public interface Locator {

    Optional<String> locate(ServerRequest req, Resources resources, long maxBodyBytes);

    /** The route acts on a collection (search, create): only the role's baseline counts. */
    static Locator none() {
        return (req, resources, max) -> Optional.empty();
    }

    static Locator path(String name) {
        return (req, resources, max) -> req.path().pathParameters().first(name).asOptional().filter(s -> !s.isEmpty());
    }

    static Locator query(String name) {
        return (req, resources, max) -> req.query().first(name).asOptional().filter(s -> !s.isEmpty());
    }

    /**
     * The first of the named parameters that is set: from the query string for GET and HEAD (MLflow's
     * convention), else from the JSON body, which is kept for the handler to read again.
     */
    static Locator field(String... names) {
        return (req, resources, max) -> {
            for (String name : names) {
                Optional<String> value = Routes.readsLikeGet(req)
                        ? req.query().first(name).asOptional()
                        : bodyField(req, name, max);
                if (value.isPresent() && !value.get().isEmpty()) {
                    return value;
                }
            }
            return Optional.empty();
        };
    }

    /** The experiment a run belongs to, the run's id found by {@code runId}. */
    static Locator experimentOfRun(Locator runId) {
        return (req, resources, max) -> runId.locate(req, resources, max).flatMap(resources::experimentOfRun);
    }

    static Locator experimentNamed(Locator name) {
        return (req, resources, max) -> name.locate(req, resources, max).flatMap(resources::experimentIdByName);
    }

    /** An artifact path's first segment: artifacts live under {@code <experiment id>/<run id>/...}. */
    static Locator firstSegment(Locator path) {
        return (req, resources, max) -> path.locate(req, resources, max).map(p -> p.startsWith("/") ? p.substring(1) : p)
                .map(p -> p.contains("/") ? p.substring(0, p.indexOf('/')) : p)
                .filter(s -> !s.isEmpty());
    }

    private static Optional<String> bodyField(ServerRequest req, String name, long max) {
        byte[] body = RequestBodies.buffer(req, max);
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.READER.readTree(body);
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() || value.isContainerNode() ? Optional.empty()
                    : Optional.of(value.asText());
        } catch (IOException e) {
            // The handler reports the malformed body in its own words.
            return Optional.empty();
        }
    }
}
