package dev.sextant.server.release;

import dev.sextant.api.artifact.ArtifactStore;
import dev.sextant.registry.ModelIntegrity;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryStore;
import dev.sextant.registry.VersionPackages;
import dev.sextant.release.Ids;
import dev.sextant.release.ReleaseEvent;
import dev.sextant.release.ReleaseListener;
import dev.sextant.release.approval.ApprovalService;
import dev.sextant.release.evaluation.EvaluationService;
import dev.sextant.release.gate.GateService;
import dev.sextant.release.gate.IntegrityCheck;
import dev.sextant.release.policy.PolicyService;
import dev.sextant.release.promotion.Governance;
import dev.sextant.release.promotion.PromotionService;
import dev.sextant.release.webhook.Backoff;
import dev.sextant.release.webhook.HttpTransport;
import dev.sextant.release.webhook.WebhookDispatcher;
import dev.sextant.release.webhook.WebhookService;
import dev.sextant.registry.RegistryService;
import dev.sextant.serving.runtime.ModelRuntime;
import dev.sextant.server.audit.AuditTrail;
import dev.sextant.store.jdbc.ReleaseStores;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releasing as the server wires it: evaluation with the serving runtime, policies, gates,
 * approvals, promotions, and webhooks delivered from the outbox by a background dispatcher. Built
 * in two steps because the registry consults the policies (to keep governed stages out of direct
 * changes) and the release services need the registry: {@link #prepare} before the registry,
 * {@link Prepared#start} after it.
 */
public final class Release implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Release.class);
    /** How often the dispatcher looks for due deliveries. */
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final PolicyService policies;
    private final EvaluationService evaluations;
    private final GateService gates;
    private final ApprovalService approvals;
    private final PromotionService promotions;
    private final WebhookService webhooks;
    private final AuditTrail audit;
    private final WebhookDispatcher dispatcher;

    private Release(PolicyService policies, EvaluationService evaluations, GateService gates, ApprovalService approvals,
                    PromotionService promotions, WebhookService webhooks, AuditTrail audit, WebhookDispatcher dispatcher) {
        this.policies = policies;
        this.evaluations = evaluations;
        this.gates = gates;
        this.approvals = approvals;
        this.promotions = promotions;
        this.webhooks = webhooks;
        this.audit = audit;
        this.dispatcher = dispatcher;
    }

    /** What the registry needs before the rest can be built. */
    public record Prepared(ReleaseStores stores, PolicyService policies, WebhookService webhooks, ReleaseListener listener,
                           Governance governance, AuditTrail audit, Clock clock, Ids ids, RandomGenerator random) {

        /** Announces each registered version (chain it after the registry's other registration hooks). */
        public Consumer<ModelVersion> onRegistered() {
            return version -> listener.on(new ReleaseEvent.VersionCreated(version.name(), version.version(),
                    version.source(), version.runId()));
        }

        /**
         * The release services over the finished registry; the webhook dispatcher starts now.
         * Evaluations load models into {@code runtime}, which the caller owns and closes.
         */
        public Release start(RegistryService registry, ArtifactStore artifacts, ModelIntegrity integrity,
                             ModelRuntime runtime, Backoff backoff) {
            EvaluationService evaluations = new EvaluationService(version -> runtime.load(
                    VersionPackages.source(artifacts, version), VersionPackages.manifest(version)),
                    stores.evaluations(), clock, System::nanoTime, ids);
            ApprovalService approvals = new ApprovalService(stores.approvals(), policies, listener, clock, ids);
            IntegrityCheck check = version -> {
                ModelIntegrity.Report report = integrity.check(version);
                return new IntegrityCheck.Result(report.intact(), report.describe());
            };
            GateService gates = new GateService(registry, policies, evaluations, approvals, stores.promotions(),
                    stores.verdicts(), check, listener, clock, ids);
            PromotionService promotions = new PromotionService(registry, stores.promotions(), gates, listener, clock);
            WebhookDispatcher dispatcher = WebhookDispatcher.start(stores.webhooks(), new HttpTransport(WEBHOOK_TIMEOUT),
                    backoff, clock, random, POLL);
            return new Release(policies, evaluations, gates, approvals, promotions, webhooks, audit, dispatcher);
        }
    }

    public static Prepared prepare(ReleaseStores stores, RegistryStore registryStore, AuditTrail audit, Clock clock,
                                   RandomGenerator random) {
        Ids ids = new Ids(random);
        PolicyService policies = new PolicyService(stores.policies(), registryStore, clock);
        WebhookService webhooks = new WebhookService(stores.webhooks(), clock, ids, random);
        ReleaseEventTrail trail = new ReleaseEventTrail(audit);
        ReleaseListener listener = event -> {
            trail.on(event);
            try {
                webhooks.on(event);
            } catch (RuntimeException e) {
                // The change is committed and audited; a webhook that misses it must not fail the request.
                LOG.error("Could not queue webhook deliveries of {} for {} version {}", event.type(), event.model(),
                        event.version(), e);
            }
        };
        return new Prepared(stores, policies, webhooks, listener, new Governance(policies), audit, clock, ids, random);
    }

    public PolicyService policies() {
        return policies;
    }

    public EvaluationService evaluations() {
        return evaluations;
    }

    public GateService gates() {
        return gates;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    public PromotionService promotions() {
        return promotions;
    }

    public WebhookService webhooks() {
        return webhooks;
    }

    /** Where release changes made through the API (policies, webhooks) are recorded. */
    public AuditTrail audit() {
        return audit;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
