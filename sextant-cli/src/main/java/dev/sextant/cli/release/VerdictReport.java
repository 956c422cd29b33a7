package dev.sextant.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sextant.cli.Table;
import java.io.PrintWriter;

/** A gate verdict as people read it: a table of every check, then what to do about each failure. */
final class VerdictReport {

    private VerdictReport() {
    }

    static void print(PrintWriter out, JsonNode verdict) {
        int failed = 0;
        for (JsonNode check : verdict.path("checks")) {
            failed += check.path("passed").asBoolean() ? 0 : 1;
        }
        out.println("Gate for models:/" + verdict.path("model").asText() + "/" + verdict.path("version").asLong() + " → "
                + verdict.path("target").asText() + ": " + (verdict.path("passed").asBoolean() ? "PASSED" : "FAILED")
                + " (" + (verdict.path("checks").size() - failed) + " of " + verdict.path("checks").size()
                + " checks passed; policy: " + verdict.path("policy").asText() + "; verdict " + verdict.path("id").asText()
                + ")");
        if (verdict.path("checks").isEmpty()) {
            out.println("The policy in force has no checks for this target.");
            out.flush();
            return;
        }
        Table table = new Table("", "CHECK", "OBSERVED", "EXPECTED");
        verdict.path("checks").forEach(c -> table.row(c.path("passed").asBoolean() ? "ok" : "FAIL",
                c.path("check").asText(), c.path("observed").asText(), c.path("expected").asText()));
        table.print(out);
        verdict.path("checks").forEach(c -> {
            if (!c.path("passed").asBoolean()) {
                out.println("  FAIL " + c.path("check").asText() + ": " + c.path("detail").asText());
            }
        });
        out.flush();
    }
}
