package dev.sextant.tracking;

import dev.sextant.api.SextantException;
import java.util.regex.Pattern;

/**
 * MLflow's validation rules and limits ({@code mlflow/utils/validation.py}), so that what one
 * MLflow server accepts, Sextant accepts, and what it refuses, Sextant refuses with the same code.
 * Over-long param and run-tag values are truncated, as MLflow does by default.
 */
final class TrackingLimits {
    static final int MAX_ENTITY_KEY_LENGTH = 250;
    static final int MAX_PARAM_VALUE_LENGTH = 6000;
    static final int MAX_RUN_TAG_VALUE_LENGTH = 8000;
    static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
    static final int MAX_EXPERIMENT_TAG_VALUE_LENGTH = 5000;
    static final int MAX_METRICS_PER_BATCH = 1000;
    static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    static final int MAX_ENTITIES_PER_BATCH = 1000;
    static final int MAX_DATASETS_PER_BATCH = 1000;
    static final int MAX_SEARCH_RESULTS = 50_000;
    static final int MAX_DATASET_NAME_LENGTH = 500;
    static final int MAX_DATASET_DIGEST_LENGTH = 36;
    static final int MAX_DATASET_SOURCE_LENGTH = 65_535;
    static final int MAX_DATASET_SCHEMA_LENGTH = 1_048_575;
    static final int MAX_DATASET_PROFILE_LENGTH = 16_777_215;
    static final int MAX_INPUT_TAG_KEY_LENGTH = 255;
    static final int MAX_INPUT_TAG_VALUE_LENGTH = 500;

    private static final Pattern RUN_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$");
    private static final Pattern EXPERIMENT_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,63}$");

    private TrackingLimits() {
    }

    /** Metric, param and tag names: MLflow's character set, and no path tricks. */
    static void entityName(String kind, String name) {
        if (name.isEmpty()) {
            throw SextantException.missingParameter("key");
        }
        if (!hasEntityNameCharacters(name)) {
            throw SextantException.invalid("Invalid " + kind + " name: '" + name + "'. Names may only contain "
                    + "alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).");
        }
        if (name.startsWith("/") || name.equals(".") || name.equals("..") || name.startsWith("../")
                || name.endsWith("/..") || name.contains("/../") || name.contains("//")
                || name.endsWith("/") || name.contains("/./") || name.startsWith("./")) {
            throw SextantException.invalid("Invalid " + kind + " name: '" + name
                    + "'. Names may be treated as files in certain cases, and must not resolve to other names "
                    + "when treated as such. This name would resolve to another path.");
        }
        length(kind + " key", name, MAX_ENTITY_KEY_LENGTH);
    }

    /**
     * MLflow's {@code ^[/\w.\- ]*$} written as a loop: it runs for every point of every batch,
     * where a regex match costs a tenth of the request.
     */
    private static boolean hasEntityNameCharacters(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '/' || c == '.' || c == '-' || c == ' '
                    || (c > 127 && Character.isLetterOrDigit(c));
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static void runId(String runId) {
        if (runId.isEmpty()) {
            throw SextantException.missingParameter("run_id");
        }
        if (!RUN_ID.matcher(runId).matches()) {
            throw SextantException.invalid("Invalid run ID: '" + runId + "'");
        }
    }

    static void experimentId(String experimentId) {
        if (!EXPERIMENT_ID.matcher(experimentId).matches()) {
            throw SextantException.invalid("Invalid experiment ID: '" + experimentId + "'");
        }
    }

    static void length(String what, String value, int limit) {
        if (value.length() > limit) {
            throw SextantException.invalid(what + " '" + value.substring(0, Math.min(value.length(), 250))
                    + "' had length " + value.length() + ", which exceeded length limit of " + limit);
        }
    }

    static String truncate(String value, int limit) {
        return value.length() > limit ? value.substring(0, limit) : value;
    }

    static void timestamp(long timestamp) {
        if (timestamp < 0) {
            throw SextantException.invalid("Invalid value " + timestamp
                    + " for parameter 'timestamp' supplied. It must be a non-negative number of milliseconds.");
        }
    }

    static int maxResults(long requested) {
        if (requested <= 0 || requested > MAX_SEARCH_RESULTS) {
            throw SextantException.invalid("Invalid value " + requested + " for parameter 'max_results' supplied. "
                    + "It must be at least 1 and at most " + MAX_SEARCH_RESULTS + ".");
        }
        return (int) requested;
    }
}
