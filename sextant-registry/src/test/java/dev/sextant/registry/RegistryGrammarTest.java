package dev.sextant.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.Operand;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import dev.sextant.tracking.search.PageToken;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RegistryGrammarTest {

    @Test
    void modelVersionFiltersUseMlflowsAttributes() {
        RegistryQuery query = RegistryGrammar.versions(new RegistrySearch(
                "name = 'churn' and version_number >= 2 and run_id IN ('a', 'b') and source_path LIKE 'runs:/%'"
                        + " and tags.`stage.owner` = 'ml'",
                List.of("version_number DESC", "timestamp"), OptionalLong.empty(), PageToken.encode(20)));

        assertThat(query.filter()).containsExactly(
                new Comparison(Entity.ATTRIBUTE, "name", Operator.EQ, new Operand.Text("churn")),
                new Comparison(Entity.ATTRIBUTE, "version_number", Operator.GE, new Operand.Number(2)),
                new Comparison(Entity.ATTRIBUTE, "run_id", Operator.IN, new Operand.TextList(List.of("a", "b"))),
                new Comparison(Entity.ATTRIBUTE, "source_path", Operator.LIKE, new Operand.Text("runs:/%")),
                new Comparison(Entity.TAG, "stage.owner", Operator.EQ, new Operand.Text("ml")));
        assertThat(query.orderBy()).containsExactly(new OrderBy(Entity.ATTRIBUTE, "version_number", false),
                new OrderBy(Entity.ATTRIBUTE, "last_updated_timestamp", true));
        assertThat(query.offset()).isEqualTo(20);
        assertThat(query.limit()).isEqualTo(RegistryGrammar.VERSIONS_DEFAULT_RESULTS);
    }

    @Test
    void registeredModelSearchDefaultsToAHundredAndStopsAtAThousand() {
        assertThat(RegistryGrammar.models(search("", 0)).limit()).isEqualTo(100);
        assertThat(RegistryGrammar.models(new RegistrySearch("", List.of(), OptionalLong.of(1000), "")).limit())
                .isEqualTo(1000);
        assertInvalid(() -> RegistryGrammar.models(new RegistrySearch("", List.of(), OptionalLong.of(1001), "")),
                "It must be at most 1000, but got value 1001");
        assertInvalid(() -> RegistryGrammar.versions(new RegistrySearch("", List.of(), OptionalLong.of(200_001), "")),
                "It must be at most 200000, but got value 200001");
        assertInvalid(() -> RegistryGrammar.models(new RegistrySearch("", List.of(), OptionalLong.of(0), "")),
                "It must be a positive integer");
    }

    @Test
    void refusesEntitiesAndAttributesTheRegistryDoesNotHave() {
        assertInvalid(() -> RegistryGrammar.models(search("metrics.acc > 1", 0)), "registered model search");
        assertInvalid(() -> RegistryGrammar.models(search("run_id = 'x'", 0)), "Invalid attribute key 'run_id'");
        assertInvalid(() -> RegistryGrammar.versions(search("params.a = 'x'", 0)), "model version search");
        assertInvalid(() -> RegistryGrammar.versions(new RegistrySearch("", List.of("tags.x"), OptionalLong.empty(),
                "")), "model version search");
        assertInvalid(() -> RegistryGrammar.versions(search("version_number = 'two'", 0)), "numeric value");
    }

    private static RegistrySearch search(String filter, int ignored) {
        return new RegistrySearch(filter, List.of(), OptionalLong.empty(), "");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(SextantException.class).hasMessageContaining(message);
    }
}
