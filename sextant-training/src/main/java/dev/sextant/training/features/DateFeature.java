package dev.sextant.training.features;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.sextant.data.table.Column;
import dev.sextant.data.table.DateColumn;
import dev.sextant.training.onnx.OnnxGraph;
import java.time.LocalDate;
import java.util.List;

/**
 * A date, taken as ISO text (yyyy-MM-dd) at serving time, becomes year, month, day of year and
 * ISO day of week (Monday 1 … Sunday 7). The graph parses the text with StringSplit and does the
 * calendar arithmetic in int64 (days-from-civil for the weekday).
 */
record DateFeature(String column) implements FeatureColumn {
    static final List<String> PARTS = List.of("year", "month", "day_of_year", "day_of_week");
    private static final long[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    @Override
    public int width() {
        return PARTS.size();
    }

    @Override
    public boolean standardised() {
        return true;
    }

    @Override
    public DataType inputType() {
        return DataType.STRING;
    }

    @Override
    public void encode(Column values, int row, float[] out, int offset) {
        LocalDate date = ((DateColumn) values).value(row).orElseThrow(
                () -> new IllegalStateException("date column " + column + " has a missing value at row " + row));
        out[offset] = date.getYear();
        out[offset + 1] = date.getMonthValue();
        out[offset + 2] = date.getDayOfYear();
        out[offset + 3] = date.getDayOfWeek().getValue();
    }

    @Override
    public String writeGraph(OnnxGraph g) {
        String split = g.name("date_parts");
        g.node("", "StringSplit", List.of(column), List.of(split, g.name("date_part_lengths")),
                OnnxGraph.attr("delimiter", "-"), OnnxGraph.attr("maxsplit", 2L));
        String parts = g.node("Cast", List.of(split), OnnxGraph.attr("to", DataType.INT64_VALUE));
        String year = part(g, parts, 0);
        String month = part(g, parts, 1);
        String day = part(g, parts, 2);
        Arithmetic a = new Arithmetic(g);

        String afterFebruary = g.node("Greater", List.of(month, a.c(2)));
        String leap = g.node("Or", List.of(
                g.node("And", List.of(a.divisible(year, 4), g.node("Not", List.of(a.divisible(year, 100))))),
                a.divisible(year, 400)));
        String leapDay = a.toLong(g.node("And", List.of(leap, afterFebruary)));
        String monthIndex = a.sub(month, a.c(1));
        String daysBefore = g.node("Gather", List.of(g.longs("days_before_month", DAYS_BEFORE_MONTH, 12), monthIndex),
                OnnxGraph.attr("axis", 0L));
        String dayOfYear = a.add(a.add(daysBefore, day), leapDay);

        // days from 1970-01-01 (H. Hinnant's days_from_civil, for years >= 0), then the ISO weekday
        String shiftedYear = a.sub(year, a.toLong(g.node("Not", List.of(afterFebruary))));
        String era = a.div(shiftedYear, 400);
        String yearOfEra = a.sub(shiftedYear, a.mul(era, 400));
        String shiftedMonth = a.mod(a.add(month, a.c(9)), 12);
        String dayOfShiftedYear = a.add(a.div(a.add(a.mul(shiftedMonth, 153), a.c(2)), 5), a.sub(day, a.c(1)));
        String dayOfEra = a.add(a.sub(a.add(a.mul(yearOfEra, 365), a.div(yearOfEra, 4)), a.div(yearOfEra, 100)),
                dayOfShiftedYear);
        String days = a.sub(a.add(a.mul(era, 146097), dayOfEra), a.c(719468));
        String dayOfWeek = a.add(a.mod(a.add(days, a.c(3)), 7), a.c(1));

        String all = g.node("Concat", List.of(year, month, dayOfYear, dayOfWeek), OnnxGraph.attr("axis", 1L));
        return g.node("Cast", List.of(all), OnnxGraph.attr("to", DataType.FLOAT_VALUE));
    }

    private static String part(OnnxGraph g, String parts, long index) {
        String scalar = g.longs("date_part_index", new long[] {index});
        return g.node("Gather", List.of(parts, scalar), OnnxGraph.attr("axis", 2L));
    }

    @Override
    public ColumnDecision decision() {
        return new ColumnDecision(column, ColumnDecision.Action.ENCODED,
                "date (yyyy-MM-dd text when served) → " + String.join(", ", PARTS), PARTS.size());
    }

    /** int64 arithmetic nodes with shared scalar constants. */
    private record Arithmetic(OnnxGraph g) {
        String c(long value) {
            return g.longs("int", new long[] {value});
        }

        String add(String x, String y) {
            return g.node("Add", List.of(x, y));
        }

        String sub(String x, String y) {
            return g.node("Sub", List.of(x, y));
        }

        String mul(String x, long y) {
            return g.node("Mul", List.of(x, c(y)));
        }

        String div(String x, long y) {
            return g.node("Div", List.of(x, c(y)));
        }

        String mod(String x, long y) {
            return g.node("Mod", List.of(x, c(y)));
        }

        String divisible(String x, long y) {
            return g.node("Equal", List.of(mod(x, y), c(0)));
        }

        String toLong(String bool) {
            return g.node("Cast", List.of(bool), OnnxGraph.attr("to", DataType.INT64_VALUE));
        }
    }
}
