package dev.sextant.serving.oip;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.OutputValue;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@code $response_output}s straight to a JSON generator, in the same form as
 * {@link OipTensors#encodeOutputs} builds them, without a tree in between: the inference hot path
 * answers many small requests, where building and serialising nodes is a visible share of the work.
 */
public final class OipWriter {
    private OipWriter() {
    }

    /** The outputs as a JSON array of {@code $response_output} objects. */
    public static void writeOutputs(JsonGenerator json, InferenceOutputs outputs) throws IOException {
        json.writeStartArray();
        for (OutputValue value : outputs.values()) {
            switch (value) {
                case Tensor tensor -> write(json, tensor, null);
                case ProbabilityMaps maps -> write(json, maps.asTensor(), labels(maps.labels()));
            }
        }
        json.writeEndArray();
    }

    /** One tensor as a {@code $response_output} (or request input) object. */
    public static void writeTensor(JsonGenerator json, Tensor tensor) throws IOException {
        write(json, tensor, null);
    }

    private static void write(JsonGenerator json, Tensor tensor, String labels) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", tensor.name());
        json.writeStringField("datatype", tensor.datatype().name());
        json.writeArrayFieldStart("shape");
        for (long dim : tensor.shape()) {
            json.writeNumber(dim);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("data");
        switch (tensor.datatype()) {
            case FP32 -> {
                for (float value : tensor.floats()) {
                    if (Float.isFinite(value)) {
                        json.writeNumber(value);
                    } else {
                        json.writeString(Float.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                    }
                }
            }
            case FP64 -> {
                for (double value : tensor.doubles()) {
                    if (Double.isFinite(value)) {
                        json.writeNumber(value);
                    } else {
                        json.writeString(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                    }
                }
            }
            case INT32 -> {
                for (int value : tensor.ints()) {
                    json.writeNumber(value);
                }
            }
            case INT64 -> {
                for (long value : tensor.longs()) {
                    json.writeNumber(value);
                }
            }
            case BOOL -> {
                for (boolean value : tensor.bools()) {
                    json.writeBoolean(value);
                }
            }
            case BYTES -> {
                for (String value : tensor.strings()) {
                    json.writeString(value);
                }
            }
            default -> throw new IllegalStateException("tensor of " + tensor.datatype());
        }
        json.writeEndArray();
        if (labels != null) {
            json.writeObjectFieldStart("parameters");
            json.writeStringField("labels", labels);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** The labels and JSON text last written: a model answers with the same (immutable) label list each time. */
    private static volatile LabelsText last = new LabelsText(List.of(), "[]");

    private record LabelsText(List<String> labels, String text) {
    }

    /** The labels as the text of a JSON list, e.g. {@code ["0","1","2"]}, as {@link OipTensors} writes them. */
    static String labels(List<String> labels) {
        LabelsText cached = last;
        if (cached.labels() == labels) {
            return cached.text();
        }
        String text = labelsText(labels);
        last = new LabelsText(labels, text);
        return text;
    }

    private static String labelsText(List<String> labels) {
        StringBuilder text = new StringBuilder("[");
        for (String label : labels) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append('"').append(JsonStringEncoder.getInstance().quoteAsString(label)).append('"');
        }
        return text.append(']').toString();
    }
}
