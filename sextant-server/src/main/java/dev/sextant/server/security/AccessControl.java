package dev.sextant.server.security;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.security.GrantStore;
import dev.sextant.api.security.Permission;
import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;
import dev.sextant.api.security.Scope;
import dev.sextant.server.http.RequestBodies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place where requests are authorised. {@link AccessFilter} authenticates every request and
 * makes its caller current; {@link #guard} wraps every route's handler (see
 * {@link dev.sextant.server.http.Routes}) so that its {@link Policy} is checked before it runs.
 */
public final class AccessControl {
    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();
    /** The target of {@code predict:*}; no deployment can be named so (see Scope). */
    private static final String EVERY_DEPLOYMENT = "*";
    private static final String WWW_AUTHENTICATE = "Bearer realm=\"sextant\", Basic realm=\"sextant\"";

    private final boolean localMode;
    private final boolean predictRequiresScope;
    private final GrantStore grants;
    private final Resources resources;
    private final RateLimiter limiter;
    private final long maxBodyBytes;
    private final Reauthorization reauthorization;

    /** The caller of the request on this thread, and the control that judges it. */
    record Current(AccessControl control, Caller caller) {
    }

    AccessControl(boolean localMode, boolean predictRequiresScope, GrantStore grants, Resources resources,
                  RateLimiter limiter, long maxBodyBytes, Reauthorization reauthorization) {
        this.localMode = localMode;
        this.predictRequiresScope = predictRequiresScope;
        this.grants = grants;
        this.resources = resources;
        this.limiter = limiter;
        this.maxBodyBytes = maxBodyBytes;
        this.reauthorization = reauthorization;
    }

    /** Wraps a route's handler: it runs only when the policy admits the current caller. */
    public static Handler guard(Policy policy, Handler handler) {
        if (policy instanceof Policy.Open) {
            return handler;
        }
        return (req, res) -> {
            Current current = CURRENT.get();
            if (current == null) {
                // Fail closed: routing without the access filter is a wiring mistake, never an open door.
                throw new SextantException(ErrorCode.INTERNAL_ERROR, "No access control is installed for "
                        + req.prologue().method().text() + " " + req.path().absolute().path() + ".");
            }
            current.control().check(req, res, policy, current.caller());
            handler.handle(req, res);
        };
    }

    /** Who is making the current request; {@link Principal#SYSTEM} outside a request. */
    public static Principal currentPrincipal() {
        Current current = CURRENT.get();
        return current != null && current.caller() instanceof Caller.Known known ? known.principal() : Principal.SYSTEM;
    }

    /** The caller of the request on this thread, if any; {@link OnBehalf} carries it to other threads. */
    static Optional<Current> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void enter(Current current) {
        CURRENT.set(current);
    }

    static void leave() {
        CURRENT.remove();
    }

    boolean localMode() {
        return localMode;
    }

    /**
     * For work queued by a request that starts later: returns when the request's caller may still
     * do what {@code policy} admitted, otherwise audits the refusal and throws it. In local mode
     * there is no credential to check again.
     */
    void reauthorize(Caller caller, Policy policy, String refusedAction, String entityType, String entityId) {
        if (localMode || policy instanceof Policy.Open) {
            return;
        }
        if (!(caller instanceof Caller.Known known)) {
            throw new IllegalStateException("Work was queued for a request whose caller was never admitted.");
        }
        reauthorization.require(known.principal(), policy, refusedAction, entityType, entityId);
    }

    void check(ServerRequest req, ServerResponse res, Policy policy, Caller caller) {
        if (policy instanceof Policy.Undeclared) {
            throw new SextantException(ErrorCode.INTERNAL_ERROR, "Route " + req.prologue().method().text() + " "
                    + req.path().absolute().path() + " has no access policy and is refused.");
        }
        if (policy instanceof Policy.Open || localMode) {
            return;
        }
        Principal principal = switch (caller) {
            case Caller.Known known -> known.principal();
            case Caller.Anonymous anonymous -> throw unauthenticated(res, "Authentication required: send an API token as "
                    + "'Authorization: Bearer <token>' (or as the password of HTTP Basic authentication). An "
                    + "administrator creates tokens with 'sextant tokens create'.");
            case Caller.Refused refused -> throw unauthenticated(res, refused.reason());
        };
        throttle(res, principal);
        if (principal.restricted() && !(policy instanceof Policy.Predict) && !(policy instanceof Policy.Authenticated)) {
            throw denied("The token of '" + principal.name() + "' is limited to "
                    + principal.scopes().stream().map(Scope::toString).collect(Collectors.joining(", "))
                    + " and may not call " + req.prologue().method().text() + " " + req.path().absolute().path() + ".");
        }
        switch (policy) {
            case Policy.Authenticated a -> {
            }
            case Policy.Admin a -> {
                if (principal.role() != Role.ADMIN) {
                    throw denied("Only administrators may call " + req.prologue().method().text() + " "
                            + req.path().absolute().path() + "; '" + principal.name() + "' is " + principal.role().wire() + ".");
                }
            }
            case Policy.Access access -> requireAccess(req, principal, access);
            case Policy.Predict predict -> requirePredict(req, principal, predict);
            case Policy.Open o -> {
            }
            case Policy.Undeclared u -> {
            }
            case Policy.Raised raised -> requireAccess(req, principal, effective(req, raised));
        }
    }

