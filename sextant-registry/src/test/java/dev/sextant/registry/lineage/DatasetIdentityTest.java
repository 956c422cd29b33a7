package dev.sextant.registry.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.tracking.Dataset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

final class DatasetIdentityTest {
    private static final String SHA256 = sha256("location,weather\nSeattle,rain\n");

    @Test
    void aTrainingInputAndAnEvaluationOfTheSameVersionAreOneNode() {
        Dataset trained = new Dataset("holdout-v2", SHA256.substring(0, 32), "sextant_dataset",
                "{\"uri\":\"datasets:/holdout/2\"}", "{}", "{\"num_rows\":1,\"sha256\":\"" + SHA256 + "\"}");
        DatasetIdentity fromRun = DatasetIdentity.of(trained);
        DatasetIdentity fromEvaluation = DatasetIdentity.of(
                new EvaluationReferences.EvaluatedOn("datasets:/holdout/2", "holdout", SHA256));

        assertThat(fromRun).isEqualTo(fromEvaluation);
        assertThat(fromRun.nodeId()).isEqualTo("dataset:" + SHA256);
        assertThat(fromRun.name()).isEqualTo("holdout");
        assertThat(fromRun.source()).isEqualTo("datasets:/holdout/2");
    }

    @Test
    void aLocalFileTrainedOnIsKeyedByItsWholeDigestToo() {
        Dataset local = new Dataset("weather", SHA256.substring(0, 32), "local", "{\"uri\":\"/data/weather.csv\"}",
                "{}", "{\"sha256\":\"" + SHA256 + "\"}");

        assertThat(DatasetIdentity.of(local)).isEqualTo(new DatasetIdentity(SHA256, "weather", "local",
                "{\"uri\":\"/data/weather.csv\"}"));
    }

    @Test
    void aProfileDigestThatDoesNotExtendTheRecordedOneIsNotTrusted() {
        String other = sha256("something else");
        Dataset mismatched = new Dataset("d", SHA256.substring(0, 32), "local", "", "", "{\"sha256\":\"" + other + "\"}");
        Dataset shortInProfile = new Dataset("d", "abcd", "local", "", "", "{\"sha256\":\"abcd\"}");
        Dataset fromMlflow = new Dataset("d", "8c1a6b5f", "http", "{\"url\":\"https://example.org/d.csv\"}", "", "");
        Dataset notJson = new Dataset("d", "8c1a6b5f", "local", "/tmp/d.csv", "", "num_rows=3");

        assertThat(DatasetIdentity.of(mismatched).key()).isEqualTo(SHA256.substring(0, 32));
        assertThat(DatasetIdentity.of(shortInProfile).key()).isEqualTo("abcd");
        assertThat(DatasetIdentity.of(fromMlflow).nodeId()).isEqualTo("dataset:8c1a6b5f");
        assertThat(DatasetIdentity.of(notJson).source()).isEqualTo("/tmp/d.csv");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
