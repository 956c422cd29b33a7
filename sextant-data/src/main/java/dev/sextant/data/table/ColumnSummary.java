package dev.sextant.data.table;

/** What a column holds, for schema reports and dataset records. */
public record ColumnSummary(String name, ColumnType type, int nulls, int distinct) {
}