    /**
     * The raised policy when the body sets the field. The body is read as the handler reads it
     * ({@link RequestBodies#parse}, which also unwraps an object sent as a JSON string), so that no
     * spelling of the body gets past this check and still reaches the handler.
     */
    private Policy.Access effective(ServerRequest req, Policy.Raised raised) {
        byte[] bytes = RequestBodies.buffer(req, maxBodyBytes);
        try {
            return RequestBodies.parse(bytes).has(raised.field()) ? raised.raised() : raised.usual();
        } catch (SextantException malformed) {
            // The handler refuses a malformed body in its own words, and changes nothing.
            return raised.usual();
        }
    }

    private void requireAccess(ServerRequest req, Principal principal, Policy.Access access) {
        Permission baseline = principal.role().baseline(access.kind());
        if (Reauthorization.admits(principal, access)) {
            return;
        }
        Optional<String> resource = access.locator().locate(req, resources, maxBodyBytes);
        boolean granted = resource.flatMap(id -> grants.find(principal.name(), access.kind(), id))
                .map(grant -> grant.permission().includes(access.permission()))
                .orElse(false);
        if (!granted) {
            throw denied("Permission denied: " + principal.role().wire() + " '" + principal.name() + "' needs "
                    + access.permission().mlflowName() + " on " + access.kind().wire()
                    + resource.map(id -> " " + id).orElse("s") + " for " + req.prologue().method().text() + " "
                    + req.path().absolute().path() + " (the role gives " + baseline.mlflowName()
                    + "). Ask an administrator for a grant or a token with a suitable role.");
        }
    }

    private void requirePredict(ServerRequest req, Principal principal, Policy.Predict predict) {
        Optional<String> deployment = predict.deployment().locate(req, resources, maxBodyBytes);
        if (predictRequiresScope || principal.restricted()) {
            // A request that names no single deployment (/invocations with none or several served)
            // is admitted only for predict:*, which covers whichever deployment would answer.
            String name = deployment.orElse(EVERY_DEPLOYMENT);
            if (!principal.maySendPredictionsTo(name)) {
                throw denied(deployment.isEmpty()
                        ? req.path().absolute().path() + " names no single deployment, so it needs a token with scope "
                                + "predict:*; '" + principal.name() + "' has none. Call /deployments/<name>/invocations."
                        : "Predictions on deployment '" + name + "' need a token with scope predict:" + name
                                + " (or predict:*); '" + principal.name() + "' has none.");
            }
            return;
        }
        requireAccess(req, principal, new Policy.Access(dev.sextant.api.security.ResourceKind.DEPLOYMENT,
                Permission.READ, predict.deployment()));
    }

    private void throttle(ServerResponse res, Principal principal) {
        String key = principal.tokenId().isEmpty() ? "principal:" + principal.name() : principal.tokenId();
        long waitNanos = limiter.acquire(key);
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds));
            throw new SextantException(ErrorCode.REQUEST_LIMIT_EXCEEDED, "Too many requests for the token of '"
                    + principal.name() + "'. Retry after " + seconds + " s, or batch the work (e.g. log-batch).");
        }
    }

    private static SextantException unauthenticated(ServerResponse res, String message) {
        res.header(HeaderNames.WWW_AUTHENTICATE, WWW_AUTHENTICATE);
        return new SextantException(ErrorCode.UNAUTHENTICATED, message);
    }

    private static SextantException denied(String message) {
        return new SextantException(ErrorCode.PERMISSION_DENIED, message);
    }
}
