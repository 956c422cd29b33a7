package dev.sextant.serving.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.io.StringWriter;
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
}
