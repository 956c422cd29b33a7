package dev.sextant.serving.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OipTensorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void decodesNestedAndFlatDataOfEverySupportedDatatype() {
        InferenceInputs inputs = OipTensors.decodeRequest(json("""
                {"id": "42", "inputs": [
                  {"name": "a", "shape": [2, 2], "datatype": "FP32", "data": [[1, 2.5], [3, 4]]},
                  {"name": "b", "shape": [3], "datatype": "FP64", "data": [0.1, "NaN", "-Infinity"]},
                  {"name": "c", "shape": [2], "datatype": "INT32", "data": [-2147483648, 7]},
                  {"name": "d", "shape": [1, 2], "datatype": "INT64", "data": [9007199254740993, -1]},
                  {"name": "e", "shape": [2], "datatype": "BOOL", "data": [true, false]},
                  {"name": "f", "shape": [2, 1], "datatype": "BYTES", "data": [["male"], ["fémale"]]}],
                 "outputs": [{"name": "output_label"}]}"""));

        assertThat(inputs.tensors().get("a")).isEqualTo(Tensor.floats("a", new long[] {2, 2}, 1f, 2.5f, 3f, 4f));
        double[] b = inputs.tensors().get("b").doubles();
        assertThat(b[0]).isEqualTo(0.1);
        assertThat(b[1]).isNaN();
        assertThat(b[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(inputs.tensors().get("c").ints()).containsExactly(Integer.MIN_VALUE, 7);
        assertThat(inputs.tensors().get("d").longs()).containsExactly(9007199254740993L, -1L);
        assertThat(inputs.tensors().get("e").bools()).containsExactly(true, false);
        assertThat(inputs.tensors().get("f").strings()).containsExactly("male", "fémale");
        assertThat(inputs.requestedOutputs()).containsExactly("output_label");
    }

    @Test
    void refusesMalformedInputsNamingThem() {
        assertRefused("{}", "needs a non-empty 'inputs' list");
        assertRefused("{\"inputs\": []}", "needs a non-empty 'inputs' list");
        assertRefused("{\"inputs\": [{\"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}", "has no 'name'");
        assertRefused(input("[1]", "\"FP32\"", "[1, 2]"), "Input 'X' has 2 data elements, but its shape [1] holds 1.");
        assertRefused(input("[2, 2]", "\"FP32\"", "[[1, 2], [3]]"), "has 3 data elements, but its shape [2, 2] holds 4");
        assertRefused(input("[1, -2]", "\"FP32\"", "[1]"), "dimensions must be whole numbers of zero or more");
        assertRefused(input("[1.5]", "\"FP32\"", "[1]"), "dimensions must be whole numbers");
        assertRefused(input("[1]", "\"fp32\"", "[1]"), "datatype 'fp32', which is not an Open Inference Protocol datatype");
        assertRefused(input("[1]", "\"UINT8\"", "[1]"), "datatype UINT8, which the runtime does not take");
        assertRefused(input("[1]", "\"FP32\"", "[\"1.0\"]"), "element 0 of 'data' is \"1.0\", but datatype FP32 takes numbers");
        assertRefused(input("[2]", "\"INT64\"", "[1, 2.5]"), "element 1 of 'data' is 2.5, but datatype INT64 takes whole numbers");
        assertRefused(input("[1]", "\"INT32\"", "[3000000000]"), "datatype INT32 takes whole numbers from -2147483648");
        assertRefused(input("[1]", "\"BOOL\"", "[1]"), "datatype BOOL takes true or false");
        assertRefused(input("[1]", "\"BYTES\"", "[1]"), "datatype BYTES takes strings");
        assertRefused(input("[1]", "\"FP32\"", "null"), "Input 'X' has no 'data'");
        assertRefused(input("[100000, 100000, 100000]", "\"FP32\"", "[1]"), "send smaller batches");
        assertRefused("{\"inputs\": [" + tensor("X") + ", " + tensor("X") + "]}", "Input 'X' is given twice");
        assertRefused("{\"inputs\": [" + tensor("X") + "], \"outputs\": [{}]}", "Each requested output needs a 'name'");
    }

    @Test
    void encodesTensorsAndProbabilityMaps() {
        Map<String, Float> row = new LinkedHashMap<>();
        row.put("0", 0.25f);
        row.put("1", 0.75f);
        JsonNode encoded = OipTensors.encodeOutputs(new InferenceOutputs(List.of(
                Tensor.longs("output_label", new long[] {1}, 1),
                new ProbabilityMaps("output_probability", Datatype.INT64, List.of(row)),
                Tensor.floats("scores", new long[] {2}, 0.5f, Float.NaN))));

        assertThat(encoded.toString()).isEqualTo("[{\"name\":\"output_label\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1]},"
                + "{\"name\":\"output_probability\",\"datatype\":\"FP32\",\"shape\":[1,2],\"data\":[0.25,0.75],"
                + "\"parameters\":{\"labels\":\"[\\\"0\\\",\\\"1\\\"]\"}},"
                + "{\"name\":\"scores\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[0.5,\"NaN\"]}]");
        Tensor back = OipTensors.decodeInput(encoded.get(2));
        assertThat(back.floats()[1]).isNaN();
    }

    private static String tensor(String name) {
        return "{\"name\": \"" + name + "\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}";
    }

    private static String input(String shape, String datatype, String data) {
        return "{\"inputs\": [{\"name\": \"X\", \"shape\": " + shape + ", \"datatype\": " + datatype + ", \"data\": " + data + "}]}";
    }

    private static void assertRefused(String body, String message) {
        assertThatThrownBy(() -> OipTensors.decodeRequest(json(body)))
                .as(body)
                .isInstanceOf(SextantException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
