package dev.sextant.data.table;

import dev.sextant.api.SextantException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** An immutable table of equally long, uniquely named columns. */
public final class DataTable {
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final int rowCount;

    public DataTable(List<Column> columns) {
        if (columns.isEmpty()) {
            throw SextantException.invalid("A table needs at least one column.");
        }
        this.rowCount = columns.getFirst().size();
        for (Column column : columns) {
            if (column.size() != rowCount) {
                throw SextantException.invalid("Column '" + column.name() + "' has " + column.size()
                        + " rows where the table has " + rowCount + ".");
            }
            if (this.columns.putIfAbsent(column.name(), column) != null) {
                throw SextantException.invalid("Column name '" + column.name() + "' appears twice.");
            }
        }
    }

    public int rowCount() {
        return rowCount;
    }

    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** The named column, or a clear error listing the columns there are. */
    public Column require(String name) {
        return column(name).orElseThrow(() -> SextantException.invalid("No column '" + name
                + "' in the data; its columns are: " + String.join(", ", columns.keySet()) + "."));
    }

    public List<ColumnSummary> schema() {
        return columns.values().stream().map(DataTable::summarize).toList();
    }

    private static ColumnSummary summarize(Column column) {
        Set<String> distinct = new HashSet<>();
        for (int row = 0; row < column.size(); row++) {
            if (!column.isNull(row)) {
                distinct.add(column.text(row));
            }
        }
        return new ColumnSummary(column.name(), column.type(), column.nullCount(), distinct.size());
    }

    @Override
    public String toString() {
        return "DataTable[" + rowCount + " rows; " + columns.values().stream()
                .map(c -> c.name() + ":" + c.type()).collect(Collectors.joining(", ")) + "]";
    }
}
