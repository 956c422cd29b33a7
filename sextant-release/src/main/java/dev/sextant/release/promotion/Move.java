package dev.sextant.release.promotion;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A change of the version holding a target, made only if the target is still held by
 * {@code expectedHolder} (empty: held by none) when the change commits.
 */
public record Move(String model, PromotionTarget target, long version, OptionalLong expectedHolder,
                   HistoryEntry.Action action, String actor, String reason, Optional<String> verdictId, long at) {
}
