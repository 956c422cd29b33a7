package dev.sextant.release.approval;

import java.util.List;

/** Persistence port of approvals; implementations commit before returning. */
public interface ApprovalStore {

    /** Stores a decision on an existing version (RESOURCE_DOES_NOT_EXIST otherwise). */
    void save(Approval approval);

    /** Every decision on moving the version to the target, oldest first. */
    List<Approval> list(String model, long version, String target);
}
