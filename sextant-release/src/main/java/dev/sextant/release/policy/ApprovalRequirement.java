package dev.sextant.release.policy;

import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;
import java.util.Optional;

/**
 * One approval a set needs: from someone with a role ({@code role: ml-engineer}) or from an
 * approver of a domain ({@code domain: compliance}).
 */
public sealed interface ApprovalRequirement {

    boolean satisfiedBy(Principal principal);

    /** {@code role ml-engineer} or {@code domain compliance}. */
    String describe();

    /** The role a reviewer needs to meet it: the named role, or {@code approver} for a domain. */
    Role reviewerRole();

    /** The approver domain it asks for, if it asks for one. */
    Optional<String> approverDomain();

    record ByRole(Role role) implements ApprovalRequirement {
        @Override
        public boolean satisfiedBy(Principal principal) {
            return principal.role() == role;
        }

        @Override
        public String describe() {
            return "role " + role.wire();
        }

        @Override
        public Role reviewerRole() {
            return role;
        }

        @Override
        public Optional<String> approverDomain() {
            return Optional.empty();
        }
    }

    record ByDomain(String domain) implements ApprovalRequirement {
        @Override
        public boolean satisfiedBy(Principal principal) {
            return principal.approves(domain);
        }

        @Override
        public String describe() {
            return "domain " + domain;
        }

        @Override
        public Role reviewerRole() {
            return Role.APPROVER;
        }

        @Override
        public Optional<String> approverDomain() {
            return Optional.of(domain);
        }
    }
}
