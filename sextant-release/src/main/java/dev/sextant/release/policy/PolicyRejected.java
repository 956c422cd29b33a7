package dev.sextant.release.policy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.util.List;
import java.util.stream.Collectors;

/** A policy refused at upload, with every problem found and its line. */
public final class PolicyRejected extends SextantException {
    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    public PolicyRejected(List<PolicyProblem> problems) {
        super(ErrorCode.INVALID_PARAMETER_VALUE, "The release policy was rejected: " + problems.stream()
                .map(PolicyProblem::toString).collect(Collectors.joining("; ")) + ". Fix "
                + (problems.size() == 1 ? "it" : "them") + " and upload the policy again.");
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
