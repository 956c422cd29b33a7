package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.tracking.Metric;
import dev.sextant.tracking.Param;
import dev.sextant.tracking.Tag;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchParserTest {

    private static BatchParser.Batch parse(String json) {
        return BatchParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryPartOfABatch() {
        BatchParser.Batch batch = parse("{\"run_id\":\"r1\",\"extra\":{\"nested\":[1,2]},\"metrics\":["
                + "{\"key\":\"a\",\"value\":1.5,\"timestamp\":10,\"step\":2,\"model_id\":\"m\"},"
                + "{\"key\":\"b\",\"value\":\"NaN\",\"timestamp\":\"11\"},"
                + "{\"key\":\"c\",\"value\":-Infinity,\"timestamp\":12.0,\"step\":null}],"
                + "\"params\":[{\"key\":\"p\",\"value\":\"1\"},{\"key\":\"q\"}],\"tags\":[{\"key\":\"t\",\"value\":\"v\"}]}");

        assertThat(batch.runId()).isEqualTo("r1");
        assertThat(batch.metrics().toList()).containsExactly(new Metric("a", 1.5, 10, 2), new Metric("b", Double.NaN, 11, 0),
                new Metric("c", Double.NEGATIVE_INFINITY, 12, 0));
        assertThat(batch.params()).containsExactly(new Param("p", "1"), new Param("q", ""));
        assertThat(batch.tags()).containsExactly(new Tag("t", "v"));
    }

    @Test
    void acceptsRunUuidAndOddBodies() {
        assertThat(parse("{\"run_uuid\":\"r2\"}").runId()).isEqualTo("r2");
        assertThat(parse("{\"run_id\":\"r3\",\"metrics\":null}").metrics().isEmpty()).isTrue();
        assertThat(BatchParser.parse(new byte[0]).runId()).isEmpty();
        assertThat(parse("\"{\\\"run_id\\\":\\\"r4\\\",\\\"metrics\\\":[]}\"").runId()).isEqualTo("r4");
    }

    @Test
    void reportsMistakesLikeTheTreeReader() {
        assertThatThrownBy(() -> parse("{\"metrics\":[{\"key\":\"a\",\"timestamp\":1}]}"))
                .hasMessageStartingWith("Missing value for required parameter 'metrics[0].value'.");
        assertThatThrownBy(() -> parse("{\"metrics\":[{\"value\":1,\"timestamp\":1}]}"))
                .hasMessageContaining("'metrics[0].key'");
        assertThatThrownBy(() -> parse("{\"metrics\":[{\"key\":\"a\",\"value\":true,\"timestamp\":1}]}"))
                .hasMessageStartingWith("Invalid value true for parameter 'metrics[0].value' supplied. "
                        + "Hint: Value was of type 'bool'.");
        assertThatThrownBy(() -> parse("{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1.5}]}"))
                .hasMessageContaining("'metrics[0].timestamp'");
        assertThatThrownBy(() -> parse("{\"metrics\":{\"key\":\"a\"}}"))
                .hasMessageStartingWith("Invalid value {\"key\":\"a\"} for parameter 'metrics' supplied.");
        assertThatThrownBy(() -> parse("{\"metrics\":[1]}")).hasMessageContaining("'metrics[0]'");
        assertThatThrownBy(() -> parse("{\"tags\":[{\"key\":5}]}")).hasMessageContaining("'tags[0].key'");
        assertThatThrownBy(() -> parse("{\"run_id\":[]}")).hasMessageContaining("'run_id'");
        assertThatThrownBy(() -> parse("{\"metrics\":[{\"key\":\"a\",\"value\":1,\"timestamp\":1}")).hasMessageStartingWith(
                "Malformed JSON in request body");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("must be a JSON object");
    }
}
