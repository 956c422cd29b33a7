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
