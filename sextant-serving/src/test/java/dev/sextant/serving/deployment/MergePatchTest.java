package dev.sextant.serving.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MergePatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mergesObjectsReplacesValuesAndRemovesNulls() throws Exception {
        ObjectNode target = (ObjectNode) JSON.readTree("{\"a\": {\"b\": 1, \"c\": 2}, \"d\": [1], \"e\": 5}");
        MergePatch.apply(target, JSON.readTree("{\"a\": {\"b\": 9, \"c\": null}, \"d\": [2, 3], \"f\": true}"));
        assertThat(target).isEqualTo(JSON.readTree("{\"a\": {\"b\": 9}, \"d\": [2, 3], \"e\": 5, \"f\": true}"));
    }
}
