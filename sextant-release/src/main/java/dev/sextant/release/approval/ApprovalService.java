package dev.sextant.release.approval;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.api.security.Principal;
import dev.sextant.registry.ModelVersion;
import dev.sextant.release.Ids;
import dev.sextant.release.ReleaseEvent;
import dev.sextant.release.ReleaseListener;
import dev.sextant.release.policy.ApprovalRequirement;
import dev.sextant.release.policy.PolicyService;
import dev.sextant.release.policy.TargetPolicy;
import dev.sextant.release.promotion.PromotionTarget;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Approvals of moving a version to a target. Only someone the target's approval set asks for may
 * decide: a reviewer with a required role, or an approver of a required domain. A rejection needs
 * a reason; a reviewer's later decision replaces their earlier one.
 */
public final class ApprovalService {
    public static final int MAX_COMMENT_LENGTH = 5000;

    private final ApprovalStore store;
    private final PolicyService policies;
    private final ReleaseListener listener;
    private final Clock clock;
    private final Ids ids;

    public ApprovalService(ApprovalStore store, PolicyService policies, ReleaseListener listener, Clock clock, Ids ids) {
        this.store = store;
        this.policies = policies;
        this.listener = listener;
        this.clock = clock;
        this.ids = ids;
    }

    /** Records {@code reviewer}'s decision and returns where the set stands now. */
    public ApprovalStatus decide(ModelVersion version, PromotionTarget target, Principal reviewer, Decision decision,
                                 String comment) {
        TargetPolicy policy = policyOf(version, target);
        String set = policy.approvalSet().orElseThrow(() -> new SextantException(ErrorCode.RESOURCE_CONFLICT,
                target.name() + " of '" + version.name() + "' needs no approvals under its release policy; promote it "
                        + "when its gates pass."));
        List<ApprovalRequirement> requirements = policies.effective(version.name()).approvalSet(set);
        if (requirements.stream().noneMatch(r -> r.satisfiedBy(reviewer))) {
            throw new SextantException(ErrorCode.PERMISSION_DENIED, "'" + reviewer.name() + "' (" + reviewer.role().wire()
                    + reviewer.approvalDomain().map(d -> ", approver of " + d).orElse("") + ") is not among the reviewers "
                    + "approval set '" + set + "' asks for: " + requirements.stream().map(ApprovalRequirement::describe)
                    .collect(Collectors.joining(", ")) + ".");
        }
        if (decision == Decision.REJECTED && comment.isBlank()) {
            throw SextantException.invalid("A rejection needs a comment saying why, so that the authors know what to fix.");
        }
        if (comment.length() > MAX_COMMENT_LENGTH) {
            throw SextantException.invalid("The comment is " + comment.length() + " characters; the limit is "
                    + MAX_COMMENT_LENGTH + ".");
        }
        Approval approval = new Approval(ids.next(), version.name(), version.version(), target.name(), reviewer.name(),
                reviewer.role(), reviewer.domain(), decision, comment, clock.millis());
        store.save(approval);
        listener.on(new ReleaseEvent.ApprovalGiven(approval));
        return status(version, target, set);
    }

    /** Where the set stands for the version and target. */
    public ApprovalStatus status(ModelVersion version, PromotionTarget target, String set) {
        List<ApprovalRequirement> requirements = policies.effective(version.name()).approvalSet(set);
        return ApprovalStatus.of(set, requirements, store.list(version.name(), version.version(), target.name()));
    }

    /** Every decision on the version and target, oldest first. */
    public List<Approval> decisions(ModelVersion version, PromotionTarget target) {
        return store.list(version.name(), version.version(), target.name());
    }

    private TargetPolicy policyOf(ModelVersion version, PromotionTarget target) {
        return policies.effective(version.name()).forTarget(target).orElseThrow(() -> new SextantException(
                ErrorCode.RESOURCE_CONFLICT, "The release policy of '" + version.name() + "' does not govern "
                + target.name() + ", so it needs no approvals."));
    }
}
