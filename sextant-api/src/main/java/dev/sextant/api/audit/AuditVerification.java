package dev.sextant.api.audit;

import java.util.List;

/** The verdict of {@link AuditChain#verify}: intact, or broken with every finding. */
public sealed interface AuditVerification {

    long entries();

    record Intact(long entries, String headHash) implements AuditVerification {
    }

    record Broken(long entries, List<AuditFinding> findings) implements AuditVerification {
        public Broken {
            findings = List.copyOf(findings);
        }
    }
}
