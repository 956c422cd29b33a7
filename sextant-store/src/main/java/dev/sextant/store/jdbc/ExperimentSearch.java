package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.ViewType;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.ExperimentQuery;
import dev.sextant.tracking.search.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translates an experiment search into one query over experiments joined with filtered tags. */
final class ExperimentSearch {
    static final String COLUMNS = "e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage,"
            + " e.creation_time, e.last_update_time";
    private static final Map<String, String> ORDER_KEYS = Map.of("name", "e.name", "experiment_id", "e.experiment_id",
            "creation_time", "e.creation_time", "last_update_time", "e.last_update_time");

    private final Sql sql = new Sql();
    private final List<String> joins = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<String> order = new ArrayList<>();

    private ExperimentSearch() {
    }

    static Sql pageQuery(ExperimentQuery query) {
        ExperimentSearch search = new ExperimentSearch();
        if (query.viewType() != ViewType.ALL) {
            LifecycleStage stage = query.viewType() == ViewType.ACTIVE_ONLY ? LifecycleStage.ACTIVE
                    : LifecycleStage.DELETED;
            search.conditions.add("e.lifecycle_stage = " + search.sql.param(Rows.stage(stage)));
        }
        query.filter().forEach(search::filter);
        query.orderBy().forEach(search::orderBy);
        return search.assemble(query.orderBy().isEmpty(), query.offset(), query.limit());
    }

    private void filter(Comparison c) {
        switch (c.entity()) {
            case TAG -> {
                String alias = "t" + joins.size();
                joins.add("JOIN experiment_tags " + alias + " ON " + alias + ".experiment_id = e.experiment_id AND "
                        + alias + ".tag_key = " + sql.param(c.key()));
                conditions.add(Predicates.text(sql, alias + ".tag_value", "", c, Predicates.STRING_NO_LISTS));
            }
            case ATTRIBUTE -> conditions.add(switch (c.key()) {
                case "name" -> Predicates.text(sql, "e.name", "", c, Predicates.STRING_NO_LISTS);
                case "creation_time", "last_update_time" -> Predicates.numeric(sql, "e." + c.key(), true, c);
                default -> throw SextantException.invalid("Invalid attribute key '" + c.key()
                        + "' specified. Valid keys are name, creation_time, last_update_time.");
            });
            default -> throw SextantException.invalid("Invalid entity type '" + c.entity().name().toLowerCase(
                    java.util.Locale.ROOT) + "' in an experiment filter. Use attributes or tags.");
        }
    }

    private void orderBy(OrderBy o) {
        String column = ORDER_KEYS.get(o.key());
        if (o.entity() != Entity.ATTRIBUTE || column == null) {
            throw SextantException.invalid("Invalid order_by key '" + o.key()
                    + "'. Experiments can be ordered by name, experiment_id, creation_time, last_update_time.");
        }
        order.add(column + (o.ascending() ? " ASC" : " DESC"));
    }

    private Sql assemble(boolean defaultOrder, long offset, int limit) {
        if (defaultOrder) {
            order.add("e.creation_time DESC");
        }
        order.add("e.experiment_id ASC");
        sql.add("SELECT ").add(COLUMNS).add(" FROM experiments e ");
        joins.forEach(j -> sql.add(j).add(" "));
        if (!conditions.isEmpty()) {
            sql.add("WHERE ").add(String.join(" AND ", conditions));
        }
        sql.add(" ORDER BY ").add(String.join(", ", order));
        sql.add(" OFFSET ").add(sql.param(offset)).add(" ROWS FETCH NEXT ").add(sql.param(limit)).add(" ROWS ONLY");
        return sql;
    }
}
