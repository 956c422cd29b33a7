package dev.sextant.release.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: the delay doubles with each attempt from {@code first} up
 * to {@code max}, with ±20% jitter so that deliveries failing together do not retry together.
 * After {@code maxAttempts} attempts a delivery fails for good.
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max and at least one attempt");
        }
    }

    /** 1 s, 2 s, 4 s, … up to 10 min; 10 attempts over about 15 minutes. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), 10);
    }

    /** The delay after attempt {@code attempt} (1-based) failed. */
    public long delayMillis(int attempt, RandomGenerator random) {
        double base = Math.min((double) max.toMillis(), first.toMillis() * Math.pow(2, attempt - 1));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Math.max(1, Math.round(base * jitter));
    }
}
