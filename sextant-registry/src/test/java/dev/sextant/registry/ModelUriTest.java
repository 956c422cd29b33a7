package dev.sextant.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import org.junit.jupiter.api.Test;

class ModelUriTest {

    @Test
    void parsesEveryRegistryForm() {
        assertThat(ModelUri.parse("models:/churn/3")).isEqualTo(new ModelUri.Version("churn", 3));
        assertThat(ModelUri.parse("models:/churn@champion")).isEqualTo(new ModelUri.Alias("churn", "champion"));
        assertThat(ModelUri.parse("models:/churn/production"))
                .isEqualTo(new ModelUri.LatestInStage("churn", Stage.PRODUCTION));
        assertThat(ModelUri.parse("models:/churn/None")).isEqualTo(new ModelUri.LatestInStage("churn", Stage.NONE));
        assertThat(ModelUri.parse("models:/churn/Latest")).isEqualTo(new ModelUri.Latest("churn"));
        assertThat(ModelUri.parse("models:/my model.v2/12")).isEqualTo(new ModelUri.Version("my model.v2", 12));
    }

    @Test
    void anAtSignInTheNameIsAllowedAndTheLastOneStartsTheAlias() {
        assertThat(ModelUri.parse("models:/team@x@prod")).isEqualTo(new ModelUri.Alias("team@x", "prod"));
        assertThat(ModelUri.parse("models:/team@x/2")).isEqualTo(new ModelUri.Version("team@x", 2));
    }

    @Test
    void parsesRunArtifacts() {
        assertThat(ModelUri.parse("runs:/0123abcd/model")).isEqualTo(new ModelUri.RunArtifact("0123abcd", "model"));
        assertThat(ModelUri.parse("runs:/0123abcd/nested/model/")).isEqualTo(
                new ModelUri.RunArtifact("0123abcd", "nested/model"));
        assertThat(ModelUri.parse("runs:/0123abcd")).isEqualTo(new ModelUri.RunArtifact("0123abcd", ""));
    }

    @Test
    void canonicalSpellingRoundTrips() {
        for (String uri : new String[] {"models:/m/7", "models:/m@best", "models:/m/Staging", "models:/m/latest",
                "runs:/abc/model"}) {
            assertThat(ModelUri.parse(uri).uri()).isEqualTo(uri);
        }
    }

    @Test
    void refusesWhatIsNotAModelUriWithTheFormsThatExist() {
        assertInvalid("s3://bucket/model", "neither a models:/ nor a runs:/ URI");
        assertInvalid("models:/churn", "names no version");
        assertInvalid("models:/churn/", "exactly one version");
        assertInvalid("models:/churn/3/extra", "exactly one version");
        assertInvalid("models:/churn/Shipping", "'Shipping' is not a version number, a stage");
        assertInvalid("models:/churn/0", "not a valid version number");
        assertInvalid("models:/churn/99999999999999999999999", "not a valid version number");
        assertInvalid("models:/churn@", "alias after '@' is empty");
        assertInvalid("models:/@prod", "model name is empty");
        assertInvalid("models:///churn/1", "not supported");
        assertInvalid("runs:/", "run id is missing");
    }

    private static void assertInvalid(String uri, String detail) {
        assertThatThrownBy(() -> ModelUri.parse(uri)).isInstanceOfSatisfying(SextantException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).contains(uri).contains(detail).contains("models:/<name>@<alias>");
        });
    }
}
