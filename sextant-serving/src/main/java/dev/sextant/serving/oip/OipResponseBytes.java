package dev.sextant.serving.oip;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.OutputValue;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * An inference response ({@code $inference_response}) written straight into bytes: the same
 * document {@link OipWriter} writes through a JSON generator, for the one-row requests where
 * setting up a generator and its buffers was a visible share of the whole request. Numbers are
 * formatted as the generator formats them (shortest round-trip decimal), non-finite floats as the
 * strings "NaN", "Infinity", "-Infinity".
 */
public final class OipResponseBytes {
    private byte[] buffer = new byte[768];
    private int size;

    private OipResponseBytes() {
    }

    /**
     * {@code {"model_name", "model_version", "id", "parameters": {"model_uri", "slot", "request_id"},
     * "outputs": [...]}}.
     */
    public static byte[] inferResponse(String modelName, long version, String id, String modelUri, String slot,
                                       String requestId, InferenceOutputs outputs) {
        OipResponseBytes out = new OipResponseBytes();
        out.raw("{\"model_name\":").string(modelName)
                .raw(",\"model_version\":\"").raw(Long.toString(version))
                .raw("\",\"id\":").string(id)
                .raw(",\"parameters\":{\"model_uri\":").string(modelUri)
                .raw(",\"slot\":").string(slot)
                .raw(",\"request_id\":").string(requestId)
                .raw("},\"outputs\":[");
        boolean first = true;
        for (OutputValue value : outputs.values()) {
            if (!first) {
                out.raw(",");
            }
            first = false;
            switch (value) {
                case Tensor tensor -> out.tensor(tensor, null);
                case ProbabilityMaps maps -> out.tensor(maps.asTensor(), labels(maps.labels()));
            }
        }
        out.raw("]}");
        return Arrays.copyOf(out.buffer, out.size);
    }

    /** The labels parameter last encoded: a model answers with the same (immutable) label list each time. */
    private static volatile Labels lastLabels = new Labels(List.of(), new byte[0]);

    private record Labels(List<String> labels, byte[] json) {
    }

    /** The labels as a JSON string holding a JSON list, as {@link OipWriter} writes them, encoded once per list. */
    private static byte[] labels(List<String> labels) {
        Labels cached = lastLabels;
        if (cached.labels() != labels) {
            OipResponseBytes text = new OipResponseBytes();
            text.string(OipWriter.labels(labels));
            cached = new Labels(labels, Arrays.copyOf(text.buffer, text.size));
            lastLabels = cached;
        }
        return cached.json();
    }

    private void tensor(Tensor tensor, byte[] labels) {
        raw("{\"name\":").string(tensor.name()).raw(",\"datatype\":\"").raw(tensor.datatype().name()).raw("\",\"shape\":[");
        long[] shape = tensor.shape();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                raw(",");
            }
            raw(Long.toString(shape[i]));
        }
        raw("],\"data\":[");
        switch (tensor.datatype()) {
            case FP32 -> {
                float[] values = tensor.floats();
                for (int i = 0; i < values.length; i++) {
                    comma(i);
                    float value = values[i];
                    raw(Float.isFinite(value) ? Float.toString(value) : nonFinite(value));
                }
            }
            case FP64 -> {
                double[] values = tensor.doubles();
                for (int i = 0; i < values.length; i++) {
                    comma(i);
                    double value = values[i];
                    raw(Double.isFinite(value) ? Double.toString(value) : nonFinite(value));
                }
            }
            case INT32 -> {
                int[] values = tensor.ints();
                for (int i = 0; i < values.length; i++) {
                    comma(i);
                    raw(Integer.toString(values[i]));
                }
            }
            case INT64 -> {
                long[] values = tensor.longs();
                for (int i = 0; i < values.length; i++) {
                    comma(i);
                    raw(Long.toString(values[i]));
                }
            }
            case BOOL -> {
                boolean[] values = tensor.bools();
                for (int i = 0; i < values.length; i++) {
                    comma(i);
                    raw(values[i] ? "true" : "false");
                }
            }
            case BYTES -> {
                String[] values = tensor.strings();
                for (int i = 0; i < values.length; i++) {
                    comma(i);
                    string(values[i]);
                }
            }
            default -> throw new IllegalStateException("tensor of " + tensor.datatype());
        }
        raw("]");
        if (labels != null) {
            raw(",\"parameters\":{\"labels\":");
            ensure(labels.length);
            System.arraycopy(labels, 0, buffer, size, labels.length);
            size += labels.length;
            raw("}");
        }
        raw("}");
    }

    private static String nonFinite(double value) {
        return Double.isNaN(value) ? "\"NaN\"" : value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }

    private void comma(int index) {
        if (index > 0) {
            ensure(1);
            buffer[size++] = ',';
        }
    }

    /** Text known to be ASCII that needs no escaping (punctuation, numbers, datatype names). */
    private OipResponseBytes raw(String ascii) {
        int length = ascii.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** A JSON string; plain ASCII (the usual name, id and version) is copied as it is. */
    private OipResponseBytes string(String text) {
        int length = text.length();
        boolean plain = true;
        for (int i = 0; i < length && plain; i++) {
            char c = text.charAt(i);
            plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
        }
        if (plain) {
            ensure(length + 2);
            buffer[size++] = '"';
            for (int i = 0; i < length; i++) {
                buffer[size++] = (byte) text.charAt(i);
            }
            buffer[size++] = '"';
            return this;
        }
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        ensure(escaped.length + 2);
        buffer[size++] = '"';
        System.arraycopy(escaped, 0, buffer, size, escaped.length);
        size += escaped.length;
        buffer[size++] = '"';
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    @Override
    public String toString() {
        return new String(buffer, 0, size, StandardCharsets.UTF_8);
    }
}
