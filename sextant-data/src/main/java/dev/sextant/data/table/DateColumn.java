package dev.sextant.data.table;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.Optional;

/** Calendar dates, held as epoch days. */
public final class DateColumn implements Column {
    private final String name;
    private final long[] epochDays;
    private final Nulls nulls;

    public DateColumn(String name, long[] epochDays, BitSet nulls) {
        this.name = name;
        this.epochDays = epochDays.clone();
        this.nulls = new Nulls(nulls);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.DATE;
    }

    @Override
    public int size() {
        return epochDays.length;
    }

    @Override
    public boolean isNull(int row) {
        return nulls.at(row);
    }

    public Optional<LocalDate> value(int row) {
        return isNull(row) ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(epochDays[row]));
    }

    @Override
    public String text(int row) {
        return value(row).map(LocalDate::toString).orElse("");
    }
}
