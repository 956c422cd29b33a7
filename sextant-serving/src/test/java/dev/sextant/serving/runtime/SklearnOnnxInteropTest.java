package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sextant.registry.packaging.ModelPackage;
import dev.sextant.serving.oip.OipTensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model in {@code ../shared/models/sklearn-onnx/} loads, and answers known inputs as an
 * independent evaluator of the ONNX-ML operators does (not ONNX Runtime: see
 * {@code src/test/python/sklearn_onnx_expected.py}, which wrote the expected values).
 */
class SklearnOnnxInteropTest {
    private static final double TOLERANCE = 1e-5;
    private static ModelRuntime runtime;
    private static JsonNode expected;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        runtime = ModelRuntime.create(RuntimeOptions.defaults());
        try (InputStream in = SklearnOnnxInteropTest.class.getResourceAsStream("/interop/sklearn-onnx-expected.json")) {
            expected = new ObjectMapper().readTree(in).get("models");
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void expectedValuesCoverExactlyTheSharedModels() throws IOException {
        List<String> names = new ArrayList<>();
        expected.fieldNames().forEachRemaining(names::add);

        assertThat(names).containsExactlyInAnyOrderElementsOf(sharedModels());
    }

    @TestFactory
    Stream<DynamicTest> everySharedModelAnswersLikeTheIndependentEvaluator() throws IOException {
        return sharedModels().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    private static void check(String name) {
        JsonNode cases = expected.get(name);
        assertThat(cases).as("expected values for %s; regenerate them with sklearn_onnx_expected.py", name).isNotNull();
        ModelPackage written = Packages.write(dir.resolve(name), name);
        try (LoadedModel model = runtime.load(written, written.manifest())) {
            InferenceOutputs outputs = model.predict(OipTensors.decodeRequest(
                    new ObjectMapper().createObjectNode().set("inputs", cases.get("inputs"))));

            assertThat(outputs.values()).extracting(OutputValue::name)
                    .containsExactlyInAnyOrderElementsOf(() -> cases.get("outputs").fieldNames());
            cases.get("outputs").properties().forEach(output -> compare(outputs, output.getKey(), output.getValue()));
        }
    }

    private static void compare(InferenceOutputs outputs, String name, JsonNode want) {
        if (want.has("maps")) {
            ProbabilityMaps maps = outputs.probabilities(name);
            assertThat(maps.rows()).as(name).hasSize(want.get("maps").size());
            for (int row = 0; row < maps.rows().size(); row++) {
                Map<String, Float> have = maps.rows().get(row);
                JsonNode wantRow = want.get("maps").get(row);
                List<String> labels = new ArrayList<>();
                wantRow.fieldNames().forEachRemaining(labels::add);
                assertThat(have.keySet()).as("%s row %d labels", name, row).containsExactlyElementsOf(labels);
                for (String label : labels) {
                    assertThat((double) have.get(label)).as("%s row %d label %s", name, row, label)
                            .isCloseTo(wantRow.get(label).asDouble(), within(TOLERANCE));
                }
            }
            return;
        }
        Tensor tensor = outputs.tensor(name);
        assertThat(tensor.datatype().name()).as(name).isEqualTo(want.get("datatype").asText());
        assertThat(tensor.shape()).as(name).containsExactly(longs(want.get("shape")));
        switch (tensor.datatype()) {
            case INT64 -> assertThat(tensor.longs()).as(name).containsExactly(longs(want.get("data")));
            case FP32 -> {
                float[] have = tensor.floats();
                assertThat(have).as(name).hasSize(want.get("data").size());
                for (int i = 0; i < have.length; i++) {
                    assertThat((double) have[i]).as("%s[%d]", name, i)
                            .isCloseTo(want.get("data").get(i).asDouble(), within(TOLERANCE));
                }
            }
            default -> throw new AssertionError("unexpected output type " + tensor);
        }
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static List<String> sharedModels() throws IOException {
        try (Stream<Path> files = Files.list(SharedFiles.model("logreg_iris.onnx").getParent())) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".onnx")).sorted().toList();
        }
    }
}
