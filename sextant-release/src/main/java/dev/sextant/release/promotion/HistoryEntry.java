package dev.sextant.release.promotion;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One change of the version holding a target: which version it put there, which it replaced, who
 * did it, why, and the gate verdict that allowed it. The entries of a target answer "which version
 * held Production at time T, who put it there and why".
 *
 * @param sequence increases with every entry of the store
 */
public record HistoryEntry(long sequence, String model, String target, long version, OptionalLong previousVersion,
                           Action action, String actor, String reason, Optional<String> verdictId, long at) {

    public enum Action {
        PROMOTED, ROLLED_BACK;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action ofWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }
}
