package dev.sextant.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The search scenario's data set and queries, shared by the loader that goes through the API
 * ({@link SearchScenario}) and the one that writes a data directory directly
 * ({@link SeedSearchScenario}), so that both build the same experiments: R runs in total, spread
 * evenly over E experiments, each run with params {@code p0…} (values {@code v0}…{@code v9}) and
 * metrics {@code m0…} (uniform in [0, 1)).
 */
record SearchData(int runs, int params, int metrics, int experiments) {
    /** Tag set on an experiment once every one of its runs is in. */
    static final String POPULATED_TAG = "bench.populated";

    SearchData {
        if (experiments < 1 || experiments > runs) {
            throw new IllegalArgumentException("--experiments must be between 1 and the number of runs");
        }
    }

    /** The experiments' names; one experiment keeps the name earlier data directories have. */
    List<String> experimentNames() {
        String base = "bench-search-" + runs + "x" + params + "x" + metrics;
        if (experiments == 1) {
            return List.of(base);
        }
        List<String> names = new ArrayList<>(experiments);
        for (int e = 0; e < experiments; e++) {
            names.add(base + "-" + (e + 1) + "of" + experiments);
        }
        return names;
    }

    /** The experiment (index into {@link #experimentNames}) that run {@code run} belongs to. */
    int experimentOf(int run) {
        return run % experiments;
    }

    /** The values of run {@code run}, drawn from its own seed so that every loader draws the same ones. */
    SplittableRandom values(int run) {
        return new SplittableRandom(run);
    }

    /** A query shape: a filter drawn per query and an order. */
    enum Query {
        /** Issue 3's query: one metric and one param in the filter (3 to 8 % of the runs), by a metric. */
        METRIC("metrics.m5 DESC") {
            @Override
            String filter(SplittableRandom queries) {
                return "metrics.m3 > " + queries.nextDouble(0.2, 0.8) + " and params.p7 = 'v" + queries.nextInt(10) + "'";
            }
        },
        /** The same filter, in MLflow's default order (newest first). */
        START_TIME("attributes.start_time DESC") {
            @Override
            String filter(SplittableRandom queries) {
                return METRIC.filter(queries);
            }
        },
        /** A filter that most runs pass (76 to 86 %), by a metric. */
        BROAD("metrics.m5 DESC") {
            @Override
            String filter(SplittableRandom queries) {
                return "metrics.m3 > " + queries.nextDouble(0.05, 0.15) + " and params.p7 != 'v" + queries.nextInt(10)
                        + "'";
            }
        };

        final String orderBy;

        Query(String orderBy) {
            this.orderBy = orderBy;
        }

        abstract String filter(SplittableRandom queries);
    }
}
