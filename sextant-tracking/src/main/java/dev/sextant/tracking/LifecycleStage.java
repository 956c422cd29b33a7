package dev.sextant.tracking;

/** Soft-delete state of experiments and runs; the wire form is lower case. */
public enum LifecycleStage {
    ACTIVE, DELETED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
