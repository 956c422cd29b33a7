package dev.sextant.server.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RequestRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void countsTheLargestFirstDimensionOfTheInferenceInputs() throws Exception {
        assertThat(RequestRows.oip(json("{\"inputs\": [{\"name\": \"a\", \"shape\": [3, 2]},"
                + " {\"name\": \"b\", \"shape\": [7]}]}"))).isEqualTo(7);
        assertThat(RequestRows.oip(json("{\"inputs\": [{\"name\": \"a\", \"shape\": []}]}"))).isZero();
        assertThat(RequestRows.oip(json("{\"inputs\": \"nonsense\"}"))).isZero();
    }

    @Test
    void countsTheRowsOfEveryScoringFormat() throws Exception {
        assertThat(RequestRows.scoring(json("{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1], [2]]}}")))
                .isEqualTo(2);
        assertThat(RequestRows.scoring(json("{\"dataframe_records\": [{\"a\": 1}, {\"a\": 2}, {\"a\": 3}]}")))
                .isEqualTo(3);
        assertThat(RequestRows.scoring(json("{\"instances\": [[1, 2]]}"))).isEqualTo(1);
        assertThat(RequestRows.scoring(json("{\"inputs\": [[1, 2], [3, 4]]}"))).isEqualTo(2);
        assertThat(RequestRows.scoring(json("{\"inputs\": {\"a\": [1, 2, 3, 4], \"b\": [1]}}"))).isEqualTo(4);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
