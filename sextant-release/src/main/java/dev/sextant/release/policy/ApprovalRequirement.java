package dev.sextant.release.policy;

import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;

/**
 * One approval a set needs: from someone with a role ({@code role: ml-engineer}) or from an
 * approver of a domain ({@code domain: compliance}).
 */
public sealed interface ApprovalRequirement {

    boolean satisfiedBy(Principal principal);

    /** {@code role ml-engineer} or {@code domain compliance}. */
    String describe();

    record ByRole(Role role) implements ApprovalRequirement {
        @Override
        public boolean satisfiedBy(Principal principal) {
            return principal.role() == role;
        }

        @Override
        public String describe() {
            return "role " + role.wire();
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
    }
}
