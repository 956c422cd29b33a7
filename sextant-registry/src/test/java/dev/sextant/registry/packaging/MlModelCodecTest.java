package dev.sextant.registry.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlModelCodecTest {

    @Test
    void readsAnOnnxModelLoggedByMlflow2() {
        MlModel model = MlModelCodec.read(resource("v2-onnx/MLmodel"));

        assertThat(model.artifactPath()).isEqualTo("model");
        assertThat(model.mlflowVersion()).isEqualTo("2.17.2");
        assertThat(model.runId()).isEqualTo("0b6f2ad5e3c94c0f8a7e1d2c3b4a5968");
        assertThat(model.modelUuid()).isEqualTo("5f2c7e0d9a8b4c1e8f3a6d2b7c9e0f14");
        assertThat(model.createdAt()).contains(Instant.parse("2024-10-21T09:14:03.512345Z"));
        OnnxFlavor onnx = model.onnxFlavor().orElseThrow();
        assertThat(onnx.data()).isEqualTo("model.onnx");
        assertThat(onnx.onnxVersion()).isEqualTo("1.16.2");
        assertThat(onnx.providers()).containsExactly("CUDAExecutionProvider", "CPUExecutionProvider");
        assertThat(onnx.otherFields()).containsEntry("code", "null");
        PythonFunctionFlavor pyfunc = model.pythonFunction().orElseThrow();
        assertThat(pyfunc.loaderModule()).isEqualTo("mlflow.onnx");
        assertThat(pyfunc.env()).containsEntry("conda", "conda.yaml").containsEntry("virtualenv", "python_env.yaml");
        assertThat(pyfunc.pythonVersion()).isEqualTo("3.11.9");
        assertThat(model.onnxModelPath()).contains("model.onnx");
        // PyYAML folds long single-quoted strings over two lines; the JSON must survive that.
        assertThat(model.signature().inputs()).containsExactly(TensorSpec.of("X", "float32", -1, 2));
        assertThat(model.signature().outputs()).containsExactly(TensorSpec.of("output_label", "int64", -1));
        assertThat(model.signature().params()).isEmpty();
        assertThat(model.inputExample()).isEqualTo(new InputExampleInfo("input_example.json", "ndarray",
                "tf-serving", "", "serving_input_example.json", Map.of()));
        assertThat(model.otherFields()).containsEntry("model_size_bytes", "1283");
    }

    @Test
    void readsMlflow3KeysAndColumnSignatures() {
        MlModel model = MlModelCodec.read(resource("v3-onnx/MLmodel"));

        assertThat(model.artifactPath()).startsWith("file:///").endsWith("/artifacts");
        assertThat(model.otherFields()).containsEntry("model_id", "\"m-8e0c5a4b6f7d4d2c9b1a3e5f7d9c1b3a\"")
                .containsEntry("prompts", "null")
                .containsEntry("is_signature_from_type_hint", "false");
        assertThat(model.onnxFlavor().orElseThrow().otherFields()).containsKeys("code", "onnx_session_options");
        assertThat(model.signature().inputs()).containsExactly(
                new ColumnSpec("pclass", "string", true),
                new ColumnSpec("sex", "string", true),
                new ColumnSpec("age", "float", true),
                new ColumnSpec("fare", "float", true),
                new ColumnSpec("embarked", "string", false));
        assertThat(model.signature().tensorInputs()).isFalse();
        assertThat(model.signature().outputs()).containsExactly(TensorSpec.of("", "int64", -1));
        assertThat(model.signature().params()).contains("\"threshold\"");
        assertThat(model.inputExample().pandasOrient()).isEqualTo("split");
        assertThat(model.inputExample().type()).isEqualTo("dataframe");
    }

    @Test
    void keepsFlavorsAndComplexColumnTypesItDoesNotInterpret() {
        MlModel model = MlModelCodec.read(resource("v2-columns/MLmodel"));

        assertThat(model.onnxFlavor()).isEmpty();
        assertThat(model.onnxModelPath()).isEmpty();
        assertThat(model.flavors().get("sklearn")).isInstanceOf(OtherFlavor.class);
        assertThat(((OtherFlavor) model.flavors().get("sklearn")).json()).contains("\"pickled_model\":\"model.pkl\"");
        assertThat(model.pythonFunction().orElseThrow().otherFields()).containsEntry("model_path", "\"model.pkl\"");
        ColumnSpec tags = (ColumnSpec) model.signature().inputs().get(1);
        assertThat(tags.type()).isEqualTo("array");
        assertThat(tags.required()).isFalse();
        assertThat(tags.otherFields()).containsEntry("items", "{\"type\":\"string\"}");
        assertThat(model.signature().outputs()).containsExactly(new ColumnSpec("", "long", true));
        assertThat(model.inputExample().isPresent()).isFalse();
    }

    @Test
    void readsTheSingleEnvironmentFileOfOldMlflow() {
        MlModel model = MlModelCodec.read(resource("v1-onnx/MLmodel"));

        assertThat(model.pythonFunction().orElseThrow().env()).isEqualTo(Map.of("conda", "conda.yaml"));
        assertThat(model.signature()).isEqualTo(Signature.NONE);
        assertThat(model.mlflowVersion()).isEmpty();
        assertThat(model.onnxFlavor().orElseThrow().providers()).isEmpty();
    }

    @Test
    void roundTripsEverySampleWithoutLosingAKey() {
        for (String sample : List.of("v1-onnx", "v2-onnx", "v3-onnx", "v2-columns")) {
            MlModel read = MlModelCodec.read(resource(sample + "/MLmodel"));
            byte[] written = MlModelCodec.write(read);
            assertThat(MlModelCodec.read(written)).as(sample).isEqualTo(read);
            assertThat(MlModelCodec.write(MlModelCodec.read(written))).as(sample).isEqualTo(written);
        }
    }

    @Test
    void writesMlflowsLayoutByteForByte() {
        // The sample is laid out as PyYAML's safe_dump writes it for MLflow: sorted keys, block
        // lists, single-quoted signature JSON folded at 80 columns, quoted timestamp.
        byte[] sample = resource("v2-onnx/MLmodel");

        assertThat(new String(MlModelCodec.write(MlModelCodec.read(sample)), StandardCharsets.UTF_8))
                .isEqualTo(new String(sample, StandardCharsets.UTF_8));
    }

    @Test
    void quotesWhatPythonWouldReadAsAnotherType() {
        MlModel model = new MlModel("model", Map.of(PythonFunctionFlavor.NAME, new PythonFunctionFlavor(
                "mlflow.onnx", "model.onnx", Map.of(), "3.10", Map.of())), "2.17.2", "u", "r",
                MlModel.formatTime(Instant.parse("2025-01-02T03:04:05.000006Z")), Signature.NONE,
                InputExampleInfo.NONE, Map.of());
        String yaml = new String(MlModelCodec.write(model), StandardCharsets.UTF_8);

        assertThat(yaml).contains("    python_version: '3.10'\n")
                .contains("utc_time_created: '2025-01-02 03:04:05.000006'\n")
                .doesNotContain("signature");
        assertThat(MlModelCodec.read(yaml.getBytes(StandardCharsets.UTF_8))).isEqualTo(model);
    }

    @Test
    void columnSpecsAreWrittenInMlflowsKeyOrder() {
        String json = SignatureJson.write(List.of(new ColumnSpec("age", "double", true),
                new ColumnSpec("tags", "array", false, Map.of("items", "{\"type\":\"string\"}"))));

        assertThat(json).isEqualTo("[{\"type\": \"double\", \"name\": \"age\", \"required\": true}, "
                + "{\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"name\": \"tags\", \"required\": false}]");
        assertThat(SignatureJson.parse(json, "inputs")).hasSize(2);
    }

    @Test
    void refusesWhatIsNotAnMlmodelFile() {
        assertThatThrownBy(() -> MlModelCodec.read("flavors: [unclosed".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("not valid YAML")
                .extracting(e -> ((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> MlModelCodec.read("- a\n- b\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("YAML mapping");
        assertThatThrownBy(() -> MlModelCodec.read("flavors:\n  onnx: model.onnx\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("flavor 'onnx' must be a mapping");
        assertThatThrownBy(() -> MlModelCodec.read(("signature:\n  inputs: '[{\"type\": \"tensor\", \"tensor-spec\": "
                + "{\"dtype\": \"float32\", \"shape\": [-1]}}, {\"type\": \"double\", \"name\": \"a\"}]'\n")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("mix tensor specs and column specs");
        assertThatThrownBy(() -> MlModelCodec.read("signature:\n  inputs: 'not json'\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Invalid signature inputs: not JSON");
    }

    static byte[] resource(String name) {
        try (InputStream in = MlModelCodecTest.class.getResourceAsStream("/mlflow/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
