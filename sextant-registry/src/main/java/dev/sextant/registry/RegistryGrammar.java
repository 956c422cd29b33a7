package dev.sextant.registry;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.PageToken;
import dev.sextant.tracking.search.SearchGrammar;
import dev.sextant.tracking.search.SearchParser;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * MLflow's registry search grammar: what {@code search-registered-models} and
 * {@code search-model-versions} accept in {@code filter} and {@code order_by}, and their page sizes.
 */
final class RegistryGrammar {
    static final int MODELS_DEFAULT_RESULTS = 100;
    static final int MODELS_MAX_RESULTS = 1000;
    static final int VERSIONS_DEFAULT_RESULTS = 10_000;
    static final int VERSIONS_MAX_RESULTS = 200_000;

    private static final Set<Entity> ATTRIBUTES_AND_TAGS = EnumSet.of(Entity.ATTRIBUTE, Entity.TAG);

    static final SearchGrammar MODEL_FILTER = new SearchGrammar("registered model", ATTRIBUTES_AND_TAGS,
            Map.of("name", "name"), Set.of());
    static final SearchGrammar MODEL_ORDER = new SearchGrammar("registered model", EnumSet.of(Entity.ATTRIBUTE),
            Map.of("name", "name", "creation_timestamp", "creation_timestamp",
                    "last_updated_timestamp", "last_updated_timestamp", "timestamp", "last_updated_timestamp"),
            Set.of("creation_timestamp", "last_updated_timestamp"));
    static final SearchGrammar VERSION_FILTER = new SearchGrammar("model version", ATTRIBUTES_AND_TAGS,
            Map.of("name", "name", "version_number", "version_number", "run_id", "run_id",
                    "source_path", "source_path"),
            Set.of("version_number"));
    static final SearchGrammar VERSION_ORDER = new SearchGrammar("model version", EnumSet.of(Entity.ATTRIBUTE),
            Map.of("name", "name", "version_number", "version_number", "creation_timestamp", "creation_timestamp",
                    "last_updated_timestamp", "last_updated_timestamp", "timestamp", "last_updated_timestamp"),
            Set.of("version_number", "creation_timestamp", "last_updated_timestamp"));

    private RegistryGrammar() {
    }

    static RegistryQuery models(RegistrySearch search) {
        int limit = maxResults(search.maxResults().orElse(MODELS_DEFAULT_RESULTS), MODELS_MAX_RESULTS);
        return new RegistryQuery(SearchParser.parseFilter(MODEL_FILTER, search.filter()),
                SearchParser.parseOrderBy(MODEL_ORDER, search.orderBy()),
                PageToken.decode(search.pageToken()), limit);
    }

    static RegistryQuery versions(RegistrySearch search) {
        int limit = maxResults(search.maxResults().orElse(VERSIONS_DEFAULT_RESULTS), VERSIONS_MAX_RESULTS);
        return new RegistryQuery(SearchParser.parseFilter(VERSION_FILTER, search.filter()),
                SearchParser.parseOrderBy(VERSION_ORDER, search.orderBy()),
                PageToken.decode(search.pageToken()), limit);
    }

    private static int maxResults(long requested, int threshold) {
        if (requested < 1) {
            throw SextantException.invalid("Invalid value for max_results. It must be a positive integer, but got "
                    + requested);
        }
        if (requested > threshold) {
            throw SextantException.invalid("Invalid value for request parameter max_results. It must be at most "
                    + threshold + ", but got value " + requested);
        }
        return (int) requested;
    }
}
