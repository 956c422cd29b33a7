package dev.sextant.serving.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.serving.runtime.Datatype;
import dev.sextant.serving.runtime.InferenceInputs;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import dev.sextant.serving.runtime.TensorMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlflowScoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TensorMetadata> MATRIX = List.of(
            new TensorMetadata("X", Datatype.FP32, List.of(-1L, 2L), TensorMetadata.Kind.TENSOR));
    private static final List<TensorMetadata> COLUMNS = List.of(
            new TensorMetadata("sex", Datatype.BYTES, List.of(-1L, 1L), TensorMetadata.Kind.TENSOR),
            new TensorMetadata("age", Datatype.FP32, List.of(-1L, 1L), TensorMetadata.Kind.TENSOR));

    @Test
    void everyFormatOfTheSameRowsGivesTheSameMatrix() throws Exception {
        Tensor expected = Tensor.floats("X", new long[] {2, 2}, 1f, 2f, 3f, 4f);
        for (String body : List.of(
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1, 2], [3, 4]]}}",
                "{\"dataframe_records\": [{\"a\": 1, \"b\": 2}, {\"a\": 3, \"b\": 4}]}",
                "{\"instances\": [[1, 2], [3, 4]]}",
                "{\"inputs\": [[1, 2], [3, 4]]}",
                "{\"inputs\": {\"X\": [[1, 2], [3, 4]]}}")) {
            InferenceInputs inputs = MlflowScoring.decode(JSON.readTree(body), MATRIX);
            assertThat(inputs.tensors().get("X")).as(body).isEqualTo(expected);
        }
    }

    @Test
    void columnsNamedLikeInputsFeedThoseInputsAndMissingNumbersAreNaN() throws Exception {
        InferenceInputs inputs = MlflowScoring.decode(JSON.readTree(
                "{\"dataframe_records\": [{\"age\": 22, \"sex\": \"male\"}, {\"sex\": \"female\"}]}"), COLUMNS);
        assertThat(inputs.tensors().get("sex")).isEqualTo(Tensor.strings("sex", new long[] {2, 1}, "male", "female"));
        float[] ages = inputs.tensors().get("age").floats();
        assertThat(ages[0]).isEqualTo(22f);
        assertThat(ages[1]).isNaN();
    }

    @Test
    void refusalsNameTheFormatsAndTheModelsInputs() {
        assertThatThrownBy(() -> MlflowScoring.decode(JSON.readTree("{\"data\": []}"), MATRIX))
                .hasMessageContaining("dataframe_split").hasMessageContaining("X FP32 [-1, 2]");
        assertThatThrownBy(() -> MlflowScoring.decode(JSON.readTree("{\"instances\": [[1, 2]], \"inputs\": [[1, 2]]}"), MATRIX))
                .hasMessageContaining("several");
        assertThatThrownBy(() -> MlflowScoring.decode(JSON.readTree(
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\", \"c\"], \"data\": [[1, 2, 3]]}}"), MATRIX))
                .hasMessageContaining("takes 2 columns");
        assertThatThrownBy(() -> MlflowScoring.decode(JSON.readTree("{\"dataframe_records\": [{\"x\": 1}]}"), COLUMNS))
                .hasMessageContaining("sex BYTES [-1, 1]");
    }

    @Test
    void predictionsAreOneListForOneOutputAndRecordsForSeveral() {
        InferenceOutputs one = new InferenceOutputs(List.of(Tensor.longs("label", new long[] {2}, 1, 0)));
        assertThat(predictions(one)).isEqualTo("[1,0]");
        InferenceOutputs two = new InferenceOutputs(List.of(Tensor.longs("label", new long[] {2}, 1, 0),
                new ProbabilityMaps("p", Datatype.INT64, List.of("0"), new float[] {0.25f, 0.75f})));
        assertThat(predictions(two)).isEqualTo("[{\"label\":1,\"p\":{\"0\":0.25}},{\"label\":0,\"p\":{\"0\":0.75}}]");
    }

    @Test
    void matricesGoRowByRowAndNonFiniteNumbersAsTheStringsRequestsUse() {
        InferenceOutputs outputs = new InferenceOutputs(List.of(
                Tensor.floats("scores", new long[] {2, 2}, 0.5f, Float.NaN, Float.NEGATIVE_INFINITY, 2f),
                Tensor.strings("name", new long[] {2, 1}, "a", "b"),
                Tensor.bools("ok", new long[] {3}, true, false, true)));
        assertThat(predictions(outputs)).isEqualTo("[{\"scores\":[0.5,\"NaN\"],\"name\":[\"a\"],\"ok\":true},"
                + "{\"scores\":[\"-Infinity\",2.0],\"name\":[\"b\"],\"ok\":false},{\"ok\":true}]");
        assertThat(predictions(new InferenceOutputs(List.of(Tensor.doubles("y", new long[] {0, 3})))))
                .isEqualTo("[]");
    }

    private static String predictions(InferenceOutputs outputs) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator json = JSON.getFactory().createGenerator(text)) {
            MlflowScoring.writePredictions(json, outputs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }
}
