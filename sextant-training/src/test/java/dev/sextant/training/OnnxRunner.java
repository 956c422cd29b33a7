package dev.sextant.training;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.sextant.data.table.BooleanColumn;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.registry.packaging.FieldSpec;
import dev.sextant.registry.packaging.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs an exported model in ONNX Runtime on raw table rows, fed as the signature says. */
final class OnnxRunner implements AutoCloseable {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final OrtSession session;
    private final Signature signature;

    OnnxRunner(byte[] model, Signature signature) throws OrtException {
        this.session = ENV.createSession(model, new OrtSession.SessionOptions());
        this.signature = signature;
    }

    OrtSession session() {
        return session;
    }

    /** Labels and label → probability maps, one per row. */
    record Classified(List<String> labels, List<Map<String, Float>> probabilities) {
    }

    Classified classify(DataTable table, int[] rows) throws OrtException {
        try (OrtSession.Result result = run(table, rows)) {
            String[] labels = (String[]) result.get("output_label").orElseThrow().getValue();
            List<Map<String, Float>> probabilities = new ArrayList<>();
            for (Object element : (List<?>) result.get("output_probability").orElseThrow().getValue()) {
                Map<String, Float> map = new HashMap<>();
                ((OnnxMap) element).getValue().forEach((k, v) -> map.put((String) k, (Float) v));
                probabilities.add(map);
            }
            return new Classified(List.of(labels), probabilities);
        }
    }

    float[] regress(DataTable table, int[] rows) throws OrtException {
        try (OrtSession.Result result = run(table, rows)) {
            float[][] values = (float[][]) result.get("variable").orElseThrow().getValue();
            float[] out = new float[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = values[i][0];
            }
            return out;
        }
    }

    OrtSession.Result run(DataTable table, int[] rows) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (FieldSpec field : signature.inputs()) {
                inputs.put(field.name(), tensor(table.require(field.name()), rows));
            }
            return session.run(inputs);
        } finally {
            inputs.values().forEach(OnnxValue::close);
        }
    }

    private static OnnxTensor tensor(Column column, int[] rows) throws OrtException {
        long[] shape = {rows.length, 1};
        return switch (column) {
            case NumericColumn numbers -> {
                float[] values = new float[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = (float) numbers.value(rows[i]);
                }
                yield OnnxTensor.createTensor(ENV, java.nio.FloatBuffer.wrap(values), shape);
            }
            case BooleanColumn flags -> {
                boolean[][] values = new boolean[rows.length][1];
                for (int i = 0; i < rows.length; i++) {
                    values[i][0] = flags.value(rows[i]).orElse(false);
                }
                yield OnnxTensor.createTensor(ENV, values);
            }
            default -> {
                String[] values = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = column.text(rows[i]);
                }
                yield OnnxTensor.createTensor(ENV, values, shape);
            }
        };
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
