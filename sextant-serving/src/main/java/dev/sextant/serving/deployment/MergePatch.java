package dev.sextant.serving.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON merge patch (RFC 7396): objects merge, null removes, anything else replaces. */
final class MergePatch {
    private MergePatch() {
    }

    static void apply(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && target.get(key) instanceof ObjectNode existing) {
                apply(existing, value);
            } else {
                target.set(key, value.deepCopy());
            }
        });
    }
}
