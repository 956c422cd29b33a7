package dev.sextant.release.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The JSON form of a {@link Verdict}: how it is stored and how the API shows it. */
public final class VerdictJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerdictJson() {
    }

    public static ObjectNode tree(Verdict verdict) {
        Verdict.Facts facts = verdict.facts();
        ObjectNode out = JSON.createObjectNode()
                .put("id", facts.id())
                .put("model", facts.model())
                .put("version", facts.version())
                .put("target", facts.target())
                .put("passed", verdict.passed());
        if (facts.replaces().isPresent()) {
            out.put("replaces", facts.replaces().getAsLong());
        } else {
            out.putNull("replaces");
        }
        facts.evaluationId().ifPresentOrElse(id -> out.put("evaluation_id", id), () -> out.putNull("evaluation_id"));
        out.put("policy", facts.policy()).put("created_at", facts.createdAt()).put("created_by", facts.createdBy());
        ArrayNode checks = out.putArray("checks");
        for (CheckResult check : verdict.checks()) {
            checks.addObject().put("check", check.check()).put("passed", check.passed()).put("observed", check.observed())
                    .put("expected", check.expected()).put("detail", check.detail());
        }
        return out;
    }

    public static String write(Verdict verdict) {
        return tree(verdict).toString();
    }

    public static Verdict read(String json) {
        JsonNode in;
        try {
            in = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored verdict is not valid JSON: " + e.getOriginalMessage(), e);
        }
        List<CheckResult> checks = new ArrayList<>();
        in.path("checks").forEach(c -> checks.add(new CheckResult(c.path("check").asText(), c.path("passed").asBoolean(),
                c.path("observed").asText(), c.path("expected").asText(), c.path("detail").asText())));
        JsonNode replaces = in.path("replaces");
        JsonNode evaluation = in.path("evaluation_id");
        Verdict.Facts facts = new Verdict.Facts(in.path("id").asText(), in.path("model").asText(),
                in.path("version").asLong(), in.path("target").asText(),
                replaces.isNumber() ? OptionalLong.of(replaces.asLong()) : OptionalLong.empty(),
                evaluation.isTextual() ? Optional.of(evaluation.asText()) : Optional.empty(), in.path("policy").asText(),
                in.path("created_at").asLong(), in.path("created_by").asText());
        return Verdict.of(facts, checks);
    }
}
