package dev.sextant.server.security;

import dev.sextant.api.security.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Authenticates every request and makes its caller current for the route guards and the audit
 * trail. It refuses nothing itself: whether a route needs a caller is the route's policy.
 */
final class AccessFilter implements Filter {
    private static final Caller LOCAL = new Caller.Known(Principal.LOCAL);

    private final AccessControl control;
    private final Authenticator authenticator;

    AccessFilter(AccessControl control, Authenticator authenticator) {
        this.control = control;
        this.authenticator = authenticator;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Caller caller = control.localMode() ? LOCAL
                : authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION));
        AccessControl.enter(new AccessControl.Current(control, caller));
        try {
            chain.proceed();
        } finally {
            AccessControl.leave();
        }
    }
}
