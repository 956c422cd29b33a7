package dev.sextant.store.jdbc;

import dev.sextant.registry.RegistryErrors;
import dev.sextant.registry.Stage;
import dev.sextant.release.promotion.HistoryEntry;
import dev.sextant.release.promotion.Move;
import dev.sextant.release.promotion.MoveOutcome;
import dev.sextant.release.promotion.PromotionStore;
import dev.sextant.release.promotion.PromotionTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Promotions over the registry's own tables. A move locks the model's row first (SELECT … FOR
 * UPDATE, on H2 and PostgreSQL alike), so moves of one model, version creation and stage
 * transitions queue behind each other; it then compares the holder with the expected one and
 * either changes nothing or does everything: stage or alias, the {@code previous} alias, the
 * history entry.
 */
final class JdbcPromotionStore implements PromotionStore {
    private static final String ENTRY_COLUMNS = "entry_id, model_id, target, version, previous_version, action, actor,"
            + " reason, verdict_id, entry_time";

    private final Transactor tx;

    JdbcPromotionStore(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public OptionalLong holder(String model, PromotionTarget target) {
        return tx.read(handle -> holder(handle, RegisteredModels.require(handle, model), target));
    }

    @Override
    public MoveOutcome move(Move move) {
        return tx.write(handle -> {
            long id = handle.createQuery("SELECT model_id FROM registered_models WHERE name = :name FOR UPDATE")
                    .bind("name", move.model()).mapTo(Long.class).findOne()
                    .orElseThrow(() -> RegistryErrors.modelNotFound(move.model()));
            ModelVersions.requireVersion(handle, id, move.model(), move.version());
            OptionalLong holder = holder(handle, id, move.target());
            if (!holder.equals(move.expectedHolder()) || holder.equals(OptionalLong.of(move.version()))) {
                return new MoveOutcome.Conflict(holder);
            }
            switch (move.target()) {
                case PromotionTarget.StageTarget stage -> {
                    handle.createUpdate("UPDATE model_versions SET current_stage = :archived, last_updated_time = :now"
                                    + " WHERE model_id = :id AND current_stage = :stage")
                            .bind("archived", Stage.ARCHIVED.wireName()).bind("now", move.at()).bind("id", id)
                            .bind("stage", stage.stage().wireName()).execute();
                    handle.createUpdate("UPDATE model_versions SET current_stage = :stage, last_updated_time = :now"
                                    + " WHERE model_id = :id AND version = :version")
                            .bind("stage", stage.stage().wireName()).bind("now", move.at()).bind("id", id)
                            .bind("version", move.version()).execute();
                }
                case PromotionTarget.AliasTarget alias -> setAlias(handle, id, alias.alias(), move.version());
            }
            holder.ifPresent(previous -> setAlias(handle, id, move.target().previousAlias(), previous));
            RegisteredModels.touch(handle, id, move.at());
            long sequence = handle.createUpdate("INSERT INTO stage_history (model_id, target, version, previous_version,"
                            + " action, actor, reason, verdict_id, entry_time) VALUES (:id, :target, :version, :previous,"
                            + " :action, :actor, :reason, :verdict, :at)")
                    .bind("id", id).bind("target", move.target().name()).bind("version", move.version())
                    .bind("previous", holder.isPresent() ? Long.valueOf(holder.getAsLong()) : null)
                    .bind("action", move.action().name()).bind("actor", move.actor()).bind("reason", move.reason())
                    .bind("verdict", move.verdictId().orElse(null)).bind("at", move.at())
                    .executeAndReturnGeneratedKeys("entry_id").mapTo(Long.class).one();
            return new MoveOutcome.Moved(new HistoryEntry(sequence, move.model(), move.target().name(), move.version(),
                    holder, move.action(), move.actor(), move.reason(), move.verdictId(), move.at()));
        });
    }

    @Override
    public List<HistoryEntry> history(String model, Optional<String> target, int limit) {
        return tx.read(handle -> {
            long id = RegisteredModels.require(handle, model);
            Sql sql = new Sql();
            sql.add("SELECT " + ENTRY_COLUMNS + " FROM stage_history WHERE model_id = ").add(sql.param(id));
            target.ifPresent(t -> sql.add(" AND target = ").add(sql.param(t)));
            sql.add(" ORDER BY entry_id DESC LIMIT ").add(sql.param(limit));
            return sql.query(handle).map((rs, ctx) -> entry(rs, model)).list();
        });
    }

    @Override
    public Optional<HistoryEntry> entryAt(String model, String target, long time) {
        return tx.read(handle -> handle.createQuery("SELECT " + ENTRY_COLUMNS + " FROM stage_history WHERE model_id = :id"
                        + " AND target = :target AND entry_time <= :time ORDER BY entry_time DESC, entry_id DESC LIMIT 1")
                .bind("id", RegisteredModels.require(handle, model)).bind("target", target).bind("time", time)
                .map((rs, ctx) -> entry(rs, model)).findOne());
    }

    private static OptionalLong holder(Handle handle, long id, PromotionTarget target) {
        Optional<Long> version = switch (target) {
            case PromotionTarget.StageTarget stage -> handle.createQuery("SELECT MAX(version) FROM model_versions"
                            + " WHERE model_id = :id AND current_stage = :stage")
                    .bind("id", id).bind("stage", stage.stage().wireName()).mapTo(Long.class).findOne();
            case PromotionTarget.AliasTarget alias -> handle.createQuery("SELECT version FROM registered_model_aliases"
                            + " WHERE model_id = :id AND alias = :alias")
                    .bind("id", id).bind("alias", alias.alias()).mapTo(Long.class).findOne();
        };
        return version.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static void setAlias(Handle handle, long id, String alias, long version) {
        handle.createUpdate("DELETE FROM registered_model_aliases WHERE model_id = :id AND alias = :alias")
                .bind("id", id).bind("alias", alias).execute();
        handle.createUpdate("INSERT INTO registered_model_aliases (model_id, alias, version) VALUES (:id, :alias, :version)")
                .bind("id", id).bind("alias", alias).bind("version", version).execute();
    }

    private static HistoryEntry entry(ResultSet rs, String model) throws SQLException {
        long previous = rs.getLong("previous_version");
        OptionalLong previousVersion = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(previous);
        return new HistoryEntry(rs.getLong("entry_id"), model, rs.getString("target"), rs.getLong("version"),
                previousVersion, HistoryEntry.Action.valueOf(rs.getString("action")), rs.getString("actor"),
                rs.getString("reason"), Optional.ofNullable(rs.getString("verdict_id")), rs.getLong("entry_time"));
    }
}
