package dev.sextant.release.gate;

import dev.sextant.registry.ModelVersion;
import dev.sextant.release.approval.ApprovalStatus;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.promotion.PromotionTarget;
import java.util.Optional;

/** What a gate looks at while checking a candidate for a target. */
interface GateContext {

    ModelVersion candidate();

    /** The candidate's evaluation the metric checks use. */
    Optional<Evaluation> evaluation();

    /** The version holding a target now. */
    Optional<ModelVersion> holder(PromotionTarget target);

    /** A version's newest evaluation on the data with this digest. */
    Optional<Evaluation> evaluationOn(ModelVersion version, String datasetSha256);

    IntegrityCheck.Result integrity();

    ApprovalStatus approvals(String set);
}
