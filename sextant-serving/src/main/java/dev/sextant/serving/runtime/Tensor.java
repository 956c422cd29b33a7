package dev.sextant.serving.runtime;

import dev.sextant.api.SextantException;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named, row-major tensor of one of the {@link Datatype#supported() supported} types. Immutable:
 * factories and accessors copy the arrays. The number of values always matches the shape.
 */
public final class Tensor implements OutputValue {
    private final String name;
    private final Datatype datatype;
    private final long[] shape;
    /** float[], double[], int[], long[], boolean[] or String[], as {@link #datatype} says. */
    private final Object data;

    private Tensor(String name, Datatype datatype, long[] shape, Object data, int length) {
        if (name.isBlank()) {
            throw SextantException.invalid("A tensor needs a name.");
        }
        this.name = name;
        this.datatype = datatype;
        this.shape = shape.clone();
        this.data = data;
        long expected = elementCount(name, this.shape);
        if (expected != length) {
            throw SextantException.invalid("Tensor '" + name + "' has " + length + " values but its shape "
                    + Arrays.toString(this.shape) + " holds " + expected + ".");
        }
    }

    public static Tensor floats(String name, long[] shape, float... data) {
        return new Tensor(name, Datatype.FP32, shape, data.clone(), data.length);
    }

    public static Tensor doubles(String name, long[] shape, double... data) {
        return new Tensor(name, Datatype.FP64, shape, data.clone(), data.length);
    }

    public static Tensor ints(String name, long[] shape, int... data) {
        return new Tensor(name, Datatype.INT32, shape, data.clone(), data.length);
    }

    public static Tensor longs(String name, long[] shape, long... data) {
        return new Tensor(name, Datatype.INT64, shape, data.clone(), data.length);
    }

    public static Tensor bools(String name, long[] shape, boolean... data) {
        return new Tensor(name, Datatype.BOOL, shape, data.clone(), data.length);
    }

    public static Tensor strings(String name, long[] shape, String... data) {
        for (String value : data) {
            Objects.requireNonNull(value, "tensor values");
        }
        return new Tensor(name, Datatype.BYTES, shape, data.clone(), data.length);
    }

    /** Takes ownership of {@code data} (no copy): for arrays the runtime has just filled. */
    static Tensor wrap(String name, Datatype datatype, long[] shape, Object data) {
        return new Tensor(name, datatype, shape, data, lengthOf(data));
    }

    /**
     * The rows of {@code pieces} one after the other, as one tensor: pieces of one datatype whose
     * shapes agree but for the first dimension, as merged requests are.
     */
    public static Tensor concatRows(String name, List<Tensor> pieces) {
        Tensor first = pieces.get(0);
        long[] shape = first.shape.clone();
        shape[0] = 0;
        int total = 0;
        for (Tensor piece : pieces) {
            if (piece.datatype != first.datatype || piece.rank() != first.rank()) {
                throw new IllegalArgumentException("cannot stack tensor '" + piece.name + "' (" + piece.datatype + ", rank "
                        + piece.rank() + ") under '" + first.name + "' (" + first.datatype + ", rank " + first.rank() + ")");
            }
            shape[0] += piece.shape[0];
            total += piece.elementCount();
        }
        Object out = Array.newInstance(first.data.getClass().getComponentType(), total);
        int at = 0;
        for (Tensor piece : pieces) {
            int length = piece.elementCount();
            System.arraycopy(piece.data, 0, out, at, length);
            at += length;
        }
        return new Tensor(name, first.datatype, shape, out, total);
    }

    /** Rows {@code fromRow} to {@code fromRow + rowCount} (exclusive) as a tensor of their own. */
    public Tensor rows(int fromRow, int rowCount) {
        int rowSize = shape[0] == 0 ? 0 : elementCount() / (int) shape[0];
        long[] sliced = shape.clone();
        sliced[0] = rowCount;
        int length = rowCount * rowSize;
        Object out = Array.newInstance(data.getClass().getComponentType(), length);
        System.arraycopy(data, fromRow * rowSize, out, 0, length);
        return new Tensor(name, datatype, sliced, out, length);
    }

    private static int lengthOf(Object data) {
        return switch (data) {
            case float[] a -> a.length;
            case double[] a -> a.length;
            case int[] a -> a.length;
            case long[] a -> a.length;
            case boolean[] a -> a.length;
            case String[] a -> a.length;
            default -> throw new IllegalArgumentException("not tensor data: " + data.getClass());
        };
    }

    @Override
    public String name() {
        return name;
    }

    public Datatype datatype() {
        return datatype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dimension(int axis) {
        return shape[axis];
    }

    public int elementCount() {
        return lengthOf(data);
    }

    public float[] floats() {
        return ((float[]) expect(Datatype.FP32)).clone();
    }

    public double[] doubles() {
        return ((double[]) expect(Datatype.FP64)).clone();
    }

    public int[] ints() {
        return ((int[]) expect(Datatype.INT32)).clone();
    }

    public long[] longs() {
        return ((long[]) expect(Datatype.INT64)).clone();
    }

    public boolean[] bools() {
        return ((boolean[]) expect(Datatype.BOOL)).clone();
    }

    public String[] strings() {
        return ((String[]) expect(Datatype.BYTES)).clone();
    }

    /** The backing array, not copied: only for the runtime, which never changes it. */
    Object data() {
        return data;
    }

    private Object expect(Datatype wanted) {
        if (datatype != wanted) {
            throw new IllegalStateException("tensor '" + name + "' holds " + datatype + ", not " + wanted);
        }
        return data;
    }

    private static long elementCount(String name, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw SextantException.invalid("Tensor '" + name + "' has shape " + Arrays.toString(shape)
                        + "; dimensions must be zero or more.");
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor that && name.equals(that.name) && datatype == that.datatype
                && Arrays.equals(shape, that.shape) && Objects.deepEquals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        String values = switch (data) {
            case float[] a -> Arrays.toString(a);
            case double[] a -> Arrays.toString(a);
            case int[] a -> Arrays.toString(a);
            case long[] a -> Arrays.toString(a);
            case boolean[] a -> Arrays.toString(a);
            case String[] a -> Arrays.toString(a);
            default -> String.valueOf(data);
        };
        return name + " " + datatype + " " + Arrays.toString(shape) + " " + values;
    }
}
