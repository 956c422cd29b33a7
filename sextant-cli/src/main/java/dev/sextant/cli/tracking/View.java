package dev.sextant.cli.tracking;

/** Lifecycle filter of list and search verbs, mapped to MLflow's ViewType. */
enum View {
    active("ACTIVE_ONLY"), deleted("DELETED_ONLY"), all("ALL");

    final String wire;

    View(String wire) {
        this.wire = wire;
    }
}
