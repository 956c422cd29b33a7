package dev.sextant.release.gate;

import dev.sextant.registry.ModelVersion;

/** Checks a version's files against the digests recorded at registration (and their signature). */
@FunctionalInterface
public interface IntegrityCheck {

    Result check(ModelVersion version);

    /** @param detail what was found, e.g. "files match sha256:…; signed by key …" */
    record Result(boolean intact, String detail) {
    }
}
