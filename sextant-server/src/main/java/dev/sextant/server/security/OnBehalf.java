package dev.sextant.server.security;

import dev.sextant.api.security.Principal;
import dev.sextant.server.observe.RequestIds;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The caller and request id of a request, kept for work done for it later on another thread
 * (a training job), so that what that work changes is audited as the caller's, under the request
 * that asked for it, and not as the server's own.
 */
public final class OnBehalf {
    private final Optional<AccessControl.Current> current;
    private final String requestId;

    private OnBehalf(Optional<AccessControl.Current> current, String requestId) {
        this.current = current;
        this.requestId = requestId;
    }

    /** The request being handled on this thread; outside a request, the server itself ({@link Principal#SYSTEM}). */
    public static OnBehalf ofCurrentRequest() {
        return new OnBehalf(AccessControl.current(), RequestIds.current());
    }

    public Principal principal() {
        return current.map(c -> c.caller() instanceof Caller.Known known ? known.principal() : Principal.SYSTEM)
                .orElse(Principal.SYSTEM);
    }

    public String requestId() {
        return requestId;
    }

    /**
     * Checks again, when work queued for the request is about to start, that its caller may still
     * do what the route's {@code policy} admitted: the token is neither revoked nor expired and its
     * role still admits the caller. A refusal is written to the audit log as {@code refusedAction}
     * on the entity, as the caller and under the request (call this inside {@link #run}), and
     * thrown (UNAUTHENTICATED or PERMISSION_DENIED). Without authentication (local mode) or outside
     * a request there is nothing to check.
     */
    public void requireStillAllowed(Policy policy, String refusedAction, String entityType, String entityId) {
        current.ifPresent(c -> c.control().reauthorize(c.caller(), policy, refusedAction, entityType, entityId));
    }

    /**
     * Runs {@code work} as the request's caller, with its request id in the log context, on a
     * thread of the caller's own (a worker): the thread's caller and request id are cleared after.
     */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return this;
        });
    }

    /** {@link #run} for work with a result. */
    public <T> T call(Supplier<T> work) {
        current.ifPresent(AccessControl::enter);
        if (!requestId.isEmpty()) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            return work.get();
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            AccessControl.leave();
        }
    }
}
