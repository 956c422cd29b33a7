package dev.sextant.data.read;

import dev.sextant.api.SextantException;
import java.nio.file.Path;
import java.util.Locale;

/** File formats the reader understands, recognised by file name. */
public enum DataFormat {
    CSV("read_csv_auto"), PARQUET("read_parquet");

    private final String tableFunction;

    DataFormat(String tableFunction) {
        this.tableFunction = tableFunction;
    }

    String tableFunction() {
        return tableFunction;
    }

    /** The lower-case name used on the wire and in URIs: {@code csv} or {@code parquet}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file name ending the reader recognises this format by. */
    public String extension() {
        return "." + wireName();
    }

    /** A format by its wire name ({@code csv} or {@code parquet}, any case). */
    public static DataFormat parse(String text) {
        for (DataFormat format : values()) {
            if (format.wireName().equalsIgnoreCase(text.strip())) {
                return format;
            }
        }
        throw SextantException.invalid("Unknown data format '" + text + "': use csv or parquet.");
    }

    public static DataFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv")) {
            return CSV;
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return PARQUET;
        }
        throw SextantException.invalid("Cannot tell the format of '" + file.getFileName()
                + "': name a file ending in .csv, .csv.gz, .tsv, .parquet or .pq.");
    }
}
