package dev.sextant.tracking.downsampling;

/**
 * A metric history reduced for drawing: parallel arrays of points in history order, and how many
 * points the full history has. {@code downsampled} is false when every point is here.
 */
public record DownsampledSeries(String key, long totalPoints, boolean downsampled, long[] steps, long[] timestamps,
                                double[] values) {

    public int size() {
        return steps.length;
    }
}
