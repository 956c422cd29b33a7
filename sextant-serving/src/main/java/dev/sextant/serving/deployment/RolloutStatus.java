package dev.sextant.serving.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a deployment's rollout stands: for a canary, the share it gets now, when the current step
 * began, and why it was last rolled back; for every policy, the last events (newest last).
 */
public record RolloutStatus(Phase phase, int canaryPercent, long stepStartedAt, String reason, List<Event> events) {
    static final int MAX_EVENTS = 20;

    public enum Phase {
        /** Serving as the policy says; nothing in progress. */
        STEADY,
        /** A canary is moving through its steps. */
        PROGRESSING,
        /** A canary reached 100 %. */
        PROMOTED,
        /** A canary was sent back to 0 %, see {@link RolloutStatus#reason()}. */
        ROLLED_BACK
    }

    /** Something that happened to the deployment, with when. */
    public record Event(long timestamp, String message) {
    }

    public RolloutStatus {
        events = List.copyOf(events);
    }

    public static RolloutStatus steady(long now, String message) {
        return new RolloutStatus(Phase.STEADY, 0, now, "", List.of(new Event(now, message)));
    }

    public RolloutStatus with(Phase newPhase, int percent, long now, String newReason, String message) {
        List<Event> next = new ArrayList<>(events);
        next.add(new Event(now, message));
        while (next.size() > MAX_EVENTS) {
            next.remove(0);
        }
        return new RolloutStatus(newPhase, percent, now, newReason, next);
    }
}
