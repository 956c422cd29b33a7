package dev.sextant.serving.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sextant.serving.runtime.InferenceInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming reader answers exactly what the tree decoder answers for every request it reads,
 * and reads nothing it is not sure of: those requests go to the tree decoder, which explains them.
 */
class OipRequestReaderTest {
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()).build();
    private static final long MAX_ROWS = 100;

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[5.1,3.5]}]}",
            "{\"id\":\"42\",\"inputs\":[{\"name\":\"X\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[[1,2.5],[3,4]]}]}",
            "{\"id\":7,\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1e-3,-2]}],\"parameters\":{\"a\":[1]}}",
            "{\"inputs\":[{\"name\":\"b\",\"shape\":[3],\"datatype\":\"FP64\",\"data\":[0.1,\"NaN\",\"-Infinity\"]}]}",
            "{\"inputs\":[{\"name\":\"b\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[NaN,0.30000000000000004]}]}",
            "{\"inputs\":[{\"name\":\"c\",\"shape\":[2],\"datatype\":\"INT32\",\"data\":[-2147483648,7]}]}",
            "{\"inputs\":[{\"name\":\"d\",\"shape\":[1,2],\"datatype\":\"INT64\",\"data\":[9007199254740993,-1]}]}",
            "{\"inputs\":[{\"name\":\"e\",\"shape\":[2],\"datatype\":\"BOOL\",\"data\":[true,false]}]}",
            "{\"inputs\":[{\"name\":\"f\",\"shape\":[2,1],\"datatype\":\"BYTES\",\"data\":[[\"male\"],[\"fémale\"]]}]}",
            "{\"inputs\":[{\"name\":\"a\",\"shape\":[1,1],\"datatype\":\"FP32\",\"data\":[1]},"
                    + "{\"name\":\"s\",\"shape\":[1,1],\"datatype\":\"BYTES\",\"data\":[\"x\"],\"parameters\":{}}],"
                    + "\"outputs\":[{\"name\":\"output_label\",\"parameters\":{\"binary_data\":false}},{\"name\":\"p\"}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[0,2],\"datatype\":\"FP32\",\"data\":[]}],\"outputs\":null}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[],\"datatype\":\"FP32\",\"data\":[1]}]}"})
    void readsWhatTheTreeDecoderReadsTheSameWay(String body) {
        Optional<OipRequestReader.Request> read = read(body);

        assertThat(read).isPresent();
        JsonNode tree = json(body);
        InferenceInputs expected = OipTensors.decodeRequest(tree);
        assertThat(read.get().inputs()).isEqualTo(expected);
        assertThat(read.get().inputs().requestedOutputs()).containsExactlyElementsOf(expected.requestedOutputs());
        JsonNode id = tree.get("id");
        assertThat(read.get().id()).isEqualTo(id != null && id.isTextual() ? Optional.of(id.textValue()) : Optional.empty());
        long rows = 0;
        for (JsonNode input : tree.path("inputs")) {
            rows = Math.max(rows, input.path("shape").path(0).asLong(0));
        }
        assertThat(read.get().rows()).isEqualTo(rows);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{",
            "[]",
            "{}",
            "{\"inputs\":[]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[5.1,3.5]}]} trailing",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[5.1,3.5]}],\"inputs\":[]}",
            "{\"inputs\":[{\"data\":[5.1,3.5],\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\"}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[5.1]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[5.1,\"3.5\"]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"fp32\",\"data\":[5.1,3.5]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,2],\"datatype\":\"UINT8\",\"data\":[5,3]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,-2],\"datatype\":\"FP32\",\"data\":[5.1,3.5]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1.5],\"datatype\":\"FP32\",\"data\":[5.1]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":5.1}]}",
            "{\"inputs\":[{\"name\":\"\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[5.1]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"name\":\"Y\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[5.1]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]},"
                    + "{\"name\":\"X\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[2]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[1,2.5]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"INT32\",\"data\":[3000000000]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[99999999999999999999]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"BOOL\",\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[1]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[101,1],\"datatype\":\"FP32\",\"data\":[]}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}],\"outputs\":[{\"name\":\"\"}]}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}],\"outputs\":{\"name\":\"a\"}}",
            "{\"inputs\":[{\"name\":\"X\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}],\"outputs\":[\"a\"]}"})
    void leavesAnythingUnusualToTheTreeDecoder(String body) {
        assertThat(read(body)).isEmpty();
    }

    private static Optional<OipRequestReader.Request> read(String body) {
        try (JsonParser parser = JSON.createParser(body.getBytes(StandardCharsets.UTF_8))) {
            return OipRequestReader.read(parser, MAX_ROWS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
