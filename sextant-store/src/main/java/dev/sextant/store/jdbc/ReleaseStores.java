package dev.sextant.store.jdbc;

import dev.sextant.release.approval.ApprovalStore;
import dev.sextant.release.evaluation.EvaluationStore;
import dev.sextant.release.gate.VerdictStore;
import dev.sextant.release.policy.PolicyStore;
import dev.sextant.release.promotion.PromotionStore;
import dev.sextant.release.webhook.WebhookStore;

/** The release ports as implemented on the metadata database. */
public record ReleaseStores(EvaluationStore evaluations, PolicyStore policies, VerdictStore verdicts,
                            ApprovalStore approvals, PromotionStore promotions, WebhookStore webhooks) {

    static ReleaseStores on(Transactor tx) {
        return new ReleaseStores(new JdbcEvaluationStore(tx), new JdbcPolicyStore(tx), new JdbcVerdictStore(tx),
                new JdbcApprovalStore(tx), new JdbcPromotionStore(tx), new JdbcWebhookStore(tx));
    }
}
