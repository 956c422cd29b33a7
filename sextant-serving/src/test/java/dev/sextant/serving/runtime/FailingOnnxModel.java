package dev.sextant.serving.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A real ONNX model that fails at inference for some inputs: {@code Y = Reshape(X, [1, 2])} with
 * input {@code X} float [-1, 2]. One row runs; two or more make ONNX Runtime fail while running
 * the graph (a model error, not a refused input), as a broken model version would. The protobuf
 * is written field by field here, so the test needs no ONNX tooling.
 */
public final class FailingOnnxModel {
    private FailingOnnxModel() {
    }

    public static byte[] bytes() {
        byte[] node = message(b -> {
            string(b, 1, "X");
            string(b, 1, "target_shape");
            string(b, 2, "Y");
            string(b, 3, "reshape");
            string(b, 4, "Reshape");
        });
        byte[] shapeInit = message(b -> {
            varint(b, 1, 2);                       // dims: [2]
            varint(b, 2, 7);                       // data_type INT64
            bytesField(b, 7, packed(1, 2));        // int64_data
            string(b, 8, "target_shape");
        });
        byte[] input = valueInfo("X", 1, -1, 2);
        byte[] output = valueInfo("Y", 1, 1, 2);
        byte[] graph = message(b -> {
            bytesField(b, 1, node);
            string(b, 2, "reshape_to_one_row");
            bytesField(b, 5, shapeInit);
            bytesField(b, 11, input);
            bytesField(b, 12, output);
        });
        byte[] opset = message(b -> {
            string(b, 1, "");
            varint(b, 2, 13);
        });
        return message(b -> {
            varint(b, 1, 8);                       // ir_version
            string(b, 2, "sextant-tests");
            bytesField(b, 7, graph);
            bytesField(b, 8, opset);
        });
    }

    /** A float tensor value info; a negative dimension is symbolic ("N"). */
    private static byte[] valueInfo(String name, int elemType, long... dims) {
        byte[] shape = message(b -> {
            for (long dim : dims) {
                bytesField(b, 1, message(d -> {
                    if (dim < 0) {
                        string(d, 2, "N");
                    } else {
                        varint(d, 1, dim);
                    }
                }));
            }
        });
        byte[] tensorType = message(b -> {
            varint(b, 1, elemType);
            bytesField(b, 2, shape);
        });
        byte[] type = message(b -> bytesField(b, 1, tensorType));
        return message(b -> {
            string(b, 1, name);
            bytesField(b, 2, type);
        });
    }

    private interface Writer {
        void write(ByteArrayOutputStream out);
    }

    private static byte[] message(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        return out.toByteArray();
    }

    private static byte[] packed(long... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long value : values) {
            rawVarint(out, value);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, int field, long value) {
        rawVarint(out, (long) field << 3);
        rawVarint(out, value);
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        bytesField(out, field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
        rawVarint(out, ((long) field << 3) | 2);
        rawVarint(out, value.length);
        out.writeBytes(value);
    }

    private static void rawVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
