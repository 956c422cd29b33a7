package dev.sextant.release.promotion;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.DirectChanges;
import dev.sextant.registry.Stage;
import dev.sextant.release.policy.PolicyService;
import dev.sextant.release.policy.ReleasePolicy;

/**
 * Keeps direct changes (MLflow's transition-stage and set-alias, the native stage and alias
 * routes) away from targets a release policy governs, and from the {@code previous} aliases that
 * rollbacks rely on: those move only through promotions, which check gates and approvals and
 * record who moved them and why.
 */
public final class Governance implements DirectChanges {
    private final PolicyService policies;

    public Governance(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public void checkStage(String model, long version, Stage from, Stage to) {
        ReleasePolicy policy = policies.effective(model);
        for (Stage stage : new Stage[] {to, from}) {
            if (stage.active() && policy.governs(new PromotionTarget.StageTarget(stage))) {
                throw refused(model, stage.wireName(), "sextant models promote " + model + " " + version + " --target "
                        + stage.wireName());
            }
        }
    }

    @Override
    public void checkAlias(String model, String alias) {
        ReleasePolicy policy = policies.effective(model);
        boolean governed = policy.targets().values().stream().anyMatch(t -> t.target().name().equals(alias)
                || t.target().previousAlias().equals(alias));
        if (governed) {
            throw refused(model, "alias '" + alias + "'", "sextant models promote " + model + " <version> --target " + alias);
        }
    }

    private static SextantException refused(String model, String what, String command) {
        return new SextantException(ErrorCode.RESOURCE_CONFLICT, what + " of '" + model + "' is governed by its release "
                + "policy and moves only through promotions, which check its gates and approvals and record why: "
                + command + " (POST /api/v1/models/" + model + "/promotions), or roll back with sextant models rollback "
                + model + ".");
    }
}
