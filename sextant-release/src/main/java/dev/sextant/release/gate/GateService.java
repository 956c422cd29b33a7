package dev.sextant.release.gate;

import dev.sextant.api.SextantException;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.release.Ids;
import dev.sextant.release.ReleaseEvent;
import dev.sextant.release.ReleaseListener;
import dev.sextant.release.approval.ApprovalService;
import dev.sextant.release.approval.ApprovalStatus;
import dev.sextant.release.evaluation.Evaluation;
import dev.sextant.release.evaluation.EvaluationService;
import dev.sextant.release.policy.GateCheck;
import dev.sextant.release.policy.PolicyService;
import dev.sextant.release.policy.ReleasePolicy;
import dev.sextant.release.policy.TargetPolicy;
import dev.sextant.release.promotion.PromotionStore;
import dev.sextant.release.promotion.PromotionTarget;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Judges a version against the gates of a target's policy, stores the verdict with the version and
 * announces it. When only approvals are missing, it also asks for them.
 */
public final class GateService {
    public static final int MAX_LISTED = 1000;

    private final RegistryService registry;
    private final PolicyService policies;
    private final EvaluationService evaluations;
    private final ApprovalService approvals;
    private final PromotionStore promotions;
    private final VerdictStore verdicts;
    private final IntegrityCheck integrity;
    private final ReleaseListener listener;
    private final Clock clock;
    private final Ids ids;

    public GateService(RegistryService registry, PolicyService policies, EvaluationService evaluations,
                       ApprovalService approvals, PromotionStore promotions, VerdictStore verdicts,
                       IntegrityCheck integrity, ReleaseListener listener, Clock clock, Ids ids) {
        this.registry = registry;
        this.policies = policies;
        this.evaluations = evaluations;
        this.approvals = approvals;
        this.promotions = promotions;
        this.verdicts = verdicts;
        this.integrity = integrity;
        this.listener = listener;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Runs every check of the target's policy on {@code candidate}, with the given evaluation or
     * its newest one, and stores the verdict.
     */
    public Verdict evaluate(ModelVersion candidate, PromotionTarget target, Optional<String> evaluationId, String actor) {
        ReleasePolicy policy = policies.effective(candidate.name());
        Optional<TargetPolicy> targetPolicy = policy.forTarget(target);
        Context context = new Context(candidate, target, chosenEvaluation(candidate, evaluationId));
        List<GateCheck> checks = targetPolicy.map(TargetPolicy::checks).orElse(List.of());
        List<CheckResult> results = GateEvaluator.run(checks, context);
        OptionalLong replaces = promotions.holder(candidate.name(), target);
        Verdict verdict = Verdict.of(new Verdict.Facts(ids.next(), candidate.name(), candidate.version(), target.name(),
                replaces, context.evaluation().map(Evaluation::id), targetPolicy.isPresent()
                ? policies.effectiveSource(candidate.name()) : "none", clock.millis(), actor), results);
        verdicts.save(verdict);
        listener.on(new ReleaseEvent.GateEvaluated(verdict));
        targetPolicy.flatMap(TargetPolicy::approvalSet).ifPresent(set -> requestApprovals(verdict, context, set));
        return verdict;
    }

    public Verdict get(String id) {
        return verdicts.get(id).orElseThrow(() -> SextantException.notFound("No gate verdict with id '" + id + "'."));
    }

    public List<Verdict> list(String model, OptionalLong version, Optional<String> target) {
        registry.getRegisteredModel(model);
        return verdicts.list(model, version, target, MAX_LISTED);
    }

    /** Announces the approvals still missing once every other check has passed. */
    private void requestApprovals(Verdict verdict, Context context, String set) {
        ApprovalStatus status = context.approvals(set);
        boolean othersPass = verdict.checks().stream().filter(c -> !c.check().equals(new GateCheck.ApprovalsComplete(set)
                .describe())).allMatch(CheckResult::passed);
        if (othersPass && !status.missing().isEmpty() && status.rejections().isEmpty()) {
            listener.on(new ReleaseEvent.ApprovalRequested(verdict.facts().model(), verdict.facts().version(),
                    verdict.facts().target(), set, status.missing().stream().map(r -> r.describe()).toList()));
        }
    }

    private Optional<Evaluation> chosenEvaluation(ModelVersion candidate, Optional<String> evaluationId) {
        if (evaluationId.isEmpty()) {
            return evaluations.latest(candidate);
        }
        Evaluation chosen = evaluations.get(evaluationId.get());
        if (!chosen.model().equals(candidate.name()) || chosen.version() != candidate.version()) {
            throw SextantException.invalid("Evaluation " + chosen.id() + " is of " + "models:/" + chosen.model() + "/"
                    + chosen.version() + ", not of " + candidate.uri() + ".");
        }
        return Optional.of(chosen);
    }

    /** Looks things up once, when a check first needs them. */
    private final class Context implements GateContext {
        private final ModelVersion candidate;
        private final PromotionTarget target;
        private final Optional<Evaluation> evaluation;
        private final Map<String, Optional<ModelVersion>> holders = new HashMap<>();
        private Optional<IntegrityCheck.Result> checked = Optional.empty();

        Context(ModelVersion candidate, PromotionTarget target, Optional<Evaluation> evaluation) {
            this.candidate = candidate;
            this.target = target;
            this.evaluation = evaluation;
        }

        @Override
        public ModelVersion candidate() {
            return candidate;
        }

        @Override
        public Optional<Evaluation> evaluation() {
            return evaluation;
        }

        @Override
        public Optional<ModelVersion> holder(PromotionTarget wanted) {
            return holders.computeIfAbsent(wanted.name(), name -> {
                OptionalLong version = promotions.holder(candidate.name(), wanted);
                return version.isPresent() ? Optional.of(registry.getModelVersion(candidate.name(), version.getAsLong()))
                        : Optional.empty();
            });
        }

        @Override
        public Optional<Evaluation> evaluationOn(ModelVersion version, String datasetSha256) {
            return evaluations.latestOn(version, datasetSha256);
        }

        @Override
        public IntegrityCheck.Result integrity() {
            if (checked.isEmpty()) {
                checked = Optional.of(integrity.check(candidate));
            }
            return checked.get();
        }

        @Override
        public ApprovalStatus approvals(String set) {
            return GateService.this.approvals.status(candidate, target, set);
        }
    }
}
