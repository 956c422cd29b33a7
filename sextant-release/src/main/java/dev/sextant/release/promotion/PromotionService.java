package dev.sextant.release.promotion;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.ModelVersion;
import dev.sextant.registry.RegistryService;
import dev.sextant.release.ReleaseEvent;
import dev.sextant.release.ReleaseListener;
import dev.sextant.release.gate.GateService;
import dev.sextant.release.gate.Verdict;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Moves versions into targets. A promotion is judged by the target's gate (stored as a verdict)
 * and refused with what is missing unless it passes; then the move is atomic and conditional on
 * the holder the gate judged against, so of concurrent promotions of one target exactly one wins.
 * A rollback restores the version the last move replaced, without gates: undoing must always work.
 */
public final class PromotionService {
    public static final int MAX_REASON_LENGTH = 5000;
    public static final int MAX_HISTORY = 1000;

    private final RegistryService registry;
    private final PromotionStore store;
    private final GateService gates;
    private final ReleaseListener listener;
    private final Clock clock;

    public PromotionService(RegistryService registry, PromotionStore store, GateService gates, ReleaseListener listener,
                            Clock clock) {
        this.registry = registry;
        this.store = store;
        this.gates = gates;
        this.listener = listener;
        this.clock = clock;
    }

    public Promotion promote(ModelVersion candidate, PromotionTarget target, Expectation expectation, String reason,
                             Optional<String> evaluationId, String actor) {
        checkReason(reason);
        OptionalLong holder = store.holder(candidate.name(), target);
        if (expectation instanceof Expectation.Holder expected && !expected.version().equals(holder)) {
            throw new SextantException(ErrorCode.RESOURCE_CONFLICT, target.name() + " of '" + candidate.name() + "' is held by "
                    + describe(holder) + ", not by " + describe(expected.version()) + " as the request expects. Check "
                    + "the history (sextant models history " + candidate.name() + ") and decide again.");
        }
        if (holder.equals(OptionalLong.of(candidate.version()))) {
            throw new SextantException(ErrorCode.RESOURCE_CONFLICT, candidate.uri() + " already holds " + target.name() + ".");
        }
        Verdict verdict = gates.evaluate(candidate, target, evaluationId, actor);
        if (!verdict.passed()) {
            return new Promotion.Refused(verdict);
        }
        Move move = new Move(candidate.name(), target, candidate.version(), holder, HistoryEntry.Action.PROMOTED, actor,
                reason, Optional.of(verdict.facts().id()), clock.millis());
        HistoryEntry entry = moved(store.move(move), move);
        listener.on(new ReleaseEvent.Promoted(entry));
        return new Promotion.Promoted(entry, verdict);
    }

    /** Puts the version the target's last move replaced (its {@code previous} alias) back in one step. */
    public HistoryEntry rollback(String model, PromotionTarget target, String reason, String actor) {
        checkReason(reason);
        registry.getRegisteredModel(model);
        OptionalLong holder = store.holder(model, target);
        long previous;
        try {
            previous = registry.getVersionByAlias(model, target.previousAlias()).version();
        } catch (SextantException e) {
            if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
            throw new SextantException(ErrorCode.RESOURCE_CONFLICT, "Nothing to roll " + target.name() + " of '" + model
                    + "' back to: no version holds the alias '" + target.previousAlias() + "' (it is set when a promotion "
                    + "replaces a version).");
        }
        if (holder.equals(OptionalLong.of(previous))) {
            throw new SextantException(ErrorCode.RESOURCE_CONFLICT, "Version " + previous + " already holds " + target.name()
                    + " of '" + model + "'.");
        }
        Move move = new Move(model, target, previous, holder, HistoryEntry.Action.ROLLED_BACK, actor, reason,
                Optional.empty(), clock.millis());
        HistoryEntry entry = moved(store.move(move), move);
        listener.on(new ReleaseEvent.RolledBack(entry));
        return entry;
    }

    public OptionalLong holder(String model, PromotionTarget target) {
        registry.getRegisteredModel(model);
        return store.holder(model, target);
    }

    public List<HistoryEntry> history(String model, Optional<PromotionTarget> target) {
        registry.getRegisteredModel(model);
        return store.history(model, target.map(PromotionTarget::name), MAX_HISTORY);
    }

    /** Who held the target at {@code time} (epoch millis), put there by whom and why; empty before the first move. */
    public Optional<HistoryEntry> heldAt(String model, PromotionTarget target, long time) {
        registry.getRegisteredModel(model);
        return store.entryAt(model, target.name(), time);
    }

    private static HistoryEntry moved(MoveOutcome outcome, Move move) {
        return switch (outcome) {
            case MoveOutcome.Moved moved -> moved.entry();
            case MoveOutcome.Conflict conflict -> throw new SextantException(ErrorCode.RESOURCE_CONFLICT, move.target().name()
                    + " of '" + move.model() + "' changed while this request was deciding: it is now held by "
                    + describe(conflict.actualHolder()) + ", not " + describe(move.expectedHolder()) + ". Nothing was "
                    + "changed; run the gate again against the new holder.");
        };
    }

    private static String describe(OptionalLong version) {
        return version.isPresent() ? "version " + version.getAsLong() : "no version";
    }

    private static void checkReason(String reason) {
        if (reason.length() > MAX_REASON_LENGTH) {
            throw SextantException.invalid("The reason is " + reason.length() + " characters; the limit is "
                    + MAX_REASON_LENGTH + ".");
        }
    }
}
