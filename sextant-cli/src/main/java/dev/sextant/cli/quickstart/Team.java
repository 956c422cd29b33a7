package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The people of the loop, each with an API token the admin creates through the API: a data
 * scientist trains and evaluates, an ML engineer owns the release policy and the deployment, a
 * meteorologist and a compliance reviewer approve, and an application sends predictions with a
 * token that may do nothing else.
 */
record Team(Person scientist, Person engineer, Person meteorologist, Person compliance, Person app) {
    private static final int DAYS = 30;

    static Team create(Api api, Person admin, String deployment) {
        return new Team(
                token(api, admin, "sam", "data-scientist", "", ""),
                token(api, admin, "erin", "ml-engineer", "", ""),
                token(api, admin, "maya", "approver", "weather", ""),
                token(api, admin, "carol", "approver", "compliance", ""),
                token(api, admin, "weather-app", "viewer", "", "predict:" + deployment));
    }

    List<Person> all() {
        return List.of(scientist, engineer, meteorologist, compliance, app);
    }

    private static Person token(Api api, Person admin, String name, String role, String domain, String scope) {
        ObjectNode request = Api.JSON.createObjectNode().put("name", name).put("role", role).put("expires_in_days", DAYS);
        if (!domain.isEmpty()) {
            request.put("domain", domain);
        }
        if (!scope.isEmpty()) {
            request.putArray("scopes").add(scope);
        }
        JsonNode issued = api.post(admin, "/api/v1/tokens", request);
        String secret = issued.path("secret").asText();
        if (secret.isEmpty()) {
            throw new LoopFailure("POST /api/v1/tokens answered without a secret for " + name);
        }
        String shown = !domain.isEmpty() ? role + ": " + domain : !scope.isEmpty() ? scope : role;
        return new Person(name, shown, secret);
    }
}
