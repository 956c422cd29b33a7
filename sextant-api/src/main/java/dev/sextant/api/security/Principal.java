package dev.sextant.api.security;

import java.util.List;
import java.util.Optional;

/**
 * Who is calling: a name (audit records it), a role, an approval domain for approvers ("" for
 * none), the token's scopes (empty: the whole role) and the id of the token used ("" when the
 * caller is not a stored token: the configured admin or the local user).
 */
public record Principal(String name, Role role, String domain, List<Scope> scopes, String tokenId) {
    /** The single user of a server in local mode (loopback, no authentication configured). */
    public static final Principal LOCAL = new Principal("local", Role.ADMIN, "", List.of(), "");
    /** Work the server does on its own (start-up, background jobs). */
    public static final Principal SYSTEM = new Principal("system", Role.ADMIN, "", List.of(), "");

    public Principal {
        scopes = List.copyOf(scopes);
    }

    public Optional<String> approvalDomain() {
        return role == Role.APPROVER && !domain.isEmpty() ? Optional.of(domain) : Optional.empty();
    }

    /** Approvals are separated from administration: only approvers of that domain approve. */
    public boolean approves(String gateDomain) {
        return approvalDomain().filter(gateDomain::equals).isPresent();
    }

    /** A token restricted by scopes may only predict. */
    public boolean restricted() {
        return !scopes.isEmpty();
    }

    public boolean maySendPredictionsTo(String deployment) {
        return scopes.stream().anyMatch(s -> s.allowsPredict(deployment));
    }
}
