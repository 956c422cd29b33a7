package dev.sextant.training.models;

import java.util.function.DoubleConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Tribuo's bagging trainer has no progress callback, but logs "Building model N" before each
 * member; this handler turns those lines, from the training thread only, into fractions done,
 * and keeps them off the console.
 */
final class MemberProgress extends Handler implements AutoCloseable {
    private static final Logger BAGGING = Logger.getLogger("org.tribuo.ensemble.BaggingTrainer");
    private static final String PREFIX = "Building model ";

    static {
        BAGGING.setUseParentHandlers(false);
    }

    private final Thread trainingThread = Thread.currentThread();
    private final int members;
    private final DoubleConsumer fraction;

    MemberProgress(int members, DoubleConsumer fraction) {
        this.members = members;
        this.fraction = fraction;
        BAGGING.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (Thread.currentThread() == trainingThread && record.getLevel().intValue() >= Level.INFO.intValue()
                && message != null && message.startsWith(PREFIX)) {
            try {
                int index = Integer.parseInt(message.substring(PREFIX.length()).trim());
                fraction.accept(Math.min(1.0, (double) index / members));
            } catch (NumberFormatException e) {
                // another message with the same start: not ours to count
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        BAGGING.removeHandler(this);
        fraction.accept(1.0);
    }
}
