package dev.sextant.registry.packaging;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * MLflow's {@code saved_input_example_info}: where the input example is and how to read it.
 *
 * @param artifactPath the example file, usually {@code input_example.json}
 * @param type {@code ndarray}, {@code dataframe}, {@code json_object}, …
 * @param format for ndarrays, e.g. {@code tf-serving}; empty otherwise
 * @param pandasOrient for data frames, e.g. {@code split}; empty otherwise
 * @param servingInputPath a ready-made scoring request ({@code serving_input_example.json},
 *     MLflow 2.16 and later); empty otherwise
 * @param otherFields other keys as JSON text
 */
public record InputExampleInfo(
        String artifactPath,
        String type,
        String format,
        String pandasOrient,
        String servingInputPath,
        Map<String, String> otherFields) {
    public static final String DEFAULT_FILE = "input_example.json";
    /** No input example saved. */
    public static final InputExampleInfo NONE = new InputExampleInfo("", "", "", "", "", Map.of());

    public InputExampleInfo {
        otherFields = Collections.unmodifiableMap(new TreeMap<>(otherFields));
    }

    /** A tensor example in TF-serving JSON ({@code {"inputs": …}}), as MLflow saves numpy input. */
    public static InputExampleInfo ndarray(String artifactPath) {
        return new InputExampleInfo(artifactPath, "ndarray", "tf-serving", "", "", Map.of());
    }

    /** A data-frame example in pandas' split orientation. */
    public static InputExampleInfo dataframe(String artifactPath) {
        return new InputExampleInfo(artifactPath, "dataframe", "", "split", "", Map.of());
    }

    public boolean isPresent() {
        return !artifactPath.isEmpty();
    }
}
