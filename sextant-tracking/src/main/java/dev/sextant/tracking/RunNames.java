package dev.sextant.tracking;

import java.util.List;
import java.util.random.RandomGenerator;

/** Memorable run names ("brave-owl-417") for runs created without one, as MLflow gives. */
final class RunNames {
    private static final List<String> ADJECTIVES = List.of(
            "able", "bold", "brave", "bright", "calm", "clever", "crisp", "eager", "fair", "gentle",
            "glad", "grand", "keen", "kind", "lively", "loyal", "merry", "noble", "proud", "quick",
            "quiet", "rare", "sharp", "shy", "smart", "steady", "swift", "tidy", "vast", "warm", "wise", "zesty");
    private static final List<String> NOUNS = List.of(
            "ant", "bass", "bear", "crab", "crane", "deer", "dove", "eel", "elk", "finch", "fox", "frog",
            "gull", "hare", "hawk", "heron", "ibis", "lark", "lynx", "mole", "moth", "newt", "owl", "panda",
            "quail", "ray", "seal", "shrew", "snail", "swan", "toad", "wasp", "whale", "wolf", "wren", "yak");

    private RunNames() {
    }

    static String generate(RandomGenerator random) {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-"
                + NOUNS.get(random.nextInt(NOUNS.size())) + "-" + random.nextInt(1000);
    }
}
