package dev.sextant.store.jdbc;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Registered model names to ids and back, for the release tables that keep ids. */
final class ModelIds {

    private ModelIds() {
    }

    static Optional<Long> find(Handle handle, String name) {
        return handle.createQuery("SELECT model_id FROM registered_models WHERE name = :name")
                .bind("name", name).mapTo(Long.class).findOne();
    }

    /** The model's current name; a deleted model keeps the name its record was made under. */
    static String name(Handle handle, long id, String recorded) {
        return handle.createQuery("SELECT name FROM registered_models WHERE model_id = :id")
                .bind("id", id).mapTo(String.class).findOne().orElse(recorded);
    }
}
