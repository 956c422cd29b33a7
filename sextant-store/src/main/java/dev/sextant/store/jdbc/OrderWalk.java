package dev.sextant.store.jdbc;

import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.RunQuery;
import dev.sextant.tracking.search.Operator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The runs that can be on a page, found by reading an index in the order of the first sort key and
 * stopping after {@code offset + limit} matching runs and the runs tied with the last of them.
 * Every run before the end of the page is among them, so sorting these by the whole order gives
 * the page. The cost follows the page and how many runs the filter rejects on the way, not the
 * size of the experiment.
 *
 * <p>Two orders can be walked: a metric's latest values (index {@code latest_metrics (experiment_id,
 * metric_key, metric_value, run_id)}) and the start time (index {@code runs (experiment_id,
 * start_time)}), which is also the default order. A metric walk covers the numbers only: NaN and
 * runs without the metric sort after every number, so when the numbers run out before the page
 * is full the candidates are too few and the caller sorts every matching run instead.
 *
 * <p>The statement is shaped for both databases: the driving table stands alone in its FROM
 * clause and every filter is an EXISTS on a primary key, so neither planner can start anywhere
 * else; the ORDER BY names the index columns from the first (the equality-bound experiment and
 * key included), which is what lets H2 read the index in order and stop early, and H2 is told
 * which index to read (it would otherwise pick the foreign key's index on runs.experiment_id).
 */
final class OrderWalk {
    private final Sql sql;
    private final RunQuery query;
    private final Dialect dialect;
    private final boolean exact;

    private OrderWalk(Sql sql, RunQuery query, Dialect dialect, boolean exact) {
        this.sql = sql;
        this.query = query;
        this.dialect = dialect;
        this.exact = exact;
    }

    /**
     * A subquery selecting the candidate run ids of one experiment, with its values bound in
     * {@code sql}. With {@code exact}, param and tag equalities compare the values, not only their
     * hashes (see {@link #text}): needed when the candidates of several experiments' walks are
     * merged, where a run that only shares a hash could take the place of one that belongs on the
     * page without the page coming out short.
     */
    static String candidates(Sql sql, RunQuery query, long experiment, Dialect dialect, boolean exact) {
        return new OrderWalk(sql, query, dialect, exact).walk(experiment);
    }

    /** Whether the first sort key can be read from an index in order. */
    static boolean walkable(List<OrderBy> orderBy) {
        if (orderBy.isEmpty()) {
            return true;
        }
        OrderBy first = orderBy.get(0);
        return first.entity() == Entity.METRIC
                || first.entity() == Entity.ATTRIBUTE && first.key().equals("start_time");
    }

    private String walk(long experiment) {
        if (query.orderBy().isEmpty()) {
            return byStartTime(experiment, false); // MLflow's default: newest first
        }
        OrderBy first = query.orderBy().get(0);
        return first.entity() == Entity.METRIC ? byMetric(experiment, first) : byStartTime(experiment, first.ascending());
    }

    private String byStartTime(long experiment, boolean ascending) {
        String direction = ascending ? " ASC" : " DESC";
        List<String> conditions = new ArrayList<>();
        conditions.add("c.experiment_id = " + sql.param(experiment));
        RunSearch.lifecycle(sql, "c", query.viewType()).ifPresent(conditions::add);
        for (Comparison c : checkOrder(query.filter())) {
            conditions.add(c.entity() == Entity.ATTRIBUTE ? RunSearch.attribute(sql, "c", c) : exists("c.run_id", c));
        }
        return "SELECT c.run_id FROM runs c" + dialect.useIndex("runs_start_idx") + " WHERE "
                + String.join(" AND ", conditions)
                + " ORDER BY c.experiment_id" + direction + ", c.start_time" + direction + fetch();
    }

    private String byMetric(long experiment, OrderBy order) {
        String direction = order.ascending() ? " ASC" : " DESC";
        List<String> conditions = new ArrayList<>();
        conditions.add("c.experiment_id = " + sql.param(experiment));
        conditions.add("c.metric_key = " + sql.param(order.key()));
        // Numbers only: NaN orders above +Infinity in both databases, and after every number here.
        conditions.add("c.metric_value <= " + sql.param(Double.POSITIVE_INFINITY));
        List<String> onRun = new ArrayList<>();
        RunSearch.lifecycle(sql, "cr", query.viewType()).ifPresent(onRun::add);
        for (Comparison c : checkOrder(query.filter())) {
            if (c.entity() == Entity.ATTRIBUTE) {
                onRun.add(RunSearch.attribute(sql, "cr", c));
            } else {
                conditions.add(exists("c.run_id", c));
            }
        }
        if (!onRun.isEmpty()) {
            conditions.add("EXISTS (SELECT 1 FROM runs cr WHERE cr.run_id = c.run_id AND "
                    + String.join(" AND ", onRun) + ")");
        }
        return "SELECT c.run_id FROM latest_metrics c" + dialect.useIndex("latest_metrics_walk_idx") + " WHERE "
                + String.join(" AND ", conditions)
                + " ORDER BY c.experiment_id" + direction + ", c.metric_key" + direction + ", c.metric_value"
                + direction + fetch();
    }

    /**
     * The filter in the order the walk checks it: equalities on params and tags first, since they
     * reject most runs (one value of many) and each check saves the later ones for the runs it
     * rejects; the order of an AND does not change its answer.
     */
    private static List<Comparison> checkOrder(List<Comparison> filter) {
        return filter.stream().sorted(Comparator.comparingInt(c -> (c.entity() == Entity.PARAM
                || c.entity() == Entity.TAG) && (c.operator() == Operator.EQ || c.operator() == Operator.IN) ? 0 : 1))
                .toList();
    }

    private String fetch() {
        return " FETCH FIRST " + sql.param(query.offset() + query.limit()) + " ROWS WITH TIES";
    }

    /**
     * A condition on a param or tag value. Equality compares the value hashes only: a candidate
     * whose value merely shares the hash is dropped again by the page query, which compares the
     * values, and then leaves the page short, which sends the search to the unrestricted query.
     * Comparing the value as well would make PostgreSQL count the same condition twice, take the
     * filter for ten times more selective than it is, and sort all its matches instead of walking;
     * {@code exact} walks (several experiments) compare it all the same.
     */
    private String text(Comparison c, String valueColumn) {
        Predicates.requireOperator(c, Predicates.STRING);
        return switch (c.operator()) {
            case EQ, IN -> exact ? Predicates.text(sql, valueColumn, "x.value_hash", c, Predicates.STRING)
                    : Predicates.hashes(sql, "x.value_hash", c);
            default -> Predicates.text(sql, valueColumn, "x.value_hash", c, Predicates.STRING);
        };
    }

    /** A filter on a metric, param, tag or dataset of the run {@code runId}, as a semi-join. */
    private String exists(String runId, Comparison c) {
        return switch (c.entity()) {
            case METRIC -> "EXISTS (SELECT 1 FROM latest_metrics x WHERE x.run_id = " + runId + " AND x.metric_key = "
                    + sql.param(c.key()) + " AND " + Predicates.numeric(sql, "x.metric_value", false, c) + ")";
            case PARAM -> "EXISTS (SELECT 1 FROM params x WHERE x.run_id = " + runId + " AND x.param_key = "
                    + sql.param(c.key()) + " AND " + text(c, "x.param_value") + ")";
            case TAG -> "EXISTS (SELECT 1 FROM run_tags x WHERE x.run_id = " + runId + " AND x.tag_key = "
                    + sql.param(c.key()) + " AND " + text(c, "x.tag_value") + ")";
            case DATASET -> RunSearch.dataset(sql, runId, c);
            case ATTRIBUTE -> throw new IllegalArgumentException("attributes are conditions on the run itself");
        };
    }
}
