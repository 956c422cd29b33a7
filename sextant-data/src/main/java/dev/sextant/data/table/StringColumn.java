package dev.sextant.data.table;

/** Text (categorical) values. */
public final class StringColumn extends ObjectColumn<String> {

    /** {@code values} holds null where a value is missing. */
    public StringColumn(String name, String[] values) {
        super(name, ColumnType.STRING, values);
    }
}
