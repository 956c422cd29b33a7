package dev.sextant.server.training;

/**
 * How much training one server does: {@code workers} jobs at a time, up to {@code queued} more
 * waiting, and the last {@code keptFinished} finished jobs remembered for their clients to read.
 */
record JobLimits(int workers, int queued, int keptFinished) {

    JobLimits {
        if (workers < 1 || queued < 1 || keptFinished < 0) {
            throw new IllegalArgumentException("Training needs at least one worker and one queue place, got "
                    + workers + " and " + queued);
        }
    }

    /**
     * One job at a time on up to three cores, two from four: training keeps a core busy, and the
     * server must still answer requests beside it.
     */
    static JobLimits forProcessors(int processors) {
        return new JobLimits(processors >= 4 ? 2 : 1, 8, 200);
    }
}
