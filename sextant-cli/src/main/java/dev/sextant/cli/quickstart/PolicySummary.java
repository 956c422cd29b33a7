package dev.sextant.cli.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What a release policy asks of one target, read from its YAML for the narration: how many gate
 * checks, which approval set, and who is in it ({@code role ml-engineer, domain weather}).
 * The server checks the policy itself when it is uploaded.
 */
record PolicySummary(int gates, String approvalSet, String reviewers) {
    private static final YAMLMapper YAML = new YAMLMapper();

    static PolicySummary of(String policy, String target) {
        JsonNode root;
        try {
            root = YAML.readTree(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The example release policy is not valid YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode targetPolicy = root.path("targets").path(target);
        String set = targetPolicy.path("approvals").asText("");
        List<String> reviewers = new ArrayList<>();
        root.path("approval_sets").path(set).forEach(requirement -> requirement.properties()
                .forEach(field -> reviewers.add(field.getKey() + " " + field.getValue().asText())));
        return new PolicySummary(targetPolicy.path("gates").size(), set, String.join(", ", reviewers));
    }
}
