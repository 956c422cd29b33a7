package dev.sextant.release;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** Random identifiers (128 bits, hex) for evaluations, verdicts, approvals, webhooks and deliveries. */
public final class Ids {
    private final RandomGenerator random;

    public Ids(RandomGenerator random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[16];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return HexFormat.of().formatHex(bytes);
    }
}
