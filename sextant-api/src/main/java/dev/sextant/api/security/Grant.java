package dev.sextant.api.security;

/** A permission on one resource given to a principal (by name), on top of the principal's role. */
public record Grant(String principal, ResourceKind kind, String resourceId, Permission permission) {
}
