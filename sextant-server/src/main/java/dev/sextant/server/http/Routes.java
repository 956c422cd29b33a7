package dev.sextant.server.http;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.server.security.AccessControl;
import dev.sextant.server.security.Policy;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A family of routes that also answers 405 (with {@code Allow}) for a known path and a method it
 * does not serve (Helidon alone would answer 404), and HEAD wherever it serves GET. Every route
 * carries its access {@link Policy}, enforced before its handler runs; a route registered without
 * one is refused when the server starts. The route list is kept so tests and the OpenAPI check can
 * see exactly what is served.
 */
public final class Routes implements HttpService {

    /** One served method and path pattern, relative to where the family is registered, and who may call it. */
    public record Route(Method method, String path, Policy policy, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Runnable> onStop = new ArrayList<>();

    public Routes get(String path, Policy policy, Handler handler) {
        return add(Method.GET, path, policy, handler);
    }

    public Routes post(String path, Policy policy, Handler handler) {
        return add(Method.POST, path, policy, handler);
    }

    public Routes put(String path, Policy policy, Handler handler) {
        return add(Method.PUT, path, policy, handler);
    }

    public Routes patch(String path, Policy policy, Handler handler) {
        return add(Method.PATCH, path, policy, handler);
    }

    public Routes delete(String path, Policy policy, Handler handler) {
        return add(Method.DELETE, path, policy, handler);
    }

    public Routes add(Method method, String path, Policy policy, Handler handler) {
        routes.add(new Route(method, path, policy, handler));
        return this;
    }

    // Without a policy: kept so that a family written without one compiles, and is then refused at start-up.

    public Routes get(String path, Handler handler) {
        return add(Method.GET, path, Policy.undeclared(), handler);
    }

    public Routes post(String path, Handler handler) {
        return add(Method.POST, path, Policy.undeclared(), handler);
    }

    public Routes put(String path, Handler handler) {
        return add(Method.PUT, path, Policy.undeclared(), handler);
    }

    public Routes patch(String path, Handler handler) {
        return add(Method.PATCH, path, Policy.undeclared(), handler);
    }

    public Routes delete(String path, Handler handler) {
        return add(Method.DELETE, path, Policy.undeclared(), handler);
    }

    /** GET, or HEAD answered by GET's handler: parameters come from the query string, never a body. */
    public static boolean readsLikeGet(ServerRequest req) {
        Method method = req.prologue().method();
        return method == Method.GET || method == Method.HEAD;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Work to do when the server stops, before the stores close: background work started by these
     * routes (e.g. training jobs) is stopped here.
     */
    public Routes onStop(Runnable action) {
        onStop.add(action);
        return this;
    }

    @Override
    public void afterStop() {
        onStop.forEach(Runnable::run);
    }

    @Override
    public void routing(HttpRules rules) {
        Map<String, List<String>> allowed = new LinkedHashMap<>();
        for (Route route : routes) {
            PathMatcher matcher = SegmentTemplate.of(route.path());
            rules.route(route.method(), matcher, AccessControl.guard(route.policy(), route.handler()));
            List<String> methods = allowed.computeIfAbsent(route.path(), path -> new ArrayList<>());
            methods.add(route.method().text());
            if (route.method() == Method.GET) {
                // HEAD is GET without the body, under GET's policy (RFC 9110 §9.3.2).
                rules.route(Method.HEAD, matcher, AccessControl.guard(route.policy(),
                        HeadResponse.of(route.handler())));
                methods.add(Method.HEAD.text());
            }
        }
        // Fallbacks come after every real route so that they never shadow one.
        allowed.forEach((path, methods) -> rules.route(method -> true, SegmentTemplate.of(path),
                methodNotAllowed(String.join(", ", methods))));
    }

    private static Handler methodNotAllowed(String allow) {
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allow);
            throw new SextantException(ErrorCode.METHOD_NOT_ALLOWED, "Method " + req.prologue().method().text()
                    + " is not allowed on " + req.path().absolute().path() + ". Use " + allow + ".");
        };
    }
}
