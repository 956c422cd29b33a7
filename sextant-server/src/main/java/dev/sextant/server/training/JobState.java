package dev.sextant.server.training;

import java.util.Locale;

/** Where a training job is in its life: waiting for a slot, training and recording, or done either way. */
enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
