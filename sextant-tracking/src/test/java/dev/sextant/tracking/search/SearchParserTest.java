package dev.sextant.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sextant.api.ErrorCode;
import dev.sextant.api.SextantException;
import dev.sextant.tracking.search.SearchParser.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchParserTest {

    @Test
    void parsesEveryEntityAndOperatorOfARunFilter() {
        List<Comparison> filter = SearchParser.parseFilter(Target.RUNS,
                "metrics.acc >= 0.9 AND params.lr = '0.01' and tags.`mlflow.user` LIKE 'ann%' "
                        + "and attributes.status IN ('FINISHED', \"RUNNING\") and attribute.start_time < 1700000000000 "
                        + "and tags.mlflow.source.git.commit != 'abc' and datasets.digest = 'd1' and run_name ILIKE '%X%'");

        assertThat(filter).containsExactly(
                new Comparison(Entity.METRIC, "acc", Operator.GE, new Operand.Number(0.9)),
                new Comparison(Entity.PARAM, "lr", Operator.EQ, new Operand.Text("0.01")),
                new Comparison(Entity.TAG, "mlflow.user", Operator.LIKE, new Operand.Text("ann%")),
                new Comparison(Entity.ATTRIBUTE, "status", Operator.IN,
                        new Operand.TextList(List.of("FINISHED", "RUNNING"))),
                new Comparison(Entity.ATTRIBUTE, "start_time", Operator.LT, new Operand.Number(1.7e12)),
                new Comparison(Entity.TAG, "mlflow.source.git.commit", Operator.NE, new Operand.Text("abc")),
                new Comparison(Entity.DATASET, "digest", Operator.EQ, new Operand.Text("d1")),
                new Comparison(Entity.ATTRIBUTE, "run_name", Operator.ILIKE, new Operand.Text("%X%")));
    }

    @Test
    void quotedKeysMayHoldAnyCharacterAndQuotesEscapeByDoubling() {
        List<Comparison> filter = SearchParser.parseFilter(Target.RUNS,
                "metrics.\"val loss/epoch\" < -1e-3 and params.`my-param` = 'it''s'");

        assertThat(filter).containsExactly(
                new Comparison(Entity.METRIC, "val loss/epoch", Operator.LT, new Operand.Number(-0.001)),
                new Comparison(Entity.PARAM, "my-param", Operator.EQ, new Operand.Text("it's")));
    }

    @Test
    void blankFilterMeansNoClauses() {
        assertThat(SearchParser.parseFilter(Target.RUNS, "  ")).isEmpty();
    }

    @Test
    void experimentFiltersAllowNameAndTagsButNotMetrics() {
        assertThat(SearchParser.parseFilter(Target.EXPERIMENTS, "name LIKE 'churn%' and tags.team = 'a'"))
                .containsExactly(
                        new Comparison(Entity.ATTRIBUTE, "name", Operator.LIKE, new Operand.Text("churn%")),
                        new Comparison(Entity.TAG, "team", Operator.EQ, new Operand.Text("a")));
        assertInvalid(Target.EXPERIMENTS, "metrics.acc > 1", "experiment search");
    }

    @Test
    void rejectsMalformedFiltersWithAMessageThatSaysWhatToFix() {
        assertInvalid(Target.RUNS, "metrics.acc > 'high'", "numeric value");
        assertInvalid(Target.RUNS, "params.lr = 0.1", "quoted string");
        assertInvalid(Target.RUNS, "metrics.acc > 1 or metrics.acc < 0", "Only AND");
        assertInvalid(Target.RUNS, "params.lr = 'unterminated", "Unterminated quote");
        assertInvalid(Target.RUNS, "attributes.colour = 'red'", "Invalid attribute key");
        assertInvalid(Target.RUNS, "metrics.acc LIKE '1%'", "not supported for numeric");
        assertInvalid(Target.RUNS, "params.lr > '1'", "not supported for string");
        assertInvalid(Target.RUNS, "metrics.acc >", "Unexpected end");
        assertInvalid(Target.RUNS, "params.lr IN 'a'", "Expected '('");
        assertInvalid(Target.RUNS, "datasets.colour = 'x'", "Invalid dataset key");
        assertInvalid(Target.RUNS, "metrics.acc ~ 1", "Invalid character");
    }

    @Test
    void parsesOrderByClauses() {
        assertThat(SearchParser.parseOrderBy(Target.RUNS,
                List.of("metrics.acc DESC", "params.`lr`", "start_time asc", "")))
                .containsExactly(
                        new OrderBy(Entity.METRIC, "acc", false),
                        new OrderBy(Entity.PARAM, "lr", true),
                        new OrderBy(Entity.ATTRIBUTE, "start_time", true));
        assertThatThrownBy(() -> SearchParser.parseOrderBy(Target.RUNS, List.of("metrics.acc DOWN")))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining("[ASC|DESC]");
    }

    private static void assertInvalid(Target target, String filter, String expectedFragment) {
        assertThatThrownBy(() -> SearchParser.parseFilter(target, filter))
                .isInstanceOf(SextantException.class)
                .hasMessageContaining(expectedFragment)
                .satisfies(e -> assertThat(((SextantException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
}
