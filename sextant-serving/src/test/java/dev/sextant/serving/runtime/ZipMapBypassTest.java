package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.registry.packaging.Signature;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Models whose ZipMap is bypassed answer exactly what ONNX Runtime's own ZipMap answers on the
 * unedited model: same labels, same order, same probabilities, same metadata.
 */
class ZipMapBypassTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "logreg_iris.onnx, X, 2",
            "rf_iris.onnx, float_input, 4",
            "pipeline_xgboost.onnx, input, 2",
            "pipeline_lightgbm.onnx, input, 2"})
    void sklearnClassifiersAnswerAsTheirZipMapWould(String file, String input, int features) throws Exception {
        byte[] onnx = Packages.bytes(file);
        ZipMapBypass.Result bypass = ZipMapBypass.apply(onnx);
        assertThat(bypass.outputs()).containsOnlyKeys("output_probability");
        assertThat(bypass.onnx()).isNotEqualTo(onnx);

        float[] rows = new float[5 * features];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 0.5f + (i * 37 % 23) / 4f;
        }
        Tensor batch = Tensor.floats(input, new long[] {5, features}, rows);
        List<Map<String, Float>> expected = zipMapRows(onnx, input, batch);
        ModelPackage pkg = Packages.write(dir, file);
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            ProbabilityMaps maps = model.predict(InferenceInputs.of(batch)).probabilities("output_probability");

            assertThat(maps.labelType()).isEqualTo(Datatype.INT64);
            assertThat(maps.rows()).isEqualTo(expected);
            assertThat(model.outputs()).contains(new TensorMetadata("output_probability", Datatype.FP32,
                    List.of(-1L, -1L), TensorMetadata.Kind.PROBABILITY_MAPS));
        }
    }

    @Test
    void stringLabelsComeInLabelOrderWhateverOrderTheZipMapDeclares() throws Exception {
        byte[] onnx = zipMapModel(List.of("versicolor", "setosa", "virginica"));
        Tensor probabilities = Tensor.floats("scores", new long[] {2, 3}, 0.2f, 0.7f, 0.1f, 0.5f, 0.25f, 0.25f);
        List<Map<String, Float>> expected = zipMapRows(onnx, "scores", probabilities);

        ModelPackage pkg = Packages.write(dir, onnx, Signature.NONE);
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            ProbabilityMaps maps = model.predict(InferenceInputs.of(probabilities)).probabilities("probability");

            assertThat(maps.labelType()).isEqualTo(Datatype.BYTES);
            assertThat(maps.labels()).containsExactly("setosa", "versicolor", "virginica");
            assertThat(maps.rows()).isEqualTo(expected);
            assertThat(maps.probability(0, "setosa")).isEqualTo(0.7f);
            assertThat(maps.probability(1, "versicolor")).isEqualTo(0.5f);
        }
    }

    @Test
    void aProbabilityTensorOfTheWrongWidthFailsAsTheZipMapWould() {
        byte[] onnx = zipMapModel(List.of("a", "b", "c"));
        ModelPackage pkg = Packages.write(dir, onnx, Signature.NONE);
        try (ModelRuntime runtime = ModelRuntime.create(RuntimeOptions.defaults());
             LoadedModel model = runtime.load(pkg, pkg.manifest())) {
            assertThatThrownBy(() -> model.predict(InferenceInputs.of(Tensor.floats("scores", new long[] {1, 2}, 0.5f, 0.5f))))
                    .isInstanceOfSatisfying(SextantException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR))
                    .hasMessageContaining("'probability'").hasMessageContaining("3 labels");
        }
    }

    @Test
    void aZipMapThatFeedsAnotherNodeOrNoOutputIsLeftAlone() {
        byte[] consumed = zipMapModel(List.of("a", "b"), graph -> graph.addNode(NodeProto.newBuilder()
                .setOpType("Identity").addInput("probability").addOutput("copy")));
        assertThat(ZipMapBypass.apply(consumed).outputs()).isEmpty();
        assertThat(ZipMapBypass.apply(consumed).onnx()).isEqualTo(consumed);
    }

    @Test
    void modelsWithoutZipMapOrThatAreNotOnnxAreLoadedAsTheyAre() {
        byte[] plain = Packages.bytes("pipeline_titanic_nozipmap.onnx");
        assertThat(ZipMapBypass.apply(plain).onnx()).isSameAs(plain);
        byte[] garbage = "not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ZipMapBypass.apply(garbage).onnx()).isSameAs(garbage);
        assertThat(ZipMapBypass.apply(garbage).outputs()).isEmpty();
    }

    /** What ONNX Runtime's own ZipMap returns for {@code input} on the unedited model. */
    private static List<Map<String, Float>> zipMapRows(byte[] onnx, String input, Tensor tensor) throws Exception {
        try (OrtSession session = Sessions.open(onnx, RuntimeOptions.defaults(), "test model", ErrorCode.INVALID_STATE);
             OnnxTensor value = OnnxTensor.createTensor(Sessions.ENV, FloatBuffer.wrap(tensor.floats()), tensor.shape());
             OrtSession.Result result = session.run(Map.of(input, value))) {
            OnnxValue maps = result.get(result.size() - 1);
            List<Map<String, Float>> rows = new ArrayList<>();
            for (Object row : ((OnnxSequence) maps).getValue()) {
                Map<String, Float> sorted = new TreeMap<>();
                ((OnnxMap) row).getValue().forEach((k, v) -> sorted.put(String.valueOf(k), ((Number) v).floatValue()));
                rows.add(sorted);
            }
            assertThat(rows).isNotEmpty();
            return rows;
        }
    }

    private static byte[] zipMapModel(List<String> labels) {
        return zipMapModel(labels, graph -> {
        });
    }

    /** {@code scores} FP32 [-1, -1] → ZipMap with string labels → {@code probability}. */
    private static byte[] zipMapModel(List<String> labels, java.util.function.Consumer<GraphProto.Builder> extra) {
        AttributeProto.Builder classLabels = AttributeProto.newBuilder().setName("classlabels_strings")
                .setType(AttributeProto.AttributeType.STRINGS);
        labels.forEach(label -> classLabels.addStrings(ByteString.copyFromUtf8(label)));
        TypeProto mapType = TypeProto.newBuilder().setMapType(TypeProto.Map.newBuilder()
                .setKeyType(TensorProto.DataType.STRING_VALUE)
                .setValueType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)))).build();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("zipmap")
                .addInput(ValueInfoProto.newBuilder().setName("scores").setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(TensorShapeProto.newBuilder()
                                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("C"))))))
                .addNode(NodeProto.newBuilder().setOpType("ZipMap").setDomain("ai.onnx.ml").addInput("scores")
                        .addOutput("probability").addAttribute(classLabels))
                .addOutput(ValueInfoProto.newBuilder().setName("probability").setType(TypeProto.newBuilder()
                        .setSequenceType(TypeProto.Sequence.newBuilder().setElemType(mapType))));
        extra.accept(graph);
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(1))
                .setGraph(graph).build().toByteArray();
    }
}
