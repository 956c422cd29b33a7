package dev.sextant.data.read;

import java.util.List;

/** The columns of a data file, with the types the reader gives them, and how many rows it holds. */
public record TableShape(List<ColumnHeader> columns, long rows) {
    public TableShape {
        columns = List.copyOf(columns);
    }
}
