package dev.sextant.data.table;

/** The kinds of column a table holds; every database or file type maps to one of them. */
public enum ColumnType {
    NUMERIC, STRING, DATE, TIMESTAMP, BOOLEAN
}
