package dev.sextant.store.jdbc;

import static dev.sextant.store.jdbc.SearchTerms.asc;
import static dev.sextant.store.jdbc.SearchTerms.onAttribute;
import static dev.sextant.store.jdbc.SearchTerms.desc;
import static dev.sextant.store.jdbc.SearchTerms.onTag;
import static dev.sextant.store.jdbc.StoreFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.ErrorCode;
import dev.sextant.tracking.Experiment;
import dev.sextant.tracking.LifecycleStage;
import dev.sextant.tracking.Tag;
import dev.sextant.tracking.ViewType;
import dev.sextant.tracking.search.Comparison;
import dev.sextant.tracking.search.Entity;
import dev.sextant.tracking.search.ExperimentQuery;
import dev.sextant.tracking.search.Operator;
import dev.sextant.tracking.search.OrderBy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Experiments 1 "alpha" (created 300, tag owner=ann), 2 "Beta" (created 100, owner=bo),
 * 3 "gamma-ray" (created 200, no tags), 4 "delta" (created 200, deleted).
 */
interface ExperimentSearchContract extends StoreFixture {

    default void fourExperiments() {
        store().createExperiment("alpha", "", ROOT, List.of(new Tag("owner", "ann")), 300);
        store().createExperiment("Beta", "", ROOT, List.of(new Tag("owner", "bo")), 100);
        store().createExperiment("gamma-ray", "", ROOT, List.of(), 200);
        String deleted = store().createExperiment("delta", "", ROOT, List.of(), 200);
        store().setExperimentLifecycle(deleted, LifecycleStage.DELETED, 400);
    }

    default List<String> names(ViewType view, List<Comparison> filter, List<OrderBy> order) {
        return store().searchExperiments(new ExperimentQuery(filter, order, view, 0, 100)).stream()
                .map(Experiment::name).toList();
    }

    default List<String> names(Comparison... filter) {
        return names(ViewType.ACTIVE_ONLY, Arrays.asList(filter), List.of());
    }

    @Test
    default void defaultOrderIsCreationTimeDescendingThenId() {
        fourExperiments();
        assertThat(names()).containsExactly("alpha", "gamma-ray", "Beta");
        assertThat(names(ViewType.ALL, List.of(), List.of())).containsExactly("alpha", "gamma-ray", "delta", "Beta");
        assertThat(names(ViewType.DELETED_ONLY, List.of(), List.of())).containsExactly("delta");
    }

    @Test
    default void filtersOnNameTimesAndTags() {
        fourExperiments();
        assertThat(names(onAttribute("name", Operator.EQ, "Beta"))).containsExactly("Beta");
        assertThat(names(onAttribute("name", Operator.NE, "Beta"))).containsExactly("alpha", "gamma-ray");
        assertThat(names(onAttribute("name", Operator.LIKE, "%a"))).containsExactly("alpha", "Beta");
        assertThat(names(onAttribute("name", Operator.LIKE, "b%"))).isEmpty();
        assertThat(names(onAttribute("name", Operator.ILIKE, "b%"))).containsExactly("Beta");
        assertThat(names(onAttribute("creation_time", Operator.GE, 200))).containsExactly("alpha", "gamma-ray");
        assertThat(names(onAttribute("last_update_time", Operator.LT, 200))).containsExactly("Beta");
        assertThat(names(onTag("owner", Operator.EQ, "ann"))).containsExactly("alpha");
        assertThat(names(onTag("owner", Operator.NE, "ann"))).containsExactly("Beta");
        assertThat(names(onTag("owner", Operator.LIKE, "%"))).containsExactly("alpha", "Beta");
        assertThat(names(onTag("owner", Operator.ILIKE, "B_"), onAttribute("name", Operator.LIKE, "B%")))
                .containsExactly("Beta");
    }

    @Test
    default void explicitOrderThenId() {
        fourExperiments();
        assertThat(names(ViewType.ALL, List.of(), List.of(asc(Entity.ATTRIBUTE, "name"))))
                .containsExactly("Beta", "alpha", "delta", "gamma-ray");
        assertThat(names(ViewType.ACTIVE_ONLY, List.of(), List.of(desc(Entity.ATTRIBUTE, "experiment_id"))))
                .containsExactly("gamma-ray", "Beta", "alpha");
        assertThat(names(ViewType.ALL, List.of(), List.of(asc(Entity.ATTRIBUTE, "creation_time"))))
                .containsExactly("Beta", "gamma-ray", "delta", "alpha");
        assertThat(names(ViewType.ALL, List.of(), List.of(desc(Entity.ATTRIBUTE, "last_update_time"))))
                .containsExactly("delta", "alpha", "gamma-ray", "Beta");
    }

    @Test
    default void experimentsArePagedWithTheirTags() {
        fourExperiments();
        List<Experiment> page = store().searchExperiments(new ExperimentQuery(List.of(), List.of(),
                ViewType.ACTIVE_ONLY, 1, 2));
        assertThat(page).extracting(Experiment::name).containsExactly("gamma-ray", "Beta");
        assertThat(page.get(1).tags()).containsExactly(new Tag("owner", "bo"));
        assertThat(store().searchExperiments(new ExperimentQuery(List.of(), List.of(), ViewType.ACTIVE_ONLY, 3, 2)))
                .isEmpty();
    }

    @Test
    default void invalidExperimentClausesAreClientErrors() {
        fourExperiments();
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid attribute key 'bogus'",
                () -> names(onAttribute("bogus", Operator.EQ, "x")));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid comparator '>'",
                () -> names(onAttribute("name", Operator.GT, "x")));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid order_by key",
                () -> names(ViewType.ALL, List.of(), List.of(asc(Entity.TAG, "owner"))));
        assertFails(ErrorCode.INVALID_PARAMETER_VALUE, "Use attributes or tags",
                () -> names(new Comparison(Entity.METRIC, "m", Operator.EQ,
                        new dev.sextant.tracking.search.Operand.Number(1))));
    }
}
