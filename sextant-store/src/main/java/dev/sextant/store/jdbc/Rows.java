package dev.sextant.store.jdbc;

import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.RunInfo;
import dev.sextant.tracking.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;

/** Column conventions shared by the tracking tables. */
final class Rows {
    /** Bulk loads bind at most this many ids per statement (PostgreSQL allows 65535 parameters). */
    static final int CHUNK = 500;

    static final String RUN_COLUMNS = "r.run_id, r.run_name, r.experiment_id, r.user_id, r.status, r.start_time,"
            + " r.end_time, r.artifact_uri, r.lifecycle_stage";

    private Rows() {
    }

    static String stage(LifecycleStage stage) {
        return stage.wireName();
    }

    static LifecycleStage stage(String stored) {
        return LifecycleStage.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    static RunInfo runInfo(ResultSet rs) throws SQLException {
        long end = rs.getLong("end_time");
        OptionalLong endTime = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(end);
        return new RunInfo(rs.getString("run_id"), rs.getString("run_name"),
                Long.toString(rs.getLong("experiment_id")), rs.getString("user_id"),
                RunStatus.valueOf(rs.getString("status")), rs.getLong("start_time"), endTime,
                rs.getString("artifact_uri"), stage(rs.getString("lifecycle_stage")));
    }

    /** Runs {@code load} on slices of {@code ids} small enough for one statement. */
    static <I, T> List<T> inChunks(List<I> ids, Function<List<I>, List<T>> load) {
        List<T> all = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            all.addAll(load.apply(ids.subList(from, Math.min(ids.size(), from + CHUNK))));
        }
        return all;
    }
}
