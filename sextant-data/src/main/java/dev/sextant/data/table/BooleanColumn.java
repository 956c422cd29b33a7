package dev.sextant.data.table;

import java.util.BitSet;
import java.util.Optional;

/** True/false values. */
public final class BooleanColumn implements Column {
    private final String name;
    private final BitSet values;
    private final Nulls nulls;
    private final int size;

    public BooleanColumn(String name, BitSet values, BitSet nulls, int size) {
        this.name = name;
        this.values = (BitSet) values.clone();
        this.nulls = new Nulls(nulls);
        this.size = size;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.BOOLEAN;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isNull(int row) {
        return nulls.at(row);
    }

    public Optional<Boolean> value(int row) {
        return isNull(row) ? Optional.empty() : Optional.of(values.get(row));
    }

    @Override
    public String text(int row) {
        return value(row).map(String::valueOf).orElse("");
    }
}
