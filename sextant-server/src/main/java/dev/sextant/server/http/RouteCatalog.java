package dev.sextant.server.http;

import dev.sextant.server.security.Policy;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers route families on the server and remembers every route with its full path and policy,
 * so that tests can enumerate all of them. A family with a route that has no policy is refused
 * here, which stops the server from starting.
 */
public final class RouteCatalog {

    /** One served route as a client sees it. */
    public record Entry(Method method, String path, Policy policy) {
    }

    private final HttpRouting.Builder routing;
    private final List<Entry> entries = new ArrayList<>();

    public RouteCatalog(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    public RouteCatalog register(String prefix, Routes routes) {
        List<String> undeclared = new ArrayList<>();
        for (Routes.Route route : routes.routes()) {
            String path = prefix + route.path();
            if (route.policy() instanceof Policy.Undeclared) {
                undeclared.add(route.method().text() + " " + path);
            }
            entries.add(new Entry(route.method(), path, route.policy()));
        }
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("Routes without an access policy: " + String.join(", ", undeclared)
                    + ". Register each with a Policy (e.g. Policy.read(ResourceKind.EXPERIMENT, Locator.field(\"experiment_id\"))).");
        }
        routing.register(prefix, routes);
        return this;
    }

    public RouteCatalog register(Routes routes) {
        return register("", routes);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
