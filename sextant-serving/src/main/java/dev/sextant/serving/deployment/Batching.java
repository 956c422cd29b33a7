package dev.sextant.serving.deployment;

import dev.sextant.api.SextantException;
import java.time.Duration;

/**
 * Adaptive batching of one deployment: concurrent requests are merged into one model call of at
 * most {@code maxBatchSize} rows, waiting at most {@code maxWait} for company, and only when
 * requests are arriving fast enough for company to come. {@link #OFF} runs each request alone.
 */
public record Batching(int maxBatchSize, Duration maxWait) {
    static final int MAX_BATCH_SIZE = 4096;
    static final Duration MAX_WAIT = Duration.ofSeconds(1);
    public static final Batching OFF = new Batching(1, Duration.ZERO);

    public Batching {
        if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
            throw SextantException.invalid("'max_batch_size' must be from 1 to " + MAX_BATCH_SIZE + "; got " + maxBatchSize + ".");
        }
        if (maxWait.isNegative() || maxWait.compareTo(MAX_WAIT) > 0) {
            throw SextantException.invalid("'max_wait_ms' must be from 0 to " + MAX_WAIT.toMillis() + "; got "
                    + maxWait.toMillis() + ".");
        }
    }

    public boolean enabled() {
        return maxBatchSize > 1;
    }
}
