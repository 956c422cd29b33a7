package dev.sextant.server.security;

import dev.sextant.api.security.Permission;
import dev.sextant.api.security.ResourceKind;

/**
 * Who may call a route. Every route is registered with one (see
 * {@link dev.sextant.server.http.Routes}); a route without one refuses to start the server.
 */
public sealed interface Policy {

    /** Anyone, without credentials: health probes, the API description. */
    record Open() implements Policy {
    }

    /** Any valid token, whatever its role. */
    record Authenticated() implements Policy {
    }

    /** Administrators only: tokens, grants, the audit log. */
    record Admin() implements Policy {
    }

    /**
     * A permission on a resource of a kind. The caller's role gives a baseline on every resource of
     * the kind; below it, a grant on the one resource the locator finds can still admit the caller.
     */
    record Access(ResourceKind kind, Permission permission, Locator locator) implements Policy {
    }

    /**
     * {@code usual}, or {@code raised} when the JSON body sets {@code field}: one route whose
     * request may do more than it usually does, e.g. a version patch that moves the stage.
     */
    record Raised(Access usual, String field, Access raised) implements Policy {
    }

    /** Prediction on a deployment: a {@code predict:} scope, or READ on the deployment when scopes are not required. */
    record Predict(Locator deployment) implements Policy {
    }

    /** What a route registered without a policy carries; the server refuses to start with one. */
    record Undeclared() implements Policy {
    }

    static Policy open() {
        return new Open();
    }

    static Policy authenticated() {
        return new Authenticated();
    }

    static Policy admin() {
        return new Admin();
    }

    static Policy read(ResourceKind kind, Locator locator) {
        return new Access(kind, Permission.READ, locator);
    }

    static Policy edit(ResourceKind kind, Locator locator) {
        return new Access(kind, Permission.EDIT, locator);
    }

    static Policy manage(ResourceKind kind, Locator locator) {
        return new Access(kind, Permission.MANAGE, locator);
    }

    /** EDIT on the resource; MANAGE when the body sets {@code field}. */
    static Policy editOrManageWhenSet(ResourceKind kind, Locator locator, String field) {
        return new Raised(new Access(kind, Permission.EDIT, locator), field, new Access(kind, Permission.MANAGE, locator));
    }

    static Policy predict(Locator deployment) {
        return new Predict(deployment);
    }

    static Policy undeclared() {
        return new Undeclared();
    }

    /** One short line for route listings and test reports, e.g. {@code EDIT experiment}. */
    default String describe() {
        return switch (this) {
            case Open o -> "open";
            case Authenticated a -> "authenticated";
            case Admin a -> "admin";
            case Access a -> a.permission().name() + " " + a.kind().wire();
            case Raised r -> r.usual().describe() + " (" + r.raised().permission().name() + " with " + r.field() + ")";
            case Predict p -> "predict";
            case Undeclared u -> "undeclared";
        };
    }
}
