package dev.sextant.cli.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Seattle weather data shipped with the project ({@code examples/weather}, inside the jar):
 * 2012–2014 to train on, 2015 held out for evaluation and for the traffic sent to deployments.
 */
final class WeatherData {
    static final String ATTRIBUTION = "vega-datasets, BSD-3-Clause; NOAA observations";
    static final String HOLDOUT_YEAR = "2015";
    static final String HEADER = "date,precipitation,temp_max,temp_min,wind,weather";
    static final String TARGET = "weather";
    private static final String RESOURCE = "weather/seattle-weather.csv";
    private static final String POLICY = "weather/release-policy.yaml";

    private final List<String> train;
    private final List<String> holdout;

    /** One day of the holdout, as the model takes it (and the truth). */
    record Day(String date, float precipitation, float tempMax, float tempMin, float wind, String weather) {
    }

    private WeatherData(List<String> train, List<String> holdout) {
        this.train = List.copyOf(train);
        this.holdout = List.copyOf(holdout);
    }

    /** The copy inside the jar. */
    static WeatherData bundled() {
        return parse(resource(RESOURCE));
    }

    /** The release policy shipped beside the data ({@code examples/weather/release-policy.yaml}). */
    static String releasePolicy() {
        return resource(POLICY);
    }

    private static String resource(String name) {
        try (InputStream in = WeatherData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The example file " + name + " is missing from the build; rebuild "
                        + "with 'mvn -pl sextant-cli -am package'.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the example file " + name, e);
        }
    }

    static WeatherData parse(String csv) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
            throw new IllegalStateException("The example data should start with '" + HEADER + "'.");
        }
        List<String> train = new ArrayList<>();
        List<String> holdout = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            (line.startsWith(HOLDOUT_YEAR + "-") ? holdout : train).add(line);
        }
        return new WeatherData(train, holdout);
    }

    String trainCsv() {
        return csv(train);
    }

    String holdoutCsv() {
        return csv(holdout);
    }

    int trainDays() {
        return train.size();
    }

    /** The first and last year of the training days, e.g. 2012–2014. */
    String trainYears() {
        return train.isEmpty() ? "" : train.getFirst().substring(0, 4) + "–" + train.getLast().substring(0, 4);
    }

    List<Day> holdoutDays() {
        return holdout.stream().map(WeatherData::day).toList();
    }

    private static Day day(String line) {
        String[] cells = line.split(",", -1);
        if (cells.length != 6) {
            throw new IllegalStateException("A row of the example data has " + cells.length + " cells, not 6: " + line);
        }
        return new Day(cells[0], Float.parseFloat(cells[1]), Float.parseFloat(cells[2]), Float.parseFloat(cells[3]),
                Float.parseFloat(cells[4]), cells[5]);
    }

    private static String csv(List<String> rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }
}
