package dev.sextant.release;

import dev.sextant.release.approval.Approval;
import dev.sextant.release.gate.Verdict;
import dev.sextant.release.promotion.HistoryEntry;
import java.util.List;

/** Something that happened on the way of a version to a target; webhooks and the audit log hear of each. */
public sealed interface ReleaseEvent {

    String model();

    long version();

    /** The webhook event type, e.g. {@code model.promoted}. */
    String type();

    record VersionCreated(String model, long version, String source, String runId) implements ReleaseEvent {
        @Override
        public String type() {
            return "model_version.created";
        }
    }

    record GateEvaluated(Verdict verdict) implements ReleaseEvent {
        @Override
        public String model() {
            return verdict.facts().model();
        }

        @Override
        public long version() {
            return verdict.facts().version();
        }

        @Override
        public String type() {
            return "gate.evaluated";
        }
    }

    /** The version passed every other check and waits for these approvals. */
    record ApprovalRequested(String model, long version, String target, String set, List<String> missing)
            implements ReleaseEvent {
        public ApprovalRequested {
            missing = List.copyOf(missing);
        }

        @Override
        public String type() {
            return "approval.requested";
        }
    }

    record ApprovalGiven(Approval approval) implements ReleaseEvent {
        @Override
        public String model() {
            return approval.model();
        }

        @Override
        public long version() {
            return approval.version();
        }

        @Override
        public String type() {
            return "approval.given";
        }
    }

    record Promoted(HistoryEntry entry) implements ReleaseEvent {
        @Override
        public String model() {
            return entry.model();
        }

        @Override
        public long version() {
            return entry.version();
        }

        @Override
        public String type() {
            return "model.promoted";
        }
    }

    record RolledBack(HistoryEntry entry) implements ReleaseEvent {
        @Override
        public String model() {
            return entry.model();
        }

        @Override
        public long version() {
            return entry.version();
        }

        @Override
        public String type() {
            return "model.rolled_back";
        }
    }

    /** Every event type, as webhooks subscribe to them. */
    List<String> TYPES = List.of("model_version.created", "gate.evaluated", "approval.requested", "approval.given",
            "model.promoted", "model.rolled_back");
}
