package dev.sextant.store.jdbc;

import dev.sextant.api.SextantException;
import dev.sextant.registry.RegistryQuery;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates registry searches into one query each: registered models (filter on name and tags)
 * and model versions (name, version number, run id, source, tags), with tags as joins.
 */
final class RegistrySearch {
    private static final Map<String, String> MODEL_ORDER = Map.of("name", "rm.name",
            "creation_timestamp", "rm.creation_time", "last_updated_timestamp", "rm.last_updated_time");
    private static final Map<String, String> VERSION_ORDER = Map.of("name", "rm.name", "version_number", "mv.version",
            "creation_timestamp", "mv.creation_time", "last_updated_timestamp", "mv.last_updated_time");

    private final Sql sql = new Sql();
    private final List<String> joins = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<String> order = new ArrayList<>();

    private RegistrySearch() {
    }

    /** Registered models; default order name ascending, as MLflow. */
    static Sql models(RegistryQuery query) {
        RegistrySearch search = new RegistrySearch();
        for (Comparison c : query.filter()) {
            if (c.entity() == Entity.TAG) {
                search.tag("registered_model_tags", "t.model_id = rm.model_id", c);
            } else if (c.key().equals("name")) {
                search.conditions.add(Predicates.text(search.sql, "rm.name", "", c, Predicates.STRING_NO_LISTS));
            } else {
                throw unknown(c.key(), "name");
            }
        }
        query.orderBy().forEach(o -> search.orderBy(o, MODEL_ORDER));
        search.order.add("rm.name ASC");
        return search.assemble("SELECT " + RegisteredModels.COLUMNS + " FROM registered_models rm ", query);
    }

    /** Model versions; default order last update descending, then name, then version descending (MLflow's). */
    static Sql versions(RegistryQuery query) {
        RegistrySearch search = new RegistrySearch();
        for (Comparison c : query.filter()) {
            if (c.entity() == Entity.TAG) {
                search.tag("model_version_tags", "t.model_id = mv.model_id AND t.version = mv.version", c);
                continue;
            }
            search.conditions.add(switch (c.key()) {
                // MLflow takes =, !=, LIKE, ILIKE and IN for every string attribute of a version.
                case "name" -> Predicates.text(search.sql, "rm.name", "", c, Predicates.STRING);
                case "version_number" -> Predicates.numeric(search.sql, "mv.version", true, c);
                case "run_id" -> Predicates.text(search.sql, "mv.run_id", "", c, Predicates.STRING);
                case "source_path" -> Predicates.text(search.sql, "mv.source", "", c, Predicates.STRING);
                default -> throw unknown(c.key(), "name, version_number, run_id, source_path");
            });
        }
        query.orderBy().forEach(o -> search.orderBy(o, VERSION_ORDER));
        if (query.orderBy().isEmpty()) {
            search.order.add("mv.last_updated_time DESC");
        }
        search.order.add("rm.name ASC");
        search.order.add("mv.version DESC");
        return search.assemble("SELECT " + VersionLoader.COLUMNS + VersionLoader.FROM, query);
    }

    private void tag(String table, String on, Comparison c) {
        String alias = "t" + joins.size();
        joins.add("JOIN " + table + " " + alias + " ON " + on.replace("t.", alias + ".") + " AND " + alias
                + ".tag_key = " + sql.param(c.key()));
        conditions.add(Predicates.text(sql, alias + ".tag_value", "", c, Predicates.STRING_NO_LISTS));
    }

    private void orderBy(OrderBy o, Map<String, String> columns) {
        String column = columns.get(o.key());
        if (column == null) {
            throw SextantException.invalid("Invalid order_by key '" + o.key() + "'. Order by one of "
                    + columns.keySet().stream().sorted().toList() + ".");
        }
        order.add(column + (o.ascending() ? " ASC" : " DESC"));
    }

    private Sql assemble(String select, RegistryQuery query) {
        sql.add(select);
        joins.forEach(j -> sql.add(j).add(" "));
        if (!conditions.isEmpty()) {
            sql.add("WHERE ").add(String.join(" AND ", conditions));
        }
        sql.add(" ORDER BY ").add(String.join(", ", order));
        sql.add(" OFFSET ").add(sql.param(query.offset())).add(" ROWS FETCH NEXT ").add(sql.param(query.limit()))
                .add(" ROWS ONLY");
        return sql;
    }

    private static SextantException unknown(String key, String valid) {
        return SextantException.invalid("Invalid attribute key '" + key + "' specified. Valid keys are " + valid + ".");
    }
}
