package dev.sextant.release.promotion;

import dev.sextant.release.gate.CheckResult;
import dev.sextant.release.gate.Verdict;
import java.util.List;

/** The outcome of a promotion attempt: promoted, or refused by its gate with what is missing. */
public sealed interface Promotion {

    Verdict verdict();

    record Promoted(HistoryEntry entry, Verdict verdict) implements Promotion {
    }

    record Refused(Verdict verdict) implements Promotion {
        /** What stands in the way: every failed check, with what to do about it. */
        public List<CheckResult> missing() {
            return verdict.failures();
        }
    }
}
