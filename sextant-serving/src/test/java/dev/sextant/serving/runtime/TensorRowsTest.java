package dev.sextant.serving.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stacking requests' rows into one tensor and taking them apart again, as batching does. */
class TensorRowsTest {

    /** A tensor of {@code rows} rows of two values, the values counting up from {@code first}. */
    static Stream<Arguments> datatypes() {
        return Stream.of(
                Arguments.of("FP32", (BiFunction<Integer, Integer, Tensor>) (first, rows) ->
                        Tensor.floats("x", new long[] {rows, 2}, floats(first, rows * 2))),
                Arguments.of("FP64", (BiFunction<Integer, Integer, Tensor>) (first, rows) ->
                        Tensor.doubles("x", new long[] {rows, 2}, doubles(first, rows * 2))),
                Arguments.of("INT32", (BiFunction<Integer, Integer, Tensor>) (first, rows) ->
                        Tensor.ints("x", new long[] {rows, 2}, ints(first, rows * 2))),
                Arguments.of("INT64", (BiFunction<Integer, Integer, Tensor>) (first, rows) ->
                        Tensor.longs("x", new long[] {rows, 2}, longs(first, rows * 2))),
                Arguments.of("BOOL", (BiFunction<Integer, Integer, Tensor>) (first, rows) ->
                        Tensor.bools("x", new long[] {rows, 2}, bools(first, rows * 2))),
                Arguments.of("BYTES", (BiFunction<Integer, Integer, Tensor>) (first, rows) ->
                        Tensor.strings("x", new long[] {rows, 2}, strings(first, rows * 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datatypes")
    void rowsStackedInOrderComeApartAsTheyWere(String datatype, BiFunction<Integer, Integer, Tensor> tensor) {
        Tensor one = tensor.apply(0, 1);
        Tensor two = tensor.apply(2, 2);
        Tensor three = tensor.apply(6, 3);

        Tensor stacked = Tensor.concatRows("merged", List.of(one, two, three));

        assertThat(stacked.name()).isEqualTo("merged");
        assertThat(stacked.datatype().name()).isEqualTo(datatype);
        assertThat(stacked.shape()).containsExactly(6, 2);
        assertThat(stacked).isEqualTo(rename(tensor.apply(0, 6), "merged"));
        assertThat(stacked.rows(0, 1)).isEqualTo(rename(one, "merged"));
        assertThat(stacked.rows(1, 2)).isEqualTo(rename(two, "merged"));
        assertThat(stacked.rows(3, 3)).isEqualTo(rename(three, "merged"));
        assertThat(stacked.rows(6, 0).shape()).containsExactly(0, 2);
    }

    @Test
    void piecesOfDifferentDatatypesAreNotStacked() {
        Tensor floats = Tensor.floats("x", new long[] {1, 2}, 1f, 2f);
        Tensor doubles = Tensor.doubles("x", new long[] {1, 2}, 1d, 2d);

        assertThatThrownBy(() -> Tensor.concatRows("x", List.of(floats, doubles)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FP64");
    }

    @Test
    void aSliceDoesNotShareValuesWithTheStack() {
        Tensor stacked = Tensor.concatRows("x", List.of(Tensor.floats("x", new long[] {2, 1}, 1f, 2f)));
        float[] copy = stacked.rows(0, 1).floats();
        copy[0] = 99f;

        assertThat(stacked.floats()).containsExactly(1f, 2f);
    }

    private static Tensor rename(Tensor tensor, String name) {
        return Tensor.concatRows(name, List.of(tensor));
    }

    private static float[] floats(int first, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i + 0.5f;
        }
        return out;
    }

    private static double[] doubles(int first, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i + 0.25;
        }
        return out;
    }

    private static int[] ints(int first, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i;
        }
        return out;
    }

    private static long[] longs(int first, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = 10_000_000_000L + first + i;
        }
        return out;
    }

    private static boolean[] bools(int first, int count) {
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
            out[i] = (first + i) % 3 == 0;
        }
        return out;
    }

    private static String[] strings(int first, int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = "v" + (first + i);
        }
        return out;
    }
}
