package dev.sextant.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.data.table.ColumnType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TableReader#shape}: what a dataset version records, counted by the database. */
class TableShapeTest {
    private final TableReader reader = new TableReader();

    @TempDir
    Path dir;

    @Test
    void countsRowsAndTypesColumnsOfCsvAndParquetAlike() throws Exception {
        Path csv = SharedData.file("seattle-weather.csv");
        TableShape fromCsv = reader.shape(csv);
        assertThat(fromCsv.rows()).isEqualTo(Files.readAllLines(csv).size() - 1);
        assertThat(fromCsv.columns()).extracting(ColumnHeader::name)
                .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
        assertThat(fromCsv.columns().get(0).type()).isEqualTo(ColumnType.DATE);
        assertThat(fromCsv.columns().get(2).type()).isEqualTo(ColumnType.NUMERIC);

        Path parquet = dir.resolve("weather.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv_auto('" + csv + "') WHERE year(date) = 2015) TO '"
                    + parquet + "' (FORMAT PARQUET)");
        }
        TableShape fromParquet = reader.shape(parquet);
        assertThat(fromParquet.rows()).isEqualTo(365);
        assertThat(fromParquet.columns()).isEqualTo(fromCsv.columns());
    }

    @Test
    void refusesFilesWithoutRowsAndBytesOfAnotherFormat() throws Exception {
        Path headerOnly = Files.writeString(dir.resolve("empty.csv"), "a,b\n");
        assertThatThrownBy(() -> reader.shape(headerOnly)).isInstanceOfSatisfying(SextantException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).contains("'empty.csv' holds no rows");
        });
        Path fake = Files.writeString(dir.resolve("fake.parquet"), "a,b\n1,2\n");
        assertThatThrownBy(() -> reader.shape(fake)).isInstanceOfSatisfying(SextantException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).contains("Could not read 'fake.parquet' as PARQUET");
        });
    }
}
