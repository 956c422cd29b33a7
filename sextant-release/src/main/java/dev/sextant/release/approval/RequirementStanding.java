package dev.sextant.release.approval;

import dev.sextant.release.policy.ApprovalRequirement;
import java.util.List;

/**
 * One distinct requirement of an approval set for one version and target: how many approvals it
 * needs (a set may ask for the same reviewer kind twice), who has given one, and whether the
 * caller may give one.
 */
public record RequirementStanding(ApprovalRequirement requirement, int needed, List<String> approvedBy,
                                  boolean callerMayApprove) {

    public RequirementStanding {
        approvedBy = List.copyOf(approvedBy);
    }

    public int received() {
        return approvedBy.size();
    }

    public boolean pending() {
        return received() < needed;
    }
}
