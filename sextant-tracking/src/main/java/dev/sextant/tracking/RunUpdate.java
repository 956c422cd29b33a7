package dev.sextant.tracking;

import java.util.Optional;
import java.util.OptionalLong;

/** Changes to a run's status, end time and name; absent fields stay as they are. */
public record RunUpdate(String runId, Optional<RunStatus> status, OptionalLong endTime, Optional<String> runName) {
}
