package dev.sextant.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    private static Fields parse(String json) {
        return RequestBodies.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsProtoJsonLeniently() {
        Fields in = parse("{\"a\":\"x\",\"n\":\"42\",\"m\":7,\"d\":\"NaN\",\"e\":NaN,\"f\":-Infinity,\"g\":\"1.5\","
                + "\"s\":3,\"list\":[\"p\",\"q\"]}");

        assertThat(in.string("a")).isEqualTo("x");
        assertThat(in.string("absent")).isEmpty();
        assertThat(in.int64("n")).hasValue(42);
        assertThat(in.int64("m")).hasValue(7);
        assertThat(in.float64("d").getAsDouble()).isNaN();
        assertThat(in.float64("e").getAsDouble()).isNaN();
        assertThat(in.float64("f")).hasValue(Double.NEGATIVE_INFINITY);
        assertThat(in.float64("g")).hasValue(1.5);
        assertThat(in.enumText("s")).isEqualTo("3");
        assertThat(in.strings("list")).containsExactly("p", "q");
        assertThat(in.strings("absent")).isEmpty();
    }

    @Test
    void emptyAndDoubleEncodedBodies() {
        assertThat(RequestBodies.parse(new byte[0]).has("x")).isFalse();
        assertThat(parse("\"{\\\"name\\\":\\\"n\\\"}\"").string("name")).isEqualTo("n");
        assertThat(parse("null").has("x")).isFalse();
    }

    @Test
    void missingValuesUseMlflowWording() {
        assertThatThrownBy(() -> parse("{}").requiredString("run_id"))
                .hasMessage("Missing value for required parameter 'run_id'. "
                        + "See the API docs for more information about request parameters.");
        assertThatThrownBy(() -> parse("{\"metrics\":[{\"key\":\"k\"},{}]}").objects("metrics").get(1).requiredString("key"))
                .hasMessageContaining("'metrics[1].key'");
    }

    @Test
    void wrongTypesUseMlflowWording() {
        assertThatThrownBy(() -> parse("{\"name\":5}").string("name"))
                .hasMessage("Invalid value 5 for parameter 'name' supplied. Hint: Value was of type 'int'. "
                        + "See the API docs for more information about request parameters.");
        assertThatThrownBy(() -> parse("{\"max_results\":\"ten\"}").int64("max_results"))
                .hasMessageStartingWith("Invalid value \"ten\" for parameter 'max_results' supplied.");
        assertThatThrownBy(() -> parse("{\"value\":true}").float64("value"))
                .hasMessageContaining("type 'bool'");
        assertThatThrownBy(() -> parse("{\"tags\":{\"a\":1}}").objects("tags"))
                .hasMessageContaining("parameter 'tags'").hasMessageContaining("'dict'");
        assertThatThrownBy(() -> parse("{\"ids\":[1]}").strings("ids")).hasMessageContaining("'ids'");
        assertThatThrownBy(() -> parse("{\"step\":1.5}").int64("step")).hasMessageContaining("'step'");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"name\": }"))
                .hasMessageStartingWith("Malformed JSON in request body at line 1, column");
        assertThatThrownBy(() -> parse("[1,2]")).hasMessageContaining("must be a JSON object, not an array");
    }

    @Test
    void mapsForTheNativeApi() {
        Fields in = parse("{\"tags\":{\"a\":\"1\"},\"env\":{\"java\":\"21\",\"libs\":{\"x\":\"2\"},\"n\":3}}");

        assertThat(in.stringMap("tags")).isEqualTo(Map.of("a", "1"));
        assertThat(in.flatMap("env")).containsExactly(Map.entry("java", "21"), Map.entry("libs.x", "2"),
                Map.entry("n", "3"));
        assertThatThrownBy(() -> parse("{\"tags\":{\"a\":1}}").stringMap("tags")).hasMessageContaining("'tags.a'");
        assertThat(in.objects("missing")).isEqualTo(List.of());
    }
}
