package dev.sextant.store.jdbc;

import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.RunQuery;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Finds a filter that matches so few runs that a search should start from them rather than walk
 * an order (see {@link OrderWalk}): a walk that meets a match only every few thousand runs reads
 * the whole experiment. Candidates are filters an index answers: a run id, a param or tag equal
 * to (or in) given values (the (key, value hash) indexes), or a comparison of a metric's latest
 * value (the (experiment, key, value) index). Each is counted through its index up to a cap, so
 * ruling out a filter that matches many runs costs at most the cap.
 */
final class SelectiveFilter {
    private static final Set<Operator> METRIC_RANGES = EnumSet.of(Operator.EQ, Operator.GT, Operator.GE,
            Operator.LT, Operator.LE);
    private static final Set<Operator> LOOKUPS = EnumSet.of(Operator.EQ, Operator.IN);

    private SelectiveFilter() {
    }

    /** The filter matching fewest runs, if one matches fewer than the cap. */
    static Optional<Comparison> find(Handle handle, RunQuery query, List<Long> experiments) {
        long cap = cap(query);
        Optional<Comparison> fewest = Optional.empty();
        long fewestCount = cap;
        for (Comparison c : query.filter()) {
            if (isRunId(c)) {
                return Optional.of(c); // at most as many runs as ids
            }
            if (!counted(c)) {
                continue;
            }
            Sql sql = new Sql();
            sql.add("SELECT COUNT(*) FROM (").add(entries(sql, c, experiments)).add(" FETCH FIRST ")
                    .add(sql.param(cap)).add(" ROWS ONLY) t");
            long count = sql.query(handle).mapTo(Long.class).one();
            if (count < fewestCount) {
                fewest = Optional.of(c);
                fewestCount = count;
            }
        }
        return fewest;
    }

    /**
     * A subquery selecting one row per index entry the filter matches, read from the index alone:
     * a param or tag equality compares the value hashes only (a rare collision merely counts a run
     * too many), which spares reading a row per entry for its value and run id.
     */
    private static String entries(Sql sql, Comparison c, List<Long> experiments) {
        return switch (c.entity()) {
            case PARAM -> "SELECT 1 FROM params x WHERE x.param_key = " + sql.param(c.key()) + " AND "
                    + Predicates.hashes(sql, "x.value_hash", c);
            case TAG -> "SELECT 1 FROM run_tags x WHERE x.tag_key = " + sql.param(c.key()) + " AND "
                    + Predicates.hashes(sql, "x.value_hash", c);
            case METRIC, ATTRIBUTE, DATASET -> runIds(sql, c, experiments).orElseThrow();
        };
    }

    /**
     * A subquery selecting the ids of the runs (of the experiments) that {@code c} matches, with its
     * values bound in {@code sql}; empty for a run id filter, whose own condition on the runs
     * table already starts from the primary key.
     */
    static Optional<String> runIds(Sql sql, Comparison c, List<Long> experiments) {
        return switch (c.entity()) {
            case METRIC -> Optional.of("SELECT x.run_id FROM latest_metrics x WHERE x.experiment_id IN ("
                    + sql.params(experiments) + ") AND x.metric_key = " + sql.param(c.key()) + " AND "
                    + Predicates.numeric(sql, "x.metric_value", false, c));
            case PARAM -> Optional.of("SELECT x.run_id FROM params x WHERE x.param_key = " + sql.param(c.key())
                    + " AND " + Predicates.text(sql, "x.param_value", "x.value_hash", c, Predicates.STRING));
            case TAG -> Optional.of("SELECT x.run_id FROM run_tags x WHERE x.tag_key = " + sql.param(c.key())
                    + " AND " + Predicates.text(sql, "x.tag_value", "x.value_hash", c, Predicates.STRING));
            case ATTRIBUTE, DATASET -> Optional.empty();
        };
    }

    /**
     * Rule of thumb: a walk to the end of the page reads about {@code end x experiment / matches}
     * index entries with a probe each ({@code end = offset + limit}); starting from the filter joins
     * and sorts each of its matches, which costs some 20 probes per match. Starting from the filter
     * pays below about {@code sqrt(end x experiment / 20)} matches: the cap grows with the square root
     * of the page's end, 1,000 for a first page of 100 (an experiment of some 100,000 runs), 3,300
     * for the 11th, not ten times the end (the 11th page then started from a filter of 10,000 runs
     * and took seconds where the walk takes a fraction of one).
     */
    static long cap(RunQuery query) {
        return Math.clamp(Math.round(100 * Math.sqrt((double) query.offset() + query.limit())), 1_000L, 20_000L);
    }

    private static boolean isRunId(Comparison c) {
        return c.entity() == Entity.ATTRIBUTE && c.key().equals("run_id") && LOOKUPS.contains(c.operator());
    }

    private static boolean counted(Comparison c) {
        return switch (c.entity()) {
            case METRIC -> METRIC_RANGES.contains(c.operator()) && c.operand() instanceof Operand.Number;
            case PARAM, TAG -> LOOKUPS.contains(c.operator())
                    && !(c.operand() instanceof Operand.TextList l && l.values().isEmpty());
            case ATTRIBUTE, DATASET -> false;
        };
    }
}
