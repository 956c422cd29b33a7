package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.ViewType;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.RunQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Translates a run search into one query that selects the page of run ids; the runs themselves
 * are then loaded in bulk. Filters on metrics, params and tags are inner joins on the (run, key)
 * primary keys, so a run lacking the key is excluded, as in MLflow; order-by keys are left joins
 * sorted with missing values last. In filters NaN compares greater than every number, as both
 * H2 and PostgreSQL order doubles.
 *
 * <p>Sorting every matching run costs as much as the experiment is large. When a filter matches few
 * runs ({@link SelectiveFilter}), the query starts from those. Otherwise, when the first sort key
 * can be read from an index in order, the query first restricts the runs to the candidates that
 * {@link OrderWalk}s (one per experiment) find, which cost about as much as the page; when they
 * turn out too few to fill the page, the unrestricted query answers.
 */
final class RunSearch {
    static final Map<String, String> TEXT_ATTRIBUTES = Map.of("run_id", "run_id", "run_name", "run_name",
            "status", "status", "user_id", "user_id", "artifact_uri", "artifact_uri",
            "lifecycle_stage", "lifecycle_stage");
    static final Map<String, String> NUMERIC_ATTRIBUTES = Map.of("start_time", "start_time", "end_time", "end_time");
    private static final String CONTEXT_TAG = "mlflow.data.context";

    private final Sql sql = new Sql();
    private final List<String> joins = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<String> order = new ArrayList<>();

    private RunSearch() {
    }

    /** The ids of the runs on the page, in order. */
    static List<String> pageIds(Handle handle, Dialect dialect, RunQuery query) {
        List<Long> experiments = experiments(query);
        if (experiments.isEmpty()) {
            return List.of();
        }
        Optional<Comparison> selective = SelectiveFilter.find(handle, query, experiments);
        if (selective.isEmpty() && OrderWalk.walkable(query.orderBy())) {
            List<String> ids = walkedPageIds(handle, dialect, query, experiments);
            if (ids.size() == query.limit()) {
                return ids;
            }
        }
        return pageQuery(query, experiments, selective).query(handle).mapTo(String.class).list();
    }

    /**
     * The page query over every matching run; with {@code start}, a filter of the query that
     * matches few runs (see {@link SelectiveFilter}), the runs are looked up from its index first.
     */
    static Sql pageQuery(RunQuery query, List<Long> experiments, Optional<Comparison> start) {
        RunSearch search = new RunSearch();
        start.flatMap(c -> SelectiveFilter.runIds(search.sql, c, experiments))
                .ifPresent(runIds -> search.conditions.add("r.run_id IN (" + runIds + ")"));
        search.select(query, experiments);
        return search.assemble(query.offset(), query.limit());
    }

    /**
     * The page among the candidates of {@link OrderWalk}s; shorter than the limit when the walks
     * found too few. One experiment's walk is a subquery of the page query. Several experiments
     * are walked one statement each and their candidates bound into the page query: a walk's
     * index covers one experiment, and combining the walks with UNION inside IN is answered
     * wrongly by H2 2.3.232 (with a UNION member's result from an earlier execution of the same
     * statement with other parameters).
     */
    static List<String> walkedPageIds(Handle handle, Dialect dialect, RunQuery query, List<Long> experiments) {
        if (experiments.size() == 1) {
            return walkedPageQuery(query, experiments.get(0), dialect).query(handle).mapTo(String.class).list();
        }
        Set<String> candidates = new LinkedHashSet<>();
        for (long experiment : experiments) {
            Sql walk = new Sql();
            walk.add(OrderWalk.candidates(walk, query, experiment, dialect, true));
            candidates.addAll(walk.query(handle).mapTo(String.class).list());
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        RunSearch search = new RunSearch();
        search.conditions.add("r.run_id IN (" + search.sql.params(candidates) + ")");
        search.select(query, experiments);
        return search.assemble(query.offset(), query.limit()).query(handle).mapTo(String.class).list();
    }

    /** The page query over the candidates of one experiment's {@link OrderWalk}. */
    static Sql walkedPageQuery(RunQuery query, long experiment, Dialect dialect) {
        RunSearch search = new RunSearch();
        String candidates = OrderWalk.candidates(search.sql, query, experiment, dialect, false);
        search.conditions.add("r.run_id IN (" + candidates + ")");
        search.select(query, List.of(experiment));
        return search.assemble(query.offset(), query.limit());
    }

    /** The experiment ids a search covers; ids that cannot exist are left out. */
    static List<Long> experiments(RunQuery query) {
        return query.experimentIds().stream().map(Experiments::parseId)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).distinct().toList();
    }

    private void select(RunQuery query, List<Long> experiments) {
        conditions.add("r.experiment_id IN (" + sql.params(experiments) + ")");
        viewType(query.viewType()).ifPresent(conditions::add);
        query.filter().forEach(this::filter);
        query.orderBy().forEach(this::orderBy);
    }

    /** The lifecycle condition on runs alias {@code r}, if the view type has one. */
    private Optional<String> viewType(ViewType viewType) {
        return lifecycle(sql, "r", viewType);
    }

    static Optional<String> lifecycle(Sql sql, String runs, ViewType viewType) {
        if (viewType == ViewType.ALL) {
            return Optional.empty();
        }
        LifecycleStage stage = viewType == ViewType.ACTIVE_ONLY ? LifecycleStage.ACTIVE : LifecycleStage.DELETED;
        return Optional.of(runs + ".lifecycle_stage = " + sql.param(Rows.stage(stage)));
    }

