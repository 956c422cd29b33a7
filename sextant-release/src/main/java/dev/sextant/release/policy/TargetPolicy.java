package dev.sextant.release.policy;

import dev.sextant.release.promotion.PromotionTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a version must pass to be promoted to one target, and whose approval it needs. */
public record TargetPolicy(PromotionTarget target, List<GateCheck> gates, Optional<String> approvalSet) {

    public TargetPolicy {
        gates = List.copyOf(gates);
    }

    /** The gates, with the approval set as a last check when there is one. */
    public List<GateCheck> checks() {
        List<GateCheck> all = new ArrayList<>(gates);
        approvalSet.ifPresent(set -> all.add(new GateCheck.ApprovalsComplete(set)));
        return all;
    }
}
