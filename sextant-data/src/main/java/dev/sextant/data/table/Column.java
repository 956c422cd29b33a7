package dev.sextant.data.table;

/** One immutable, typed column of a {@link DataTable}; missing values are kept and reported. */
public sealed interface Column permits NumericColumn, ObjectColumn, DateColumn, BooleanColumn {

    String name();

    ColumnType type();

    int size();

    boolean isNull(int row);

    default int nullCount() {
        int count = 0;
        for (int row = 0; row < size(); row++) {
            if (isNull(row)) {
                count++;
            }
        }
        return count;
    }

    /** The value as text (ISO for dates), for summaries and input examples; empty when missing. */
    String text(int row);
}
