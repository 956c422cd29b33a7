package dev.sextant.server.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.server.HttpResult;
import dev.sextant.server.ServerTest;
import org.junit.jupiter.api.Test;

class MlflowExperimentsIT extends ServerTest {
    private static final String API = "/api/2.0/mlflow";

    static String create(String name) {
        HttpResult created = http.postJson(API + "/experiments/create",
                "{\"name\":\"" + name + "\",\"tags\":[{\"key\":\"team\",\"value\":\"search\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("experiment_id").textValue();
    }

    @Test
    void createThenGetHasMlflowShape() {
        String id = create("shape");

        HttpResult got = http.get(API + "/experiments/get?experiment_id=" + id);

        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("Content-Type")).startsWith("application/json");
        JsonNode experiment = got.json().get("experiment");
        assertThat(experiment.get("experiment_id").textValue()).isEqualTo(id);
        assertThat(experiment.get("name").textValue()).isEqualTo("shape");
        assertThat(experiment.get("artifact_location").textValue()).isEqualTo("mlflow-artifacts:/" + id);
        assertThat(experiment.get("lifecycle_stage").textValue()).isEqualTo("active");
        assertThat(experiment.get("creation_time").isIntegralNumber()).isTrue();
        assertThat(experiment.get("last_update_time").isIntegralNumber()).isTrue();
        assertThat(experiment.get("tags").get(0).get("key").textValue()).isEqualTo("team");
        assertThat(experiment.get("tags").get(0).get("value").textValue()).isEqualTo("search");
    }

    @Test
    void emptyTagsAreOmitted() {
        String id = http.postJson(API + "/experiments/create", "{\"name\":\"no-tags\"}").json()
                .get("experiment_id").textValue();

        JsonNode experiment = http.get(API + "/experiments/get?experiment_id=" + id).json().get("experiment");

        assertThat(experiment.has("tags")).isFalse();
    }

    @Test
    void getByNameAndAjaxPrefix() {
        String id = create("by-name");

        HttpResult byName = http.get(API + "/experiments/get-by-name?experiment_name=by-name");
        HttpResult ajax = http.get("/ajax-api/2.0/mlflow/experiments/get?experiment_id=" + id);

        assertThat(byName.json().get("experiment").get("experiment_id").textValue()).isEqualTo(id);
        assertThat(ajax.status()).isEqualTo(200);
        assertThat(ajax.json().get("experiment").get("name").textValue()).isEqualTo("by-name");
    }

    @Test
    void duplicateNameIsResourceAlreadyExistsWith400() {
        create("dup");

        HttpResult again = http.postJson(API + "/experiments/create", "{\"name\":\"dup\"}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error_code").textValue()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void unknownExperimentIs404WithMlflowBody() {
        HttpResult missing = http.get(API + "/experiments/get?experiment_id=999999");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error_code").textValue()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(missing.json().get("message").textValue()).isEqualTo("No Experiment with id=999999 exists");
        assertThat(missing.json().size()).isEqualTo(2);
        HttpResult byName = http.get(API + "/experiments/get-by-name?experiment_name=nope");
        assertThat(byName.status()).isEqualTo(404);
    }

    @Test
    void updateDeleteRestoreAndTags() {
        String id = create("lifecycle");

        assertThat(http.postJson(API + "/experiments/update",
                "{\"experiment_id\":\"" + id + "\",\"new_name\":\"renamed\"}").body()).isEqualTo("{}");
        assertThat(http.postJson(API + "/experiments/set-experiment-tag",
                "{\"experiment_id\":\"" + id + "\",\"key\":\"k\",\"value\":\"v\"}").status()).isEqualTo(200);
        assertThat(http.postJson(API + "/experiments/delete-experiment-tag",
                "{\"experiment_id\":\"" + id + "\",\"key\":\"team\"}").status()).isEqualTo(200);
        JsonNode renamed = http.get(API + "/experiments/get?experiment_id=" + id).json().get("experiment");
        assertThat(renamed.get("name").textValue()).isEqualTo("renamed");
        assertThat(renamed.get("tags")).hasSize(1);
        assertThat(renamed.get("tags").get(0).get("key").textValue()).isEqualTo("k");

        assertThat(http.postJson(API + "/experiments/delete", "{\"experiment_id\":\"" + id + "\"}").body())
                .isEqualTo("{}");
        assertThat(http.get(API + "/experiments/get?experiment_id=" + id).json().get("experiment")
                .get("lifecycle_stage").textValue()).isEqualTo("deleted");
        assertThat(http.postJson(API + "/experiments/restore", "{\"experiment_id\":\"" + id + "\"}").status())
                .isEqualTo(200);
        assertThat(http.get(API + "/experiments/get?experiment_id=" + id).json().get("experiment")
                .get("lifecycle_stage").textValue()).isEqualTo("active");
    }

    @Test
    void searchByPostAndGet() {
        create("search-alpha");
        create("search-beta");

        HttpResult posted = http.postJson(API + "/experiments/search",
                "{\"filter\":\"name LIKE 'search-%'\",\"order_by\":[\"name DESC\"],\"max_results\":10}");
        HttpResult got = http.get(API + "/experiments/search?filter=name%20LIKE%20%27search-%25%27"
                + "&order_by=name%20ASC&max_results=10&view_type=ACTIVE_ONLY");

        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.json().get("experiments")).extracting(e -> e.get("name").textValue())
                .containsExactly("search-beta", "search-alpha");
        assertThat(posted.json().has("next_page_token")).isFalse();
        assertThat(got.json().get("experiments")).extracting(e -> e.get("name").textValue())
                .containsExactly("search-alpha", "search-beta");
    }

    @Test
    void searchWithNoMatchIsEmptyObject() {
        HttpResult none = http.postJson(API + "/experiments/search", "{\"filter\":\"name = 'nothing-here'\"}");

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("{}");
    }
}
