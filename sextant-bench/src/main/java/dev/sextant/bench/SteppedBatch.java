package dev.sextant.bench;

import java.nio.charset.StandardCharsets;

/**
 * A log-batch body encoded once, whose metric steps are rewritten in place before each request so
 * that every request carries new points, as a training loop does. Re-sending identical points
 * measured something else: MLflow's SQL store treats a repeated (key, timestamp, step, value) as a
 * primary-key conflict and falls back to reading the metric's history, and a store may drop
 * duplicates cheaply. Rewriting fixed-width digits costs microseconds; encoding 80 KB of JSON per
 * request would load the driver that shares the machine with the server. Not thread-safe: one per
 * client.
 */
final class SteppedBatch {
    /** Steps are written as exactly this many digits, so they never change the body's length. */
    static final int STEP_DIGITS = 13;
    private static final long FIRST_STEP = 1_000_000_000_000L;
    private static final long LAST_STEP = 9_999_999_999_999L;

    private final byte[] body;
    private final int[] stepOffsets;
    private long nextStep = FIRST_STEP;

    SteppedBatch(String runId, int points, int keys, long timestamp) {
        if (points < 1 || keys < 1) {
            throw new IllegalArgumentException("A batch needs at least one point and one key");
        }
        StringBuilder json = new StringBuilder(points * 90).append("{\"run_id\":\"").append(runId)
                .append("\",\"metrics\":[");
        int[] offsets = new int[points];
        String placeholder = "0".repeat(STEP_DIGITS);
        for (int i = 0; i < points; i++) {
            json.append(i == 0 ? "" : ",").append("{\"key\":\"metric_").append(i % keys).append("\",\"value\":")
                    .append(Math.sin(i)).append(",\"timestamp\":").append(timestamp + i).append(",\"step\":");
            offsets[i] = json.length();   // ASCII only, so char offsets are byte offsets
            json.append(placeholder).append('}');
        }
        this.body = json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
        this.stepOffsets = offsets;
    }

    /** Gives the points the next unused steps and returns the body (valid until the next call). */
    byte[] next() {
        if (nextStep + stepOffsets.length - 1 > LAST_STEP) {
            throw new IllegalStateException("Ran out of " + STEP_DIGITS + "-digit steps");
        }
        for (int offset : stepOffsets) {
            long step = nextStep++;
            for (int digit = offset + STEP_DIGITS - 1; digit >= offset; digit--) {
                body[digit] = (byte) ('0' + step % 10);
                step /= 10;
            }
        }
        return body;
    }
}
