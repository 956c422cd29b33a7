package dev.sextant.server.security;

import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.TrackingStore;
import java.util.Optional;

/** Resolves runs and experiment names through the tracking store. */
public final class TrackingResources implements Resources {
    private final TrackingStore store;

    public TrackingResources(TrackingStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> experimentOfRun(String runId) {
        return store.getRunInfo(runId).map(RunInfo::experimentId);
    }

    @Override
    public Optional<String> experimentIdByName(String name) {
        return store.getExperimentByName(name).map(Experiment::experimentId);
    }
}
