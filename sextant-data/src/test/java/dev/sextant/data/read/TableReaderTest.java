package dev.sextant.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.data.table.ColumnSummary;
import dev.sextant.data.table.ColumnType;
import dev.sextant.data.table.DataTable;
import dev.sextant.data.table.DateColumn;
import dev.sextant.data.table.NumericColumn;
import dev.sextant.data.table.StringColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderTest {
    private final TableReader reader = new TableReader();

    @TempDir
    Path dir;

    @Test
    void readsTheSeattleWeatherCsvWithTypedColumns() {
        Dataset dataset = reader.read(SharedData.file("seattle-weather.csv"));
        DataTable table = dataset.table();

        assertThat(dataset.name()).isEqualTo("seattle-weather");
        assertThat(dataset.format()).isEqualTo(DataFormat.CSV);
        assertThat(table.rowCount()).isEqualTo(1461);
        assertThat(table.schema()).extracting(ColumnSummary::name, ColumnSummary::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("date", ColumnType.DATE),
                org.assertj.core.groups.Tuple.tuple("precipitation", ColumnType.NUMERIC),
                org.assertj.core.groups.Tuple.tuple("temp_max", ColumnType.NUMERIC),
                org.assertj.core.groups.Tuple.tuple("temp_min", ColumnType.NUMERIC),
                org.assertj.core.groups.Tuple.tuple("wind", ColumnType.NUMERIC),
                org.assertj.core.groups.Tuple.tuple("weather", ColumnType.STRING));
        assertThat(((DateColumn) table.require("date")).value(0)).contains(LocalDate.of(2012, 1, 1));
        assertThat(((StringColumn) table.require("weather")).value(0)).contains("drizzle");
        assertThat(((NumericColumn) table.require("temp_max")).value(0)).isEqualTo(12.8);
        ColumnSummary weather = table.schema().get(5);
        assertThat(weather.distinct()).isEqualTo(5);
        assertThat(weather.nulls()).isZero();
    }

    @Test
    void digestIsTheSha256OfTheFileBytes() throws Exception {
        Path original = SharedData.file("seattle-weather.csv");
        Path copy = dir.resolve("copy.csv");
        Files.copy(original, copy);
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(original)));

        assertThat(reader.read(original).sha256()).isEqualTo(expected).hasSize(64);
        assertThat(reader.read(copy).sha256()).isEqualTo(expected);
        Files.writeString(copy, Files.readString(original).replace("drizzle", "rain"));
        assertThat(reader.read(copy).sha256()).isNotEqualTo(expected);
    }

    @Test
    void readsParquetWrittenByDuckDb() throws Exception {
        Path parquet = dir.resolve("weather.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv_auto('" + SharedData.file("seattle-weather.csv")
                    + "') WHERE year(date) = 2013) TO '" + parquet + "' (FORMAT PARQUET)");
        }
        Dataset dataset = reader.read(parquet);

        assertThat(dataset.format()).isEqualTo(DataFormat.PARQUET);
        assertThat(dataset.table().rowCount()).isEqualTo(365);
        assertThat(dataset.table().require("date").type()).isEqualTo(ColumnType.DATE);
        assertThat(((DateColumn) dataset.table().require("date")).value(364)).contains(LocalDate.of(2013, 12, 31));
    }

    @Test
    void keepsMissingValuesAndReadsBooleansAndTimestamps() throws Exception {
        Path csv = dir.resolve("messy.csv");
        Files.writeString(csv, """
                id,amount,city,active,seen_at
                a1,1.5,Paris,true,2024-01-02 03:04:05
                a2,,Lyon,false,
                a3,2.5,,true,2024-02-03 00:00:00
                """);
        DataTable table = reader.read(csv).table();

        NumericColumn amount = (NumericColumn) table.require("amount");
        assertThat(amount.isNull(1)).isTrue();
        assertThat(amount.value(1)).isNaN();
        assertThat(amount.value(2)).isEqualTo(2.5);
        assertThat(table.require("city").isNull(2)).isTrue();
        assertThat(table.require("active").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(table.require("seen_at").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(table.require("seen_at").text(0)).isEqualTo("2024-01-02T03:04:05");
        assertThat(table.schema()).extracting(ColumnSummary::nulls).containsExactly(0, 1, 1, 0, 1);
    }

    @Test
    void missingFileIsNotFound() {
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.csv")))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST))
                .hasMessageContaining("No data file at").hasMessageContaining("nope.csv");
    }

    @Test
    void unknownFormatSaysWhichAreKnown() throws Exception {
        Path file = Files.writeString(dir.resolve("data.xlsx"), "x");
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("data.xlsx").hasMessageContaining(".parquet");
    }

    @Test
    void headerOnlyFileIsAnEmptyTableError() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.csv"), "a,b\n");
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(SextantException.class)
                .hasMessageContaining("holds no rows");
    }

    @Test
    void corruptParquetIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.parquet"), "not parquet at all");
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageContaining("Could not read 'broken.parquet' as PARQUET");
    }

    @Test
    void unknownColumnListsTheColumns() {
        DataTable table = reader.read(SharedData.file("seattle-weather.csv")).table();
        assertThatThrownBy(() -> table.require("rainfall")).isInstanceOf(SextantException.class)
                .hasMessageContaining("No column 'rainfall'").hasMessageContaining("temp_max");
    }

    @Test
    void headerGivesTheTypesReadWouldGiveWithoutTheRows() throws Exception {
        Path weather = SharedData.file("seattle-weather.csv");
        Path csv = Files.writeString(dir.resolve("messy.csv"), """
                id,amount,active,seen_at
                a1,1.5,true,2024-01-02 03:04:05
                a2,,false,
                """);

        assertThat(reader.header(weather)).extracting(ColumnHeader::name, ColumnHeader::type)
                .containsExactlyElementsOf(reader.read(weather).table().schema().stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.type())).toList());
        assertThat(reader.header(csv)).extracting(ColumnHeader::type).containsExactly(ColumnType.STRING,
                ColumnType.NUMERIC, ColumnType.BOOLEAN, ColumnType.TIMESTAMP);
        assertThatThrownBy(() -> reader.header(dir.resolve("nope.csv")))
                .isInstanceOfSatisfying(SextantException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }
}
