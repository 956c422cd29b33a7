package dev.sextant.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.tracking.Tag;
import org.junit.jupiter.api.Test;

class RegistryRulesTest {

    @Test
    void aliasesFollowMlflowsRules() {
        assertThatCode(() -> RegistryRules.alias("champion")).doesNotThrowAnyException();
        assertThatCode(() -> RegistryRules.alias("prod-2024_b")).doesNotThrowAnyException();
        assertThatCode(() -> RegistryRules.alias("vnext")).doesNotThrowAnyException();
        assertInvalid(() -> RegistryRules.alias(""), "Registered model alias name cannot be empty.");
        assertInvalid(() -> RegistryRules.alias("has space"), "Invalid alias name: 'has space'.");
        assertInvalid(() -> RegistryRules.alias("a.b"), "Invalid alias name: 'a.b'.");
        assertInvalid(() -> RegistryRules.alias("x".repeat(256)),
                "'Registered model alias name' exceeds the maximum length of 255 characters");
        assertInvalid(() -> RegistryRules.alias("LaTeSt"), "'latest' alias name (case insensitive) is reserved.");
        assertInvalid(() -> RegistryRules.alias("v3"), "Version alias name 'v3' is reserved.");
        assertInvalid(() -> RegistryRules.alias("V12"), "Version alias name 'V12' is reserved.");
    }

    @Test
    void modelNamesCannotHoldUriSeparators() {
        assertThatCode(() -> RegistryRules.modelName("churn model.v2", "name")).doesNotThrowAnyException();
        assertInvalid(() -> RegistryRules.modelName("", "name"), "Missing value for required parameter 'name'");
        assertInvalid(() -> RegistryRules.modelName("  ", "new_name"), "Missing value for required parameter 'new_name'");
        assertInvalid(() -> RegistryRules.modelName("a/b", "name"), "Names cannot contain '/' or ':'.");
        assertInvalid(() -> RegistryRules.modelName("a:b", "name"), "Names cannot contain '/' or ':'.");
        assertInvalid(() -> RegistryRules.modelName("..", "name"), "must not resolve to other names");
    }

    @Test
    void versionsAreDecimalNumbers() {
        assertThat(RegistryRules.version("42")).isEqualTo(42);
        assertInvalid(() -> RegistryRules.version("abc"), "Parameter 'version' must be an integer, got 'abc'.");
        assertInvalid(() -> RegistryRules.version("0"), "must be a positive integer");
        assertInvalid(() -> RegistryRules.version(""), "Missing value for required parameter 'version'");
    }

    @Test
    void tagsHaveMlflowsRegistryLimits() {
        assertThatCode(() -> RegistryRules.tag(new Tag("team:owner", "v".repeat(100_000)))).doesNotThrowAnyException();
        assertInvalid(() -> RegistryRules.tag(new Tag("k", "v".repeat(100_001))),
                "'value' exceeds the maximum length of 100000 characters");
        assertInvalid(() -> RegistryRules.tag(new Tag("k".repeat(251), "v")),
                "'key' exceeds the maximum length of 250 characters");
        assertInvalid(() -> RegistryRules.tag(new Tag("bad*key", "v")), "Names may only contain");
        assertInvalid(() -> RegistryRules.tag(new Tag("../up", "v")), "must not resolve to other names");
    }

    @Test
    void stagesParseCaseInsensitivelyAndNameTheValidOnes() {
        assertThat(Stage.parse("production")).isEqualTo(Stage.PRODUCTION);
        assertThat(Stage.parse("NONE")).isEqualTo(Stage.NONE);
        assertInvalid(() -> Stage.parse("Prod"),
                "Invalid Model Version stage: Prod. Value must be one of None, Staging, Production, Archived.");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SextantException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
