package dev.sextant.release.promotion;

import java.util.OptionalLong;

/** What became of a {@link Move}. */
public sealed interface MoveOutcome {

    /** The target changed hands; the entry is in the history. */
    record Moved(HistoryEntry entry) implements MoveOutcome {
    }

    /** The target was not held by the expected version when the move ran; nothing changed. */
    record Conflict(OptionalLong actualHolder) implements MoveOutcome {
    }
}
