package dev.sextant.serving.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OipWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void streamsExactlyWhatTheTreeEncoderBuilds() throws Exception {
        InferenceOutputs outputs = new InferenceOutputs(List.of(
                Tensor.longs("label", new long[] {2}, 3, -1),
                Tensor.floats("score", new long[] {2, 2}, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, -0.5f),
                Tensor.doubles("d", new long[] {1}, Double.NEGATIVE_INFINITY),
                Tensor.ints("i", new long[] {1}, 7),
                Tensor.bools("b", new long[] {2}, true, false),
                Tensor.strings("s", new long[] {1}, "x,y"),
                new ProbabilityMaps("p", Datatype.BYTES, List.of("a\"b", "c"), new float[] {0.25f, 0.75f, 0.25f, 0.75f})));
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
            OipWriter.writeOutputs(json, outputs);
        }
        assertThat(JSON.readTree(text.toString())).isEqualTo(JSON.readTree(OipTensors.encodeOutputs(outputs).toString()));
        assertThat(JSON.readTree(JSON.readTree(text.toString()).get(6).path("parameters").path("labels").asText()))
                .isEqualTo(JSON.readTree("[\"a\\\"b\", \"c\"]"));
    }

    @Test
    void responseBytesAreTheDocumentTheGeneratorWrites() throws Exception {
        InferenceOutputs outputs = new InferenceOutputs(List.of(
                Tensor.longs("label", new long[] {2}, 3, Long.MIN_VALUE),
                Tensor.floats("score", new long[] {2, 3}, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, -0.5f, 1.0E-7f,
                        Float.MAX_VALUE),
                Tensor.doubles("d", new long[] {3}, Double.NEGATIVE_INFINITY, 0.1, 123456789.125),
                Tensor.ints("i", new long[] {1}, 7),
                Tensor.bools("b", new long[] {2}, true, false),
                Tensor.strings("s", new long[] {2}, "x,y", "é\"\n\u0001"),
                new ProbabilityMaps("p", Datatype.BYTES, List.of("a\"b", "c"), new float[] {0.25f, 0.75f, 0.25f, 0.75f})));
        byte[] bytes = OipResponseBytes.inferResponse("iris \"ü\"", 3, "id-1", "models:/iris/3", "stable", "r1", outputs);
        JsonNode document = JSON.readTree(bytes);
        assertThat(document.path("model_name").asText()).isEqualTo("iris \"ü\"");
        assertThat(document.path("model_version").asText()).isEqualTo("3");
        assertThat(document.path("id").asText()).isEqualTo("id-1");
        assertThat(document.path("parameters")).isEqualTo(JSON.readTree(
                "{\"model_uri\":\"models:/iris/3\",\"slot\":\"stable\",\"request_id\":\"r1\"}"));
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
            OipWriter.writeOutputs(json, outputs);
        }
        assertThat(document.path("outputs")).isEqualTo(JSON.readTree(text.toString()));
        // Numbers are written as the generator writes them, not merely equal in value.
        String written = new String(bytes, StandardCharsets.UTF_8);
        assertThat(written).contains(text.toString().substring(1, text.toString().length() - 1));
    }
}
