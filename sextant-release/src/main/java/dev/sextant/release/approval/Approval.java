package dev.sextant.release.approval;

import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;
import java.util.List;

/**
 * One reviewer's decision on moving a version to a target, with the role and approver domain the
 * reviewer had when deciding. A reviewer's latest decision is the one that counts.
 */
public record Approval(String id, String model, long version, String target, String reviewer, Role role, String domain,
                       Decision decision, String comment, long createdAt) {

    /** The reviewer as they were when deciding, to match against requirements. */
    public Principal reviewerPrincipal() {
        return new Principal(reviewer, role, domain, List.of(), "");
    }
}
