package dev.sextant.cli.training;

import dev.sextant.training.TrainingProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/** Shows training progress as a terminal progress bar on stderr (per mille of the whole run). */
final class TerminalProgress implements TrainingProgress, AutoCloseable {
    private static final int STEPS = 1000;

    private final ProgressBar bar;

    TerminalProgress(PrintStream err) {
        this.bar = new ProgressBarBuilder().setTaskName("Training").setInitialMax(STEPS)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(200).hideEta().continuousUpdate().build();
    }

    @Override
    public void update(String stage, double fraction) {
        bar.stepTo(Math.round(Math.max(0, Math.min(1, fraction)) * STEPS));
        bar.setExtraMessage(stage);
    }

    @Override
    public void close() {
        bar.close();
    }
}
