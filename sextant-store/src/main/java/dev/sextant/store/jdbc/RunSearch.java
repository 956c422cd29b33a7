package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.ViewType;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.RunQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Translates a run search into one query that selects the page of run ids; the runs themselves
 * are then loaded in bulk. Filters on metrics, params and tags are inner joins on the (run, key)
 * primary keys, so a run lacking the key is excluded, as in MLflow; order-by keys are left joins
 * sorted with missing values last. In filters NaN compares greater than every number, as both
 * H2 and PostgreSQL order doubles.
 */
final class RunSearch {
    private static final Map<String, String> TEXT_ATTRIBUTES = Map.of("run_id", "r.run_id", "run_name", "r.run_name",
            "status", "r.status", "user_id", "r.user_id", "artifact_uri", "r.artifact_uri",
            "lifecycle_stage", "r.lifecycle_stage");
    private static final Map<String, String> NUMERIC_ATTRIBUTES = Map.of("start_time", "r.start_time",
            "end_time", "r.end_time");
    private static final String CONTEXT_TAG = "mlflow.data.context";

    private final Sql sql = new Sql();
    private final List<String> joins = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<String> order = new ArrayList<>();

    private RunSearch() {
    }

    /** The page query, or empty when no experiment id can match. */
    static Optional<Sql> pageQuery(RunQuery query) {
        List<Long> experiments = query.experimentIds().stream().map(Experiments::parseId)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).distinct().toList();
        if (experiments.isEmpty()) {
            return Optional.empty();
        }
        RunSearch search = new RunSearch();
        search.conditions.add("r.experiment_id IN (" + search.sql.params(experiments) + ")");
        search.viewType(query.viewType());
        query.filter().forEach(search::filter);
        query.orderBy().forEach(search::orderBy);
        return Optional.of(search.assemble(query.offset(), query.limit()));
    }

    private void viewType(ViewType viewType) {
        if (viewType != ViewType.ALL) {
            LifecycleStage stage = viewType == ViewType.ACTIVE_ONLY ? LifecycleStage.ACTIVE : LifecycleStage.DELETED;
            conditions.add("r.lifecycle_stage = " + sql.param(Rows.stage(stage)));
        }
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
            case ATTRIBUTE -> conditions.add(attribute(c));
            case DATASET -> conditions.add(dataset(c));
        }
    }

    private String attribute(Comparison c) {
        if (NUMERIC_ATTRIBUTES.containsKey(c.key())) {
            return Predicates.numeric(sql, NUMERIC_ATTRIBUTES.get(c.key()), true, c);
        }
        if (TEXT_ATTRIBUTES.containsKey(c.key())) {
            return Predicates.text(sql, TEXT_ATTRIBUTES.get(c.key()), "", c,
                    c.key().equals("run_id") ? Predicates.IDENTITY : Predicates.STRING);
        }
        throw SextantException.invalid("Invalid attribute key '" + c.key() + "' specified. Valid keys are "
                + "run_id, run_name, status, user_id, artifact_uri, lifecycle_stage, start_time, end_time.");
    }

    private String dataset(Comparison c) {
        String exists = "EXISTS (SELECT 1 FROM run_inputs i JOIN ";
        return switch (c.key()) {
            case "name", "digest" -> exists + "datasets d ON d.dataset_id = i.dataset_id WHERE i.run_id = r.run_id AND "
                    + Predicates.text(sql, "d." + c.key(), "", c, Predicates.STRING) + ")";
            case "context" -> exists + "input_tags t ON t.input_id = i.input_id WHERE i.run_id = r.run_id AND "
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
        return column;
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
