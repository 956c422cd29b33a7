package dev.sextant.release.approval;

import dev.sextant.api.security.Principal;
import dev.sextant.release.policy.ApprovalRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an approval set stands for one version and target: its requirements in policy order,
 * which are met and by whom, which are missing, and who rejected. Complete when nothing is missing
 * and nobody whose latest word counts rejected.
 */
public record ApprovalStatus(String set, List<ApprovalRequirement> requirements, List<Met> met,
                             List<ApprovalRequirement> missing, List<Approval> rejections) {

    public ApprovalStatus {
        requirements = List.copyOf(requirements);
        met = List.copyOf(met);
        missing = List.copyOf(missing);
        rejections = List.copyOf(rejections);
    }

    public record Met(ApprovalRequirement requirement, Approval approval) {
    }

    public boolean complete() {
        return missing.isEmpty() && rejections.isEmpty();
    }

    /**
     * The status of {@code requirements} given every decision so far: each reviewer's latest
     * decision counts, and one reviewer meets at most one requirement.
     */
    public static ApprovalStatus of(String set, List<ApprovalRequirement> requirements, List<Approval> decisions) {
        Map<String, Approval> latest = new LinkedHashMap<>();
        decisions.stream().sorted(java.util.Comparator.comparingLong(Approval::createdAt))
                .forEach(a -> latest.put(a.reviewer(), a));
        List<Approval> approvals = latest.values().stream().filter(a -> a.decision() == Decision.APPROVED).toList();
        List<Approval> rejections = latest.values().stream().filter(a -> a.decision() == Decision.REJECTED)
                .filter(a -> requirements.stream().anyMatch(r -> r.satisfiedBy(a.reviewerPrincipal()))).toList();
        Approval[] assigned = match(requirements, approvals);
        List<Met> met = new ArrayList<>();
        List<ApprovalRequirement> missing = new ArrayList<>();
        for (int i = 0; i < requirements.size(); i++) {
            if (assigned[i] != null) {
                met.add(new Met(requirements.get(i), assigned[i]));
            } else {
                missing.add(requirements.get(i));
            }
        }
        return new ApprovalStatus(set, requirements, met, missing, rejections);
    }

    /**
     * Each distinct requirement once, in policy order, with how many approvals it needs and has
     * and whether {@code caller} may give one: the facts a client needs to offer the decision.
     */
    public List<RequirementStanding> standings(Principal caller) {
        Map<ApprovalRequirement, Integer> needed = new LinkedHashMap<>();
        requirements.forEach(r -> needed.merge(r, 1, Integer::sum));
        return needed.entrySet().stream().map(e -> new RequirementStanding(e.getKey(), e.getValue(),
                met.stream().filter(m -> m.requirement().equals(e.getKey())).map(m -> m.approval().reviewer()).toList(),
                e.getKey().satisfiedBy(caller))).toList();
    }

    /** Whether {@code caller} is among the reviewers the set asks for (the rule {@link ApprovalService#decide} applies). */
    public boolean mayDecide(Principal caller) {
        return requirements.stream().anyMatch(r -> r.satisfiedBy(caller));
    }

    /** What is missing, in words: {@code missing domain compliance; rejected by carol ("...")}. */
    public Optional<String> shortfall() {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + missing.stream().map(ApprovalRequirement::describe).collect(Collectors.joining(", ")));
        }
        rejections.forEach(r -> parts.add("rejected by " + r.reviewer() + (r.comment().isBlank() ? "" : " (\"" + r.comment()
                + "\")")));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /**
     * Assigns approvals to requirements so that as many as possible are met, each approval used
     * once (augmenting paths over a small bipartite graph).
     */
    private static Approval[] match(List<ApprovalRequirement> requirements, List<Approval> approvals) {
        int[] owner = new int[approvals.size()];
        java.util.Arrays.fill(owner, -1);
        for (int r = 0; r < requirements.size(); r++) {
            augment(r, requirements, approvals, owner, new boolean[approvals.size()]);
        }
        Approval[] assigned = new Approval[requirements.size()];
        for (int a = 0; a < approvals.size(); a++) {
            if (owner[a] >= 0) {
                assigned[owner[a]] = approvals.get(a);
            }
        }
        return assigned;
    }

    private static boolean augment(int requirement, List<ApprovalRequirement> requirements, List<Approval> approvals,
                                   int[] owner, boolean[] seen) {
        for (int a = 0; a < approvals.size(); a++) {
            if (!seen[a] && requirements.get(requirement).satisfiedBy(approvals.get(a).reviewerPrincipal())) {
                seen[a] = true;
                if (owner[a] < 0 || augment(owner[a], requirements, approvals, owner, seen)) {
                    owner[a] = requirement;
                    return true;
                }
            }
        }
        return false;
    }
}
