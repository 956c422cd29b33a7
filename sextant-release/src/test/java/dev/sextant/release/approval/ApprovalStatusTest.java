package dev.sextant.release.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sextant.api.security.Principal;
import dev.sextant.api.security.Role;
import dev.sextant.release.policy.ApprovalRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalStatusTest {
    private static final List<ApprovalRequirement> SET = List.of(new ApprovalRequirement.ByRole(Role.ML_ENGINEER),
            new ApprovalRequirement.ByDomain("weather"), new ApprovalRequirement.ByDomain("compliance"));

    @Test
    void oneReviewerMeetsOneRequirementAndTheMatchingUsesEveryoneWell() {
        ApprovalStatus status = ApprovalStatus.of("signoff", SET, List.of(
                approval("alice", Role.ML_ENGINEER, "", Decision.APPROVED, 1),
                approval("bob", Role.APPROVER, "weather", Decision.APPROVED, 2)));
        assertThat(status.complete()).isFalse();
        assertThat(status.missing()).containsExactly(new ApprovalRequirement.ByDomain("compliance"));
        assertThat(status.shortfall()).contains("missing domain compliance");

        ApprovalStatus done = ApprovalStatus.of("signoff", SET, List.of(
                approval("alice", Role.ML_ENGINEER, "", Decision.APPROVED, 1),
                approval("bob", Role.APPROVER, "weather", Decision.APPROVED, 2),
                approval("carol", Role.APPROVER, "compliance", Decision.APPROVED, 3)));
        assertThat(done.complete()).isTrue();
        assertThat(done.met()).extracting(m -> m.approval().reviewer()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void theSamePersonCannotFillTwoRequirementsAndAdminsAreNotApprovers() {
        List<ApprovalRequirement> twoEngineers = List.of(new ApprovalRequirement.ByRole(Role.ML_ENGINEER),
                new ApprovalRequirement.ByRole(Role.ML_ENGINEER));
        ApprovalStatus status = ApprovalStatus.of("pair", twoEngineers, List.of(
                approval("alice", Role.ML_ENGINEER, "", Decision.APPROVED, 1),
                approval("alice", Role.ML_ENGINEER, "", Decision.APPROVED, 2),
                approval("root", Role.ADMIN, "", Decision.APPROVED, 3)));
        assertThat(status.met()).hasSize(1);
        assertThat(status.missing()).hasSize(1);
    }

    @Test
    void theLatestWordOfEachReviewerCounts() {
        ApprovalStatus changedMind = ApprovalStatus.of("signoff", SET.subList(2, 3), List.of(
                approval("carol", Role.APPROVER, "compliance", Decision.REJECTED, 1),
                approval("carol", Role.APPROVER, "compliance", Decision.APPROVED, 5)));
        assertThat(changedMind.complete()).isTrue();

        ApprovalStatus withdrawn = ApprovalStatus.of("signoff", SET.subList(2, 3), List.of(
                approval("carol", Role.APPROVER, "compliance", Decision.APPROVED, 1),
                approval("carol", Role.APPROVER, "compliance", Decision.REJECTED, 5)));
        assertThat(withdrawn.complete()).isFalse();
        assertThat(withdrawn.rejections()).extracting(Approval::reviewer).containsExactly("carol");
    }

    @Test
    void standingsCountEachDistinctRequirementAndSayWhetherTheCallerMayApprove() {
        List<ApprovalRequirement> set = List.of(new ApprovalRequirement.ByRole(Role.ML_ENGINEER),
                new ApprovalRequirement.ByDomain("compliance"), new ApprovalRequirement.ByRole(Role.ML_ENGINEER));
        ApprovalStatus status = ApprovalStatus.of("pair", set, List.of(
                approval("alice", Role.ML_ENGINEER, "", Decision.APPROVED, 1)));
        Principal engineer = new Principal("erin", Role.ML_ENGINEER, "", List.of(), "");
        Principal legal = new Principal("lee", Role.APPROVER, "legal", List.of(), "");

        List<RequirementStanding> asEngineer = status.standings(engineer);
        assertThat(asEngineer).extracting(s -> s.requirement().describe(), RequirementStanding::needed,
                RequirementStanding::received, RequirementStanding::pending, RequirementStanding::callerMayApprove)
                .containsExactly(tuple("role ml-engineer", 2, 1, true, true),
                        tuple("domain compliance", 1, 0, true, false));
        assertThat(asEngineer.get(0).approvedBy()).containsExactly("alice");
        assertThat(status.mayDecide(engineer)).isTrue();
        assertThat(status.standings(legal)).noneMatch(RequirementStanding::callerMayApprove);
        assertThat(status.mayDecide(legal)).isFalse();
    }

    private static Approval approval(String reviewer, Role role, String domain, Decision decision, long at) {
        return new Approval(reviewer + at, "rain", 3, "Production", reviewer, role, domain, decision, "because", at);
    }
}
