package dev.sextant.training;

import dev.sextant.api.SextantException;
import java.util.Arrays;
import java.util.Random;

/**
 * A seeded train/holdout split of row numbers: a Fisher-Yates shuffle with {@code new Random(seed)},
 * the first {@code round(n × holdout)} rows held out; both parts in table order.
 */
public record Split(int[] train, int[] holdout) {

    public Split {
        train = train.clone();
        holdout = holdout.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] holdout() {
        return holdout.clone();
    }

    static Split of(int[] rows, double holdoutFraction, long seed) {
        int[] shuffled = rows.clone();
        Random random = new Random(seed);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        int held = (int) Math.round(shuffled.length * holdoutFraction);
        if (held < 1 || shuffled.length - held < 2) {
            throw SextantException.invalid("Cannot split " + rows.length + " usable rows into training and holdout "
                    + "rows with holdout " + holdoutFraction + ": training needs at least 2 rows and the holdout 1. "
                    + "Use more data or another --holdout.");
        }
        int[] holdout = Arrays.copyOfRange(shuffled, 0, held);
        int[] train = Arrays.copyOfRange(shuffled, held, shuffled.length);
        Arrays.sort(holdout);
        Arrays.sort(train);
        return new Split(train, holdout);
    }
}
