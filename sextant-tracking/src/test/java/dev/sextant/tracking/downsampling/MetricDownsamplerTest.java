package dev.sextant.tracking.downsampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricDownsamplerTest {

    @Test
    void aHistoryThatFitsComesBackWhole() {
        MetricDownsampler downsampler = new MetricDownsampler("loss", 100);
        for (int i = 0; i < 100; i++) {
            downsampler.add(i * 10L, 1_000L + i, Math.sin(i));
        }
        DownsampledSeries series = downsampler.result();

        assertThat(series.downsampled()).isFalse();
        assertThat(series.totalPoints()).isEqualTo(100);
        assertThat(series.size()).isEqualTo(100);
        assertThat(series.steps()[99]).isEqualTo(990);
        assertThat(series.timestamps()[42]).isEqualTo(1_042);
        assertThat(series.values()[7]).isEqualTo(Math.sin(7));
    }

    @Test
    void aMillionPointsKeepTheirEndsAndTheirExtremes() {
        MetricDownsampler downsampler = new MetricDownsampler("loss", 2_000);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            double value = i == 612_345 ? 50.0 : i == 77_777 ? -50.0 : Math.sin(i / 1000.0);
            downsampler.add(i, i, value);
        }
        DownsampledSeries series = downsampler.result();

        assertThat(series.downsampled()).isTrue();
        assertThat(series.totalPoints()).isEqualTo(n);
        assertThat(series.size()).isBetween(500, 2_000);
        assertThat(series.steps()[0]).isZero();
        assertThat(series.steps()[series.size() - 1]).isEqualTo(n - 1);
        assertThat(series.steps()).contains(612_345L, 77_777L);
        for (int i = 1; i < series.size(); i++) {
            assertThat(series.steps()[i]).isGreaterThan(series.steps()[i - 1]);
        }
    }

    /** The streamed result equals M4 computed directly over the whole history with the final bucket width. */
    @ParameterizedTest
    @CsvSource({"10, 11", "10, 1000", "64, 65", "64, 5000", "1000, 1001", "1000, 123457", "999, 40000"})
    void equalsTheDirectComputation(int maxPoints, int n) {
        Random random = new Random(n * 31L + maxPoints);
        double[] values = new double[n];
        MetricDownsampler downsampler = new MetricDownsampler("m", maxPoints);
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian();
            downsampler.add(i, 5L * i, values[i]);
        }
        DownsampledSeries series = downsampler.result();

        List<Long> expected = directM4(values, maxPoints);
        assertThat(series.size()).isLessThanOrEqualTo(maxPoints);
        List<Long> actual = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            actual.add(series.steps()[i]);
            assertThat(series.timestamps()[i]).isEqualTo(5L * series.steps()[i]);
            assertThat(Double.doubleToLongBits(series.values()[i]))
                    .isEqualTo(Double.doubleToLongBits(values[(int) series.steps()[i]]));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void nonFiniteValuesAreNeverTheExtremes() {
        MetricDownsampler downsampler = new MetricDownsampler("m", 10);
        for (int i = 0; i < 1_000; i++) {
            double value = i % 3 == 0 ? Double.NaN : i % 3 == 1 ? Double.POSITIVE_INFINITY : i;
            downsampler.add(i, i, value);
        }
        DownsampledSeries series = downsampler.result();
        long finite = Arrays.stream(series.values()).filter(Double::isFinite).count();

        assertThat(finite).as("each bucket's lowest and highest are finite").isGreaterThanOrEqualTo(2);
        assertThat(series.values()).contains(998.0);
    }

    @Test
    void anEmptyHistoryIsEmpty() {
        DownsampledSeries series = new MetricDownsampler("m", 10).result();
        assertThat(series.size()).isZero();
        assertThat(series.totalPoints()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"9", "0", "-1", "100001"})
    void aPointBudgetOutOfRangeIsRefused(int maxPoints) {
        assertThatThrownBy(() -> new MetricDownsampler("m", maxPoints))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("max_points must be between 10 and 100000");
    }

    /** Positions kept by M4 with buckets of the width the streaming algorithm ends with. */
    private static List<Long> directM4(double[] values, int maxPoints) {
        int n = values.length;
        List<Long> kept = new ArrayList<>();
        if (n <= maxPoints) {
            for (long i = 0; i < n; i++) {
                kept.add(i);
            }
            return kept;
        }
        int capacity = (maxPoints / 4) & ~1;
        long width = 1;
        while ((maxPoints + width - 1) / width > capacity) {
            width *= 2;
        }
        while ((n - 1) / width >= capacity) {
            width *= 2;
        }
        for (long start = 0; start < n; start += width) {
            long end = Math.min(n, start + width);
            long low = -1;
            long high = -1;
            for (long i = start; i < end; i++) {
                double v = values[(int) i];
                if (Double.isFinite(v)) {
                    if (low < 0 || v < values[(int) low]) {
                        low = i;
                    }
                    if (high < 0 || v > values[(int) high]) {
                        high = i;
                    }
                }
            }
            TreeSet<Long> bucket = new TreeSet<>(List.of(start, end - 1));
            if (low >= 0) {
                bucket.add(low);
                bucket.add(high);
            }
            kept.addAll(bucket);
        }
        return kept;
    }
}
