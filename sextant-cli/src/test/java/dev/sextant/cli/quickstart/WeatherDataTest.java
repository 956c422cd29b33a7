package dev.sextant.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeatherDataTest {

    @Test
    void theShippedDataSplitsIntoThreeYearsToTrainOnAndTwentyFifteenHeldOut() {
        WeatherData data = WeatherData.bundled();

        assertThat(data.trainDays()).isEqualTo(366 + 365 + 365);
        assertThat(data.trainYears()).isEqualTo("2012–2014");
        List<WeatherData.Day> holdout = data.holdoutDays();
        assertThat(holdout).hasSize(365).allSatisfy(day -> assertThat(day.date()).startsWith("2015-"));
        assertThat(data.trainCsv().lines().skip(1)).hasSize(1096).noneMatch(line -> line.startsWith("2015-"));
        assertThat(data.trainCsv()).startsWith(WeatherData.HEADER + "\n");
        assertThat(data.holdoutCsv().lines()).hasSize(366).first().isEqualTo(WeatherData.HEADER);
        assertThat(holdout).extracting(WeatherData.Day::weather).isSubsetOf("drizzle", "fog", "rain", "snow", "sun");
    }

    @Test
    void readsEachColumnOfADay() {
        WeatherData data = WeatherData.parse(WeatherData.HEADER + "\n2014-12-31,0.0,3.3,-2.7,3.0,sun\n"
                + "2015-01-02,1.5,5.6,-3.2,2.5,rain\n");

        assertThat(data.trainDays()).isEqualTo(1);
        assertThat(data.holdoutDays()).containsExactly(new WeatherData.Day("2015-01-02", 1.5f, 5.6f, -3.2f, 2.5f, "rain"));
    }

    @Test
    void refusesDataWithOtherColumns() {
        assertThatThrownBy(() -> WeatherData.parse("date,weather\n2015-01-01,sun\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(WeatherData.HEADER);
        assertThatThrownBy(() -> WeatherData.parse(WeatherData.HEADER + "\n2015-01-01,0.0,sun\n").holdoutDays())
                .hasMessageContaining("3 cells, not 6");
    }

    @Test
    void theShippedPolicyGatesProductionAndNamesItsReviewers() {
        PolicySummary summary = PolicySummary.of(WeatherData.releasePolicy(), "Production");

        assertThat(summary.gates()).isEqualTo(7);
        assertThat(summary.approvalSet()).isEqualTo("production-signoff");
        assertThat(summary.reviewers()).isEqualTo("role ml-engineer, domain weather, domain compliance");
        assertThat(PolicySummary.of(WeatherData.releasePolicy(), "Staging").gates()).isZero();
    }
}
