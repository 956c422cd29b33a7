package dev.sextant.bench.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.MultisetStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link OneRowPrediction} with JMH in this JVM and prints p50/p99 of both paths and the
 * runtime's overhead over bare ONNX Runtime, measured two ways:
 * <ol>
 * <li>paired: one loop runs both paths call by call ({@link OneRowPrediction#paired}), so load
 * from other processes falls on both alike. This decides the target;
 * <li>separate: each path as its own JMH sample-time benchmark, in short rounds that alternate
 * the two, samples pooled. On a quiet machine it agrees with the paired figure; on a shared one
 * it swings with whatever else runs during each round.
 * </ol>
 * Usage: {@code RuntimeBench <logreg_iris.onnx> [rounds, default 10] [milliseconds per iteration, default 500]}.
 */
public final class RuntimeBench {
    private static final String SEXTANT = "sextantRuntime";
    private static final String BARE = "bareOnnxRuntime";

    private RuntimeBench() {
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: RuntimeBench <path to logreg_iris.onnx> [rounds, default 10] [milliseconds per iteration, default 500]");
            System.exit(2);
        }
        System.setProperty(OneRowPrediction.MODEL_PROPERTY, Path.of(args[0]).toAbsolutePath().toString());
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int millis = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        // JIT warm-up of both paths, not counted: the Sextant path has more code for C2 to settle
        for (int warmup = 0; warmup < 2; warmup++) {
            run(BARE, 3 * millis);
            run(SEXTANT, 3 * millis);
        }
        MultisetStatistics sextant = new MultisetStatistics();
        MultisetStatistics bare = new MultisetStatistics();
        List<Double> overheads = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<String> order = round % 2 == 0 ? List.of(BARE, SEXTANT) : List.of(SEXTANT, BARE);
            Statistics first = run(order.get(0), millis);
            Statistics second = run(order.get(1), millis);
            Statistics roundSextant = order.get(0).equals(SEXTANT) ? first : second;
            Statistics roundBare = order.get(0).equals(SEXTANT) ? second : first;
            pool(sextant, roundSextant);
            pool(bare, roundBare);
            double roundOverhead = overhead(roundSextant.getPercentile(50), roundBare.getPercentile(50));
            overheads.add(roundOverhead);
            System.out.printf("round %2d: p50 Sextant %.2f µs, bare %.2f µs (%+.1f %%)%n", round + 1,
                    roundSextant.getPercentile(50), roundBare.getPercentile(50), roundOverhead);
        }
        System.out.printf("%n%-48s %9s %9s %12s%n", "one-row logreg_iris.onnx prediction, pooled", "p50 µs", "p99 µs", "samples");
        print("Sextant runtime (decode, validate, run, convert)", sextant);
        print("bare ONNX Runtime (tensor, run, read outputs)", bare);
        double p50 = overhead(sextant.getPercentile(50), bare.getPercentile(50));
        double p99 = overhead(sextant.getPercentile(99), bare.getPercentile(99));
        List<Double> sorted = overheads.stream().sorted().toList();
        System.out.printf("separate runtime overhead: p50 %+.1f %%, p99 %+.1f %%; median of the rounds' p50 overheads %+.1f %%%n",
                p50, p99, sorted.get(sorted.size() / 2));

        PairedTimes.reset();
        runPaired(millis, rounds);
        double pairedSextant50 = PairedTimes.percentileMicros(true, 50);
        double pairedBare50 = PairedTimes.percentileMicros(false, 50);
        double pairedSextant99 = PairedTimes.percentileMicros(true, 99);
        double pairedBare99 = PairedTimes.percentileMicros(false, 99);
        System.out.printf("%n%-48s %9s %9s %12s%n", "paired (call by call, alternating first)", "p50 µs", "p99 µs", "pairs");
        System.out.printf("%-48s %9.2f %9.2f %12d%n", "Sextant runtime", pairedSextant50, pairedSextant99, PairedTimes.count());
        System.out.printf("%-48s %9.2f %9.2f %12d%n", "bare ONNX Runtime", pairedBare50, pairedBare99, PairedTimes.count());
        double pairedOverhead = overhead(pairedSextant50, pairedBare50);
        System.out.printf("paired runtime overhead: p50 %+.1f %%, p99 %+.1f %%%n", pairedOverhead,
                overhead(pairedSextant99, pairedBare99));
        System.out.printf("target (at most +10 %% at p50, paired): %s%n", pairedOverhead <= 10 ? "met" : "NOT met");
    }

    private static Statistics run(String method, int millis) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(OneRowPrediction.class.getName() + "." + method + "$")
                .forks(0)
                .threads(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(millis))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(millis))
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        RunResult result = new Runner(options).runSingle();
        return result.getPrimaryResult().getStatistics();
    }

    private static void runPaired(int millis, int iterations) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(OneRowPrediction.class.getName() + ".paired$")
                .forks(0)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.milliseconds(millis))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(millis))
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build()).runSingle();
    }

    private static void pool(MultisetStatistics into, Statistics from) {
        for (Iterator<Map.Entry<Double, Long>> samples = from.getRawData(); samples.hasNext(); ) {
            Map.Entry<Double, Long> sample = samples.next();
            into.addValue(sample.getKey(), sample.getValue());
        }
    }

    private static void print(String label, Statistics stats) {
        System.out.printf("%-48s %9.2f %9.2f %12d%n", label, stats.getPercentile(50), stats.getPercentile(99), stats.getN());
    }

    private static double overhead(double sextant, double bare) {
        return (sextant - bare) / bare * 100;
    }
}
