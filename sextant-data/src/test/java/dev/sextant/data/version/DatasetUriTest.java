package dev.sextant.data.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DatasetUriTest {

    @Test
    void parsesAVersionAndLatest() {
        assertThat(DatasetUri.parse("datasets:/holdout/2")).isEqualTo(new DatasetUri("holdout", OptionalLong.of(2)));
        assertThat(DatasetUri.parse("datasets:/weather-2015.v1@latest"))
                .isEqualTo(new DatasetUri("weather-2015.v1", OptionalLong.empty()));
        assertThat(DatasetUri.parse("datasets:/holdout/2")).hasToString("datasets:/holdout/2");
        assertThat(DatasetUri.parse("datasets:/holdout@latest")).hasToString("datasets:/holdout@latest");
    }

    @Test
    void refusesWhatIsNotAVersionSayingHowToWriteOne() {
        for (String text : new String[] {"datasets:/holdout", "datasets:/holdout/0", "datasets:/holdout/x",
                "datasets:/../etc/1", "datasets://1", "models:/holdout/1", "datasets:/a b/1", "datasets:/holdout@2"}) {
            assertThatThrownBy(() -> DatasetUri.parse(text)).as(text).isInstanceOf(SextantException.class)
                    .hasMessageContaining("dataset");
        }
    }
}
