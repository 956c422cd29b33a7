package dev.sextant.serving.endpoint;

import dev.sextant.serving.runtime.InferenceOutputs;
import dev.sextant.serving.runtime.OutputValue;
import dev.sextant.serving.runtime.ProbabilityMaps;
import dev.sextant.serving.runtime.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a shadow model agreed with the primary: every output both produced must match, labels
 * and integers exactly, floating-point values within {@value #TOLERANCE} (absolute).
 */
final class Agreement {
    static final double TOLERANCE = 1e-4;

    private Agreement() {
    }

    static boolean agree(InferenceOutputs primary, InferenceOutputs shadow) {
        boolean compared = false;
        for (OutputValue value : primary.values()) {
            Optional<OutputValue> other = shadow.get(value.name());
            if (other.isEmpty()) {
                continue;
            }
            compared = true;
            if (!same(value, other.get())) {
                return false;
            }
        }
        return compared;
    }

    private static boolean same(OutputValue a, OutputValue b) {
        if (a instanceof Tensor x && b instanceof Tensor y) {
            if (x.datatype() != y.datatype() || !Arrays.equals(x.shape(), y.shape())) {
                return false;
            }
            return switch (x.datatype()) {
                case FP32 -> close(toDoubles(x.floats()), toDoubles(y.floats()));
                case FP64 -> close(x.doubles(), y.doubles());
                default -> x.equals(y);
            };
        }
        if (a instanceof ProbabilityMaps x && b instanceof ProbabilityMaps y) {
            // labels come in label order, so the same labels are the same list
            return x.labels().equals(y.labels()) && x.rowCount() == y.rowCount()
                    && close(toDoubles(x.asTensor().floats()), toDoubles(y.asTensor().floats()));
        }
        return false;
    }

    private static boolean close(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= TOLERANCE) && !(Double.isNaN(a[i]) && Double.isNaN(b[i]))) {
                return false;
            }
        }
        return true;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