    private void filter(Comparison c) {
        String alias = "f" + joins.size();
        switch (c.entity()) {
            case METRIC -> {
                joins.add(join("latest_metrics", alias, "metric_key", c.key()));
                conditions.add(Predicates.numeric(sql, alias + ".metric_value", false, c));
            }
            case PARAM -> {
                joins.add(join("params", alias, "param_key", c.key()));
                conditions.add(Predicates.text(sql, alias + ".param_value", alias + ".value_hash", c, Predicates.STRING));
            }
            case TAG -> {
                joins.add(join("run_tags", alias, "tag_key", c.key()));
                conditions.add(Predicates.text(sql, alias + ".tag_value", alias + ".value_hash", c, Predicates.STRING));
            }
            case ATTRIBUTE -> conditions.add(attribute(sql, "r", c));
            case DATASET -> conditions.add(dataset(sql, "r.run_id", c));
        }
    }

    /** A condition on an attribute of runs alias {@code runs}. */
    static String attribute(Sql sql, String runs, Comparison c) {
        if (NUMERIC_ATTRIBUTES.containsKey(c.key())) {
            return Predicates.numeric(sql, runs + "." + NUMERIC_ATTRIBUTES.get(c.key()), true, c);
        }
        if (TEXT_ATTRIBUTES.containsKey(c.key())) {
            return Predicates.text(sql, runs + "." + TEXT_ATTRIBUTES.get(c.key()), "", c,
                    c.key().equals("run_id") ? Predicates.IDENTITY : Predicates.STRING);
        }
        throw SextantException.invalid("Invalid attribute key '" + c.key() + "' specified. Valid keys are "
                + "run_id, run_name, status, user_id, artifact_uri, lifecycle_stage, start_time, end_time.");
    }

    /** A condition on the dataset inputs of the run whose id is {@code runId}. */
    static String dataset(Sql sql, String runId, Comparison c) {
        String exists = "EXISTS (SELECT 1 FROM run_inputs i JOIN ";
        return switch (c.key()) {
            case "name", "digest" -> exists + "datasets d ON d.dataset_id = i.dataset_id WHERE i.run_id = " + runId
                    + " AND " + Predicates.text(sql, "d." + c.key(), "", c, Predicates.STRING) + ")";
            case "context" -> exists + "input_tags t ON t.input_id = i.input_id WHERE i.run_id = " + runId + " AND "
                    + "t.tag_key = " + sql.param(CONTEXT_TAG) + " AND "
                    + Predicates.text(sql, "t.tag_value", "", c, Predicates.STRING) + ")";
            default -> throw SextantException.invalid("Invalid dataset key '" + c.key()
                    + "' specified. Valid keys are name, digest, context.");
        };
    }

    private void orderBy(OrderBy o) {
        String alias = "o" + joins.size();
        String direction = o.ascending() ? " ASC" : " DESC";
        switch (o.entity()) {
            case METRIC -> {
                joins.add("LEFT " + join("latest_metrics", alias, "metric_key", o.key()));
                String value = alias + ".metric_value";
                // MLflow: real values first, then NaN, then runs without the metric, in both directions.
                order.add("CASE WHEN " + value + " IS NULL THEN 2 WHEN " + value + " = " + sql.param(Double.NaN)
                        + " THEN 1 ELSE 0 END");
                order.add(value + direction);
            }
            case PARAM -> {
                joins.add("LEFT " + join("params", alias, "param_key", o.key()));
                nullsLast(alias + ".param_value", direction);
            }
            case TAG -> {
                joins.add("LEFT " + join("run_tags", alias, "tag_key", o.key()));
                nullsLast(alias + ".tag_value", direction);
            }
            case ATTRIBUTE -> nullsLast(orderAttribute(o.key()), direction);
            case DATASET -> throw SextantException.invalid("Ordering by dataset fields is not supported.");
        }
    }

    private static String orderAttribute(String key) {
        if (key.equals("experiment_id")) {
            return "r.experiment_id";
        }
        String column = TEXT_ATTRIBUTES.getOrDefault(key, NUMERIC_ATTRIBUTES.get(key));
        if (column == null) {
            throw SextantException.invalid("Invalid order_by key '" + key + "' specified. Valid attribute keys are "
                    + "run_id, run_name, experiment_id, status, user_id, artifact_uri, lifecycle_stage, start_time,"
                    + " end_time.");
        }
        return "r." + column;
    }

    private void nullsLast(String value, String direction) {
        order.add("CASE WHEN " + value + " IS NULL THEN 1 ELSE 0 END");
        order.add(value + direction);
    }

    private String join(String table, String alias, String keyColumn, String key) {
        return "JOIN " + table + " " + alias + " ON " + alias + ".run_id = r.run_id AND " + alias + "." + keyColumn
                + " = " + sql.param(key);
    }

    private Sql assemble(long offset, int limit) {
        order.add("r.start_time DESC");
        order.add("r.run_id ASC");
        sql.add("SELECT r.run_id FROM runs r ");
        joins.forEach(j -> sql.add(j).add(" "));
        sql.add("WHERE ").add(String.join(" AND ", conditions));
        sql.add(" ORDER BY ").add(String.join(", ", order));
        sql.add(" OFFSET ").add(sql.param(offset)).add(" ROWS FETCH NEXT ").add(sql.param(limit)).add(" ROWS ONLY");
        return sql;
    }
}
