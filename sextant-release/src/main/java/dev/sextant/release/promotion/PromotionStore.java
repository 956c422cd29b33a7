package dev.sextant.release.promotion;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Persistence port of promotions. {@link #move} is atomic: within one transaction that excludes
 * other moves of the same model it checks the holder, moves the target (archiving the versions
 * that held a stage), keeps the replaced version under the target's {@code previous} alias and
 * appends the history entry.
 */
public interface PromotionStore {

    /** The version holding the target: the highest-numbered one in a stage, or the alias's. */
    OptionalLong holder(String model, PromotionTarget target);

    /** Fails with RESOURCE_DOES_NOT_EXIST when the model or version does not exist. */
    MoveOutcome move(Move move);

    /** The model's history, newest first; of one target when {@code target} is given. */
    List<HistoryEntry> history(String model, Optional<String> target, int limit);

    /** The last entry of the target made at or before {@code time}: who held it then. */
    Optional<HistoryEntry> entryAt(String model, String target, long time);
}
