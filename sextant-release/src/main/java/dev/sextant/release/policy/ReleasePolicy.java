package dev.sextant.release.policy;

import dev.sextant.release.promotion.PromotionTarget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registered model's release policy (or the server's default): per target, the gates and the
 * approval set, parsed from the YAML text it was uploaded as (see {@link PolicyParser}).
 *
 * @param text the YAML as uploaded
 * @param approvalSets approval requirements by set name
 * @param targets by target name ({@code Production}, {@code champion})
 */
public record ReleasePolicy(String text, Map<String, List<ApprovalRequirement>> approvalSets,
                            Map<String, TargetPolicy> targets) {
    /** No gates and no approvals anywhere: every promotion goes through. */
    public static final ReleasePolicy EMPTY = new ReleasePolicy("", Map.of(), Map.of());

    public ReleasePolicy {
        approvalSets = Collections.unmodifiableMap(new LinkedHashMap<>(approvalSets));
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    public Optional<TargetPolicy> forTarget(PromotionTarget target) {
        return Optional.ofNullable(targets.get(target.name()));
    }

    public List<ApprovalRequirement> approvalSet(String name) {
        return approvalSets.getOrDefault(name, List.of());
    }

    /** Whether promotions govern this target, so that it may not be moved directly. */
    public boolean governs(PromotionTarget target) {
        return targets.containsKey(target.name());
    }
}
