package dev.sextant.data.read;

import dev.sextant.data.table.ColumnType;

/** A column of a data file as its header and type inference describe it, before any row is read. */
public record ColumnHeader(String name, ColumnType type) {
}
