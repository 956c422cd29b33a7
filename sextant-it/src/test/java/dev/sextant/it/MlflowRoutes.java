package dev.sextant.it;

import java.util.List;

/**
 * The MLflow tracking and registry routes Sextant serves (MLflow's {@code service.proto} and
 * {@code model_registry.proto}), with the JSON type of each request field, so that malformed
 * variants of each request can be generated. Requests of every method but GET carry a JSON body.
 */
final class MlflowRoutes {
    private MlflowRoutes() {
    }

    enum Type { STRING, INT64, DOUBLE, BOOL, VIEW_TYPE, RUN_STATUS, STRINGS, TAGS, METRICS, PARAMS, DATASETS,
        EXPERIMENT_ID, RUN_ID, MODEL_NAME, MODEL_VERSION, MODEL_SOURCE }

    record Field(String name, Type type) {
    }

    /** One route: its method, its path below {@code /api/2.0/mlflow/}, and its fields. */
    record Route(String method, String path, List<Field> fields) {
        boolean queryEncoded() {
            return method.equals("GET");
        }
    }

    private static Field f(String name, Type type) {
        return new Field(name, type);
    }

    static final List<Route> ALL = List.of(
            new Route("POST", "experiments/create", List.of(f("name", Type.STRING),
                    f("artifact_location", Type.STRING), f("tags", Type.TAGS))),
            new Route("GET", "experiments/get", List.of(f("experiment_id", Type.EXPERIMENT_ID))),
            new Route("GET", "experiments/get-by-name", List.of(f("experiment_name", Type.STRING))),
            new Route("POST", "experiments/search", List.of(f("max_results", Type.INT64),
                    f("page_token", Type.STRING), f("filter", Type.STRING), f("order_by", Type.STRINGS),
                    f("view_type", Type.VIEW_TYPE))),
            new Route("GET", "experiments/search", List.of(f("max_results", Type.INT64),
                    f("page_token", Type.STRING), f("filter", Type.STRING), f("order_by", Type.STRINGS),
                    f("view_type", Type.VIEW_TYPE))),
            new Route("POST", "experiments/delete", List.of(f("experiment_id", Type.EXPERIMENT_ID))),
            new Route("POST", "experiments/restore", List.of(f("experiment_id", Type.EXPERIMENT_ID))),
            new Route("POST", "experiments/update", List.of(f("experiment_id", Type.EXPERIMENT_ID),
                    f("new_name", Type.STRING))),
            new Route("POST", "experiments/set-experiment-tag", List.of(f("experiment_id", Type.EXPERIMENT_ID),
                    f("key", Type.STRING), f("value", Type.STRING))),
            new Route("POST", "experiments/delete-experiment-tag", List.of(f("experiment_id", Type.EXPERIMENT_ID),
                    f("key", Type.STRING))),
            new Route("POST", "runs/create", List.of(f("experiment_id", Type.EXPERIMENT_ID),
                    f("user_id", Type.STRING), f("run_name", Type.STRING), f("start_time", Type.INT64),
                    f("tags", Type.TAGS))),
            new Route("GET", "runs/get", List.of(f("run_id", Type.RUN_ID), f("run_uuid", Type.RUN_ID))),
            new Route("POST", "runs/update", List.of(f("run_id", Type.RUN_ID), f("run_uuid", Type.RUN_ID),
                    f("status", Type.RUN_STATUS), f("end_time", Type.INT64), f("run_name", Type.STRING))),
            new Route("POST", "runs/delete", List.of(f("run_id", Type.RUN_ID))),
            new Route("POST", "runs/restore", List.of(f("run_id", Type.RUN_ID))),
            new Route("POST", "runs/log-metric", List.of(f("run_id", Type.RUN_ID), f("run_uuid", Type.RUN_ID),
                    f("key", Type.STRING), f("value", Type.DOUBLE), f("timestamp", Type.INT64),
                    f("step", Type.INT64))),
            new Route("POST", "runs/log-parameter", List.of(f("run_id", Type.RUN_ID), f("key", Type.STRING),
                    f("value", Type.STRING))),
            new Route("POST", "runs/set-tag", List.of(f("run_id", Type.RUN_ID), f("key", Type.STRING),
                    f("value", Type.STRING))),
            new Route("POST", "runs/delete-tag", List.of(f("run_id", Type.RUN_ID), f("key", Type.STRING))),
            new Route("POST", "runs/log-batch", List.of(f("run_id", Type.RUN_ID), f("metrics", Type.METRICS),
                    f("params", Type.PARAMS), f("tags", Type.TAGS))),
            new Route("POST", "runs/log-inputs", List.of(f("run_id", Type.RUN_ID), f("datasets", Type.DATASETS))),
            new Route("POST", "runs/search", List.of(f("experiment_ids", Type.STRINGS), f("filter", Type.STRING),
                    f("run_view_type", Type.VIEW_TYPE), f("max_results", Type.INT64), f("order_by", Type.STRINGS),
                    f("page_token", Type.STRING))),
            new Route("GET", "metrics/get-history", List.of(f("run_id", Type.RUN_ID), f("run_uuid", Type.RUN_ID),
                    f("metric_key", Type.STRING), f("page_token", Type.STRING), f("max_results", Type.INT64))),
            new Route("GET", "artifacts/list", List.of(f("run_id", Type.RUN_ID), f("run_uuid", Type.RUN_ID),
                    f("path", Type.STRING), f("page_token", Type.STRING))),
            new Route("POST", "registered-models/create", List.of(f("name", Type.STRING), f("tags", Type.TAGS),
                    f("description", Type.STRING))),
            new Route("POST", "registered-models/rename", List.of(f("name", Type.STRING),
                    f("new_name", Type.STRING))),
            new Route("PATCH", "registered-models/update", List.of(f("name", Type.MODEL_NAME),
                    f("description", Type.STRING))),
            new Route("DELETE", "registered-models/delete", List.of(f("name", Type.STRING))),
            new Route("GET", "registered-models/get", List.of(f("name", Type.MODEL_NAME))),
            new Route("GET", "registered-models/search", List.of(f("filter", Type.STRING),
                    f("max_results", Type.INT64), f("order_by", Type.STRINGS), f("page_token", Type.STRING))),
            new Route("POST", "registered-models/get-latest-versions", List.of(f("name", Type.MODEL_NAME),
                    f("stages", Type.STRINGS))),
            new Route("GET", "registered-models/get-latest-versions", List.of(f("name", Type.MODEL_NAME),
                    f("stages", Type.STRINGS))),
            new Route("POST", "registered-models/set-tag", List.of(f("name", Type.MODEL_NAME), f("key", Type.STRING),
                    f("value", Type.STRING))),
            new Route("DELETE", "registered-models/delete-tag", List.of(f("name", Type.MODEL_NAME),
                    f("key", Type.STRING))),
            new Route("POST", "registered-models/alias", List.of(f("name", Type.MODEL_NAME), f("alias", Type.STRING),
                    f("version", Type.MODEL_VERSION))),
            new Route("DELETE", "registered-models/alias", List.of(f("name", Type.MODEL_NAME),
                    f("alias", Type.STRING))),
            new Route("GET", "registered-models/alias", List.of(f("name", Type.MODEL_NAME), f("alias", Type.STRING))),
            new Route("POST", "model-versions/create", List.of(f("name", Type.MODEL_NAME),
                    f("source", Type.MODEL_SOURCE), f("run_id", Type.RUN_ID), f("tags", Type.TAGS),
                    f("run_link", Type.STRING), f("description", Type.STRING))),
            new Route("PATCH", "model-versions/update", List.of(f("name", Type.MODEL_NAME),
                    f("version", Type.MODEL_VERSION), f("description", Type.STRING))),
            new Route("POST", "model-versions/transition-stage", List.of(f("name", Type.MODEL_NAME),
                    f("version", Type.MODEL_VERSION), f("stage", Type.STRING),
                    f("archive_existing_versions", Type.BOOL))),
            new Route("DELETE", "model-versions/delete", List.of(f("name", Type.MODEL_NAME),
                    f("version", Type.STRING))),
            new Route("GET", "model-versions/get", List.of(f("name", Type.MODEL_NAME),
                    f("version", Type.MODEL_VERSION))),
            new Route("GET", "model-versions/search", List.of(f("filter", Type.STRING), f("max_results", Type.INT64),
                    f("order_by", Type.STRINGS), f("page_token", Type.STRING))),
            new Route("GET", "model-versions/get-download-uri", List.of(f("name", Type.MODEL_NAME),
                    f("version", Type.MODEL_VERSION))),
            new Route("POST", "model-versions/set-tag", List.of(f("name", Type.MODEL_NAME),
                    f("version", Type.MODEL_VERSION), f("key", Type.STRING), f("value", Type.STRING))),
            new Route("DELETE", "model-versions/delete-tag", List.of(f("name", Type.MODEL_NAME),
                    f("version", Type.MODEL_VERSION), f("key", Type.STRING))));

    static Route route(String path) {
        return ALL.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    /** The two prefixes every MLflow route is served under. */
    static final List<String> PREFIXES = List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/");
}
