package dev.sextant.bench;

import java.util.SplittableRandom;

/**
 * The search scenario's data set and queries, shared by the loader that goes through the API
 * ({@link SearchScenario}) and the one that writes a data directory directly
 * ({@link SeedSearchScenario}), so that both build the same experiment: R runs, each with params
 * {@code p0…} (values {@code v0}…{@code v9}) and metrics {@code m0…} (uniform in [0, 1)).
 */
record SearchData(int runs, int params, int metrics) {
    /** Tag set on the experiment once every run is in. */
    static final String POPULATED_TAG = "bench.populated";
    static final String ORDER_BY = "metrics.m5 DESC";

    String experimentName() {
        return "bench-search-" + runs + "x" + params + "x" + metrics;
    }

    /** The values of run {@code run}, drawn from its own seed so that every loader draws the same ones. */
    SplittableRandom values(int run) {
        return new SplittableRandom(run);
    }

    /** One metric and one param in the filter: about 3 to 8 % of the runs match. */
    static String filter(SplittableRandom queries) {
        return "metrics.m3 > " + queries.nextDouble(0.2, 0.8) + " and params.p7 = 'v" + queries.nextInt(10) + "'";
    }
}
