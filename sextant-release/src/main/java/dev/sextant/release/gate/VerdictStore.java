package dev.sextant.release.gate;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Persistence port of gate verdicts; implementations commit before returning. */
public interface VerdictStore {

    /** Stores a verdict on an existing version (RESOURCE_DOES_NOT_EXIST otherwise). */
    void save(Verdict verdict);

    Optional<Verdict> get(String id);

    /** A model's verdicts, newest first; of one version and one target when given. */
    List<Verdict> list(String model, OptionalLong version, Optional<String> target, int limit);
}
