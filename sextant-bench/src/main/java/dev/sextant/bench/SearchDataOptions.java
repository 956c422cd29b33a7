package dev.sextant.bench;

import picocli.CommandLine.Option;

/** The search data set and query shape, as both search scenarios take them on the command line. */
final class SearchDataOptions {
    @Option(names = "--runs", description = "Runs in the data set (default: ${DEFAULT-VALUE}).")
    int runs = 100_000;

    @Option(names = "--params", description = "Params per run (default: ${DEFAULT-VALUE}).")
    int params = 20;

    @Option(names = "--metrics", description = "Metrics per run (default: ${DEFAULT-VALUE}).")
    int metrics = 20;

    @Option(names = "--experiments", description = "Experiments the runs are spread over; a query searches all of"
            + " them (default: ${DEFAULT-VALUE}).")
    int experiments = 1;

    @Option(names = "--query", description = "Query shape: METRIC (issue 3's: filter on 1 metric + 1 param, ordered"
            + " by a metric), START_TIME (same filter, newest first), BROAD (a filter most runs pass, ordered by a"
            + " metric) (default: ${DEFAULT-VALUE}).")
    SearchData.Query shape = SearchData.Query.METRIC;

    SearchData data() {
        return new SearchData(runs, params, metrics, experiments);
    }
}
