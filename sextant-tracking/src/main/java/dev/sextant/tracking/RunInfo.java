package dev.sextant.tracking;

import java.util.OptionalLong;

/** Run metadata: everything about a run except what it logged. */
public record RunInfo(
        String runId,
        String runName,
        String experimentId,
        String userId,
        RunStatus status,
        long startTime,
        OptionalLong endTime,
        String artifactUri,
        LifecycleStage lifecycleStage) {
}
